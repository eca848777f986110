"""Sync exchange bookkeeping: peers, the version vector, the bundle log, the review list
and fields withheld from this copy.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 15:42:17.742901
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bundle_log',
    sa.Column('bundle_id', sa.String(length=64), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('peer_device_id', sa.String(length=32), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.Column('file_name', sa.String(length=260), nullable=False),
    sa.PrimaryKeyConstraint('bundle_id', name=op.f('pk_bundle_log'))
    )
    op.create_table('seen_stamp',
    sa.Column('node', sa.String(length=64), nullable=False),
    sa.Column('stamp', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('node', name=op.f('pk_seen_stamp'))
    )
    op.create_table('sync_conflict',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('kept_value', sa.Text(), nullable=True),
    sa.Column('kept_hlc', sa.String(length=64), nullable=False),
    sa.Column('lost_value', sa.Text(), nullable=True),
    sa.Column('lost_hlc', sa.String(length=64), nullable=False),
    sa.Column('lost_operator', sa.String(length=100), nullable=False),
    sa.Column('lost_node', sa.String(length=64), nullable=False),
    sa.Column('detected_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by', sa.String(length=100), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict'))
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index('ix_sync_conflict_open', ['resolved_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_row_id'), ['row_id'], unique=False)

    op.create_table('sync_peer',
    sa.Column('device_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('node', sa.String(length=64), nullable=False),
    sa.Column('public_key', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=128), nullable=False),
    sa.Column('trusted', sa.Boolean(), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(), nullable=False),
    sa.Column('last_import_at', sa.DateTime(), nullable=True),
    sa.Column('last_export_at', sa.DateTime(), nullable=True),
    sa.Column('acked', sa.JSON(), nullable=False),
    sa.Column('scope', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_sync_peer'))
    )
    op.create_table('withheld_field',
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('row_id', 'field', name=op.f('pk_withheld_field'))
    )


def downgrade() -> None:
    op.drop_table('withheld_field')
    op.drop_table('sync_peer')
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_row_id'))
        batch_op.drop_index('ix_sync_conflict_open')

    op.drop_table('sync_conflict')
    op.drop_table('seen_stamp')
    op.drop_table('bundle_log')
