"""Batch extraction of archives: `vanban batch`.

- `inputs`  — every document inside folders, zip/tar archives, JSONL(.gz), WARC
- `work`    — the per-document function (never raises) and a worker's start-up
- `engines` — where it runs: inline, a local process pool, a Dask cluster
- `runner`  — the driver: skips stored documents, writes the store, records, errors
- `progress`— the progress bar and summary
- `export`  — rows of the store as JSONL, CSV or Parquet
"""
from extractor.batch.engines import DaskEngine, InlineEngine, LocalEngine, make_engine
from extractor.batch.inputs import Item, iter_items
from extractor.batch.runner import Batch, Summary

__all__ = ["Batch", "DaskEngine", "InlineEngine", "Item", "LocalEngine", "Summary", "iter_items", "make_engine"]
