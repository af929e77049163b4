"""Counts that take their status from another mention of the same count.

- A shared predicate: in "3.893/6.191 điều kiện kinh doanh; 6.776/9.926 dòng hàng ... đã được cắt
  giảm" the verb after the last count is said of every count of the list before it.
- A repeat: a headline, teaser, caption or heading that repeats a count ("Danh sách 21 dự án ...",
  "196 thủ tục hải quan được cung cấp ...") is a mention of its own (RECORDS.md) and reports what
  the body says of that count, where it says nothing more itself: it takes the status, holder and
  giver of the same count stated elsewhere in the document (the same number, and the same subject
  or one of its head; a number of two digits or more is taken to be the same count as it stands).
"""
from __future__ import annotations

from extractor.recognizers.task_stats.find import Mention
from extractor.recognizers.task_stats.lexicon import STATUS_RE, status_of

_WEAK = (None, "other")
_SHARED_GAP = 40   # at most this far apart, the counts of one list that share a verb


def _weak(m: Mention) -> bool:
    """No status of its own, or `other` only for want of a better word."""
    return m.status is None or (m.status == "other" and m.weak)


def share_predicates(flat: str, found: list[Mention]) -> None:
    """A count without a status word, listed right before one whose verb follows its noun,
    shares that verb ("A; B đã được cắt giảm")."""
    for i in range(len(found) - 2, -1, -1):
        m, n = found[i], found[i + 1]
        if not m.bare or m.parent is not None or n.sentence != m.sentence or n.status in _WEAK or n.parent is not None or not n.post_only:
            continue
        gap = flat[m.end:n.start]
        if len(gap) > _SHARED_GAP or any(status_of(s.group()) != "-" for s in STATUS_RE.finditer(gap)):
            continue
        if gap.strip(" ,;") and gap.strip(" ,;") not in ("và", "hoặc"):
            continue
        m.status, m.base, m.weak = n.status, n.base, False
        m.holder = m.holder or n.holder
        m.assigned_by = m.assigned_by or n.assigned_by
        m.as_of = m.as_of or n.as_of


def _same_subject(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = a.casefold(), b.casefold()
    return a == b or a.split()[0] == b.split()[0]


def take_from_repeats(found: list[Mention]) -> None:
    """A mention with no status of its own takes the one the document states for the same count:
    the status most of those mentions state (the first stated, on a tie), from the first of them.

    The mentions that state a status are tallied per count, total and subject's head word as
    they are met (one taken from a repeat states it for those after it), so each repeat reads a
    tally instead of every other mention."""
    tally = _Tally()
    for k, s in enumerate(found):
        if not _weak(s) and s.status != "other":
            tally.add(k, s)
    for k, m in enumerate(found):
        if not _weak(m) or m.parent is not None or m.subject is None:
            continue
        source = tally.source(found, m)
        if source is None:
            continue
        m.status, m.base, m.weak = source.status, source.base, False
        m.holder = m.holder or source.holder
        m.assigned_by = m.assigned_by or source.assigned_by
        tally.add(k, m)


def _head(subject: str | None) -> str | None:
    """The word two subjects must share to be the same (`_same_subject`)."""
    return subject.casefold().split()[0] if subject else None


class _Tally:
    """Per (count), (count, total), (count, head) and (count, total, head): for each status, how
    many mentions state it and the first of them (index in `found`)."""

    def __init__(self) -> None:
        self.by: dict[tuple, dict[str, list[int]]] = {}

    def add(self, k: int, s: Mention) -> None:
        head = _head(s.subject)
        for key in ((s.count,), (s.count, "total", s.total), (s.count, "head", head), (s.count, s.total, head)):
            seen = self.by.setdefault(key, {}).setdefault(s.status, [0, k])
            seen[0] += 1
            seen[1] = min(seen[1], k)

    def source(self, found: list[Mention], m: Mention) -> Mention | None:
        """What `_sources` would pick for `m`: same count, totals that agree (equal, or one of them
        unknown), the same subject unless the number has two digits or more."""
        head = _head(m.subject)
        if head is None and m.count < 10:
            return None   # no subject to share
        if m.count >= 10:
            keys = [(m.count,)] if m.total is None else [(m.count, "total", m.total), (m.count, "total", None)]
        else:
            keys = [(m.count, "head", head)] if m.total is None else [(m.count, m.total, head), (m.count, None, head)]
        merged: dict[str, list[int]] = {}
        for key in keys:
            for status, (n, first) in self.by.get(key, {}).items():
                got = merged.setdefault(status, [0, first])
                got[0] += n
                got[1] = min(got[1], first)
        if not merged:
            return None
        # most stated; on a tie, the status stated first (Counter.most_common keeps first-seen order)
        status, (_, first) = min(merged.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
        return found[first]
