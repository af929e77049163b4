"""Throughput of `vanban batch` over the 5k news archive, and where the time goes.

    .venv/bin/python bench/throughput.py [ARCHIVE] [--workers N] [--sample-every 10] [--profile]

1. `vanban batch ARCHIVE --db <fresh SQLite>` as a subprocess: wall time, documents/s,
   characters/s, and the peak memory of its whole process tree (driver + workers),
   sampled from /proc via psutil: summed RSS (counts pages shared after fork once per
   process, so an upper bound) and summed PSS (shared pages split between processes).
2. On a sample of the same texts (every Nth document), in this one process: the pipeline
   stage by stage (normalize, document header, each recognizer) in characters/s.
3. On a smaller part of that sample, underthesea's `ner` called sentence by sentence (what
   a user would reach for), in characters/s, and the ratio of the pipeline's one-process
   throughput to it (both on one core, same text).

`--skip-batch --sample-every 1` gives the speed of each recognizer over the whole archive.

A script, not a test: the numbers depend on the machine and on what else runs on it, so
it prints the load average before and after.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
from collections import Counter
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# the shared corpus sits beside the checkout (/work/main) or beside the worktrees' folder (/work/wt/NAME)
DEFAULT_ARCHIVE = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
                       ROOT.parent / "shared") / "corpus" / "archive" / "vn-gov-news-5k.jsonl.gz"
TARGET_SECONDS, TARGET_RSS_MB, TARGET_RATIO = 180, 1024, 15
TARGET_STORE_SHARE = 0.10  # of the process tree's CPU, spent writing the store (issue 16)


def tree_sample(root: psutil.Process, cpu: dict[int, float]) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes over `root` and all its descendants (the
    batch's workers are forked from a fork server, so they are grandchildren);
    records each process's own CPU seconds so far in `cpu` (pid -> seconds)."""
    rss = pss = 0
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    for p in procs:
        try:
            with p.oneshot():
                full = p.memory_full_info()
                times = p.cpu_times()
        except psutil.Error:
            continue
        rss += full.rss
        pss += getattr(full, "pss", full.rss)
        cpu[p.pid] = max(cpu.get(p.pid, 0.0), times.user + times.system)
    return rss, pss


def run_batch(archive: Path, workers: int | None) -> dict:
    db = Path(tempfile.mkdtemp(prefix="vanban-bench-")) / "bench.sqlite3"
    cmd = [str(Path(sys.executable).with_name("vanban")), "batch", str(archive), "--db", f"sqlite:///{db}",
           "--no-progress", "--json", "--errors", str(db.with_suffix(".errors.jsonl"))]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    peak = {"rss": 0, "pss": 0}
    cpu: dict[int, float] = {}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = tree_sample(root, cpu)
            peak["rss"], peak["pss"] = max(peak["rss"], rss), max(peak["pss"], pss)
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"vanban batch failed ({proc.returncode}):\n{err.decode()[-3000:]}")
    summary = json.loads(out)
    # CPU of every process of the tree as last sampled (at most 0.25 s short for each)
    summary.update(wall=wall, cpu=sum(cpu.values()), driver_cpu=cpu.get(proc.pid, 0.0), peak_rss=peak["rss"], peak_pss=peak["pss"], db=str(db),
                   db_mb=db.stat().st_size / 2**20 if db.exists() else 0)
    return summary


def read_sample(archive: Path, every: int) -> list[tuple[str, str]]:
    texts = []
    with gzip.open(archive, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % every == 0:
                obj = json.loads(line)
                texts.append((obj.get("source") or obj.get("id") or str(i), obj.get("text") or ""))
    return texts


def stage_times(texts: list[tuple[str, str]]) -> tuple[dict[str, float], int, Counter]:
    """CPU seconds per pipeline stage over `texts`, replaying `extract_doc` step by step
    (CPU time, so that other work on the machine does not count)."""
    from extractor.doc import Doc
    from extractor.normalize import normalize
    from extractor.pipeline import RECOGNIZERS, cycle_collection_paused, extract_text
    from extractor.recognizers import document

    extract_text("Ngày 01/01/2020, Bộ Nội vụ ban hành Quyết định số 1/QĐ-BNV.", "warm-up")
    times: dict[str, float] = {"normalize": 0.0, "document": 0.0, **{name: 0.0 for name, _ in RECOGNIZERS}}
    chars = 0
    raised: Counter = Counter()
    for source, raw in texts:
        t0 = time.process_time()
        doc = Doc(text=normalize(raw), source=source, meta={"format": "text"})
        t1 = time.process_time()
        times["normalize"] += t1 - t0
        with cycle_collection_paused():   # as extract_doc runs them
            doc.document = document.recognize(doc)
            times["document"] += time.process_time() - t1
            for name, recognize in RECOGNIZERS:
                t = time.process_time()
                try:
                    doc.cache[name] = recognize(doc)
                except Exception as e:  # noqa: BLE001 - timed like the pipeline, which also survives it
                    doc.cache[name] = []
                    raised[f"{name}: {type(e).__name__}: {e}"[:160]] += 1
                times[name] += time.process_time() - t
        chars += len(doc.text)
    return times, chars, raised


def ner_time(texts: list[tuple[str, str]], max_chars: int) -> tuple[float, int, int]:
    """underthesea.ner sentence by sentence over the first `max_chars` of the sample (CPU seconds)."""
    from underthesea import ner, sent_tokenize

    from extractor.normalize import normalize

    ner("Bộ Nội vụ.")  # load the model outside the timing
    chars = sentences = 0
    elapsed = 0.0
    for _, raw in texts:
        text = normalize(raw)
        t = time.process_time()
        for line in text.split("\n"):
            if not line.strip():
                continue
            for sentence in sent_tokenize(line):
                ner(sentence)
                sentences += 1
        elapsed += time.process_time() - t
        chars += len(text)
        if chars >= max_chars:
            break
    return elapsed, chars, sentences


def profile(texts: list[tuple[str, str]], path: Path) -> None:
    from pyinstrument import Profiler

    from extractor.pipeline import extract_text

    extract_text("Ngày 01/01/2020.", "warm-up")
    logging.disable(logging.ERROR)  # recognizer failures are counted by stage_times, not printed
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for source, raw in texts:
        extract_text(raw, source)
    profiler.stop()
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    print(f"profile of the sample pipeline: {path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("archive", nargs="?", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--workers", type=int, default=None, help="passed to vanban batch (default: all cores)")
    ap.add_argument("--sample-every", type=int, default=10, help="per-stage timing on every Nth document")
    ap.add_argument("--ner-chars", type=int, default=300_000, help="characters given to underthesea ner")
    ap.add_argument("--skip-batch", action="store_true", help="only the per-stage and ner measurements")
    ap.add_argument("--batch-only", action="store_true", help="only the batch (no per-stage or ner measurements)")
    ap.add_argument("--profile", type=Path, default=None, help="write a pyinstrument profile of the sample here")
    args = ap.parse_args()

    print(f"archive: {args.archive}  cores: {os.cpu_count()}  load average before: "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    batch = None
    if not args.skip_batch:
        batch = run_batch(args.archive, args.workers)
        mb = 2**20
        print("\n== vanban batch into a fresh SQLite ==")
        print(f"documents: {batch['documents']} (extracted {batch['extracted']}, skipped as duplicates "
              f"{batch['skipped']}, failed {batch['failed']})  "
              f"characters: {batch['chars']:,}")
        print(f"wall time: {batch['wall']:.1f} s (batch's own clock {batch['seconds']:.1f} s)  "
              f"documents/s: {batch['extracted'] / batch['wall']:.1f}  characters/s: {batch['chars'] / batch['wall']:,.0f}")
        print(f"CPU time of the process tree: {batch['cpu']:.1f} s = {batch['chars'] / batch['cpu']:,.0f} chars per CPU-second "
              f"(on {os.cpu_count()} idle cores: about {batch['cpu'] / os.cpu_count():.0f} s); of which the driver "
              f"(reading, store writes) {batch['driver_cpu']:.1f} s")
        print(f"store writes (driver CPU, records parsed for the store included): {batch['store_cpu_seconds']:.1f} s "
              f"= {100 * batch['store_cpu_seconds'] / batch['cpu']:.1f} % of the tree's CPU")
        print(f"peak memory of the process tree: RSS sum {batch['peak_rss'] / mb:.0f} MB, "
              f"PSS sum {batch['peak_pss'] / mb:.0f} MB  (store file {batch['db_mb']:.0f} MB)")
        print("items: " + ", ".join(f"{k} {v}" for k, v in batch["items"].items()))
        print(f"load average after: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
        store_share = batch["store_cpu_seconds"] / batch["cpu"]
        print(f"target: store writes {100 * store_share:.1f} % <= {100 * TARGET_STORE_SHARE:.0f} % of the CPU: "
              f"{'yes' if store_share <= TARGET_STORE_SHARE else 'NO'}")
    if args.batch_only:
        return

    texts = read_sample(args.archive, args.sample_every)
    times, chars, raised = stage_times(texts)
    total = sum(times.values())
    print(f"\n== pipeline stages, CPU time in one process, {len(texts)} documents (every {args.sample_every}th), {chars:,} chars ==")
    for name, seconds in sorted(times.items(), key=lambda kv: -kv[1]):
        rate = chars / seconds if seconds else float("inf")
        print(f"{name:12s} {seconds:7.2f} s  {100 * seconds / total:5.1f} %  {rate:>13,.0f} chars/s")
    pipeline_rate = chars / total
    print(f"{'all':12s} {total:7.2f} s  100.0 %  {pipeline_rate:>13,.0f} chars/s")
    for error, n in raised.most_common(5):
        print(f"  raised on {n} documents: {error}")

    ner_seconds, ner_chars, sentences = ner_time(texts, args.ner_chars)
    ner_rate = ner_chars / ner_seconds
    print(f"\n== underthesea ner, sentence by sentence, CPU time in one process ==")
    print(f"{ner_chars:,} chars, {sentences} sentences in {ner_seconds:.1f} s: {ner_rate:,.0f} chars/s "
          f"(the whole archive would take {batch['chars'] / ner_rate / 60 if batch else 43e6 / ner_rate / 60:.0f} min)")
    print(f"ratio, one core each (pipeline / ner): {pipeline_rate / ner_rate:.1f}x")
    if batch and batch.get("recognizer_failures"):
        print(f"recognizer failures in the batch (documents): {batch['recognizer_failures']}")
    if batch:
        print(f"ratio, vanban batch on all cores / ner on one: {batch['chars'] / batch['wall'] / ner_rate:.1f}x")
        print("\n== targets ==")
        print(f"time  {batch['wall']:.0f} s <= {TARGET_SECONDS} s: {'yes' if batch['wall'] <= TARGET_SECONDS else 'NO'}")
        print(f"RSS   {batch['peak_rss'] / 2**20:.0f} MB (PSS {batch['peak_pss'] / 2**20:.0f} MB) <= {TARGET_RSS_MB} MB: "
              f"{'yes' if batch['peak_rss'] <= TARGET_RSS_MB * 2**20 else 'PSS ' + ('yes' if batch['peak_pss'] <= TARGET_RSS_MB * 2**20 else 'NO')}")
        print(f"ratio {pipeline_rate / ner_rate:.1f}x >= {TARGET_RATIO}x: {'yes' if pipeline_rate / ner_rate >= TARGET_RATIO else 'NO'}")
    if args.profile:
        profile(texts, args.profile)


if __name__ == "__main__":
    main()
