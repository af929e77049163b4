"""Issue 17: every source is read within its limits, whatever it claims or does; no two
inputs become one document; a resumed batch writes the file an uninterrupted one does.

The costly reproductions (a gigabyte behind a megabyte of gzip, zip or DOCX) run in
a child process whose peak memory is read back: each must end in a clear failure
or a correct record within a time limit and under 1 GB. Speed itself is measured
by `bench/worstcase.py`; the time limits here only catch a hang.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

import hostile_corpus
from extractor.batch import Batch, InlineEngine, LocalEngine, iter_items
from extractor.batch.runner import InOrder
from extractor.pipeline import extract_bytes
from extractor.readers import ReadError, read_bytes, read_path, read_stdin
from extractor.readers.limits import gunzip, read_stream, unpack_zip

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "archive" / "sample-200.jsonl.gz"
VANBAN = str(Path(sys.executable).with_name("vanban"))
PEAK_MB = 1024
SENTENCE = hostile_corpus.SENTENCE

# Runs a command and prints its exit status, then the peak RSS (MB) of the child.
_MEASURE = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.PIPE); sys.stderr.buffer.write(p.stderr); "
            "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)")


def run_measured(*cmd: str, timeout: float = 120, env: dict | None = None) -> tuple[int, int, str]:
    """(exit status, peak MB, standard error) of a command run in a fresh process."""
    r = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, timeout=timeout,
                       env={**os.environ, **(env or {})})
    status, peak = map(int, r.stdout.split())
    return status, peak, r.stderr


# --- the bounded reads -------------------------------------------------------------------

class Endless(io.RawIOBase):
    """A stream that never ends (`yes`), counting what was asked of it."""

    def __init__(self):
        self.given = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        buffer[:] = b"y\n" * (len(buffer) // 2) + b"y" * (len(buffer) % 2)
        self.given += len(buffer)
        return len(buffer)


def test_a_stream_is_read_no_further_than_its_limit():
    endless = Endless()
    with pytest.raises(ReadError, match=r"^src: the file is too large \(over the limit of 3 MB\)"):
        read_stream(endless, 3 * 1024 * 1024, "src")
    assert endless.given <= 4 * 1024 * 1024 + 8192
    assert read_stream(io.BytesIO(b"abc"), 3, "src") == b"abc"


def test_stdin_is_read_within_the_limit(monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_BYTES", "1000")
    with pytest.raises(ReadError, match="^-: standard input is too large"):
        read_stdin(io.BufferedReader(Endless()))
    assert read_stdin(io.BytesIO(SENTENCE.encode())) == SENTENCE.encode()


def test_cli_stdin_fed_forever_stops_with_an_error():
    feeder = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        r = subprocess.run([VANBAN, "extract", "-"], stdin=feeder.stdout, capture_output=True, text=True,
                           timeout=120, env={**os.environ, "VANBAN_MAX_BYTES": str(2 * 1024 * 1024)})
    finally:
        feeder.kill()
        feeder.wait()
    assert r.returncode == 1
    assert "-: standard input is too large (over the limit of 2 MB)" in r.stderr


def test_fifo_without_a_writer_is_an_error_not_a_hang(tmp_path, monkeypatch):
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    monkeypatch.setenv("VANBAN_MAX_WAIT", "0.5")
    started = time.monotonic()
    with pytest.raises(ReadError, match="nothing written to it for 0.5 s"):
        read_path(fifo)
    assert time.monotonic() - started < 10


def test_fifo_with_a_writer_is_read(tmp_path):
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(SENTENCE.encode()))
    writer.start()
    result = read_path(fifo)
    writer.join()
    assert result.text == SENTENCE


def test_gunzip_counts_what_it_inflates():
    bomb = hostile_corpus.gzip_bomb(64 * 1024 * 1024)
    with pytest.raises(ReadError, match="its gzip content is too large"):
        gunzip(bomb, 1024 * 1024, "z.gz")
    assert gunzip(gzip.compress(b"abc"), 3, "z.gz") == b"abc"
    with pytest.raises(ReadError, match="broken gzip"):
        gunzip(gzip.compress(b"abc" * 1000)[:-20], 10_000, "z.gz")


def test_a_docx_lying_about_its_sizes_is_refused_without_inflating_it():
    lying = hostile_corpus.lying_bomb_docx(64 * 1024 * 1024)
    with pytest.raises(ReadError, match="word/document.xml"):
        read_bytes(lying, "lying.docx")
    # the same lie about a member that holds what it says is read as it is
    good = hostile_corpus.make_docx(hostile_corpus.document_xml(hostile_corpus.paragraph(SENTENCE)))
    assert read_bytes(good, "good.docx").text == SENTENCE
    repacked = zipfile.ZipFile(io.BytesIO(unpack_zip(good, "good.docx")))
    assert {i.compress_type for i in repacked.infolist()} == {zipfile.ZIP_STORED}


def test_an_xml_flood_within_the_byte_limits_is_refused_by_its_tags(monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_XML_TAGS", "10000")
    flood = hostile_corpus.make_docx(hostile_corpus.document_xml(b"<w:p/>" * 20_000))
    with pytest.raises(ReadError, match="XML tags"):
        read_bytes(flood, "flood.docx")


@pytest.mark.parametrize("name, build, says", [
    ("lying.docx", hostile_corpus.lying_bomb_docx, "word/document.xml"),
    ("flood.docx", hostile_corpus.xml_flood_docx, "XML tags"),
])
def test_cli_docx_attacks_in_bounded_memory(tmp_path, name, build, says):
    path = tmp_path / name
    path.write_bytes(build())
    status, peak, err = run_measured(VANBAN, "extract", str(path))
    assert status == 1 and says in err, err
    assert peak < PEAK_MB, f"{name}: peak {peak} MB"


# --- batch inputs --------------------------------------------------------------------------

@pytest.mark.parametrize("name, build, says", [
    ("zeros.gz", hostile_corpus.gzip_bomb, "the decompressed document is too large"),
    ("bomb.zip", hostile_corpus.zip_with_bomb_member, "the document is too large"),
    ("huge.jsonl.gz", hostile_corpus.jsonl_huge_line, "line 2 is longer than the limit"),
])
def test_batch_bombs_in_bounded_memory(tmp_path, name, build, says):
    path = tmp_path / name
    path.write_bytes(build())
    out = tmp_path / "out.jsonl"
    status, peak, err = run_measured(VANBAN, "batch", str(path), "--no-store", "-o", str(out), "--workers", "0",
                                     "--no-progress", timeout=300)
    # the bomb is the batch's only document in the first two: nothing came out, exit 1
    assert status == (0 if name == "huge.jsonl.gz" else 1), err
    failures = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert len(failures) == 1 and says in failures[0]["reason"], failures
    assert peak < PEAK_MB, f"{name}: peak {peak} MB"
    if name == "huge.jsonl.gz":  # the lines around the huge one are still documents
        assert [json.loads(line)["document"]["source"] for line in out.read_text().splitlines()] == ["a", "b"]


def test_jsonl_line_past_the_limit_is_one_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_BYTES", "1000")
    path = tmp_path / "n.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in
                              (("a", SENTENCE), ("b", "x" * 5000), ("c", SENTENCE))) + "\n" + "[" * 900 + "\n")
    items = list(iter_items([path]))
    assert [(i.id, bool(i.error)) for i in items] == [("a", False), (f"{path}#2", True), ("c", False),
                                                      (f"{path}#4", True)]
    assert "longer than the limit" in items[1].error


def test_archives_nested_too_deep_are_not_opened(tmp_path):
    data = SENTENCE.encode()
    name = "doc.txt"
    for depth in range(6):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(name, data)
        data, name = buf.getvalue(), f"level{depth}.zip"
    (tmp_path / "deep.zip").write_bytes(data)
    items = list(iter_items([tmp_path / "deep.zip"]))
    assert len(items) == 1 and "nested more than 4 deep" in items[0].error


def test_bzip2_zip_members_are_refused(tmp_path):
    with zipfile.ZipFile(tmp_path / "b.zip", "w", zipfile.ZIP_BZIP2) as zf:
        zf.writestr("a.txt", SENTENCE)
    [item] = iter_items([tmp_path / "b.zip"])
    assert "compression method 12" in item.error


def test_symlinks_out_of_the_folder_are_not_read(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(SENTENCE, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "inner.txt").symlink_to(folder / "a.txt")
    (folder / "passwd.txt").symlink_to(outside)
    items = {Path(i.id).name: i for i in iter_items([folder])}
    assert not items["a.txt"].error and items["inner.txt"].data == SENTENCE.encode()
    assert "outside the input folder" in items["passwd.txt"].error and not items["passwd.txt"].data


def test_folder_walk_keeps_utf16_without_bom(tmp_path):
    for order in ("utf-16-le", "utf-16-be"):
        (tmp_path / f"{order}.txt").write_bytes(hostile_corpus.ISSUE17_TEXT["text/utf16be-no-bom"].decode(
            "utf-16-be").encode(order))
    items = list(iter_items([tmp_path]))
    assert len(items) == 2
    for item in items:
        assert extract_bytes(item.data, item.id).legal_refs[0].number == "12/2020/NĐ-CP"


def test_batch_reads_a_fifo(tmp_path):
    fifo = tmp_path / "docs.jsonl"
    os.mkfifo(fifo)
    lines = "".join(json.dumps({"id": f"d{i}", "text": SENTENCE}) + "\n" for i in range(3))
    writer = threading.Thread(target=lambda: fifo.write_text(lines, encoding="utf-8"))
    writer.start()
    items = list(iter_items([fifo]))
    writer.join()
    assert [i.id for i in items] == ["d0", "d1", "d2"]


# --- recognizers on the shapes that were super-linear -----------------------------------------

@pytest.mark.parametrize("name", sorted(hostile_corpus.ISSUE17_TEXT))
def test_pathological_texts_extract_quickly(name):
    started = time.monotonic()
    record = extract_bytes(hostile_corpus.ISSUE17_TEXT[name], name)
    assert time.monotonic() - started < 30, f"{name} took {time.monotonic() - started:.0f} s"
    if "references" in name or "symbols" in name:
        assert len(record.legal_refs) >= 15_000


# --- identity of documents without text -----------------------------------------------------

def test_documents_without_text_keep_apart():
    a, b = hostile_corpus.blank_pngs()
    ra, rb, ra2 = extract_bytes(a, "a.png"), extract_bytes(b, "b.png"), extract_bytes(a, "a2.png")
    assert ra.document.id != rb.document.id and ra.document.id == ra2.document.id
    assert {ra.document.id, rb.document.id}.isdisjoint({extract_bytes(b"   ", "c").document.id})
    assert extract_bytes(SENTENCE.encode(), "t").document.id == __import__("hashlib").sha256(
        SENTENCE.encode()).hexdigest()  # a document with text: its text's hash, as before


def test_two_blank_uploads_are_two_documents(tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    with TestClient(create_app(Settings(db=str(tmp_path / "s.sqlite3"), workers=1))) as c:
        answers = [c.post("/documents", files={"file": (n, data, "image/png")})
                   for n, data in zip(("a.png", "b.png"), hostile_corpus.blank_pngs())]
        assert [r.status_code for r in answers] == [201, 201], [r.text for r in answers]
        ids = [r.json()["id"] for r in answers]
        assert ids[0] != ids[1]
        for doc_id, data in zip(ids, hostile_corpus.blank_pngs()):
            assert c.get(f"/documents/{doc_id}/original").content == data


# --- batch output on resume -----------------------------------------------------------------

def test_in_order_writes_every_line_in_item_order_and_spills():
    records, errors = [], []
    lines = InOrder(records.append, errors.append, hold_chars=10)
    for seq in (3, 1, 4, 2):
        lines.put(seq, f"record {seq} " + "x" * seq, f"error {seq}" if seq == 4 else None)
    assert records == [] and lines.spilled  # past 10 characters: in the temporary file
    lines.put(0, "record 0")
    assert records == ["record 0"] + [f"record {s} " + "x" * s for s in (1, 2, 3, 4)] and errors == ["error 4"]
    lines.put(6, "six")
    lines.close()  # item 5 never came (an interrupted run): the rest still goes out, in order
    assert records[-1] == "six"


def test_resumed_batch_writes_the_file_an_uninterrupted_one_does(tmp_path):
    def run(db: Path, out: Path, stop_after: int | None = None):
        class Stop:
            def __init__(self):
                self.left, self.batch = stop_after, None

            def set_total(self, total):
                pass

            def advance(self, chars):
                if self.left is not None:
                    self.left -= 1
                    if self.left == 0:
                        self.batch.stop()

        from models.store import Store

        hook = Stop()
        with Store(f"sqlite:///{db}") as store, out.open("w", encoding="utf-8") as fh:
            batch = Batch(LocalEngine(workers=2), store=store, output=fh, errors=out.with_suffix(".err"), progress=hook)
            hook.batch = batch
            return batch.run([SAMPLE])

    whole = run(tmp_path / "a.sqlite3", tmp_path / "a.jsonl")
    assert whole.extracted == 200 and not whole.interrupted
    cut = run(tmp_path / "b.sqlite3", tmp_path / "b.jsonl", stop_after=40)
    assert cut.interrupted
    resumed = run(tmp_path / "b.sqlite3", tmp_path / "b.jsonl")
    assert resumed.skipped >= 40 and resumed.extracted + resumed.skipped == 200
    assert (tmp_path / "b.jsonl").read_bytes() == (tmp_path / "a.jsonl").read_bytes()


def test_cli_batch_killed_then_resumed_ends_with_the_same_output(tmp_path):
    """SIGKILL (no clean-up at all) in the middle of `vanban batch -o`, then the same
    command again: the output is byte for byte the output of an uninterrupted run."""
    def cmd(name):
        return [VANBAN, "batch", str(SAMPLE), "--db", str(tmp_path / f"{name}.sqlite3"), "-o",
                str(tmp_path / f"{name}.jsonl"), "--workers", "2", "--no-progress"]

    subprocess.run(cmd("whole"), check=True, capture_output=True, timeout=600)
    proc = subprocess.Popen(cmd("cut"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    db = tmp_path / "cut.sqlite3"
    deadline = time.time() + 300
    stored = 0
    while time.time() < deadline and proc.poll() is None and stored < 20:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db, timeout=5) as con:
                stored = con.execute("select count(*) from documents").fetchone()[0]
        except sqlite3.Error:
            continue
    if proc.poll() is not None:
        pytest.skip("the batch finished before it could be killed")
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers, at once
    proc.wait()
    subprocess.run(cmd("cut"), check=True, capture_output=True, timeout=600)
    assert (tmp_path / "cut.jsonl").read_bytes() == (tmp_path / "whole.jsonl").read_bytes()
    assert len((tmp_path / "whole.jsonl").read_text().splitlines()) == 200


def test_errors_file_lists_this_runs_failures_in_order(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("b.bin", "a.bin"):
        (folder / name).write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)  # legacy Office: a failure each
    errors = tmp_path / "e.jsonl"
    for _ in range(2):
        Batch(InlineEngine(), output=io.StringIO(), errors=errors).run([folder / "b.bin", folder / "a.bin"])
        assert [json.loads(line)["id"] for line in errors.read_text().splitlines()] == [
            str(folder / "b.bin"), str(folder / "a.bin")]
