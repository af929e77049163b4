"""The day a count stands at (`as_of`)."""
from __future__ import annotations

from bisect import bisect_left

from extractor.doc import Doc
from extractor.recognizers.task_stats.lexicon import (
    AS_OF_RE, DAY_RE, lower,
)


def days(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, ISO day) of every day the dates recognizer found, or, where it found
    none, of every "ngày d/m/yyyy" in the text."""
    out = []
    for d in doc.cache.get("dates") or []:
        value, granularity, ev = _get(d, "value"), _get(d, "granularity"), _get(d, "evidence")
        if granularity == "day" and ev is not None:
            out.append((_get(ev, "start"), _get(ev, "end"), value))
    if out or doc.cache.get("dates"):
        return sorted(out)
    for m in DAY_RE.finditer(lower(doc)):
        year = int(m["y"]) if m["y"] else doc.year
        day, month = int(m["d"]), int(m["m"])
        if year and 1 <= day <= 31 and 1 <= month <= 12:
            out.append((m.start(), m.end(), f"{year:04d}-{month:02d}-{day:02d}"))
    return out


def _get(obj, name: str):
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def as_of_at(doc: Doc, days: list[tuple[int, int, str]], lo: int, pos: int) -> str | None:
    """The day a count stands at: "Tính đến ngày 16/6/2017, ... 246 nhiệm vụ" (same sentence, before)."""
    # the days before `pos`, back to `lo`: by bisection to the last one before the count
    for k in range(bisect_left(days, (pos,)) - 1, -1, -1):
        start, end, value = days[k]
        if start < lo:
            break
        # the date's evidence may or may not begin with "ngày": the cue stands right before
        if AS_OF_RE.search(lower(doc), max(lo, start - 30), start):
            return value
    return None
