"""Indexed search conditions, one meaning on both databases (see `models.search`).

Every search key column is matched through an index, never by scanning the table:

- SQLite: FTS5 tables beside the rows. `search_<table>` indexes a short key column
  (a name, a unit, a title) with the rows as its external content, kept in step by
  triggers; `search_texts` indexes each document's folded text with word positions
  and the first one and two letters of each word (a last word cut short, "ho", is one
  list to read, not the merge of every word it starts), its rowid the document's
  `order_key` negated, so that the newest matches come first straight from the index
  read in ascending order. Made by migrations 0004 and 0005.
- PostgreSQL: the same `LIKE` patterns as before on the key columns, answered by
  `pg_trgm` GIN indexes, and the terms of each text in `documents.text_terms`
  (a `tsvector` with a GIN index).

Legal numbers match whole or by a leading part that ends where the number has a "/":
"49/2017" finds "49/2017/NĐ-CP" (`number_matches`).
"""
from __future__ import annotations

from sqlalchemy import and_, bindparam, column, literal_column, or_, select, table, text
from sqlalchemy.sql.elements import ColumnElement

from models.search import fts5_query, like_each_word, like_phrase

# key columns with an FTS5 table on SQLite: table -> (column, the integer column that is
# the FTS5 rowid) (see migration 0004)
SHORT_KEYS = {
    "people": ("name_key", "id"),
    "members": ("name_key", "id"),
    "committees": ("name_key", "id"),
    "task_stats": ("holder_key", "id"),
    "legal_titles": ("title_key", "id"),
    "documents": ("issuer_key", "order_key"),
}


def _fts_rows(table_name: str, expression: str) -> ColumnElement:
    """`id IN (rows of search_<table> matching an FTS5 expression)`."""
    fts = f"search_{table_name}"
    return select(literal_column("rowid")).select_from(table(fts)).where(
        literal_column(fts).op("MATCH")(bindparam(f"{fts}_match", expression, unique=True))).scalar_subquery()


def has_phrase(dialect: str, mapped, column_name: str, folded_query: str) -> ColumnElement | None:
    """The key column holds the query's words in order, the last possibly cut short
    (`like_phrase`); None for an empty query."""
    words = folded_query.split()
    if not words:
        return None
    if dialect == "sqlite" and mapped.__tablename__ in SHORT_KEYS:
        rowid = getattr(mapped, SHORT_KEYS[mapped.__tablename__][1])
        return rowid.in_(_fts_rows(mapped.__tablename__, '"' + " ".join(words) + '" *'))
    return getattr(mapped, column_name).like(like_phrase(folded_query))


def has_words(dialect: str, mapped, column_name: str, folded_query: str) -> ColumnElement | None:
    """The key column holds every word of the query, each whole, the last possibly cut
    short, in any order (`like_each_word`); None for an empty query."""
    words = folded_query.split()
    if not words:
        return None
    if dialect == "sqlite" and mapped.__tablename__ in SHORT_KEYS:
        rowid = getattr(mapped, SHORT_KEYS[mapped.__tablename__][1])
        return rowid.in_(_fts_rows(mapped.__tablename__, fts5_query(words)))
    return and_(*(getattr(mapped, column_name).like(p) for p in like_each_word(folded_query)))


def number_matches(dialect: str, number_column, number_key: str) -> ColumnElement:
    """A number key equal to `number_key`, or starting with it followed by "/"."""
    if dialect == "postgresql":  # a text_pattern_ops index answers LIKE 'prefix%' whatever the collation
        escaped = number_key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return or_(number_column == number_key, number_column.like(escaped + "/%", escape="\\"))
    # "/" is followed by "0" in code point order: the range is every key that continues with "/"
    return or_(number_column == number_key, and_(number_column >= number_key + "/", number_column < number_key + "0"))


# the FTS5 table of document texts, for joins
search_texts = table("search_texts", column("rowid"))


def text_match_sqlite(expression: str) -> ColumnElement:
    return literal_column("search_texts").op("MATCH")(bindparam("search_texts_match", expression))


def text_match_postgresql(terms_column, query: str) -> ColumnElement:
    return terms_column.op("@@")(text("CAST(:text_terms_query AS tsquery)").bindparams(text_terms_query=query))
