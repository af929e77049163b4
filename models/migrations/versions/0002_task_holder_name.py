"""task holder name: whose counts a row holds where the text names no holder

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 00:37:48.295740
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

def upgrade() -> None:
    with op.batch_alter_table('task_stats', schema=None) as batch_op:
        batch_op.add_column(sa.Column('holder_name', sa.Text(), nullable=True))
    # rows stored before: the holder as written, else the document's issuer (as holder_key had it)
    op.execute("UPDATE task_stats SET holder_name = COALESCE(holder, "
               "(SELECT issuer FROM documents WHERE documents.id = task_stats.document_id))")

def downgrade() -> None:
    with op.batch_alter_table('task_stats', schema=None) as batch_op:
        batch_op.drop_column('holder_name')

