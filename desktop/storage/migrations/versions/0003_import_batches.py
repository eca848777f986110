"""Import batches: each roster import recorded, so it can be undone as a whole.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 14:43:09.649787
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_batch',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('file_name', sa.String(length=260), nullable=False),
    sa.Column('sheet', sa.String(length=100), nullable=False),
    sa.Column('policy', sa.String(length=10), nullable=False),
    sa.Column('operator', sa.String(length=100), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('node', sa.String(length=64), nullable=False),
    sa.Column('first_stamp', sa.String(length=64), nullable=False),
    sa.Column('last_stamp', sa.String(length=64), nullable=False),
    sa.Column('created', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('skipped', sa.Integer(), nullable=False),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.Column('undone_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch'))
    )


def downgrade() -> None:
    op.drop_table('import_batch')
