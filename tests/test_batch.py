"""`vanban batch`: inputs of every kind, engines, failures, time limit, resume, Ctrl-C, Dask."""
from __future__ import annotations

import gzip
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from extractor.batch import Batch, DaskEngine, InlineEngine, LocalEngine, iter_items
from extractor.batch.inputs import classify, count_items
from extractor.batch.work import Outcome, process
from extractor.pipeline import extract_text
from store_support import db_url  # noqa: F401 - fixture: a fresh SQLite and PostgreSQL database

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpora" / "dev"
SAMPLE = ROOT / "corpora" / "archive" / "sample-200.jsonl.gz"
VANBAN = str(Path(sys.executable).with_name("vanban"))

DEV_TEXTS = sorted(DEV.glob("*.txt"))[:4]
HTML = ("<html><head><title>Tin tức</title></head><body><article><h1>Bộ Nội vụ họp giao ban</h1>"
        "<p>Ngày 05/3/2024, Bộ Nội vụ tổ chức họp giao ban công tác tháng 2 năm 2024, triển khai "
        "Nghị định số 30/2020/NĐ-CP về công tác văn thư.</p></article></body></html>")


def store_at(tmp_path: Path, name: str = "s.sqlite3"):
    from models.store import Store

    return Store(f"sqlite:///{tmp_path / name}")


# -- inputs ---------------------------------------------------------------------

@pytest.mark.parametrize("head,name,expected", [
    (b"%PDF-1.7\n...", "a.bin", "pdf"),
    (b"\x1f\x8b\x08\x00rest", "x.jsonl.gz", "gzip"),
    (b"WARC/1.0\r\nWARC-Type: response", "crawl.warc", "warc"),
    (b'{"id": 1, "text": "..."}\n', "a.jsonl", "jsonl"),
    (b'{"legal_refs": []}', "a.gold.json", "json"),          # data, not a document
    (b"<!DOCTYPE html><html><body>x</body></html>", "page", "html"),
    ("Quyết định số 5/QĐ-UBND".encode(), "qd.txt", "text"),
    (b"\x00\x01\x02\x03binary\x00\x00", "blob.bin", None),   # not text, not a known format
    (b"\x89PNG\r\n\x1a\n....", "scan.png", "image"),
])
def test_classify_by_content(head, name, expected):
    assert classify(head, name) == expected


def test_classify_tar_and_zip_by_magic():
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        _tar_add(tf, "a.txt", b"x")
    assert classify(buf.getvalue()[:4096], "noext") == "tar"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "x")
    assert classify(buf.getvalue()[:4096], "noext") == "zip"


def _tar_add(tf: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tf.addfile(info, io.BytesIO(data))


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, status, ctype, body in (
            ("https://example.gov.vn/tin-1", "200 OK", "text/html; charset=utf-8", HTML.encode()),
            ("https://example.gov.vn/missing", "404 Not Found", "text/html", b"<html>not found</html>"),
            ("https://example.gov.vn/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_inputs_of_every_kind(tmp_path):
    texts = [p.read_bytes() for p in DEV_TEXTS[:2]]
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(texts[0])
    (folder / "sub" / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "a.gold.json").write_text('{"legal_refs": []}')        # data: passed over
    (folder / "notes.tsv").write_text("col\tval\n")                  # data: passed over
    (folder / ".hidden.txt").write_bytes(texts[1])                   # hidden: passed over
    (folder / "blob.bin").write_bytes(b"\x00\x01\x02binary\x00")     # no document: passed over
    with zipfile.ZipFile(folder / "docs.zip", "w") as zf:
        zf.writestr("x/b.txt", texts[1])
        zf.writestr("x/inner.jsonl", json.dumps({"id": "z1", "text": "Ngày 01/01/2020"}) + "\n")
    with tarfile.open(folder / "docs.tar.gz", "w:gz") as tf:
        _tar_add(tf, "c.txt", texts[0])
        _tar_add(tf, "d.htm", HTML.encode())
    with gzip.open(folder / "news.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "n1", "source": "https://a.vn/1", "text": "Tin số một"}) + "\n")
        fh.write("\n")
        fh.write(json.dumps({"id": "n2", "url": "https://a.vn/2", "html": HTML}) + "\n")
        fh.write("{not json\n")
        fh.write(json.dumps({"id": "n4", "title": "no text field"}) + "\n")
    _warc(folder / "crawl.warc.gz")

    items = list(iter_items([folder]))
    by_id = {i.id: i for i in items}
    docs = {i.id for i in items if not i.error}
    assert docs == {
        f"{folder}/a.txt", f"{folder}/sub/page.html",
        f"{folder}/docs.zip!x/b.txt", "z1",
        f"{folder}/docs.tar.gz!c.txt", f"{folder}/docs.tar.gz!d.htm",
        "n1", "n2",
        *[i.id for i in items if i.source == "https://example.gov.vn/tin-1"],
    }
    assert len([i for i in items if i.source.startswith("https://example.gov.vn")]) == 1  # 404 and image left out
    assert by_id["n1"].kind == "text" and by_id["n1"].source == "https://a.vn/1"
    assert by_id["n2"].kind == "bytes" and by_id["n2"].source == "https://a.vn/2"
    assert by_id[f"{folder}/docs.zip!x/b.txt"].data == texts[1]
    errors = {i.id: i.error for i in items if i.error}
    assert set(errors) == {f"{folder}/news.jsonl.gz#4", "n4"}
    assert "not JSON" in errors[f"{folder}/news.jsonl.gz#4"] and "no text or html" in errors["n4"]
    assert count_items([folder]) == len(items)  # the progress bar's total


def test_warc_page_becomes_a_record_named_by_its_url(tmp_path):
    _warc(tmp_path / "crawl.warc.gz")
    out = io.StringIO()
    summary = Batch(InlineEngine(), output=out).run([tmp_path])
    assert (summary.documents, summary.extracted) == (1, 1)
    document = json.loads(out.getvalue())["document"]
    assert document["source"] == "https://example.gov.vn/tin-1" and document["format"] == "html"
    assert document["title"] == "Bộ Nội vụ họp giao ban"


def test_named_file_is_tried_and_missing_one_is_a_failure(tmp_path):
    odd = tmp_path / "odd.bin"
    odd.write_bytes(b"\x00\x01\x02binary\x00")
    items = list(iter_items([odd, tmp_path / "nope.txt"]))
    assert [i.id for i in items] == [str(odd), str(tmp_path / "nope.txt")]
    assert items[0].error is None and items[1].error == "no such file or folder"


def test_truncated_archive_keeps_what_came_before(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    lines = "".join(json.dumps({"id": f"d{i}", "text": "Ngày 01/01/2020 " * 200}) + "\n" for i in range(50))
    data = gzip.compress(lines.encode())
    path.write_bytes(data[: len(data) // 2])
    items = list(iter_items([path]))
    assert items[0].id == "d0" and not items[0].error
    assert items[-1].error and "broken" in items[-1].error


def test_sample_archive_items():
    items = list(iter_items([SAMPLE]))
    assert len(items) == 200
    first = json.loads(gzip.open(SAMPLE, "rt", encoding="utf-8").readline())
    assert items[0].id == first["id"] and items[0].source == first["source"]
    assert items[0].data.decode("utf-8") == first["text"]
    assert len({i.id for i in items}) == 200 and not any(i.error for i in items)
    assert count_items([SAMPLE]) == 200


# -- the per-document function ---------------------------------------------------

def test_process_gives_the_pipeline_record_or_a_reason():
    text = DEV_TEXTS[0].read_text(encoding="utf-8")
    out = process("a", "a.txt", "text", text.encode())
    expected = extract_text(text, "a.txt").model_dump(mode="json", exclude={"text"})
    assert out.error is None and json.loads(out.record_json) == expected
    assert out.text and out.chars == len(out.text)
    bad = process("b", "b.doc", "bytes", b"\xd0\xcf\x11\xe0" + b"\0" * 600)  # a legacy Word file
    assert bad.record_json is None and "OLE" in bad.error


# helpers run inside worker processes (module-level so that they pickle by name)
def _sleep_on_marker(id_, source, kind, data):
    if data == b"sleep":
        time.sleep(300)
    return Outcome(id_, record_json=None, error=None, text=str(os.getpid()))


def _die_on_marker(id_, source, kind, data):
    if data == b"die":
        os._exit(3)
    return Outcome(id_, text=str(os.getpid()))


def _items(*datas):
    from extractor.batch.inputs import Item

    return [Item(id=f"i{n}", source=f"i{n}", data=d) for n, d in enumerate(datas)]


def test_local_engine_replaces_a_worker_past_the_time_limit():
    engine = LocalEngine(workers=1, timeout=1.0, function=_sleep_on_marker)
    started = time.perf_counter()
    results = {item.id: out for item, out in engine.run(_items(b"a", b"sleep", b"b"))}
    assert time.perf_counter() - started < 200  # not the 300 s the document would take
    assert results["i1"].error == "timed out after 1 s"
    assert results["i0"].error is None and results["i2"].error is None
    assert results["i0"].text != results["i2"].text  # the one worker was killed and replaced


def test_local_engine_survives_a_dying_worker():
    results = {item.id: out for item, out in LocalEngine(workers=2, function=_die_on_marker).run(
        _items(b"a", b"die", b"b", b"c"))}
    assert "worker died" in results["i1"].error
    assert all(results[k].error is None for k in ("i0", "i2", "i3"))


class _BreakingPool:
    """Stands in for pebble's pool: the first `breaks` pools give every task up with
    BrokenProcessPool, as pebble does when a worker dies before its task is marked running."""
    made: list = []
    breaks = 1

    def __init__(self, **kwargs):
        self.n = len(self.made)
        self.made.append(self)

    def schedule(self, function, args, timeout=None):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        future = Future()
        if self.n < self.breaks:
            future.set_exception(BrokenProcessPool("All workers expired"))
        else:
            future.set_result(function(*args))
        return future

    def stop(self):
        pass

    close = stop

    def join(self, timeout=None):
        pass


@pytest.mark.parametrize("breaks, errors", [(1, [None, None, None]), (99, ["worker died"] * 3)])
def test_local_engine_runs_again_what_a_broken_pool_gave_up(monkeypatch, breaks, errors):
    import pebble

    monkeypatch.setattr(_BreakingPool, "made", [])
    monkeypatch.setattr(_BreakingPool, "breaks", breaks)
    monkeypatch.setattr(pebble, "ProcessPool", _BreakingPool)
    results = {item.id: out for item, out in LocalEngine(workers=2, function=_die_on_marker).run(
        _items(b"a", b"b", b"c"))}
    assert [results[k].error for k in ("i0", "i1", "i2")] == errors
    assert len(_BreakingPool.made) == (2 if breaks == 1 else 4)   # a new pool per break; three runs at most


def test_time_limit_on_the_real_pipeline():
    # 9 M characters take many seconds of the pipeline's time; one dev document well under 3 s
    huge = ("Ngày 01/02/2020, Bộ Nội vụ ban hành Quyết định số 12/QĐ-BNV. " * 150000).encode()
    small = DEV_TEXTS[0].read_bytes()
    from extractor.batch.inputs import Item

    items = [Item("huge", "huge", huge, "text"), Item("small", "small", small, "text")]
    results = {i.id: o for i, o in LocalEngine(workers=1, timeout=3).run(items)}
    assert results["huge"].error == "timed out after 3 s"
    assert results["small"].error is None and results["small"].record_json
    inline = {i.id: o for i, o in InlineEngine(timeout=3).run(items)}
    assert inline["huge"].error == "timed out after 3 s" and inline["small"].error is None


# -- the driver -------------------------------------------------------------------

def _mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in DEV_TEXTS:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "legacy.txt").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)  # OLE behind a .txt name
    with (folder / "news.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "n1", "text": "Ngày 05/3/2024, Bộ Nội vụ họp giao ban."}) + "\n")
        fh.write("{broken\n")
    return folder


@pytest.mark.parametrize("engine", [InlineEngine(timeout=60), LocalEngine(workers=2, timeout=60)],
                         ids=["inline", "local"])
def test_batch_into_store_then_resume(tmp_path, engine):
    folder = _mixed_folder(tmp_path)
    store = store_at(tmp_path)
    out, errors = io.StringIO(), tmp_path / "errors.jsonl"
    summary = Batch(engine, store=store, output=out, errors=errors).run([folder])
    n_docs = len(DEV_TEXTS) + 1
    assert (summary.documents, summary.extracted, summary.failed, summary.skipped) == (n_docs + 2, n_docs, 2, 0)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == n_docs and all("text" not in r for r in records)
    for p in DEV_TEXTS:  # the same record as a direct extraction, and stored with its text
        direct = extract_text(p.read_text(encoding="utf-8"), str(folder / p.name), with_text=True)
        got = next(r for r in records if r["document"]["source"] == str(folder / p.name))
        assert got == direct.model_dump(mode="json", exclude={"text"})
        stored = store.get(direct.document.id)
        assert stored.text == direct.text and stored.original == p.read_bytes()
    failures = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert {f["id"] for f in failures} == {str(folder / "legacy.txt"), f"{folder / 'news.jsonl'}#2"}
    assert {f.source_id for f in store.failures()} == {f["id"] for f in failures}
    assert summary.items["dates"] == sum(len(r["dates"]) for r in records)

    again = Batch(engine, store=store, output=io.StringIO(), errors=errors).run([folder])
    assert (again.extracted, again.skipped, again.failed) == (0, n_docs, 2)  # failures are tried again
    store.close()


def test_batch_into_each_database(db_url, tmp_path):
    """The driver writes and resumes the same on SQLite and PostgreSQL (several
    workers, one writer)."""
    from models.store import Store

    folder = _mixed_folder(tmp_path)
    with Store(db_url) as store:
        first = Batch(LocalEngine(workers=2, timeout=60), store=store, errors=tmp_path / "e.jsonl").run([folder])
        assert (first.extracted, first.failed) == (len(DEV_TEXTS) + 1, 2)
        assert store.counts()["documents"] == first.extracted
        assert {f.source_id for f in store.failures()} == {str(folder / "legacy.txt"), f"{folder / 'news.jsonl'}#2"}
        again = Batch(LocalEngine(workers=2, timeout=60), store=store).run([folder])
        assert (again.extracted, again.skipped) == (0, first.extracted)


def test_summary_counts_recognizer_failures(tmp_path, monkeypatch):
    import extractor.pipeline as pipeline

    def boom(doc):
        raise ValueError("broken rule")

    broken = [(name, boom if name == "task_stats" else fn) for name, fn in pipeline.RECOGNIZERS]
    monkeypatch.setattr(pipeline, "RECOGNIZERS", broken)
    summary = Batch(InlineEngine(), output=io.StringIO()).run(DEV_TEXTS)
    assert summary.extracted == len(DEV_TEXTS) and summary.failed == 0  # the records are still there
    assert summary.recognizer_failures == {"task_stats": len(DEV_TEXTS)}
    assert summary.recognizer_errors["task_stats"] == "ValueError: broken rule"
    assert summary.items["task_stats"] == 0 and summary.items["dates"] > 0


def _always_fail(id_, source, kind, data):
    return Outcome(id_, error="no luck this time")


def test_a_failure_is_cleared_when_the_document_succeeds_later(tmp_path):
    store = store_at(tmp_path)
    first = Batch(InlineEngine(function=_always_fail), store=store).run(DEV_TEXTS[:2])
    assert first.failed == 2 and {f.reason for f in store.failures()} == {"no luck this time"}
    second = Batch(InlineEngine(), store=store).run(DEV_TEXTS[:2])
    assert second.extracted == 2 and store.failures() == []
    store.close()


def test_stop_leaves_whole_documents_and_resume_finishes(tmp_path):
    store = store_at(tmp_path)

    class StopAfter:
        def __init__(self, n):
            self.n, self.batch = n, None

        def set_total(self, total):
            pass

        def advance(self, chars):
            self.n -= 1
            if self.n == 0:
                self.batch.stop()

    hook = StopAfter(30)
    batch = Batch(LocalEngine(workers=2), store=store, progress=hook)
    hook.batch = batch
    first = batch.run([SAMPLE])
    assert first.interrupted and first.extracted == 30
    counts = store.counts()
    assert counts["documents"] == 30
    second = Batch(LocalEngine(workers=2), store=store).run([SAMPLE])
    assert not second.interrupted and second.skipped == 30 and second.extracted == 170
    assert store.counts()["documents"] == 200
    store.close()


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_then_run_again(tmp_path, presses):
    """A real SIGINT to `vanban batch` (once: finish the document at hand; twice: at
    once): exit 130, the store holds whole documents (each with its items), and
    the same command finishes the rest."""
    db = tmp_path / "s.sqlite3"
    cmd = [VANBAN, "batch", str(SAMPLE), "--db", str(db), "--workers", "2", "--no-progress", "--json",
           "--errors", str(tmp_path / "e.jsonl")]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as con:
                    stored = con.execute("select count(*) from documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 5:
                break
    if proc.poll() is not None:
        pytest.skip("the batch finished before it could be interrupted")
    for _ in range(presses):
        proc.send_signal(signal.SIGINT)
        time.sleep(0.05)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    first = json.loads(out)
    assert first["interrupted"] and 4 <= first["extracted"] < 200
    store = store_at(tmp_path)
    n = store.counts()["documents"]
    # a second Ctrl-C can land between a document's commit and the count of it
    assert n - first["extracted"] in ((0,) if presses == 1 else (0, 1))
    for doc in store.documents(limit=500):  # every stored document is whole
        record = store.get(doc.id).record
        with store.session() as s:
            from sqlalchemy import func, select

            from models.store import DateRow
            dates = s.execute(select(func.count()).select_from(DateRow).where(DateRow.document_id == doc.id)).scalar_one()
        assert dates == len(record["dates"])
    store.close()
    again = subprocess.run(cmd, capture_output=True, timeout=300, cwd=tmp_path)
    assert again.returncode == 0, again.stderr.decode()
    second = json.loads(again.stdout)
    assert second["skipped"] == n and second["extracted"] == 200 - n


def test_cli_batch_output_and_errors(tmp_path):
    folder = _mixed_folder(tmp_path)
    out = tmp_path / "records.jsonl"
    r = subprocess.run([VANBAN, "batch", str(folder), "--db", str(tmp_path / "s.sqlite3"), "-o", str(out),
                        "--workers", "1", "--no-progress"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "extracted" in r.stderr and "failed" in r.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(DEV_TEXTS) + 1
    errors = tmp_path / "records.errors.jsonl"
    assert len(errors.read_text(encoding="utf-8").splitlines()) == 2
    bad = subprocess.run([VANBAN, "batch", str(folder), "--engine", "dask"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--scheduler" in bad.stderr


# -- Dask -------------------------------------------------------------------------

def test_dask_engine_gives_the_same_records(tmp_path):
    distributed = pytest.importorskip("distributed")
    folder = _mixed_folder(tmp_path)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        out = io.StringIO()
        store = store_at(tmp_path, "dask.sqlite3")
        summary = Batch(DaskEngine(client, timeout=60), store=store, output=out,
                        errors=tmp_path / "e.jsonl").run([folder])
    local = io.StringIO()
    Batch(InlineEngine(), output=local).run([folder])
    assert summary.extracted == len(DEV_TEXTS) + 1 and summary.failed == 2
    key = lambda line: json.loads(line)["document"]["id"]  # noqa: E731
    assert sorted(out.getvalue().splitlines(), key=key) == sorted(local.getvalue().splitlines(), key=key)
    assert store.counts()["documents"] == summary.extracted
    store.close()


def test_cli_on_a_dask_scheduler(tmp_path):
    """`vanban batch --engine dask --scheduler tcp://...`: the command connects to a
    running cluster (here one in this process) and writes the store itself."""
    distributed = pytest.importorskip("distributed")
    folder = _mixed_folder(tmp_path)
    db = tmp_path / "s.sqlite3"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://")
        r = subprocess.run([VANBAN, "batch", str(folder), "--engine", "dask", "--scheduler", cluster.scheduler_address,
                            "--db", str(db), "--json", "--no-progress", "--errors", str(tmp_path / "e.jsonl")],
                           capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert (summary["extracted"], summary["failed"]) == (len(DEV_TEXTS) + 1, 2)
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == summary["extracted"]


def test_dask_time_limit():
    from extractor.batch.work import process_within

    started = time.perf_counter()
    out = process_within(1, "slow", "slow", "text", b"sleep", function=_sleep_on_marker)
    assert out.error == "timed out after 1 s" and time.perf_counter() - started < 60
    assert process_within(60, "s", "s", "text", DEV_TEXTS[0].read_bytes()).error is None


def test_cli_batch_where_every_document_fails_exits_1(tmp_path):
    """A script sees a batch that produced nothing: every input broken, exit status 1."""
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (folder / "b.docx").write_bytes(b"PK\x03\x04 not a zip either")
    out = tmp_path / "records.jsonl"
    r = subprocess.run([VANBAN, "batch", str(folder), "--no-store", "-o", str(out), "--workers", "0", "--no-progress"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    assert len((tmp_path / "records.errors.jsonl").read_text(encoding="utf-8").splitlines()) == 2
