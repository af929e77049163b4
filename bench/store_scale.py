"""The store at scale (issue 16): fill a store with N documents, then time every query kind.

    .venv/bin/python bench/store_scale.py --docs 20000 [--db URL] [--json]
    .venv/bin/python bench/store_scale.py --docs 200000 --db postgresql+psycopg://postgres@127.0.0.1:5432/postgres

1. Records: the 5k news archive as `vanban batch` extracts it, read from a store made once
   and kept (`--source`; default a file in the user's cache folder, made on first use).
2. Fill: the archive's records over and over until N documents, each copy with its own
   id, issue date, document number, a share of its cited numbers and the given names of
   its people and members (taken from the names the archive holds), written with
   `Store.add_many` in batches of `--batch` as `vanban batch` writes them: its workers hand
   the writer each record as JSON and its text; documents/s is the documents written over
   the seconds the writer spends (reading the JSON back, `add_many`).
3. Queries: for each kind, `--queries` terms drawn at random (seeded) from what was stored,
   written the ways users write them (without accents, in part, spaced or dashed numbers,
   with or without "số", abbreviations), each answered through `models.query` /
   `Store.documents` as the service does: p50 and p95 in milliseconds.

`--db` is a database server URL (PostgreSQL: a scratch database is made on that server and
dropped afterwards unless `--keep`) or an SQLite path/URL (default: a temporary file). After
the fill the store is settled as `vanban batch` leaves it (`Store.settle`: on PostgreSQL the
GIN indexes' pending entries merged and the tables analyzed).

A script, not a test: the figures depend on the machine and what else runs on it (the load
average is printed before and after). With `--json` the last line is one JSON object:
{"docs": N, "backend": ..., "insert_docs_per_s": ..., "p95_ms": {"people": ..., ...}}.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARCHIVE = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
               ROOT.parent / "shared") / "corpus" / "archive" / "vn-gov-news-5k.jsonl.gz"
TARGET_P95_MS, TARGET_PG_INSERT = 100, 500
KINDS = ("people", "references", "committees", "documents", "tasks")


# --- records ---------------------------------------------------------------------

def source_store(path: Path | None) -> Path:
    """The archive extracted into a store, made once with `vanban batch` and kept."""
    if path is None:
        from platformdirs import user_cache_dir

        from extractor import __version__

        path = Path(user_cache_dir("vanban")) / "bench" / f"archive-{__version__}.sqlite3"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"extracting {ARCHIVE} into {path} once (vanban batch; minutes) ...", file=sys.stderr)
        partial = path.with_suffix(".partial.sqlite3")
        cmd = [str(Path(sys.executable).with_name("vanban")), "batch", str(ARCHIVE), "--db", str(partial),
               "--no-progress", "--errors", str(path.with_suffix(".errors.jsonl"))]
        subprocess.run(cmd, check=True)
        partial.rename(path)
    return path


def load_records(path: Path) -> list:
    """Every record of the source store, with its text."""
    from models.records import Record

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        rows = con.execute("SELECT record, text FROM documents ORDER BY id").fetchall()
    records = []
    for record_json, text in rows:
        record = Record.model_validate_json(record_json)
        record.text = text
        records.append(record)
    return records


class Copier:
    """Copy k of a record: its own id, date, number, a share of its cited numbers and the
    given names of its people (drawn from the given names the archive holds)."""

    def __init__(self, records: list) -> None:
        names = [p.name for r in records for p in r.people] + \
                [m.name for r in records for c in r.committees for m in c.members if m.name]
        self.given = sorted({n.split()[-1] for n in names if len(n.split()) >= 2})

    @staticmethod
    def _pick(seed: str, n: int) -> int:
        return int.from_bytes(hashlib.blake2b(seed.encode(), digest_size=8).digest(), "big") % n

    def name(self, name: str | None, k: int) -> str | None:
        if not name or k == 0 or len(name.split()) < 2:
            return name
        words = name.split()
        return " ".join([*words[:-1], self.given[self._pick(f"{name}#{k}", len(self.given))]])

    @staticmethod
    def number(number: str | None, k: int) -> str | None:
        """"49/2017/NĐ-CP" -> "10049/2017/NĐ-CP" for k = 1: the leading digits moved by k."""
        if not number or k == 0:
            return number
        return re.sub(r"^\d+", lambda m: str(int(m.group()) + 10000 * k), number, count=1)

    @staticmethod
    def date(value: str | None, k: int) -> str | None:
        """The year moved back by up to 14 years, so that copies spread over time."""
        if not value or k == 0 or not re.match(r"\d{4}", value):
            return value
        return f"{int(value[:4]) - k % 15}{value[4:]}"

    def copy(self, record, k: int):
        if k == 0:
            return record
        doc = record.document.model_copy(update={
            "id": hashlib.sha256(f"{record.document.id}#{k}".encode()).hexdigest(),
            "number": self.number(record.document.number, k),
            "issued_on": self.date(record.document.issued_on, k),
            "signer": record.document.signer.model_copy(update={"name": self.name(record.document.signer.name, k)})
            if record.document.signer else None,
        })
        refs = [r.model_copy(update={"number": self.number(r.number, k)})
                if r.number and self._pick(f"{r.number}#{k}", 2) else r for r in record.legal_refs]
        people = [p.model_copy(update={"name": self.name(p.name, k)}) for p in record.people]
        committees = [c.model_copy(update={"members": [m.model_copy(update={"name": self.name(m.name, k)})
                                                       for m in c.members]}) for c in record.committees]
        return record.model_copy(update={"document": doc, "legal_refs": refs, "people": people,
                                         "committees": committees})


# --- the store ---------------------------------------------------------------------

@contextmanager
def target(url: str | None, keep: bool) -> Iterator[str]:
    """A fresh store URL: a scratch database on a PostgreSQL server, or an SQLite file."""
    if url and url.startswith(("postgresql", "postgres")):
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        from models.store import _resolve_url

        server = _resolve_url(url)
        name = f"vanban_bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
        try:
            yield make_url(server).set(database=name).render_as_string(hide_password=False)
        finally:
            if not keep:
                with admin.connect() as c:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
        return
    if url:
        yield url
        return
    folder = Path(tempfile.mkdtemp(prefix="vanban-scale-"))
    yield f"sqlite:///{folder / 'scale.sqlite3'}"
    if not keep:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


def fill(store, records: list, docs: int, batch: int) -> tuple[float, int]:
    """Write `docs` documents; returns the seconds the writer spent and the documents written."""
    from models.store import Entry

    copier = Copier(records)
    seconds, written, pending = 0.0, 0, []
    started = time.monotonic()
    for n in range(docs):
        k, i = divmod(n, len(records))
        copy = copier.copy(records[i], k)
        # what a batch's workers hand its writer: the record as JSON without its text, and the text
        pending.append((copy.model_dump_json(exclude={"text"}), copy.text, f"archive#{n}"))
        if len(pending) == batch or n == docs - 1:
            t = time.perf_counter()
            entries = []
            for record_json, text, filename in pending:  # what the writer does with them
                data = json.loads(record_json)
                data["text"] = text
                entries.append(Entry(data, filename=filename, record_json=record_json))
            store.add_many(entries)
            seconds += time.perf_counter() - t
            written += len(pending)
            pending = []
            if written % (batch * 50) == 0 or written == docs:
                print(f"  {written:,} documents, {written / seconds:,.0f}/s written "
                      f"({time.monotonic() - started:,.0f} s in all)", file=sys.stderr)
    return seconds, written


# --- queries -----------------------------------------------------------------------

def _plain(s: str) -> str:
    """As typed without accents: "Nguyễn Huy Dũng" -> "nguyen huy dung"."""
    from models.search import fold

    return fold(s).strip()


def query_terms(store, rng: random.Random, n: int) -> dict[str, list[str]]:
    """`n` terms per kind, drawn from what the store holds, written as users write them."""
    from sqlalchemy import func, select

    from models.store import CommitteeRow, DocumentRow, LegalRefRow, MemberRow, PersonRow, TaskStatRow

    def sample(column, where=None) -> list[str]:
        stmt = select(column).where(column.is_not(None))
        if where is not None:
            stmt = stmt.where(where)
        with store.session() as s:
            # a random sample without loading every row: rows at random offsets
            total = s.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
            if not total:
                return []
            return [s.execute(stmt.offset(rng.randrange(total)).limit(1)).scalar_one() for _ in range(n)]

    people = []
    for name in sample(PersonRow.name)[: n // 2] + sample(MemberRow.name)[: n - n // 2]:
        words = _plain(name).split()
        form = rng.random()
        if form < 0.5 or len(words) < 3:
            people.append(" ".join(words))                       # whole, without accents
        elif form < 0.8:
            people.append(" ".join(words[-2:]))                  # the given names
        else:
            people.append(" ".join(words)[: -max(1, len(words[-1]) // 2)])   # cut short

    references = []
    for number in sample(LegalRefRow.number)[: n * 4 // 5]:
        form = rng.random()
        if form < 0.3:
            references.append(number)
        elif form < 0.5:
            references.append(re.sub(r"\s*([/-])\s*", lambda m: f" {m.group(1)} ", number))  # spaced
        elif form < 0.7:
            references.append("số " + _plain(number).replace(" ", "/", 1))
        else:
            references.append("/".join(number.split("/")[:2]))  # without the symbol: "49/2017"
    for title in sample(LegalRefRow.title, LegalRefRow.number.is_(None))[: n - len(references)]:
        words = _plain(title).split()
        start = rng.randrange(max(1, len(words) - 2))
        references.append(" ".join(words[start:start + 3]))  # a few words of a named law

    committees = []
    for name in sample(CommitteeRow.name):
        words = _plain(name).split()
        committees.append(" ".join(words if rng.random() < 0.5 else words[: rng.randint(2, max(2, len(words)))]))

    documents = []
    for text_ in sample(DocumentRow.title):
        words = text_.split()
        size = rng.choice((1, 2, 2, 3, 3, 4))
        start = rng.randrange(max(1, len(words) - size + 1))
        phrase = " ".join(words[start:start + size])
        documents.append(_plain(phrase) if rng.random() < 0.5 else phrase)

    tasks = [h if rng.random() < 0.5 else _plain(h) for h in sample(TaskStatRow.holder_name)]
    return {"people": people, "references": references, "committees": committees, "documents": documents,
            "tasks": tasks}


def time_queries(store, terms: dict[str, list[str]]) -> dict[str, dict]:
    from models import query

    ask: dict[str, Callable[[str], list]] = {
        "people": lambda t: query.people(store, t),
        "references": lambda t: query.references(store, t),
        "committees": lambda t: query.committees(store, t),
        "documents": lambda t: store.documents(q=t, limit=50),
        "tasks": lambda t: query.task_stats(store, holder=t),
    }
    out = {}
    for kind in KINDS:
        for t in terms[kind][:5]:  # warm the caches the way a running service has them
            ask[kind](t)
        ms, found = [], []
        for t in terms[kind]:
            started = time.perf_counter()
            results = ask[kind](t)
            ms.append((time.perf_counter() - started) * 1000)
            found.append(len(results))
        ms.sort()
        out[kind] = {"queries": len(ms), "p50": statistics.median(ms) if ms else None,
                     "p95": ms[min(len(ms) - 1, int(0.95 * len(ms)))] if ms else None, "max": ms[-1] if ms else None,
                     "found_any": sum(1 for f in found if f), "slowest": terms[kind][max(range(len(ms)), key=lambda i: ms[i])] if ms else None}
    return out


# --- main --------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, required=True, help="documents to store")
    ap.add_argument("--db", default=None, help="PostgreSQL server URL or SQLite path/URL (default: a temporary SQLite file)")
    ap.add_argument("--json", action="store_true", help="end with one line of JSON")
    ap.add_argument("--source", type=Path, default=None, help="a store holding the extracted archive (made when missing)")
    ap.add_argument("--batch", type=int, default=200, help="documents per add_many (vanban batch writes 200)")
    ap.add_argument("--queries", type=int, default=200, help="terms per query kind")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--keep", action="store_true", help="keep the filled store")
    args = ap.parse_args()

    print(f"cores: {os.cpu_count()}  load average before: " + " ".join(f"{x:.2f}" for x in os.getloadavg()),
          file=sys.stderr)
    records = load_records(source_store(args.source))
    print(f"{len(records):,} archive records; filling {args.docs:,} documents", file=sys.stderr)
    from models.store import Store

    with target(args.db, args.keep) as url:
        with Store(url) as store:
            backend = store.engine.dialect.name
            seconds, written = fill(store, records, args.docs, args.batch)
            started = time.perf_counter()
            store.settle()  # what `vanban batch` does after its last write
            settled = time.perf_counter() - started
            rng = random.Random(args.seed)
            terms = query_terms(store, rng, args.queries)
            timings = time_queries(store, terms)
            counts = store.counts()
        if args.keep:
            print(f"store kept: {url}", file=sys.stderr)

    rate = written / seconds if seconds else 0.0
    print(f"\n== {written:,} documents in {backend} ==")
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print(f"insert: {rate:,.0f} documents/s ({seconds:,.1f} s writing, batches of {args.batch}); "
          f"then {settled:,.1f} s settling")
    print(f"{'query':12s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}  found  slowest term")
    for kind, t in timings.items():
        print(f"{kind:12s} {t['p50']:8.1f} {t['p95']:8.1f} {t['max']:8.1f}  {t['found_any']:>3d}/{t['queries']:<3d} {t['slowest']!r}")
    worst = max(t["p95"] for t in timings.values())
    print(f"target: every p95 <= {TARGET_P95_MS} ms: {'yes' if worst <= TARGET_P95_MS else 'NO'} (worst {worst:.1f})")
    if backend == "postgresql":
        print(f"target: insert >= {TARGET_PG_INSERT} documents/s: {'yes' if rate >= TARGET_PG_INSERT else 'NO'}")
    print("load average after: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if args.json:
        print(json.dumps({"docs": written, "backend": backend, "insert_docs_per_s": round(rate, 1),
                          "settle_s": round(settled, 1),
                          "p95_ms": {k: round(t["p95"], 2) for k, t in timings.items()},
                          "p50_ms": {k: round(t["p50"], 2) for k, t in timings.items()}}))


if __name__ == "__main__":
    main()
