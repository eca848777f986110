"""Survey forms (form) and their versions (form_version, the definition as JSON).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 03:08:41.024538
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('form',
    sa.Column('form_key', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.String(length=64), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form'))
    )
    with op.batch_alter_table('form', schema=None) as batch_op:
        batch_op.create_index('ix_form_created_hlc', ['created_hlc'], unique=False)

    op.create_table('form_version',
    sa.Column('form_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=100), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('file_name', sa.String(length=260), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.String(length=64), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['form_id'], ['form.id'], name=op.f('fk_form_version_form_id_form')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_version'))
    )
    with op.batch_alter_table('form_version', schema=None) as batch_op:
        batch_op.create_index('ix_form_version_created_hlc', ['created_hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_version_form_id'), ['form_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('form_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_version_form_id'))
        batch_op.drop_index('ix_form_version_created_hlc')

    op.drop_table('form_version')
    with op.batch_alter_table('form', schema=None) as batch_op:
        batch_op.drop_index('ix_form_created_hlc')

    op.drop_table('form')
