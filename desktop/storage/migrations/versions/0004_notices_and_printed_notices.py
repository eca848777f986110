"""Notices and the PDFs printed of them (the notice archive).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 15:19:36.191697
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('notice',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('issuing_body', sa.String(length=100), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('posted_from', sa.Date(), nullable=True),
    sa.Column('posted_until', sa.Date(), nullable=True),
    sa.Column('objection', sa.Text(), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.Column('attachments', sa.Text(), nullable=False),
    sa.Column('paper', sa.String(length=4), nullable=False),
    sa.Column('mask', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.String(length=64), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice'))
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index('ix_notice_created_hlc', ['created_hlc'], unique=False)

    op.create_table('notice_print',
    sa.Column('notice_id', sa.String(length=36), nullable=False),
    sa.Column('printed_at', sa.DateTime(), nullable=False),
    sa.Column('printed_by', sa.String(length=100), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.String(length=64), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], name=op.f('fk_notice_print_notice_id_notice')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_print'))
    )
    with op.batch_alter_table('notice_print', schema=None) as batch_op:
        batch_op.create_index('ix_notice_print_created_hlc', ['created_hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_print_notice_id'), ['notice_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('notice_print', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_print_notice_id'))
        batch_op.drop_index('ix_notice_print_created_hlc')

    op.drop_table('notice_print')
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index('ix_notice_created_hlc')

    op.drop_table('notice')
