"""Counts of work items the subject table does not list, where a status verb governs the count.

`task_subjects.tsv` names the work items reports count most ("nhiệm vụ", "đề án", "thủ tục
hành chính"); reports count many more ("đã hoàn thành 45 khóa", "thực hiện 120 cuộc kiểm toán",
"xác định 5 trọng tâm"), and a closed list misses each new one. Here the verb decides: a status
word of `task_status.tsv` right before a count in digits (a few words such as "được", "trên"
between), and after the count a noun that counts no people, money, time, measure, place or
organization (`task_open_nouns.tsv`, `count_units.txt`). The subject is that noun as
underthesea's word segmenter cuts it ("đề tài" of "đề tài nghiên cứu khoa học"), with the
noun after it where the first is a classifier ("cuộc kiểm toán").
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from extractor.data import table
from extractor.doc import Doc
from extractor.recognizers.symbols import count_units
from extractor.recognizers.task_stats.lexicon import SUBJECTS, YEAR_RE, lower, phrase_key, status_of

# statuses whose verb may govern a count of anything (timings qualify another status; "đạt"
# says a target is reached, of anything else nothing)
_GOVERNING = frozenset({"assigned", "completed", "issued", "pending", "pending_overdue", "pending_on_time",
                        "completed_on_time", "completed_late", "approved", "work", "other"})
# a count in digits with a word after it (not part of a date, a decimal or a symbol)
_NUMBER = re.compile(r"(?<![\w.,/-])(?P<n>\d{1,3}(?:\.\d{3})+|\d{1,6})\s+(?=[^\W\d_])")
# words that may stand between the verb and its count ("đã hoàn thành trên 200 đề tài")
_FILLERS = frozenset({"được", "trên", "hơn", "gần", "khoảng", "thêm", "cộng", "tổng", "xong", "cho"})
_CLAUSE_END = re.compile(r"[,;:.()\[\]|\n\"“”]")
REACH = 60   # characters after the count read for its noun
MAX_TAGGED = 500   # counts of one document read with the segmenter (~0.65 ms each)
_NOUN_TAGS = frozenset({"N", "Nc"})
# prepositions, conjunctions, pronouns, determiners, adverbs: no noun a classifier counts
_FUNCTION_TAGS = frozenset({"E", "C", "CC", "P", "L", "R", "T"})


@cache
def _nouns(kind: str) -> frozenset[str]:
    return frozenset(r["word"].casefold() for r in table("task_open_nouns") if r["kind"] == kind)


def find(doc: Doc) -> list[tuple[int, int, int, str]]:
    """(start, end, count, subject) of each such count, in text order."""
    low = lower(doc)
    out = []
    tagged = 0
    for m in _NUMBER.finditer(low):
        n = m["n"]
        if YEAR_RE.fullmatch(n) or (n.startswith("0") and len(n) > 2) or not _governed(low, m.start()):
            continue
        after = m.end()
        stop = _CLAUSE_END.search(doc.text, after, after + REACH)
        piece = doc.text[after:stop.start() if stop else after + REACH]
        tagged += 1
        if tagged > MAX_TAGGED:
            break   # a text that is nothing but such counts: the segmenter's time stays bounded
        noun = _subject(piece)
        if noun is None:
            continue
        subject, syllables = noun
        if phrase_key(subject) in SUBJECTS:
            continue   # a listed subject is found by the table's own patterns
        out.append((m.start("n"), after + _syllables_end(piece, syllables), int(n.replace(".", "")), subject))
    return out


def _governed(low: str, at: int) -> bool:
    """A status verb stands right before the count at `at`, a few words such as "được" or
    "trên" between at most (read word by word back from the count: a lookup, no search)."""
    before = low[max(0, at - 48):at].split()[1:]   # the first word may be cut by the window
    while before and before[-1] in _FILLERS:
        before.pop()
    return any(status_of(" ".join(before[-k:])) in _GOVERNING for k in (3, 2, 1) if len(before) >= k)


def _subject(piece: str) -> tuple[str, int] | None:
    """The noun a piece of text opens with, as (subject, syllables), or None."""
    if not piece[:1].islower():
        return None   # a proper noun or a title ("3 Bộ", "2 Nghị định") is no open noun
    tagged = _pos_tag(piece.strip())
    if not tagged or tagged[0][1] not in _NOUN_TAGS:
        return None
    head = tagged[0][0].casefold()
    if _never(head):
        return None
    if head in _nouns("classifier"):
        if len(tagged) < 2 or not tagged[1][0][:1].islower() or tagged[1][1] in _FUNCTION_TAGS:
            return None   # "12 bộ, ngành", "3 nhóm của": no noun after the classifier
        head = f"{head} {tagged[1][0].casefold()}"
        if _never(head):
            return None
    return head, len(head.split())


def _never(noun: str) -> bool:
    """A noun that counts people, money, time, measures, places or organizations."""
    return noun in _nouns("never") or noun in count_units()


@lru_cache(maxsize=4096)
def _pos_tag(text: str) -> list[tuple[str, str]]:
    from underthesea import pos_tag   # a CRF model shipped in the package; loaded on first use

    return pos_tag(text)


def _syllables_end(piece: str, n: int) -> int:
    """Where the n-th syllable of the piece ends."""
    ends = [m.end() for m in re.finditer(r"\S+", piece)]
    return ends[min(n, len(ends)) - 1] if ends else 0
