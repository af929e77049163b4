"""What the store and query tests share: databases to run on, and records to store.

Records come from the dev corpus's gold files (the annotator's answer), with evidence
found in the document's normalized text, so the store tests hold whatever state the
recognizers are in. One record per document, `gold_record(stem)`.

Databases: SQLite always; PostgreSQL when `VANBAN_TEST_PG` names a server (CI), or one
answers on 127.0.0.1:54329 — each test gets a fresh database on it, dropped after.
Outside CI without a server the PostgreSQL cases are skipped with the reason; in CI
(`CI=true`) a missing server fails.
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
import warnings
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Iterator

import pytest

from extractor.normalize import normalize
from models.records import Record

DEV = Path(__file__).resolve().parent.parent / "corpora" / "dev"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:54329/postgres"


@cache
def gold_record(stem: str, version: str = "0.1.0") -> Record:
    """The gold answer of a dev document as a Record, with evidence and its text."""
    text = normalize((DEV / f"{stem}.txt").read_text(encoding="utf-8"))
    gold = json.loads((DEV / f"{stem}.gold.json").read_text(encoding="utf-8"))
    cursor = [0]

    def evidence(*candidates: str | None) -> dict:
        """The first of the candidates found in the text (after the previous find when possible)."""
        for c in candidates:
            if not c:
                continue
            at = text.find(c, cursor[0])
            if at < 0:
                at = text.find(c)
            if at >= 0:
                cursor[0] = at
                return {"start": at, "end": at + len(c), "text": c}
        return {"start": 0, "end": 0, "text": ""}

    def items(section: str, *fields: str) -> list[dict]:
        out = []
        for item in gold.get(section) or []:
            item = dict(item)
            item["evidence"] = evidence(*(item.get(f) for f in fields))
            out.append(item)
        return out

    committees = []
    for c in gold.get("committees") or []:
        c = dict(c)
        c["evidence"] = evidence(c["name"])
        c["members"] = [dict(m, evidence=evidence(m.get("name"), m.get("organization"), m.get("position")))
                        for m in c.get("members") or []]
        committees.append(c)
    document = dict(gold["document"], id=hashlib.sha256(text.encode()).hexdigest(), source=f"{stem}.txt")
    return Record(
        extractor_version=version, document=document, text=text,
        legal_refs=items("legal_refs", "number", "title"), dates=items("dates", "value"),
        task_stats=items("task_stats", "subject"), committees=committees, people=items("people", "name"),
        warnings=gold.get("warnings") or [],
    )


def gold_stems() -> list[str]:
    return sorted(p.name[: -len(".gold.json")] for p in DEV.glob("*.gold.json"))


@cache
def _pg_server() -> str | None:
    url = os.environ.get("VANBAN_TEST_PG") or DEFAULT_PG
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return url
    except Exception:  # noqa: BLE001 - any failure means: no server here
        if os.environ.get("VANBAN_TEST_PG") or os.environ.get("CI") == "true":
            raise
        return None


@cache
def _warn_once(reason: str) -> None:
    """Skips are easy to miss in `pytest -q`; a warning is listed in its summary."""
    warnings.warn(reason, pytest.PytestWarning, stacklevel=2)


@contextmanager
def _database(kind: str, folder: Path) -> Iterator[str]:
    """URL of a fresh, empty database of `kind`, dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'store.sqlite3'}"
        return
    server = _pg_server()
    if server is None:
        reason = "PostgreSQL store tests skipped: VANBAN_TEST_PG is unset and no server answers on 127.0.0.1:54329"
        _warn_once(reason)
        pytest.skip(reason)
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"vanban_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database URL of each kind, for one test."""
    with _database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db_url):
    from models.store import Store

    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def filled_store(request, tmp_path_factory):
    """A store holding the gold record of every dev document, shared by a module's
    tests: they must only read it."""
    from models.store import Store

    with _database(request.param, tmp_path_factory.mktemp("filled")) as url:
        s = Store(url)
        for stem in gold_stems():
            s.add(gold_record(stem), filename=f"{stem}.txt")
        yield s
        s.close()
