"""search indexes: every search key answered by an index, documents in order

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 07:30:00

- documents.order_key (newest first, unique; the FTS5 rowid on SQLite) and
  documents.text_terms (PostgreSQL: the text's index terms as a tsvector);
- SQLite: FTS5 tables `search_<table>` over the short key columns (names, units,
  titles, issuers; external content, kept in step by triggers) and `search_texts` over the folded texts (contentless,
  rowid the order key; the store writes it);
- PostgreSQL: pg_trgm GIN indexes on the key columns, a GIN index on text_terms,
  text_pattern_ops indexes for leading parts of legal numbers, the sequence of order keys.

Order keys, text terms and search_texts of stored documents are made by the store
when it opens: this revision forgets the fingerprint of the stored keys, so it reindexes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# the short key columns with an index, and the integer column that is the FTS5 rowid
# (models/indexes.py SHORT_KEYS)
SHORT_KEYS = {"people": ("name_key", "id"), "members": ("name_key", "id"), "committees": ("name_key", "id"),
              "task_stats": ("holder_key", "id"), "legal_refs": ("title_key", "id"),
              "documents": ("issuer_key", "order_key")}
PG_TRIGRAM_KEYS = {table: column for table, (column, _) in SHORT_KEYS.items()}


def upgrade() -> None:
    op.execute("DELETE FROM meta WHERE name = 'search_keys'")  # the store reindexes when it opens
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_terms', sa.Text().with_variant(TSVECTOR(), 'postgresql'), nullable=True))
        batch_op.add_column(sa.Column('order_key', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_documents_order_key'), ['order_key'], unique=True)
    if op.get_context().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table, column in PG_TRIGRAM_KEYS.items():
            op.execute(f"CREATE INDEX ix_search_{table}_{column} ON {table} USING gin ({column} gin_trgm_ops)")
        op.execute("CREATE INDEX ix_search_texts_text_terms ON documents USING gin (text_terms)")
        for table in ("documents", "legal_refs"):
            op.execute(f"CREATE INDEX ix_search_{table}_number_prefix ON {table} (number_key text_pattern_ops)")
        op.execute("CREATE SEQUENCE documents_order_seq")
        return
    for table, (column, rowid) in SHORT_KEYS.items():
        fts = f"search_{table}"
        # rows without a key are not indexed (most references have no title); a row without its
        # rowid yet (a document stored before order keys) is indexed when it gets one
        add = (f"INSERT INTO {fts}(rowid, {column}) SELECT new.{rowid}, new.{column} "
               f"WHERE new.{rowid} IS NOT NULL AND new.{column} IS NOT NULL;")
        remove = (f"INSERT INTO {fts}({fts}, rowid, {column}) SELECT 'delete', old.{rowid}, old.{column} "
                  f"WHERE old.{rowid} IS NOT NULL AND old.{column} IS NOT NULL;")
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='{rowid}')")
        op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END")
        op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END")
        op.execute(f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {column}, {rowid} ON {table} BEGIN {remove} {add} END")
        if rowid == "id":  # documents get theirs from the store's reindex, through the update trigger
            op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    # the folded texts (a-z, 0-9 and spaces: the ascii tokenizer is enough), with positions
    # for phrases; contentless: the store gives a row's text again to remove it
    op.execute("CREATE VIRTUAL TABLE search_texts USING fts5(text_key, content='', columnsize=0, tokenize='ascii')")


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE IF EXISTS documents_order_seq")
        for table, column in PG_TRIGRAM_KEYS.items():
            op.execute(f"DROP INDEX IF EXISTS ix_search_{table}_{column}")
        op.execute("DROP INDEX IF EXISTS ix_search_texts_text_terms")
        for table in ("documents", "legal_refs"):
            op.execute(f"DROP INDEX IF EXISTS ix_search_{table}_number_prefix")
    else:
        op.execute("DROP TABLE IF EXISTS search_texts")
        for table in SHORT_KEYS:
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{event}")
            op.execute(f"DROP TABLE IF EXISTS search_{table}")
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_order_key'))
        batch_op.drop_column('order_key')
        batch_op.drop_column('text_terms')
