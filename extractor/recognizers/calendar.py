"""Calendar arithmetic and the day patterns shared by the date, reference and header
recognizers: "24/4/2017", "24-4-2017", "24.4.2017", "ngày 24 tháng 4 năm 2017".

Patterns run over `doc.flat` (line breaks are spaces there), so "ngày\\n01 tháng 12
năm 2025" is one match. Day first always; impossible days ("31/2/2020") are rejected
by `iso_day`, not by the patterns.
"""
from __future__ import annotations

import calendar as _calendar
import re
from functools import cache

from extractor.data import table

YEAR = r"(?:19|20)\d{2}"
# A numeric day: both separators the same; not glued to more digits or to a symbol.
NUM_DAY_CORE = (
    r"(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<y>" + YEAR + r")"
    r"(?![\w/]|[.\-]\d)"
)
NUM_DAY = r"(?<![\w/.\-])" + NUM_DAY_CORE
# A day in words: "ngày 05 tháng 3 năm 2020", also with the month glued to its word
# ("tháng3", a common typing slip); the "ngày" is optional only in dates that the
# caller anchors itself.
WORD_DAY = (
    r"(?P<wd>\d{1,2})\s+tháng\s*(?P<wm>\d{1,2})(?:\s*,?\s*năm\s+|\s*,\s*)(?P<wy>" + YEAR + r")(?!\d)"
)
DAY_AT_RE = re.compile(
    r"\s*,?\s*(?:(?:ban\s+hành|ký)\s+)?ngày\s+(?:" + NUM_DAY_CORE + "|" + WORD_DAY + ")",
    re.I,
)


def iso_day(y: int, m: int, d: int) -> str | None:
    """ISO day, or None for an impossible one (31/2, month 13, day 0)."""
    if not (1 <= m <= 12 and 1 <= d <= last_day(y, m)):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def iso_month(y: int, m: int) -> str | None:
    return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None


def last_day(y: int, m: int) -> int:
    return _calendar.monthrange(y, m)[1] if 1 <= m <= 12 else 0


def months_span(y: int, first: int, last: int) -> str:
    """The interval from the first day of month `first` to the last day of month `last`."""
    return f"{y:04d}-{first:02d}-01/{y:04d}-{last:02d}-{last_day(y, last):02d}"


def day_from_match(m: re.Match) -> str | None:
    """ISO day of a match of NUM_DAY or WORD_DAY (whichever groups it has)."""
    g = m.groupdict()
    if g.get("d"):
        return iso_day(int(g["y"]), int(g["m"]), int(g["d"]))
    if g.get("wd"):
        return iso_day(int(g["wy"]), int(g["wm"]), int(g["wd"]))
    return None


def day_at(flat: str, pos: int) -> tuple[str, int] | None:
    """A date introduced by "ngày" right at `pos` (after optional spaces and a comma):
    the issue date that follows a document number. Returns (iso, end) or None."""
    m = DAY_AT_RE.match(flat, pos)
    if not m:
        return None
    iso = day_from_match(m)
    return (iso, m.end()) if iso else None


@cache
def words(kind: str) -> dict[str, str]:
    """Calendar words of one kind from data/calendar_words.tsv: word -> value."""
    return {r["word"]: r["value"] for r in table("calendar_words") if r["kind"] == kind}


def alternation(kind: str) -> str:
    """Regex alternation of the calendar words of one kind, longest first."""
    return "|".join(re.escape(w) for w in sorted(words(kind), key=len, reverse=True))
