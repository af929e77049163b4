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

from collections import Counter

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
    """A mention with no status of its own takes the one the document states for the same count."""
    for m in found:
        if not _weak(m) or m.parent is not None or m.subject is None:
            continue
        sources = [s for s in found if s is not m and not _weak(s) and s.status != "other" and s.count == m.count
                   and (s.total == m.total or m.total is None or s.total is None)
                   and (_same_subject(s.subject, m.subject) or m.count >= 10)]
        if not sources:
            continue
        status = Counter(s.status for s in sources).most_common(1)[0][0]
        source = next(s for s in sources if s.status == status)
        m.status, m.base, m.weak = source.status, source.base, False
        m.holder = m.holder or source.holder
        m.assigned_by = m.assigned_by or source.assigned_by
