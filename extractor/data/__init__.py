"""Lexicons kept as data: tab-separated files beside this module, first line the
column names, "#" lines comments. `table(name)` loads one, once per process."""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `<name>.tsv` as dicts (empty cells are "")."""
    path = DATA_DIR / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


@cache
def words(name: str) -> tuple[str, ...]:
    """Entries of a one-column list `<name>.txt` (one per line, "#" comments)."""
    path = DATA_DIR / f"{name}.txt"
    return tuple(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))
