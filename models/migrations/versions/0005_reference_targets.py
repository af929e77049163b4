"""reference targets and date keys: a referenced document's mentions, and committees, in date order from one index

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 22:00:00

- legal_refs.target_key (which referenced document a mention is of, `models.search.target_key`)
  and legal_refs.date_key (its document's place in date order), indexed together with
  ev_start: the first mentions of a target in date order, and its counts, are read from
  that index alone;
- committees.date_key, indexed with seq: committees in date order without sorting every match;
- SQLite: search_texts made again with prefix indexes of one and two letters and the order
  keys negated as rowids (the store writes them; see `models.store._FTS_INSERT` for why),
  and search_words, every word of the texts once (`models.store._fts_phrase`);
- legal_titles: each title a target is cited under, once, searched instead of the title of
  every mention (SQLite: FTS5 table search_legal_titles; PostgreSQL: a pg_trgm GIN index);
  the search index over every mention's title (search_legal_refs, ix_search_legal_refs_title_key)
  goes.

Measured (issue 16, 200,000 documents, SQLite): the words "dat dai" name 100 cited
documents; counting and listing their mentions through every mention's title took 356 ms,
through the targets 51 ms (references p95 292 -> 61 ms, committees 94 -> 26 ms). The keys
of stored references are made by the store when it opens: this revision forgets the
fingerprint of the stored keys, so it reindexes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# the folded texts, as revision 0004 made them
TEXTS = "text_key, content='', columnsize=0, tokenize='ascii'"


def upgrade() -> None:
    op.execute("DELETE FROM meta WHERE name = 'search_keys'")  # the store reindexes when it opens
    pg = op.get_context().dialect.name == "postgresql"
    if pg:
        op.execute("DROP INDEX IF EXISTS ix_search_legal_refs_title_key")
    else:  # before legal_refs is altered
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS search_legal_refs_{event}")
        op.execute("DROP TABLE IF EXISTS search_legal_refs")
    op.create_table(
        'legal_titles',
        sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('target_key', sa.BigInteger(), nullable=False),
        sa.Column('title_key', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('legal_refs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_key', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('date_key', sa.BigInteger(), nullable=True))
        batch_op.create_index('ix_legal_refs_target', ['target_key', 'date_key', 'ev_start'], unique=False)
    with op.batch_alter_table('committees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('date_key', sa.BigInteger(), nullable=True))
        batch_op.create_index('ix_committees_date', ['date_key', 'seq'], unique=False)
    if pg:
        op.execute("CREATE INDEX ix_search_legal_titles_title_key ON legal_titles USING gin (title_key gin_trgm_ops)")
        return
    op.execute("DROP TABLE IF EXISTS search_texts")
    op.execute(f"CREATE VIRTUAL TABLE search_texts USING fts5({TEXTS}, prefix='1 2')")
    op.execute("CREATE TABLE search_words (word TEXT PRIMARY KEY) WITHOUT ROWID")
    # as the FTS5 tables of revision 0004; the store only inserts and deletes titles
    op.execute("CREATE VIRTUAL TABLE search_legal_titles USING fts5(title_key, content='legal_titles', content_rowid='id')")
    op.execute("CREATE TRIGGER search_legal_titles_insert AFTER INSERT ON legal_titles BEGIN "
               "INSERT INTO search_legal_titles(rowid, title_key) VALUES (new.id, new.title_key); END")
    op.execute("CREATE TRIGGER search_legal_titles_delete AFTER DELETE ON legal_titles BEGIN "
               "INSERT INTO search_legal_titles(search_legal_titles, rowid, title_key) "
               "VALUES ('delete', old.id, old.title_key); END")


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for event in ("insert", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS search_legal_titles_{event}")
        op.execute("DROP TABLE IF EXISTS search_legal_titles")
        op.execute("DROP TABLE IF EXISTS search_words")
        op.execute("DROP TABLE IF EXISTS search_texts")
        op.execute(f"CREATE VIRTUAL TABLE search_texts USING fts5({TEXTS})")  # filled when the store reindexes
        op.execute("DELETE FROM meta WHERE name = 'search_keys'")
    # columns dropped in place (SQLite 3.35+ as well): a table made again would lose the
    # triggers that keep revision 0004's FTS5 tables in step
    op.drop_index('ix_legal_refs_target', table_name='legal_refs')
    op.drop_index('ix_committees_date', table_name='committees')
    for table, column in (("legal_refs", "date_key"), ("legal_refs", "target_key"), ("committees", "date_key")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    op.drop_table('legal_titles')
    if op.get_context().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_search_legal_refs_title_key ON legal_refs USING gin (title_key gin_trgm_ops)")
        return
    # revision 0004's FTS5 table over every mention's title, after legal_refs is altered
    fts, add = "search_legal_refs", "SELECT new.id, new.title_key WHERE new.title_key IS NOT NULL;"
    remove = "SELECT 'delete', old.id, old.title_key WHERE old.title_key IS NOT NULL;"
    op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(title_key, content='legal_refs', content_rowid='id')")
    op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON legal_refs BEGIN INSERT INTO {fts}(rowid, title_key) {add} END")
    op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON legal_refs BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, title_key) {remove} END")
    op.execute(f"CREATE TRIGGER {fts}_update AFTER UPDATE OF title_key, id ON legal_refs BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, title_key) {remove} INSERT INTO {fts}(rowid, title_key) {add} END")
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
