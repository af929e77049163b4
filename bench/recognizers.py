"""Throughput of the header, date and reference recognizers over the 5k archive.

usage: python bench/recognizers.py [ARCHIVE.jsonl.gz] [--limit N]

Normalizes each page and builds its Doc outside the clock; times only each recognizer
(document, dates, legal_refs, in pipeline order) in CPU time (the machine is shared:
wall time measures the neighbours) and prints chars/s per recognizer.
"""
from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers import dates, document, legal_refs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "archive" / "vn-gov-news-5k.jsonl.gz"


def main() -> None:
    argv = sys.argv[1:]
    limit = None
    if "--limit" in argv:
        i = argv.index("--limit")
        limit = int(argv[i + 1])
        del argv[i:i + 2]
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    spent = {"document": 0.0, "dates": 0.0, "legal_refs": 0.0}
    chars = n = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if limit is not None and n >= limit:
                break
            page = json.loads(line)
            doc = Doc(text=normalize(page.get("text") or ""), source=page.get("source", "-"))
            chars += len(doc.text)
            n += 1
            t = time.process_time()
            doc.document = document.recognize(doc)
            spent["document"] += time.process_time() - t
            for name, rec in (("dates", dates.recognize), ("legal_refs", legal_refs.recognize)):
                t = time.process_time()
                doc.cache[name] = rec(doc)
                spent[name] += time.process_time() - t
    print(f"{n} pages, {chars:,} chars")
    for name, s in spent.items():
        print(f"{name:12s} {s:7.2f} s  {chars / s / 1e6:6.2f} M chars/s")
    total = sum(spent.values())
    print(f"{'together':12s} {total:7.2f} s  {chars / total / 1e6:6.2f} M chars/s")


if __name__ == "__main__":
    main()
