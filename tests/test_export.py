"""`vanban export`: every record kind from the store as JSONL, CSV and Parquet."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.batch.export import KINDS, export
from models.records import (Committee, DateItem, Document, Evidence, LegalRef, Member, Person, Record, Signer,
                            TaskStat)

ROOT = Path(__file__).resolve().parent.parent
VANBAN = str(Path(sys.executable).with_name("vanban"))
TEXT = "x" * 200


def ev(start: int, end: int) -> Evidence:
    return Evidence(start=start, end=end, text=TEXT[start:end])


def record(n: int) -> Record:
    """A record with a known number of items of every kind (n tells documents apart)."""
    text = f"{TEXT} {n}"
    return Record(
        extractor_version="0.1.0",
        document=Document(id=f"{n:064x}", source=f"doc{n}.txt", kind="decision", number=f"{n}/QĐ-BNV",
                          issuer="Bộ Nội vụ", issued_on="2024-03-05", signer=Signer(name="Trần Văn Minh", position="Thứ trưởng")),
        legal_refs=[LegalRef(type="Nghị định", number="30/2020/NĐ-CP", issuer="Chính phủ", evidence=ev(0, 5)),
                    LegalRef(type="Luật", title="Cán bộ, công chức", evidence=ev(6, 9))],
        dates=[DateItem(value="2024-03-05", granularity="day", evidence=ev(10, 12)),
               DateItem(value="2024-01-01/2024-06-30", granularity="half", evidence=ev(13, 15)),
               DateItem(value="2024", granularity="year", evidence=ev(16, 17))],
        task_stats=[TaskStat(subject="nhiệm vụ", status="completed", count=12, total=15, holder="Bộ Nội vụ",
                             evidence=ev(20, 25))],
        committees=[Committee(name="Tổ công tác", member_count=2, evidence=ev(30, 35), members=[
            Member(name="Trần Văn Minh", role="Tổ trưởng", position="Thứ trưởng", evidence=ev(36, 40)),
            Member(name=None, role="Thành viên", organization="Vụ Tổ chức cán bộ, Bộ Nội vụ", evidence=ev(41, 45)),
        ])],
        people=[Person(name="Trần Văn Minh", position="Thứ trưởng", evidence=ev(36, 40))],
        text=text,
    )


# rows each record gives, per kind
PER_RECORD = {"documents": 1, "legal_refs": 2, "dates": 3, "task_stats": 1, "committees": 1, "members": 2,
              "people": 1, "records": 1}


@pytest.fixture()
def store(tmp_path):
    from models.store import Store

    s = Store(f"sqlite:///{tmp_path / 'export.sqlite3'}")
    for n in range(3):
        s.add(record(n))
    yield s
    s.close()


@pytest.mark.parametrize("kind", KINDS)
def test_jsonl_has_every_row(store, kind):
    out = io.StringIO()
    n = export(store, kind, "jsonl", out=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(rows) == 3 * PER_RECORD[kind]
    if kind == "records":
        assert {Record.model_validate(r).document.source for r in rows} == {"doc0.txt", "doc1.txt", "doc2.txt"}
        return
    assert {r["document_id"] for r in rows} == {f"{n:064x}" for n in range(3)}
    assert not any(k.endswith("_key") or k in ("text", "record") for k in rows[0])  # internal columns stay in


@pytest.mark.parametrize("kind,column,values", [
    ("legal_refs", "number", {"30/2020/NĐ-CP", None}),
    ("dates", "value", {"2024-03-05", "2024-01-01/2024-06-30", "2024"}),
    ("members", "committee", {"Tổ công tác"}),
    ("members", "organization", {None, "Vụ Tổ chức cán bộ, Bộ Nội vụ"}),   # a comma inside a value
    ("task_stats", "total", {15}),
    ("documents", "number", {"0/QĐ-BNV", "1/QĐ-BNV", "2/QĐ-BNV"}),
])
def test_values_come_back(store, kind, column, values):
    out = io.StringIO()
    export(store, kind, "jsonl", out=out)
    assert {json.loads(line)[column] for line in out.getvalue().splitlines()} == values


def test_csv_round_trip(store):
    out = io.StringIO()
    export(store, "members", "csv", out=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 6
    assert {r["organization"] for r in rows} == {"", "Vụ Tổ chức cán bộ, Bộ Nội vụ"}
    assert {r["evidence_start"] for r in rows} == {"36", "41"}


def test_parquet_has_typed_columns(store, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "dates.parquet"
    assert export(store, "dates", "parquet", path=str(path)) == 9
    table = pq.read_table(path)
    assert table.num_rows == 9
    assert str(table.schema.field("evidence_start").type) == "int64"
    assert str(table.schema.field("relative").type) == "bool"
    assert sorted(set(table.column("value").to_pylist())) == ["2024", "2024-01-01/2024-06-30", "2024-03-05"]


def test_empty_store_gives_an_empty_parquet(tmp_path):
    import pyarrow.parquet as pq

    from models.store import Store

    with Store(f"sqlite:///{tmp_path / 'empty.sqlite3'}") as s:
        assert export(s, "people", "parquet", path=str(tmp_path / "p.parquet")) == 0
    assert pq.read_table(tmp_path / "p.parquet").num_rows == 0


@pytest.mark.parametrize("kind,fmt,path,message", [
    ("nobody", "jsonl", None, "unknown kind"),
    ("people", "xml", None, "unknown format"),
    ("records", "csv", None, "jsonl"),
    ("people", "parquet", None, "output file"),
])
def test_refused(store, kind, fmt, path, message):
    with pytest.raises(ValueError, match=message):
        export(store, kind, fmt, out=io.StringIO(), path=path)


def test_cli_export_after_batch(tmp_path):
    """The whole path: batch dev documents into a store, export them."""
    db = str(tmp_path / "s.sqlite3")
    docs = sorted((ROOT / "corpora" / "dev").glob("*.txt"))[:3]
    r = subprocess.run([VANBAN, "batch", *map(str, docs), "--db", db, "--workers", "0", "--no-progress", "--json"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    out = tmp_path / "docs.csv"
    r = subprocess.run([VANBAN, "export", "--db", db, "--format", "csv", "--kind", "documents", "-o", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted(r["source"] for r in rows) == sorted(map(str, docs))
    r = subprocess.run([VANBAN, "export", "--db", db, "--kind", "dates"], capture_output=True, text=True, timeout=120)
    assert len(r.stdout.splitlines()) == summary["items"]["dates"]
    r = subprocess.run([VANBAN, "export", "--db", db, "--format", "parquet"], capture_output=True, text=True)
    assert r.returncode == 2 and "output file" in r.stderr
