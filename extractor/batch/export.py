"""Rows of the store as JSONL, CSV or Parquet: `vanban export`.

One row per item of a kind (one per document for `documents`), with the id and
source of its document and its evidence; the folded search keys and internal
ids stay in the store. `records` gives each document's whole record (JSONL only).
Rows are streamed from the database in chunks, so an export of millions of rows
runs in flat memory.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from typing import IO, Any, Iterator

from sqlalchemy import Boolean, DateTime, Integer, select

FORMATS = ("jsonl", "csv", "parquet")
KINDS = ("documents", "legal_refs", "dates", "task_stats", "committees", "members", "people", "records")
CHUNK = 2000

# Columns never exported: search keys (derived), the bulky text and record, internal ids.
_HIDDEN = {"text", "text_key", "record", "id", "committee_id", "seq"}


def _columns(kind: str):
    """(label, column) pairs of the rows of `kind`, and the statement that selects them."""
    from models import store as st

    if kind == "documents":
        table = st.DocumentRow
        cols = [(c.key, c) for c in table.__table__.columns if c.key not in _HIDDEN and not c.key.endswith("_key")]
        cols.insert(0, ("document_id", table.__table__.c.id))
        return cols, select(*[c.label(n) for n, c in cols]).order_by(table.added_at, table.id)
    table = {"legal_refs": st.LegalRefRow, "dates": st.DateRow, "task_stats": st.TaskStatRow,
             "committees": st.CommitteeRow, "members": st.MemberRow, "people": st.PersonRow}[kind]
    doc = st.DocumentRow.__table__.c
    item = table.__table__.c
    cols = [("document_id", item.document_id), ("source", doc.source)]
    if kind == "members":
        cols.append(("committee", st.CommitteeRow.__table__.c.name))
    cols += [(c.key, c) for c in item if c.key not in _HIDDEN and c.key != "document_id"
             and not c.key.endswith("_key") and not c.key.startswith("ev_")]
    cols += [("evidence_start", item.ev_start), ("evidence_end", item.ev_end), ("evidence_text", item.ev_text)]
    stmt = select(*[c.label(n) for n, c in cols]).join(st.DocumentRow, st.DocumentRow.id == item.document_id)
    if kind == "members":
        stmt = stmt.join(st.CommitteeRow, st.CommitteeRow.id == item.committee_id)
    return cols, stmt.order_by(item.document_id, item.id)


def rows(store, kind: str) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """Column names and a stream of row dicts of `kind` in `store`."""
    if kind == "records":
        from models.store import DocumentRow

        def records() -> Iterator[dict[str, Any]]:
            with store.session() as s:
                for record in s.execute(select(DocumentRow.record).order_by(DocumentRow.added_at, DocumentRow.id)
                                        .execution_options(yield_per=CHUNK)).scalars():
                    yield record

        return ["record"], records()
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    cols, stmt = _columns(kind)
    names = [n for n, _ in cols]

    def stream() -> Iterator[dict[str, Any]]:
        with store.session() as s:
            for row in s.execute(stmt.execution_options(yield_per=CHUNK)):
                yield dict(row._mapping)

    return names, stream()


def _json_default(v: Any) -> Any:
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()
    if isinstance(v, bytes):
        return None
    raise TypeError(type(v).__name__)


def export(store, kind: str, fmt: str, out: IO | None = None, path: str | None = None) -> int:
    """Write every row of `kind` in `fmt` to the text stream `out` (jsonl, csv) or
    to the file `path` (parquet, or any format); return the number of rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if kind == "records" and fmt != "jsonl":
        raise ValueError("records are nested: export them as jsonl")
    names, stream = rows(store, kind)
    if fmt == "parquet":
        if not path:
            raise ValueError("parquet needs an output file")
        return _parquet(kind, names, stream, path)
    own = out is None
    handle = open(path, "w", encoding="utf-8", newline="") if own else out
    n = 0
    try:
        if fmt == "jsonl":
            for row in stream:
                handle.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
                n += 1
        else:
            writer = csv.DictWriter(handle, fieldnames=names, extrasaction="ignore")
            writer.writeheader()
            for row in stream:
                writer.writerow({k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in row.items()})
                n += 1
    finally:
        if own:
            handle.close()
    return n


def _arrow_schema(kind: str):
    import pyarrow as pa

    cols, _ = _columns(kind)
    fields = []
    for name, col in cols:
        t = col.type
        if isinstance(t, Boolean):
            at = pa.bool_()
        elif isinstance(t, Integer):
            at = pa.int64()
        elif isinstance(t, DateTime):
            at = pa.timestamp("us")
        else:
            at = pa.string()
        fields.append(pa.field(name, at))
    return pa.schema(fields)


def _parquet(kind: str, names: list[str], stream: Iterator[dict], path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(kind)
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict] = []
        for row in stream:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n
