"""How the page and the command line name a document and its type, and write dates.

- `type_label(kind, title)`: the type a reader expects ("Pháp lệnh", "Công văn",
  "Phụ lục") rather than the contract's coarse `kind` ("other", "news"): the type
  word the title opens with, where the type table (`extractor/data/legal_types.tsv`)
  gives that type the document's kind or the kind is `other`; the parts of a
  document (`data/document_parts.txt`) whatever the kind.
- `display_title(doc, opening)`: the title; a bare type word gets its number ("Công
  văn số 1547/SNV-TCBC"); a text without a headline is named by its first sentence
  (`opening`: the start of its text), then by its number, and only last by its file.
- `vi_date(value)`: ISO values of the contract as Vietnamese write them.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from api.labels import KINDS
from models.search import fold

PARTS = Path(__file__).resolve().parent / "data" / "document_parts.txt"
TITLE_CHARS = 110  # a title made from a sentence is cut about here, at a word


@cache
def _openers() -> tuple[tuple[str, str, str | None], ...]:
    """(folded opener, label, kind it may relabel or None for any), longest first."""
    from extractor.data import table

    rows: list[tuple[str, str, str | None]] = []
    for line in PARTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append((fold(line), line.strip(), None))
    for row in table("legal_types"):
        rows.append((fold(row["type"]), row["type"], row["kind"] or "other"))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _opener(title: str | None) -> tuple[str, str | None] | None:
    """(label, kind) of the type word a title opens with."""
    folded = fold(title)
    for opener, label, kind in _openers():
        if folded.startswith(opener):
            return label, kind
    return None


def type_label(kind: str | None, title: str | None = None) -> str:
    """The document's type in words (see the module docstring)."""
    found = _opener(title)
    if found:
        label, of_kind = found
        if of_kind is None or kind == "other" or of_kind == kind:
            return label
    return KINDS.get(kind or "", kind or "")


def first_sentence(text: str | None, limit: int = TITLE_CHARS) -> str | None:
    """The first sentence of a text's first line of words, cut at a word near `limit`."""
    for line in (text or "").splitlines():
        line = line.strip().lstrip("#").strip()
        if not re.search(r"\w{2}", line) or line.startswith("{"):  # template debris ("{keywords}")
            continue
        end = re.search(r"[.!?…](\s|$)", line)
        sentence = line[:end.start() + 1] if end and end.start() < limit else line
        if len(sentence) <= limit:
            return sentence.rstrip(".")
        cut = sentence[:limit].rsplit(" ", 1)[0]
        return cut.rstrip(",;:–- ") + "…"
    return None


def display_title(doc: Any, opening: str | None = None) -> str:
    """A name for a document (a record's `document`, a stored summary): its title,
    else its first sentence, else its type and number, else its file name."""
    title = (doc.title or "").strip()
    number = getattr(doc, "number", None)
    if title:
        if fold(title) == _openers_fold(title):  # "Công văn" alone: which one
            if number:
                return f"{title} số {number}"
            if getattr(doc, "issued_on", None):
                return f"{title} ngày {vi_date(doc.issued_on)}"
        return title
    sentence = first_sentence(opening)
    if sentence:
        return sentence
    if number:
        return f"{type_label(doc.kind)} số {number}"
    return getattr(doc, "filename", None) or doc.source


def _openers_fold(title: str) -> str:
    """The folded type word a title opens with ("" for none)."""
    folded = fold(title)
    return next((opener for opener, _, _ in _openers() if folded.startswith(opener)), "")


_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}:\d{2}))?")


def _one(value: str, bare: bool) -> str:
    m = _ISO.fullmatch(value)
    if not m:
        return value
    year, month, day, time = m.groups()
    if day:
        return f"{time + ' ' if time else ''}{day}/{month}/{year}"
    if month:
        return f"{month}/{year}" if bare else f"tháng {int(month)}/{year}"
    return year if bare else f"năm {year}"


def vi_date(value: str | None, bare: bool = False) -> str:
    """"2017-06-20" -> "20/06/2017", "2021-12" -> "tháng 12/2021", "2021" -> "năm 2021",
    an interval "A/B" -> "A – B"; `bare` leaves out "tháng"/"năm" (tables, axes)."""
    if not value:
        return ""
    if "/" in value:
        a, b = value.split("/", 1)
        return f"{_one(a, True)} – {_one(b, True)}"
    return _one(value, bare)


def page_ranges(pages: list[int]) -> str:
    """[1, 2, 3, 5] -> "1–3, 5"."""
    out: list[str] = []
    run: list[int] = []
    for p in sorted(set(pages)):
        if run and p == run[-1] + 1:
            run.append(p)
            continue
        if run:
            out.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [p]
    if run:
        out.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)
