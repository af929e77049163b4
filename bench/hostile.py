"""The reproductions of issue 17, run the way a user meets them: time and peak memory of the
`vanban` command on each hostile input, and what it says.

    .venv/bin/python bench/hostile.py [--only NAME ...]

Each case runs the installed command in a child process (its own peak memory, from the
kernel's accounting of that child); printed per case: wall seconds, peak resident MB, exit
status, the records it wrote (JSON lines, and how many distinct document ids among them) and
what it said on standard error (its error or failure line). Target (issue 17): a clear
error or a correct record within seconds and under 1 GB. A script, not a test: the figures
depend on the machine. The inputs are built in a temporary folder and removed after.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
VANBAN = str(Path(sys.executable).with_name("vanban"))
LIMIT_MB = 1024


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _spaces(d: Path) -> list[str]:
    return [VANBAN, "extract", "-f", "jsonl", str(_write(d / "spaces.txt", "Quyết định\n" + " " * 5000 + "\n"))]


def _references(d: Path) -> list[str]:
    unit = "Nghị định số 12/2020/NĐ-CP ngày 01/02/2020 của Chính phủ; "
    return [VANBAN, "extract", "-f", "jsonl", str(_write(d / "refs.txt", unit * (1_200_000 // len(unit))))]


def _gzip_line(d: Path) -> list[str]:
    path = d / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as f:   # one JSONL line of 1 GiB, about 1 MB packed
        f.write(b'{"text": "')
        block = b"0" * (1 << 20)
        for _ in range(1024):
            f.write(block)
        f.write(b'"}\n')
    return [VANBAN, "batch", "--no-store", "--no-progress", "-o", str(d / "out.jsonl"), str(path)]


def _hostile_corpus():
    """The tests' generator of hostile files (its DOCX builders), imported, not copied."""
    sys.path.insert(0, str(ROOT / "tests"))
    import hostile_corpus

    return hostile_corpus


def _lying_docx(d: Path) -> list[str]:
    path = d / "lying.docx"
    path.write_bytes(_hostile_corpus().lying_bomb_docx(1 << 30))
    return [VANBAN, "extract", "-f", "jsonl", str(path)]


def _xml_flood(d: Path) -> list[str]:
    path = d / "flood.docx"
    path.write_bytes(_hostile_corpus().xml_flood_docx())
    return [VANBAN, "extract", "-f", "jsonl", str(path)]


def _blank_files(d: Path) -> list[str]:
    a, b = _write(d / "blank1.txt", "\n\n"), _write(d / "blank2.txt", " \n \n \n")
    return [VANBAN, "extract", "-f", "jsonl", str(a), str(b)]


def _fifo(d: Path) -> list[str]:
    path = d / "fifo"
    os.mkfifo(path)
    return [VANBAN, "extract", str(path)]


def _endless_stdin(d: Path) -> list[str]:
    return [VANBAN, "extract", "-"]


# name -> (what it is, builder of the command line, whether standard input is endless)
CASES: dict[str, tuple[str, Callable[[Path], list[str]], bool]] = {
    "spaces-line": ("a line of 5,000 spaces after a title (was 25 s for 4,000)", _spaces, False),
    "references": ("1.2 M characters of references (the overlap check alone was 15 s)", _references, False),
    "gzip-line": ("a 1 GiB JSONL line in a gzip of about 1 MB (was 8.2 GB)", _gzip_line, False),
    "lying-docx": ("a DOCX declaring a 100 KB member that inflates to 1 GiB (was 2.15 GB)", _lying_docx, False),
    "xml-flood": ("a DOCX of 55 MB of tiny XML elements within the byte limits (was 1.4 GB, 48 s)", _xml_flood, False),
    "blank-files": ("two different files without text (were one document)", _blank_files, False),
    "fifo": ("a named pipe nobody writes to (hung)", _fifo, False),
    "endless-stdin": ("`yes | vanban extract -` (grew until memory ran out)", _endless_stdin, True),
}


def run(cmd: list[str], endless: bool, out: Path, timeout: float = 300.0) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit status, its error line or else the first line of standard
    error) of one command, its standard output written to `out`."""
    t = time.monotonic()
    with out.open("wb") as sink:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if endless else subprocess.DEVNULL,
                                stdout=sink, stderr=subprocess.PIPE)
    if endless:
        threading.Thread(target=_feed, args=(proc,), daemon=True).start()
    err: list[bytes] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)
    reader.start()
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join(5)
    seconds = time.monotonic() - t
    lines = [ln.strip() for ln in b"".join(err).decode("utf-8", "replace").splitlines() if ln.strip()]
    # what it said of the input: its error or failure line, before a batch's table of counts
    said = next((ln for ln in lines if ln.startswith(("error", "failed"))), lines[0] if lines else "")
    return seconds, usage.ru_maxrss / 1024, proc.returncode, said


def _records(path: Path) -> str:
    """"n/ids": JSON lines written and distinct document ids among them."""
    if not path.exists():
        return "0/0"
    ids, n = set(), 0
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("{"):
                n += 1
                ids.add(json.loads(line).get("document", {}).get("id"))
    return f"{n}/{len(ids)}"


def _feed(proc: subprocess.Popen) -> None:
    chunk = b"y\n" * (1 << 16)
    try:
        while proc.poll() is None:
            proc.stdin.write(chunk)
    except (BrokenPipeError, OSError):
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", choices=sorted(CASES), help="only these cases")
    args = parser.parse_args()
    misses = 0
    print(f"{'case':<14} {'seconds':>8} {'peak MB':>8} {'exit':>5} {'records':>8}  what it said")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only or CASES:
            what, build, endless = CASES[name]
            d = Path(tmp) / name
            d.mkdir()
            cmd = build(d)
            seconds, mb, code, said = run(cmd, endless, d / "stdout")
            records = _records(d / "out.jsonl" if "-o" in cmd else d / "stdout")
            bad = mb > LIMIT_MB or seconds > 60
            misses += bad
            print(f"{name:<14} {seconds:>8.1f} {mb:>8.0f} {code:>5} {records:>8}  {said[:80]}{'  MISS' if bad else ''}")
            print(f"{'':<14} {what}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
