"""Reading speed of long text PDFs: pages per second of the PDF reader (`read_bytes`).

    .venv/bin/python bench/pdf_speed.py [PAGES] [--repeat N]

Builds a PDF of PAGES pages (400 by default) from the pages of the project's real text
PDFs (`corpora/files/`, `corpora/real/`: decrees, appendices with ruled tables, plans,
letters with stamped numbers), repeated in turn, and reads it as a user's upload would
be read (limits from the environment; `VANBAN_MAX_PAGES` is raised to PAGES). Prints
the time, pages per second, and how many pages went through the table pass. The target
is 50 pages/s (a 400-page PDF in under 8 s; issue 13 asks for under 15 s).

A script, not a test: the figures depend on the machine and what else runs on it, so the
load average is printed beside them.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = sorted((ROOT / "corpora" / "files").glob("*_signed.pdf")) + [
    ROOT / "corpora" / "real" / f"real_{n}.pdf" for n in ("006", "009", "044", "054", "056", "068")]


def build(pages: int) -> bytes:
    import pypdfium2 as pdfium

    sources = [pdfium.PdfDocument(p.read_bytes()) for p in SOURCES if p.exists()]
    out = pdfium.PdfDocument.new()
    k = 0
    while len(out) < pages:
        src = sources[k % len(sources)]
        take = list(range(min(len(src), pages - len(out))))
        out.import_pages(src, take)
        k += 1
    import io

    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages", nargs="?", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    os.environ["VANBAN_MAX_PAGES"] = str(max(args.pages, 500))

    from extractor.readers import read_bytes

    data = build(args.pages)
    print(f"PDF of {args.pages} pages, {len(data) / 1e6:.1f} MB, from {len(SOURCES)} real PDFs; "
          f"load average {os.getloadavg()[0]:.2f}")
    best = None
    for i in range(args.repeat):
        t0 = time.perf_counter()
        result = read_bytes(data, "bench.pdf")
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
        notes = "; ".join(result.meta.get("warnings") or []) or "no warnings"
        print(f"run {i + 1}: {dt:.2f} s, {args.pages / dt:.0f} pages/s, {len(result.text):,} characters ({notes})")
    print(f"best: {best:.2f} s = {args.pages / best:.0f} pages/s (target 50 pages/s); "
          f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
