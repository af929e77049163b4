"""Finding counts: a count with what it counts ("246 nhiệm vụ", "04/39 Thông tư", "hai nhiệm
vụ"), the noun first with the count closing its clause ("số nhiệm vụ đã hoàn thành: 246"), and
bare counts next to a status word inside a sentence that already holds a mention ("; 3 quá
hạn"). Labels, years, row and item numbers are not counts.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from extractor.doc import Doc
from extractor.recognizers.task_stats import open_counts, windows
from extractor.recognizers.task_stats.lexicon import (
    ACTS, BARE_AFTER_RE, BARE_BEFORE_RE, CLAUSE_END_RE, DIGIT_MENTION_RE, DOCUMENT_SUBJECTS,
    DROPPED_RE, LABEL_LEADS, LABEL_RE, NOUN_FIRST_RE, NUMBER_LIST_RE, REAL_STATUS_RE, ROW_BREAK_RE,
    SENTENCE_END_RE, STATUS_RE, SUBJECTS, UNIT_BEFORE_RE, WORD_MENTION_RE, WORD_START_RE, YEAR_RE,
    lower, phrase_key, status_of,
)
from extractor.recognizers.vi_numbers import parse_count


@dataclass
class Mention:
    start: int            # first character of the count (of the noun, where it comes first)
    end: int              # end of the noun (of the count, for a bare one or where the noun comes first)
    count: int
    total: int | None
    subject: str | None   # None for a bare count until it is given its sentence's subject
    sentence: tuple[int, int]
    status: str | None = None
    base: str | None = None       # assigned / completed / pending / issued / other, for dividing
    post_end: int = 0             # where the qualifiers after the noun stop
    holder: str | None = None
    assigned_by: str | None = None
    as_of: str | None = None
    parent: "Mention | None" = None
    given: str | None = None      # the status word, where the noun comes first ("nhiệm vụ đã hoàn thành: 246")
    clause: int = 0               # where the count's clause starts
    verb_at: int = 0              # where the status word governing it stands (the count, where none does)
    settled: bool = False         # the holder is decided (possibly nobody): not to be resolved further
    bare: bool = False            # no status word before the count nor after its noun
    post_only: bool = False       # its status comes from the words after its noun alone
    weak: bool = False            # `other` only for want of a better word (a verb of work carried out)


def find(doc: Doc) -> list[Mention]:
    """Every count of the document, in text order, each with its sentence."""
    low = lower(doc)
    found = [_mention(doc, m) for m in DIGIT_MENTION_RE.finditer(low)]
    covered = 0
    for w in WORD_START_RE.finditer(low):
        m = WORD_MENTION_RE.match(low, w.start()) if w.start() >= covered else None
        if m:  # "mười hai văn bản" once, not again as "hai văn bản"
            found.append(_mention(doc, m))
            covered = m.end()
    found = [m for m in found if m is not None]
    found += _not_overlapping(_noun_first(doc), found)
    found += _not_overlapping([Mention(start=a, end=b, count=n, total=None, subject=subject, sentence=(0, 0))
                               for a, b, n, subject in open_counts.find(doc)], found)
    if not found:
        return []
    found = _without_dropped_heads(doc, found)
    found.sort(key=lambda m: m.start)
    ends = [m.end() for m in SENTENCE_END_RE.finditer(doc.text)]
    for m in found:
        m.sentence = _sentence(ends, m.start, len(low))
    found = _with_bare_counts(doc, found)
    return found


def _without_dropped_heads(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Drop a bare head that repeats, further on its line, a phrase whose subject is dropped."""
    low = lower(doc)
    dropped = []
    for d in DROPPED_RE.finditer(low):
        head = max((p for p in SUBJECTS if d.group().startswith(p.lower()) and SUBJECTS[p] != "-"),
                   key=len, default=None)
        if head:
            dropped.append((d.start(), SUBJECTS[head]))
    if not dropped:
        return found
    at_of: dict[str, list[int]] = {}   # subject -> where a dropped phrase of it stands, in text order
    for at, head in dropped:
        at_of.setdefault(head, []).append(at)
    out = []
    for m in found:
        ats = at_of.get(m.subject, ())
        k = bisect_left(ats, m.start)   # the last one before the count: is it on the count's line?
        if not (k and ats[k - 1] >= windows.line_start(doc, m.start)):
            out.append(m)
    return out


def _not_overlapping(new: list[Mention], found: list[Mention]) -> list[Mention]:
    """The mentions of `new` that overlap none of `found`, by bisection in `found` sorted by start
    with the furthest end reached so far."""
    by_start = sorted(found, key=lambda m: m.start)
    starts = [m.start for m in by_start]
    reach, far = [], -1
    for m in by_start:
        far = max(far, m.end)
        reach.append(far)
    out = []
    for n in new:
        k = bisect_left(starts, n.end)   # those that start before `n` ends: does one end after it starts?
        if not (k and reach[k - 1] > n.start):
            out.append(n)
    return out


def _subject(doc: Doc, m: re.Match) -> str | None:
    """The subject for the noun matched, read as written (acronyms stay upper case)."""
    written = phrase_key(doc.flat[m.start("s"):m.end("s")])
    return SUBJECTS.get(written) or SUBJECTS.get(written.lower())


def _mention(doc: Doc, m: re.Match) -> Mention | None:
    start = m.start()
    before = doc.flat[start - 1] if start else " "
    decimal = before in ".," and start >= 2 and doc.flat[start - 2].isdigit()  # "1,5", not "luật,17"
    if before.isalnum() or (before in "_/" or decimal) and m["n"][0].isdigit():
        return None  # inside a word, a decimal, a symbol or a date
    count = parse_count(m["n"])
    if count is None or (count == 1 and not m["n"][0].isdigit()):
        return None  # "một nhiệm vụ" is a task, not a statistic
    if m["n"] == "năm":
        return None  # "năm kế hoạch", "năm báo cáo": a year, not five
    low = lower(doc)
    label = LABEL_RE.search(low, max(0, start - 20), start)
    if label and UNIT_BEFORE_RE.search(doc.flat, max(0, label.start() - 20), label.start()):
        label = None  # "Vụ Kế hoạch 07/07 nhiệm vụ": the word names a unit, the number counts
    if label or NUMBER_LIST_RE.search(low, max(0, start - 8), start):
        return None  # "Điều 5 Quyết định ...", "Điều 20 và 21 Luật": labels, not counts
    if YEAR_RE.fullmatch(m["n"]):
        return None
    total_at = [g for g in ("t", "t2") if m.groupdict().get(g)]
    gap = doc.text[m.end(total_at[0]) if total_at else m.end("n"):m.start("s")]
    line_start = windows.line_start(doc, start)
    if "|" in gap and (ROW_BREAK_RE.search(gap) or not _count_cell_after_status(doc, start)):
        return None  # a table's row number before a title, or the last cell of a row before the next
    if "\n" in gap and not doc.flat[line_start:start].strip(" #-+."):
        return None  # a list's item number before a title
    total = parse_count(m[total_at[0]]) if total_at else None
    subject = _subject(doc, m)
    if subject == "-":
        subject = _issued_act_head(doc, m)
    if subject in (None, "-"):
        return None
    return Mention(start=m.start(), end=m.end(), count=count, total=total, subject=subject, sentence=(0, 0))


def _issued_act_head(doc: Doc, m: re.Match) -> str | None:
    """"đã ban hành 7 quyết định thu hồi ...": individual acts are dropped as work items, but
    where an issuing verb governs the count itself, the text reports documents issued; the
    subject is then the document head ("quyết định")."""
    low = lower(doc)
    verb = None
    for verb in STATUS_RE.finditer(low, max(0, m.start() - 40), m.start()):
        pass
    if verb is None or low[verb.end():m.start()].strip() or status_of(verb.group()) != "issued":
        return None
    written = phrase_key(doc.flat[m.start("s"):m.end("s")]).lower()
    if written not in ACTS:
        return None
    head = max((p for p in SUBJECTS if written.startswith(p.lower() + " ") and SUBJECTS[p] != "-"),
               key=len, default=None)
    return SUBJECTS[head] if head and SUBJECTS[head] in DOCUMENT_SUBJECTS else None


def _count_cell_after_status(doc: Doc, start: int) -> bool:
    """True where the count at `start` fills a table cell of its own and the cell before it,
    on the same row, holds a status word ("| Đã hoàn thành | 246 | nhiệm vụ |"); a row's
    number ("| 16 | Luật Báo chí |") has no such cell before it."""
    text = doc.text
    bar = text.rfind("|", 0, start)
    if bar < 0 or text[bar + 1:start].strip(" *_"):
        return False
    row = windows.line_start(doc, bar)
    before = text.rfind("|", row, bar)
    cell = text[max(before + 1, row):bar].lower()
    return bool(REAL_STATUS_RE.search(cell))


def _label_cell_starts(doc: Doc, start: int) -> bool:
    """True where the noun at `start` opens its table cell, alone or after "Số"/"Tổng số"
    ("| Số nhiệm vụ được giao | 120 |")."""
    text, row = doc.text, windows.line_start(doc, start)
    bar = text.rfind("|", row, start)   # the cell opens after the last bar on the line, else at the line's start
    cell = bar + 1 if bar >= 0 else row
    return text[cell:start].strip(" \t*_").lower() in LABEL_LEADS


def _noun_first(doc: Doc) -> list[Mention]:
    out = []
    for m in NOUN_FIRST_RE.finditer(lower(doc)):
        if m.start() and doc.flat[m.start() - 1].isalpha():
            continue
        subject = _subject(doc, m)
        status = status_of(m["w"])
        status = "assigned" if status == "total" else status  # "nhiệm vụ tổng số: 75"
        between = doc.text[m.end("w"):m.start("n")]
        if subject in (None, "-") or YEAR_RE.fullmatch(m["n"]) or "\n" in between and "|" not in between:
            continue  # a year, or the number of the next list item ("... được giao\n1. ...")
        end = CLAUSE_END_RE.match(doc.text, m.end())
        if not end:
            continue  # the number goes on ("... được giao 120 nhiệm vụ" is found the other way)
        if "|" in doc.text[m.start():m.end("w")] or (end.group().rstrip().endswith("|")
                                                      and "|" not in doc.text[m.end("w"):m.start("n")]):
            continue  # in a table, a row's label cell holds noun and status word, the next cell the count
        if "|" in between and not _label_cell_starts(doc, m.start()):
            continue  # a label that only mentions the noun ("Kết quả thực hiện nhiệm vụ được giao | 70") scores points
        out.append(Mention(start=m.start(), end=m.end("t") if m["t"] else m.end("n"), count=parse_count(m["n"]),
                            total=parse_count(m["t"] or ""), subject=subject, sentence=(0, 0), given=status))
    return out


SENTENCE_CAP = 2000   # a longer "sentence" is text that lost its stops: read it in pieces this long


def _sentence(ends: list[int], pos: int, n: int) -> tuple[int, int]:
    i = bisect_right(ends, pos)
    s, e = (ends[i - 1] if i else 0, ends[i] if i < len(ends) else n)
    if e - s > SENTENCE_CAP:   # every search in a sentence stays bounded, the whole stays linear
        s += (pos - s) // SENTENCE_CAP * SENTENCE_CAP
        e = min(e, s + SENTENCE_CAP)
    return s, e


def _with_bare_counts(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Add bare counts of sentences that hold a mention; each counts the subject of the
    nearest mention before it (or after it, where the sentence names it later)."""
    flat, extra = lower(doc), []
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in found:
        by_sentence.setdefault(m.sentence, []).append(m)
    for sentence, own in by_sentence.items():
        mine: list[Mention] = []
        for rx in (BARE_AFTER_RE, BARE_BEFORE_RE):
            for b in rx.finditer(flat, *sentence):
                start, end = b.start("n"), b.end("t") if b["t"] else b.end("n")
                if any(m.start <= start < m.end or start <= m.start < end for m in own + mine):
                    continue
                count = parse_count(b["n"])
                if count is None or (count == 1 and not b["n"][0].isdigit()) or YEAR_RE.fullmatch(b["n"]):
                    continue
                before = [m for m in own if m.end <= start]
                source = before[-1] if before else own[0]
                if "|" in doc.text[min(source.end, end):max(source.start, start)]:
                    continue  # a table's other cell: its number is said of something else
                mine.append(Mention(start=start, end=end, count=count, total=parse_count(b["t"] or ""),
                                    subject=source.subject, sentence=sentence))
        extra += mine
    return sorted(found + extra, key=lambda m: m.start)
