"""Throughput of the people and committee recognizers over the crawled archive.

usage: python bench/people_speed.py [ARCHIVE.jsonl.gz] [--limit N]

Each page is normalized and its header recognized first (as the pipeline does); only
the two recognizers are timed. Prints chars/s and the slowest pages.
"""
from __future__ import annotations

import gzip
import json
import sys
import time

from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers import committees, document, people

ARCHIVE = "/work/shared/corpus/archive/vn-gov-news-5k.jsonl.gz"


def main() -> None:
    argv = sys.argv[1:]
    limit = None
    if "--limit" in argv:
        i = argv.index("--limit")
        limit = int(argv[i + 1])
        del argv[i:i + 2]
    args = [a for a in argv if not a.startswith("--")]
    path = args[0] if args else ARCHIVE
    total_chars = 0
    total_time = 0.0
    n_people = n_members = 0
    slow = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for k, line in enumerate(f):
            if limit is not None and k >= limit:
                break
            rec = json.loads(line)
            doc = Doc(text=normalize(rec.get("text") or ""), source=str(rec.get("id", k)))
            doc.document = document.recognize(doc)
            t0 = time.perf_counter()
            ps = people.recognize(doc)
            doc.cache["people"] = ps
            cs = committees.recognize(doc)
            dt = time.perf_counter() - t0
            total_time += dt
            total_chars += len(doc.text)
            n_people += len(ps)
            n_members += sum(len(c.members) for c in cs)
            slow.append((dt, len(doc.text), doc.source))
    slow.sort(reverse=True)
    print(f"{k + 1 if limit is None else min(k + 1, limit)} pages, {total_chars:,} chars, {total_time:.1f} s: "
          f"{total_chars / max(total_time, 1e-9):,.0f} chars/s; {n_people} people, {n_members} members")
    for dt, n, src in slow[:5]:
        print(f"  slowest: {src} {n:,} chars {dt:.2f} s ({n / max(dt, 1e-9):,.0f} chars/s)")


if __name__ == "__main__":
    main()
