"""The store: documents and every record item as rows, in SQLite or PostgreSQL.

Public interface (the HTTP service, the batch runner and `vanban query` use only this
and `models.query`):

    store = Store(url=None)   # None -> $VANBAN_DB, else an SQLite file in the user's data
                              # directory; a plain path means an SQLite file there.
                              # Opening upgrades the schema to the newest Alembic revision.
    store.add(record, *, original=None, filename=None, content_hash=None, source_id=None) -> doc id
        One transaction (`add_many` for many documents in one). The doc id is `record.document.id` (sha256 of the normalized text).
        The same content again is a no-op; a record from a newer `extractor_version`
        replaces the document's rows; an older one changes nothing. `record.text` (extract
        with `with_text=True`) is stored as the document's text; `original` is the file's
        bytes; `content_hash` the caller's hash of its input (default: the doc id), which
        `has` answers for; a failure recorded under `source_id` (the caller's id of the
        input, as given to `add_failure`), the filename or the hash is cleared.
    store.add_many([Entry(record, original=..., filename=..., ...), ...]) -> doc ids
        What `add` does for each, in one transaction: all of them or none (batches).
    store.has(content_hash, extractor_version) -> bool     # resumable batches
    store.document_id(content_hash) -> str | None          # which document an input gave
    store.record(doc_id) -> dict | None                    # its record (without text), alone
    store.records(doc_ids) -> dict[str, dict]              # the same for many, one query
    store.add_failure(source_id, reason)                   # a document that could not be done
    store.failures() -> list[Failure]
    store.get(doc_id) -> StoredDocument | None             # record dict, text, filename, original
    store.delete(doc_id) -> bool
    store.documents(*, kind, issuer, date_from, date_to, q, limit=50, offset=0)
        -> list[DocumentSummary]                           # newest first (`order_key`)
    store.counts() -> dict[str, int]                       # rows per table
    store.reindex() -> int        # rebuild search keys (done on open when aliases or rules changed)
    store.settle() -> int         # after a bulk load (PostgreSQL: pending index entries merged, vacuum)
    store.session() -> a SQLAlchemy Session (context manager) for `models.query`
    store.close()

Searchable values carry folded key columns (`models.search`) so that matching is
accent-, case-, alias- and dash-insensitive the same way on either database, and every
search goes through an index (`models.indexes`).

Writes are made for batches: `add_many` classifies its documents with one query, then
writes each table with one executemany (multi-row statements) for all of them. On
PostgreSQL the entries each write leaves pending in the GIN search indexes are merged by
a thread of the store on a connection of its own (`models.pending`), and `settle` ends a
bulk load.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from dataclasses import dataclass, field

from pydantic import BaseModel, field_validator
from sqlalchemy import (
    JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, create_engine, delete,
    bindparam, case, event, exists, false, func, insert, select, text, update,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.types import TypeDecorator
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, aliased, mapped_column, relationship, sessionmaker

from models import indexes
from models.pending import PendingMerger, merge_pending
from models.records import Record
from models.search import (
    digest, fingerprint, fold, key, like_phrase, number_key, phrase_terms, target_key, terms, tsquery,
)


# --- tables ------------------------------------------------------------------

class Base(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class _RecordJSON(TypeDecorator):
    """JSON that also takes a record already serialized (`Entry.record_json`, what a
    batch worker sent) as it is, instead of serializing the record again."""
    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect):
        serialize = self.impl_instance.dialect_impl(dialect).bind_processor(dialect)

        def process(value):
            if isinstance(value, _Serialized):
                return str(value)
            return serialize(value) if serialize else value
        return process


class _Serialized(str):
    """A record as JSON text, for `_RecordJSON`."""


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    filename: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String(200))
    number_key: Mapped[str | None] = mapped_column(String(200), index=True)
    issuer: Mapped[str | None] = mapped_column(Text)
    issuer_key: Mapped[str | None] = mapped_column(Text)
    issued_on: Mapped[str | None] = mapped_column(String(32), index=True)
    place: Mapped[str | None] = mapped_column(Text)
    signer_name: Mapped[str | None] = mapped_column(Text)
    signer_position: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str | None] = mapped_column(String(20))
    extractor_version: Mapped[str | None] = mapped_column(String(50))
    schema_version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    # PostgreSQL: key() of the text, and its index terms (`models.search.terms`). SQLite
    # keeps the key only in its FTS5 table search_texts and leaves both empty.
    text_key: Mapped[str | None] = mapped_column(Text, deferred=True)
    text_terms: Mapped[str | None] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"), deferred=True)
    # newest first is this column descending: the issue date as YYYYMMDD in the high bits,
    # the order documents were added in below (`_order_key`); unique, the FTS5 rowid
    order_key: Mapped[int | None] = mapped_column(BigInteger, index=True, unique=True)
    record: Mapped[dict] = mapped_column(_RecordJSON)  # the record as extracted, without text
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class OriginalRow(Base):
    """The file a document came from, apart so that listing documents never loads it."""
    __tablename__ = "originals"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SourceRow(Base):
    """Each input (by the caller's content hash) that gave a document."""
    __tablename__ = "sources"

    content_hash: Mapped[str] = mapped_column(String(128), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class FailureRow(Base):
    __tablename__ = "failures"

    source_id: Mapped[str] = mapped_column(String(1000), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class MetaRow(Base):
    """Facts about the store itself: the fingerprint its search keys were made with."""
    __tablename__ = "meta"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class _Item:
    """Columns every item row has: its document, its place in the record, its evidence."""
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(Integer)
    ev_start: Mapped[int] = mapped_column(Integer)
    ev_end: Mapped[int] = mapped_column(Integer)
    ev_text: Mapped[str] = mapped_column(Text)


class LegalRefRow(_Item, Base):
    __tablename__ = "legal_refs"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(100))
    number: Mapped[str | None] = mapped_column(String(200))
    number_key: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    title_key: Mapped[str | None] = mapped_column(Text)  # key of type and title: "luat ban hanh ..."
    issuer: Mapped[str | None] = mapped_column(Text)
    issued_on: Mapped[str | None] = mapped_column(String(32))
    relation: Mapped[str | None] = mapped_column(String(20))
    # which referenced document the mention is of (`models.search.target_key`), and its
    # document's place in date order (`_date_key`): a target's mentions in date order
    # straight from one index, however many
    target_key: Mapped[int | None] = mapped_column(BigInteger)
    date_key: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_legal_refs_target", "target_key", "date_key", "ev_start"),)


class LegalTitleRow(Base):
    """Each title a target is cited under, once: where a law's name is looked up
    ("luat dat dai") without going through its every mention. Written with the mentions,
    never removed (a title whose mentions are gone finds nothing)."""
    __tablename__ = "legal_titles"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)  # `digest` of target and title
    target_key: Mapped[int] = mapped_column(BigInteger)
    title_key: Mapped[str] = mapped_column(Text)


class DateRow(_Item, Base):
    __tablename__ = "dates"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String(64))
    granularity: Mapped[str] = mapped_column(String(20))
    relative: Mapped[bool] = mapped_column(Boolean)
    first_day: Mapped[str | None] = mapped_column(String(10), index=True)  # the period's bounds, ISO days
    last_day: Mapped[str | None] = mapped_column(String(10))


class TaskStatRow(_Item, Base):
    __tablename__ = "task_stats"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(30))
    count: Mapped[int] = mapped_column(Integer)
    total: Mapped[int | None] = mapped_column(Integer)
    holder: Mapped[str | None] = mapped_column(Text)       # as written
    holder_name: Mapped[str | None] = mapped_column(Text)  # as written, else whose counts they are (`_holder`)
    holder_key: Mapped[str | None] = mapped_column(Text)   # key of holder_name
    assigned_by: Mapped[str | None] = mapped_column(Text)
    as_of: Mapped[str | None] = mapped_column(String(32))
    period: Mapped[str | None] = mapped_column(String(32), index=True)  # as_of, else the document's date


class CommitteeRow(_Item, Base):
    __tablename__ = "committees"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text)
    parent: Mapped[str | None] = mapped_column(Text)
    member_count: Mapped[int | None] = mapped_column(Integer)
    date_key: Mapped[int | None] = mapped_column(BigInteger)  # its document's place in date order (`_date_key`)
    members: Mapped[list[MemberRow]] = relationship(
        back_populates="committee", order_by="MemberRow.seq", cascade="all, delete-orphan", passive_deletes=True)

    # committees in date order, the first of a common name's thousands without sorting them all
    __table_args__ = (Index("ix_committees_date", "date_key", "seq"),)


class MemberRow(_Item, Base):
    __tablename__ = "members"

    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(Text)
    name_key: Mapped[str | None] = mapped_column(String(300), index=True)
    role: Mapped[str] = mapped_column(Text)
    position: Mapped[str | None] = mapped_column(Text)
    organization: Mapped[str | None] = mapped_column(Text)
    organization_key: Mapped[str | None] = mapped_column(Text)
    committee: Mapped[CommitteeRow] = relationship(back_populates="members")


class PersonRow(_Item, Base):
    __tablename__ = "people"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    position: Mapped[str | None] = mapped_column(Text)
    organization: Mapped[str | None] = mapped_column(Text)
    organization_key: Mapped[str | None] = mapped_column(Text)


ITEM_TABLES = (MemberRow, CommitteeRow, LegalRefRow, DateRow, TaskStatRow, PersonRow)

# Every search key of the item tables: (table, the columns it is made from, how).
# `reindex` replays these; `_item_rows` makes the same keys when a record is added.
# The documents' keys: `_document_values`, and `_reindex_documents` for stored ones.
_KEYED = (
    (LegalRefRow, (LegalRefRow.number, LegalRefRow.type, LegalRefRow.title), lambda *ref: _ref_keys(*ref)),
    (TaskStatRow, (TaskStatRow.holder_name,), lambda holder: {"holder_key": key(holder) or None}),
    (CommitteeRow, (CommitteeRow.name,), lambda name: {"name_key": key(name)}),
    (MemberRow, (MemberRow.name, MemberRow.organization),
     lambda name, org: {"name_key": fold(name) or None, "organization_key": key(org) or None}),
    (PersonRow, (PersonRow.name, PersonRow.organization),
     lambda name, org: {"name_key": fold(name), "organization_key": key(org) or None}),
)


def _ref_keys(number: str | None, type_: str, title: str | None) -> dict[str, Any]:
    """The search keys of a reference: its number's, its title's (with its type), its target's."""
    keys = {"number_key": number_key(number) or None, "title_key": key(f"{type_} {title}") if title else None}
    return dict(keys, target_key=target_key(keys["number_key"], type_, keys["title_key"]))


_TITLE_INSERT = text("INSERT INTO legal_titles (id, target_key, title_key) VALUES (:id, :target_key, :title_key) "
                     "ON CONFLICT (id) DO NOTHING")


def _add_titles(c: Connection, refs: Iterable[dict]) -> None:
    """Each (target, title) of these reference rows into `legal_titles`, unless there.
    In id order: two writers adding the same titles wait for each other, never deadlock."""
    rows = {}
    for r in refs:
        if r["title_key"]:
            rows[digest(f"{r['target_key']}{r['title_key']}")] = (r["target_key"], r["title_key"])
    if rows:
        c.execute(_TITLE_INSERT, [{"id": i, "target_key": t, "title_key": k} for i, (t, k) in sorted(rows.items())])


# --- results -----------------------------------------------------------------

class DocumentSummary(BaseModel):
    id: str
    source: str
    filename: str | None = None
    kind: str
    title: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_on: str | None = None
    extractor_version: str | None = None
    added_at: dt.datetime | None = None

    @field_validator("added_at")
    @classmethod
    def _utc(cls, value: dt.datetime | None) -> dt.datetime | None:
        """Stored in UTC without a zone (both databases alike): given with it."""
        return value.replace(tzinfo=dt.timezone.utc) if value is not None and value.tzinfo is None else value

    @classmethod
    def of(cls, row: DocumentRow) -> "DocumentSummary":
        return cls(**{f: getattr(row, f) for f in cls.model_fields})


class _Listed(DocumentSummary):
    """A summary with its place in the listing, for merging two listings."""
    order_key: int | None = None


_SUMMARY = [*(getattr(DocumentRow, f) for f in DocumentSummary.model_fields), DocumentRow.order_key]


class StoredDocument(DocumentSummary):
    record: dict[str, Any]
    text: str | None = None
    content_hash: str | None = None
    original: bytes | None = None


class Failure(BaseModel):
    source_id: str
    reason: str
    at: dt.datetime

    @field_validator("at")
    @classmethod
    def _utc(cls, value: dt.datetime) -> dt.datetime:
        return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value


# --- the store ---------------------------------------------------------------

def default_url() -> str:
    """$VANBAN_DB, else an SQLite file in the user's data directory."""
    if os.environ.get("VANBAN_DB"):
        return os.environ["VANBAN_DB"]
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("vanban"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'vanban.sqlite3'}"


def _resolve_url(url: str | None) -> str:
    url = url or default_url()
    if "://" not in url:  # a plain path: an SQLite file
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    for plain in ("postgresql://", "postgres://"):  # the driver installed is psycopg 3
        if url.startswith(plain):
            url = "postgresql+psycopg://" + url[len(plain):]
    return url


def _version_key(v: str | None) -> tuple:
    """"0.10.1" > "0.9": compare the numbers in a version, then its text."""
    if not v:
        return ()
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|[A-Za-z]+", v))


@lru_cache(maxsize=4096)  # the same values come back in document after document
def _day_bounds(value: str) -> tuple[str | None, str | None]:
    """First and last ISO day of a date value ("2017-06" -> 2017-06-01, 2017-06-30)."""
    import calendar

    def bounds(part: str) -> tuple[str | None, str | None]:
        part = part[:10]
        m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", part)
        if not m:
            return None, None
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if d:
            return part, part
        if mo:
            last = calendar.monthrange(int(y), int(mo))[1]
            return f"{y}-{mo}-01", f"{y}-{mo}-{last:02d}"
        return f"{y}-01-01", f"{y}-12-31"

    if "/" in value:
        a, b = value.split("/", 1)
        return bounds(a)[0], bounds(b)[1]
    return bounds(value)


class Store:
    """Documents and their record items in a database (see the module docstring)."""

    def __init__(self, url: str | None = None, *, upgrade: bool = True) -> None:
        self.url = _resolve_url(url)
        self.engine: Engine = _engine(self.url)
        if upgrade:
            from models.migrations import upgrade as upgrade_schema

            in_memory = self.url.startswith("sqlite") and (":memory:" in self.url or self.url == "sqlite://")
            migrating = self.engine if in_memory else _engine(self.url, serialized=True)
            try:
                upgrade_schema(migrating)
            finally:
                if migrating is not self.engine:
                    migrating.dispose()
            self._check_keys()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # PostgreSQL: the search indexes' new entries merged beside the writer (models.pending)
        self._merger = PendingMerger(self.engine) if self.engine.dialect.name == "postgresql" else None

    def _check_keys(self) -> None:
        """Rebuild the search keys if they were made with other rules or aliases."""
        wanted = fingerprint()
        with self.engine.connect() as c:
            made = c.execute(select(MetaRow.value).where(MetaRow.name == "search_keys")).scalar()
        if made != wanted:
            try:
                self.reindex()
            except IntegrityError:  # another process opening the store wrote it first
                self.reindex()

    def reindex(self) -> int:
        """Recompute every stored search key (after the alias table or the folding rules
        changed; `Store` does it on open when needed). One transaction; returns the rows."""
        with self.engine.begin() as c:
            changed = _reindex_documents(c)
            for table, columns, make in _KEYED:
                ids = c.execute(select(table.id)).scalars().all()
                for at in range(0, len(ids), 500):  # in chunks: whole texts are read here
                    rows = c.execute(select(table.id, *columns).where(table.id.in_(ids[at:at + 500]))).all()
                    c.execute(update(table).where(table.id == bindparam("row_id")),
                              [dict(make(*row[1:]), row_id=row[0]) for row in rows])
                    changed += len(rows)
            _reindex_dates_and_titles(c)
            values = {"name": "search_keys", "value": fingerprint()}
            if c.execute(select(MetaRow.name).where(MetaRow.name == "search_keys")).first():
                c.execute(update(MetaRow).where(MetaRow.name == "search_keys").values(value=values["value"]))
            else:
                c.execute(insert(MetaRow), [values])
        return changed

    def settle(self) -> int:
        """After a bulk load: on PostgreSQL, merge the entries the GIN search indexes keep
        pending (fast update puts new entries in an unsorted list that every search reads
        until it is merged: measured 80-115 ms per text search at 4,000 documents before,
        2-35 ms after), then vacuum and analyze the store's tables: the planner's statistics,
        and the visibility maps that let index-only scans skip the tables (left to autovacuum,
        that work runs over the first queries after a load). Vacuum reads only the pages
        written since the last one. The pending pages merged; 0 on SQLite, whose FTS5 tables
        need nothing."""
        if self.engine.dialect.name != "postgresql":
            return 0
        if self._merger is not None:
            self._merger.drain()  # one merge at a time: the last batch's, then the rest
        merged = merge_pending(self.engine)
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text(f"VACUUM (ANALYZE) {', '.join(sorted(Base.metadata.tables))}"))
        return merged

    # -- plumbing
    def session(self) -> Session:
        return self._sessions()

    def close(self) -> None:
        if self._merger is not None:
            self._merger.stop()
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing
    def add(self, record: Record, *, original: bytes | None = None, filename: str | None = None,
            content_hash: str | None = None, source_id: str | None = None) -> str:
        """Store a record (see the module docstring); returns the document id. A failure
        recorded under `source_id` (or the filename or content hash) is cleared."""
        return self.add_many([Entry(record, original, filename, content_hash, source_id)])[0]

    def add_many(self, entries: Iterable["Entry"]) -> list[str]:
        """Store many records in one transaction (each as `add` would); their document
        ids in order. A crash or an error leaves none of them stored."""
        entries = list(entries)
        if not entries:
            return []
        try:
            return self._add_many(entries)
        except IntegrityError:
            # another writer stored one of these documents between our read and our
            # write: run again, now those are updates (or nothing)
            return self._add_many(entries)

    def _add_many(self, entries: list["Entry"]) -> list[str]:
        with self.engine.begin() as c:  # Core, not the ORM: this is the batch's hot path
            for run in _distinct_runs(entries):
                _write(c, run)
            failed = {f for e in entries for f in (e.source_id, e.filename, e.content_hash or e.doc_id) if f}
            c.execute(delete(FailureRow).where(FailureRow.source_id.in_(sorted(failed))))
        if self._merger is not None:
            self._merger.poke()
        return [e.doc_id for e in entries]

    def has(self, content_hash: str, extractor_version: str | None) -> bool:
        """Whether this input is stored, extracted by this extractor version (or a newer one)."""
        with self.engine.connect() as c:
            found = c.execute(_STORED_VERSION, {"hash": content_hash}).first()
        return found is not None and _version_key(found[0]) >= _version_key(extractor_version)

    def document_id(self, content_hash: str) -> str | None:
        """The id of the document an input (by its content hash, or a doc id) gave."""
        with self.engine.connect() as c:
            return c.execute(select(SourceRow.document_id).where(SourceRow.content_hash == content_hash)).scalar() \
                or c.execute(select(DocumentRow.id).where(DocumentRow.id == content_hash)).scalar()

    def record(self, doc_id: str) -> dict | None:
        """A stored document's record as extracted (without its text), nothing else loaded."""
        with self.engine.connect() as c:
            return c.execute(select(DocumentRow.record).where(DocumentRow.id == doc_id)).scalar()

    def records(self, doc_ids: Iterable[str]) -> dict[str, dict]:
        """`record` of many documents in one query (a batch's output lines): id -> record,
        only the stored ones."""
        ids = list(dict.fromkeys(doc_ids))
        found: dict[str, dict] = {}
        with self.engine.connect() as c:
            for at in range(0, len(ids), 500):
                rows = c.execute(select(DocumentRow.id, DocumentRow.record).where(DocumentRow.id.in_(ids[at:at + 500])))
                found.update((doc_id, record) for doc_id, record in rows)
        return found

    def add_failure(self, source_id: str, reason: str) -> None:
        with self._sessions.begin() as s:
            row = s.get(FailureRow, source_id)
            if row is None:
                s.add(FailureRow(source_id=source_id, reason=reason, at=_now()))
            else:
                row.reason, row.at = reason, _now()

    def failures(self) -> list[Failure]:
        with self.session() as s:
            rows = s.scalars(select(FailureRow).order_by(FailureRow.at, FailureRow.source_id))
            return [Failure(source_id=r.source_id, reason=r.reason, at=r.at) for r in rows]

    def delete(self, doc_id: str) -> bool:
        with self.engine.begin() as c:
            return _delete_documents(c, [doc_id]) == 1

    # -- reading
    def get(self, doc_id: str) -> StoredDocument | None:
        with self.session() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None:
                return None
            original = s.get(OriginalRow, doc_id)
            content_hash = s.execute(select(SourceRow.content_hash).where(SourceRow.document_id == doc_id)
                                     .order_by(SourceRow.added_at).limit(1)).scalar_one_or_none()
            summary = DocumentSummary.of(row).model_dump()
            return StoredDocument(**summary, record=row.record, text=row.text, content_hash=content_hash,
                                  original=original.data if original else None)

    def documents(self, *, kind: str | None = None, issuer: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, q: str | None = None, limit: int = 50,
                  offset: int = 0) -> list[DocumentSummary]:
        """Documents newest first, filtered by kind, issuer (folded, aliases), issue date
        range (ISO prefixes: "2017", "2017-06", "2017-06-20") and text (`q`: words of the
        text as a phrase, the last possibly cut short, or a legal number, whole or its
        leading part: "49/2017")."""
        dialect = self.engine.dialect.name
        stmt = select(*_SUMMARY)
        if kind:
            stmt = stmt.where(DocumentRow.kind == kind)
        if issuer:  # an issuer without a word ("%", "*") matches nothing, not everything
            words = indexes.has_words(dialect, DocumentRow, "issuer_key", key(issuer))
            stmt = stmt.where(words if words is not None else false())
        stmt = _date_range(stmt, DocumentRow.issued_on, date_from, date_to)
        if not q:
            return self._summaries(stmt.order_by(DocumentRow.order_key.desc()).limit(limit).offset(offset))
        # each way of matching gives its first offset + limit documents, newest first; merged
        wanted = offset + limit
        found: dict[str, DocumentSummary] = {}
        if any(c.isdigit() for c in q) and (number := number_key(q)):
            for d in self._summaries(stmt.where(indexes.number_matches(dialect, DocumentRow.number_key, number))
                                     .order_by(DocumentRow.order_key.desc()).limit(wanted)):
                found[d.id] = d
        folded = key(q)
        matched = None
        if folded and dialect == "sqlite":  # positions in the index: the phrase itself
            with self.engine.connect() as c:
                expression = _fts_phrase(c, folded)
            if expression is not None:  # None: no stored word starts as the last one does
                matched = (stmt.select_from(indexes.search_texts)
                           .where(DocumentRow.order_key == -indexes.search_texts.c.rowid,
                                  indexes.text_match_sqlite(expression))
                           .order_by(indexes.search_texts.c.rowid))
        elif folded:  # the pairs of words the phrase is made of
            needed, recheck = phrase_terms(folded)
            matched = (stmt.where(indexes.text_match_postgresql(DocumentRow.text_terms, tsquery(needed)))
                       .order_by(DocumentRow.order_key.desc()))
            if recheck:  # three words or more: the pairs found may lie apart (or a term was cut)
                matched = _checked_newest_first(matched, folded)
        if matched is not None:
            for d in self._summaries(matched.limit(wanted)):
                found.setdefault(d.id, d)
        ordered = sorted(found.values(), key=lambda d: -(d.order_key or 0))
        return [DocumentSummary.of(d) for d in ordered[offset:offset + limit]]

    def _summaries(self, stmt) -> list["_Listed"]:
        with self.engine.connect() as c:
            return [_Listed(**row._mapping) for row in c.execute(stmt)]

    def counts(self) -> dict[str, int]:
        tables = (DocumentRow, OriginalRow, SourceRow, FailureRow, *ITEM_TABLES)
        with self.session() as s:
            return {t.__tablename__: s.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}


def _checked_newest_first(candidates, folded: str):
    """PostgreSQL: the candidates whose folded text holds the phrase, newest first. The text
    is read for the newest candidates only, as far as the answer needs: checking every one
    first took 2 s for "10 thang 11" at 200,000 documents (13,210 hold both pairs, 2,498 the
    phrase), in this order 0.1 s. OFFSET 0 keeps the planner from merging the two steps."""
    ordered = candidates.offset(0).subquery()
    checked = aliased(DocumentRow)
    holds = exists().where(checked.id == ordered.c.id, checked.text_key.like(like_phrase(folded)))
    return select(*ordered.c).where(holds).order_by(ordered.c.order_key.desc())


def _date_range(stmt, column, date_from: str | None, date_to: str | None):
    """ISO strings compare in date order; a bound may be a prefix ("2017" to "2017-06")."""
    if date_from:
        stmt = stmt.where(column >= date_from)
    if date_to:
        stmt = stmt.where(func.substr(column, 1, len(date_to)) <= date_to)
    return stmt


WAL_WAIT = 60.0   # seconds a new connection waits for another process switching the file to WAL


def _wal(cur: Any) -> None:
    """Switch the file to write-ahead logging. SQLite answers "database is locked" at once,
    without its busy timeout, while another process makes the same switch on a new file: try
    again for a while rather than fail (two workers opening a new store at the same moment)."""
    import sqlite3
    import time

    deadline, pause = time.monotonic() + WAL_WAIT, 0.01
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def _engine(url: str, *, serialized: bool = False) -> Engine:
    """An engine for `url`. On SQLite, `serialized` makes every transaction take the write
    lock at its start and DDL transactional (pysqlite commits DDL by itself otherwise),
    so that two processes migrating a new file one after the other, never interleaved."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            cur = conn.cursor()
            if ":memory:" not in url and url not in ("sqlite://", "sqlite:///"):
                _wal(cur)  # readers do not block the writer
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()
            if serialized:
                conn.isolation_level = None  # we say BEGIN ourselves, below

        if serialized:
            @event.listens_for(engine, "begin")
            def _begin(conn: Any) -> None:
                conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True)


@dataclass
class Entry:
    """One document for `Store.add_many` (the arguments of `Store.add`). `record` is a
    `Record`, or the same as JSON data (a dict, with "text") from a trusted source: a
    batch's own workers, whose records are not validated again. `record_json`: the
    record already serialized without its text, when the caller has it."""
    record: Record | dict
    original: bytes | None = None
    filename: str | None = None
    content_hash: str | None = None
    source_id: str | None = None
    record_json: str | None = None
    data: dict = field(init=False, repr=False)   # the record as JSON data
    doc_id: str = field(init=False)

    def __post_init__(self) -> None:
        self.data = self.record if isinstance(self.record, dict) else self.record.model_dump(mode="json")
        self.doc_id = self.data["document"]["id"]


def _distinct_runs(entries: list[Entry]) -> Iterable[list[Entry]]:
    """The entries in runs without a document twice, in order: a document given twice in
    one batch is written as if added twice, the second time over the first."""
    run: list[Entry] = []
    seen: set[str] = set()
    for e in entries:
        if e.doc_id in seen:
            yield run
            run, seen = [], set()
        run.append(e)
        seen.add(e.doc_id)
    if run:
        yield run


def _reindex_dates_and_titles(c: Connection) -> None:
    """The date keys of references and committees from their documents', and `legal_titles`
    made anew from the references (after their keys were)."""
    for table in (LegalRefRow, CommitteeRow):  # `_date_key` in SQL: a million rows, one statement
        order = select(DocumentRow.order_key).where(DocumentRow.id == table.document_id).scalar_subquery()
        c.execute(update(table).values(date_key=case((order < UNDATED, order + _LAST_DAY), else_=order)))
    c.execute(delete(LegalTitleRow))
    titled = c.execute(select(LegalRefRow.target_key, LegalRefRow.title_key).where(LegalRefRow.title_key.is_not(None))
                       .distinct()).all()
    for at in range(0, len(titled), 1000):
        _add_titles(c, [{"target_key": t, "title_key": k} for t, k in titled[at:at + 1000]])


def _reindex_documents(c: Connection) -> int:
    """Recompute the keys, index terms and order keys of every stored document (a document
    stored before order keys existed gets one in the order documents were added)."""
    pg = c.dialect.name == "postgresql"
    if not pg:
        c.execute(text("INSERT INTO search_texts(search_texts) VALUES ('delete-all')"))
        c.execute(text("DELETE FROM search_words"))
    ids = c.execute(select(DocumentRow.id).order_by(DocumentRow.added_at, DocumentRow.id)).scalars().all()
    unkeyed = c.execute(select(func.count()).select_from(DocumentRow).where(DocumentRow.order_key.is_(None))).scalar()
    counters = iter(_counters(c, unkeyed) if unkeyed else [])
    for at in range(0, len(ids), 200):  # in chunks: whole texts are read here
        rows, fts = [], []
        for r in c.execute(select(DocumentRow.id, DocumentRow.number, DocumentRow.issuer, DocumentRow.text,
                                  DocumentRow.issued_on, DocumentRow.order_key)
                           .where(DocumentRow.id.in_(ids[at:at + 200]))
                           .order_by(DocumentRow.added_at, DocumentRow.id)):  # new order keys in that order
            text_key = key(r.text) or None
            order = _order_key(r.issued_on, next(counters) if r.order_key is None else r.order_key)
            values = {"row_id": r.id, "number_key": number_key(r.number) or None, "issuer_key": key(r.issuer) or None,
                      "text_key": text_key if pg else None, "order_key": order}
            if pg:
                values["text_terms"] = terms(text_key) if text_key else None
            elif text_key:
                fts.append({"order_key": order, "text_key": text_key})
            rows.append(values)
        c.execute(update(DocumentRow).where(DocumentRow.id == bindparam("row_id")), rows)
        if fts:
            _index_texts(c, fts)
    return len(ids)


# the extractor version of the document an input gave (by the input's hash, or a doc id);
# one plain statement, asked once per input of a batch
_STORED_VERSION = text(
    "SELECT documents.extractor_version FROM sources JOIN documents ON documents.id = sources.document_id "
    "WHERE sources.content_hash = :hash "
    "UNION ALL SELECT extractor_version FROM documents WHERE id = :hash LIMIT 1")

# SQLite: the folded text of each document in the FTS5 table search_texts, rowid its
# order key negated, so that newest first is the rowids ascending: FTS5 (SQLite 3.40) drops
# matches of a phrase when it reads rowids descending, once a term's list spans pages
# (a third to two thirds of them at 20,000 documents). The table keeps no copy, so a row
# is removed by giving its text again
_FTS_INSERT = text("INSERT INTO search_texts(rowid, text_key) VALUES (-:order_key, :text_key)")
_FTS_DELETE = text("INSERT INTO search_texts(search_texts, rowid, text_key) VALUES ('delete', -:order_key, :text_key)")
# SQLite: every word of the texts once, for the words a last word cut short stands for
_WORD_INSERT = text("INSERT OR IGNORE INTO search_words (word) VALUES (:word)")
_WORDS_STARTING = text("SELECT word FROM search_words WHERE word >= :start AND word < :start || '{' LIMIT :n")
# a word cut short to this many letters or fewer is read from FTS5's prefix index (made by
# migration 0005); a longer one is the words it starts, up to this many, each its own phrase
_PREFIX_INDEXED, _MOST_ENDINGS = 2, 200


def _index_texts(c: Connection, rows: list[dict]) -> None:
    """SQLite: texts (order key, folded text) into search_texts, their words into search_words."""
    c.execute(_FTS_INSERT, rows)
    words = sorted({w for r in rows for w in r["text_key"].split()})
    c.execute(_WORD_INSERT, [{"word": w} for w in words])


def _fts_phrase(c: Connection, folded: str) -> str | None:
    """The FTS5 expression of a folded phrase whose last word may be cut short; None when
    no stored word starts so. FTS5 answers a prefix by merging the lists of every word it
    starts before the first match is known (150 ms for "nha" at 200,000 documents, where
    "nha", "nhac", "nhan", ... are each in thousands of texts); the same words as phrases
    apart are read side by side, the newest first, only as far as the answer needs."""
    *head, last = folded.split()
    if len(last) > _PREFIX_INDEXED:
        endings = c.execute(_WORDS_STARTING, {"start": last, "n": _MOST_ENDINGS + 1}).scalars().all()
        if not endings:
            return None
        if len(endings) <= _MOST_ENDINGS:
            return " OR ".join('"' + " ".join([*head, word]) + '"' for word in endings)
    return '"' + " ".join([*head, last]) + '" *'

_COUNT_ADDED = text(
    "INSERT INTO meta (name, value) VALUES ('documents_added', :n) "
    "ON CONFLICT (name) DO UPDATE SET value = CAST(meta.value AS INTEGER) + :n RETURNING value")

_COUNTER_BITS = 36  # below the date in `order_key`: 68 billion documents
UNDATED = 1 << _COUNTER_BITS  # every order key below it is of a document without a date
_LAST_DAY = 99999999 << _COUNTER_BITS


def _date_key(order_key: int) -> int:
    """A document's place in date order, oldest first and undated ones last: its order
    key with a day after every date where it has none."""
    return order_key + _LAST_DAY if order_key < UNDATED else order_key


def _order_key(issued_on: str | None, counter: int) -> int:
    """Newest first when sorted descending: YYYYMMDD of the issue date (missing parts 0,
    undated 0, so last), then the order the documents were added in."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", issued_on or "")
    day = int(m.group(1)) * 10000 + int(m.group(2) or 0) * 100 + int(m.group(3) or 0) if m else 0
    return (day << _COUNTER_BITS) | (counter & ((1 << _COUNTER_BITS) - 1))


def _counters(c: Connection, n: int) -> list[int]:
    """`n` numbers never given before, ascending: a sequence on PostgreSQL (concurrent
    writers do not wait for each other), a count in `meta` on SQLite (one writer at a time)."""
    if c.dialect.name == "postgresql":
        return sorted(c.execute(text("SELECT nextval('documents_order_seq') FROM generate_series(1, :n)"),
                                {"n": n}).scalars())
    # one statement that writes, so that it takes the write lock before it reads: two
    # processes never get the same numbers (pysqlite opens the transaction at the first write)
    upto = int(c.execute(_COUNT_ADDED, {"n": n}).scalar_one())
    return list(range(upto - n + 1, upto + 1))


def _write(c: Connection, entries: list[Entry]) -> None:
    """Write entries that are distinct documents: one query to see what is stored, then
    one statement per table for all of them."""
    pg = c.dialect.name == "postgresql"
    ids = [e.doc_id for e in entries]
    stored = {r.id: r for r in c.execute(
        select(DocumentRow.id, DocumentRow.extractor_version, DocumentRow.filename, DocumentRow.order_key,
               DocumentRow.text.is_(None).label("no_text"))
        .where(DocumentRow.id.in_(ids)))}
    new, replaced, text_only = [], [], []
    for e in entries:
        old = stored.get(e.doc_id)
        if old is None:
            new.append(e)
        elif _version_key(e.data.get("extractor_version")) > _version_key(old.extractor_version):
            replaced.append(e)
        elif e.data.get("text") and old.no_text:
            text_only.append(e)
    fts_removed: list[dict] = []   # SQLite: rows of search_texts to remove, then to add
    fts_added: list[dict] = []
    # the stored text's key, where a replaced record keeps that text or SQLite must unindex it
    old_keys: dict[str, str | None] = {}
    if replaced:
        keep = [e.doc_id for e in replaced if not pg or e.data.get("text") is None]
        column = DocumentRow.text_key if pg else DocumentRow.text  # SQLite keeps no key: made again
        for r in c.execute(select(DocumentRow.id, column.label("value")).where(DocumentRow.id.in_(keep))):
            old_keys[r.id] = r.value if pg else (key(r.value) or None)

    order_keys: dict[str, int] = {}  # of the documents whose items are written
    if new:
        rows = []
        for e, counter in zip(new, _counters(c, len(new))):
            text_key = key(e.data.get("text")) or None
            values = _document_values(e.data, e.filename, counter, pg, text_key, record_json=e.record_json)
            rows.append(values)
            order_keys[e.doc_id] = values["order_key"]
            if text_key and not pg:
                fts_added.append({"order_key": values["order_key"], "text_key": text_key})
        c.execute(insert(DocumentRow), rows)
    if replaced:
        gone = [e.doc_id for e in replaced]
        for table in ITEM_TABLES:  # replace every item, in this same transaction
            c.execute(delete(table).where(table.document_id.in_(gone)))
        for with_text in (True, False):
            rows = []
            for e in replaced:
                if (e.data.get("text") is not None) != with_text:
                    continue
                old = stored[e.doc_id]
                old_key = old_keys.get(e.doc_id)
                text_key = (key(e.data.get("text")) or None) if with_text else old_key
                values = _document_values(e.data, e.filename or old.filename, old.order_key or 0, pg, text_key,
                                          record_json=e.record_json)
                del values["added_at"]
                if not with_text:  # a record without its text keeps the stored one
                    for name in ("text", "text_key", "text_terms"):
                        values.pop(name, None)
                values["doc_id"] = values.pop("id")
                rows.append(values)
                order_keys[e.doc_id] = values["order_key"]
                if not pg and old_key:
                    fts_removed.append({"order_key": old.order_key, "text_key": old_key})
                if not pg and text_key:
                    fts_added.append({"order_key": values["order_key"], "text_key": text_key})
            if rows:
                c.execute(update(DocumentRow).where(DocumentRow.id == bindparam("doc_id")), rows)
    if text_only:
        rows = []
        for e in text_only:
            text_key = key(e.data.get("text"))
            rows.append({"doc_id": e.doc_id, "text": e.data.get("text"),
                         **({"text_key": text_key, "text_terms": terms(text_key)} if pg else {})})
            if not pg:
                fts_added.append({"order_key": stored[e.doc_id].order_key, "text_key": text_key})
        c.execute(update(DocumentRow).where(DocumentRow.id == bindparam("doc_id")), rows)
    if fts_removed:
        c.execute(_FTS_DELETE, fts_removed)
    if fts_added:
        _index_texts(c, fts_added)
    _insert_items(c, [(e.data, e.doc_id, order_keys[e.doc_id]) for e in (*new, *replaced)])

    originals = {e.doc_id: e.original for e in entries if e.original is not None}
    if originals:
        have = set(c.execute(select(OriginalRow.document_id).where(OriginalRow.document_id.in_(list(originals)))).scalars())
        rows = [{"document_id": i, "data": data} for i, data in originals.items() if i not in have]
        if rows:
            c.execute(insert(OriginalRow), rows)
    sources = {}
    for e in entries:
        sources.setdefault(e.content_hash or e.doc_id, e)
    have = dict(c.execute(select(SourceRow.content_hash, SourceRow.document_id)
                          .where(SourceRow.content_hash.in_(list(sources)))).all())
    rows = [{"content_hash": h, "document_id": e.doc_id, "filename": e.filename, "added_at": _now()}
            for h, e in sources.items() if h not in have]
    if rows:
        c.execute(insert(SourceRow), rows)
    # an input a newer extractor read into other text (its normalization changed) gives a
    # document of another id: the input's document is the new one, and the old one goes
    # unless another input still gives it
    moved = {h: e.doc_id for h, e in sources.items() if h in have and have[h] != e.doc_id}
    if moved:
        c.execute(update(SourceRow).where(SourceRow.content_hash == bindparam("hash")),
                  [{"hash": h, "document_id": doc_id} for h, doc_id in moved.items()])
        old = {have[h] for h in moved}
        kept = set(c.execute(select(SourceRow.document_id).where(SourceRow.document_id.in_(sorted(old)))).scalars())
        _delete_documents(c, sorted(old - kept))


def _delete_documents(c: Connection, doc_ids: list[str]) -> int:
    """Delete documents with everything stored of them; how many there were."""
    if not doc_ids:
        return 0
    rows = c.execute(select(DocumentRow.order_key, DocumentRow.text).where(DocumentRow.id.in_(doc_ids))).all()
    for table in (*ITEM_TABLES, OriginalRow, SourceRow):
        c.execute(delete(table).where(table.document_id.in_(doc_ids)))
    c.execute(delete(DocumentRow).where(DocumentRow.id.in_(doc_ids)))
    if c.dialect.name == "sqlite":
        indexed = [{"order_key": r.order_key, "text_key": key(r.text)} for r in rows if r.text]
        if indexed:
            c.execute(_FTS_DELETE, indexed)
    return len(rows)


def _document_values(record: dict, filename: str | None, counter: int, pg: bool, text_key: str | None, *,
                     record_json: str | None = None) -> dict[str, Any]:
    """The documents row of a record (as JSON data, `_data`). `counter` is its place in the
    order documents were added (`_order_key`); `text_key` the key of its text (stored on
    PostgreSQL only); `record_json` the record already serialized without its text."""
    d = record["document"]
    signer = d.get("signer") or {}
    now = _now()
    return {
        "id": d["id"], "source": d["source"], "filename": filename, "kind": d["kind"], "title": d.get("title"),
        "number": d.get("number"), "number_key": number_key(d.get("number")) or None,
        "issuer": d.get("issuer"), "issuer_key": key(d.get("issuer")) or None, "issued_on": d.get("issued_on"),
        "place": d.get("place"), "signer_name": signer.get("name"), "signer_position": signer.get("position"),
        "author": d.get("author"), "format": d.get("format"), "extractor_version": record.get("extractor_version"),
        "schema_version": record["schema_version"], "text": record.get("text"),
        "text_key": text_key if pg else None, "text_terms": terms(text_key) if pg and text_key else None,
        "order_key": _order_key(d.get("issued_on"), counter),
        "record": _Serialized(record_json) if record_json else {k: v for k, v in record.items() if k != "text"},
        "added_at": now, "updated_at": now,
    }


def _holder(record: dict) -> str | None:
    """Whose counts are those that name no holder: the issuing body's, or, in an article
    without one, the one holder the article names (if it names exactly one)."""
    if record["document"].get("issuer"):
        return record["document"]["issuer"]
    named = {key(t["holder"]): t["holder"] for t in record.get("task_stats") or () if t.get("holder")}
    return next(iter(named.values())) if len(named) == 1 else None


def _ev(item: dict, seq: int) -> dict[str, Any]:
    e = item["evidence"]
    return {"seq": seq, "ev_start": e["start"], "ev_end": e["end"], "ev_text": e["text"]}


def _insert_items(c: Connection, records: list[tuple[dict, str, int]]) -> None:
    """Insert the rows of every item of these records (record, document id, its order
    key): per table, one COPY on PostgreSQL, one executemany on SQLite, straight to the
    driver (the batch's bulk of rows); and the titles references are cited under."""
    by_table: dict[type, list] = {}
    for record, doc_id, order_key in records:
        for table, rows in _item_rows(record, doc_id, order_key):
            by_table.setdefault(table, []).extend(rows)
    _add_titles(c, by_table.get(LegalRefRow, ()))
    committees = by_table.pop(CommitteeRow, [])
    if committees:  # their ids, for their members
        ids = c.execute(insert(CommitteeRow).returning(CommitteeRow.id, sort_by_parameter_order=True),
                        [committee for committee, _ in committees]).scalars().all()
        by_table[MemberRow] = [dict(m, committee_id=i) for i, (_, ms) in zip(ids, committees) for m in ms]
    for table, rows in by_table.items():
        if rows:
            _bulk_insert(c, table.__tablename__, rows)


def _bulk_insert(c: Connection, table: str, rows: list[dict]) -> None:
    """Rows (dicts with the same keys, plain values) into a table, bypassing the SQL
    layer's per-row work."""
    columns = list(rows[0])
    values = [tuple(r[k] for k in columns) for r in rows]
    if c.dialect.name == "postgresql":
        with c.connection.driver_connection.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        return
    c.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", values)


def _item_rows(record: dict, doc_id: str, order_key: int) -> Iterable[tuple[type, list]]:
    """(table, rows) of every kind of item of a record (as JSON data, `_data`; `order_key`
    its document's); committees come as (committee, members) pairs."""
    get = record.get
    yield LegalRefRow, [
        dict(document_id=doc_id, type=r["type"], number=r.get("number"), title=r.get("title"),
             **_ref_keys(r.get("number"), r["type"], r.get("title")), date_key=_date_key(order_key),
             issuer=r.get("issuer"), issued_on=r.get("issued_on"), relation=r.get("relation"), **_ev(r, i))
        for i, r in enumerate(get("legal_refs") or ())]
    yield DateRow, [
        dict(document_id=doc_id, value=d["value"], granularity=d["granularity"], relative=d["relative"],
             first_day=bounds[0], last_day=bounds[1], **_ev(d, i))
        for i, d in enumerate(get("dates") or ()) for bounds in [_day_bounds(d["value"])]]
    default_holder = _holder(record)
    issued_on = record["document"].get("issued_on")
    yield TaskStatRow, [
        dict(document_id=doc_id, subject=t["subject"], status=t["status"], count=t["count"], total=t.get("total"),
             holder=t.get("holder"), holder_name=name, holder_key=key(name) or None, assigned_by=t.get("assigned_by"),
             as_of=t.get("as_of"), period=t.get("as_of") or issued_on, **_ev(t, i))
        for i, t in enumerate(get("task_stats") or ()) for name in [t.get("holder") or default_holder]]
    yield CommitteeRow, [
        (dict(document_id=doc_id, name=c["name"], name_key=key(c["name"]), parent=c.get("parent"),
              member_count=c.get("member_count"), date_key=_date_key(order_key), **_ev(c, i)),
         [dict(document_id=doc_id, name=m.get("name"), name_key=fold(m.get("name")) or None, role=m["role"],
               position=m.get("position"), organization=m.get("organization"),
               organization_key=key(m.get("organization")) or None, **_ev(m, j))
          for j, m in enumerate(c.get("members") or ())])
        for i, c in enumerate(get("committees") or ())]
    yield PersonRow, [
        dict(document_id=doc_id, name=p["name"], name_key=fold(p["name"]), position=p.get("position"),
             organization=p.get("organization"), organization_key=key(p.get("organization")) or None, **_ev(p, i))
        for i, p in enumerate(get("people") or ())]
