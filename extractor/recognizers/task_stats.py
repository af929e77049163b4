"""Recognizer for `task_stats` of RECORDS.md: counts of tasks and work items with a status.

A mention is a count followed by what it counts ("246 nhiệm vụ", "04/39 Thông tư",
"48 trên tổng số 52 nhiệm vụ", "hai nhiệm vụ"), or the noun first with the count
closing its clause ("số nhiệm vụ đã hoàn thành: 246"); inside a sentence that
already holds one, a bare count next to a status word ("đang triển khai 21",
"; 3 quá hạn") counts the same thing. Its status comes from the status word right
before the count (the verb whose object it is: "đã hoàn thành 246 nhiệm vụ") or
after its noun (the qualifier: "240 nhiệm vụ đúng hạn", "... được ban hành"); a
count after "trong đó" divides the count before it, so a bare timing word takes
its meaning from that count ("đúng hạn"/"quá hạn" of completed ones are
completed_on_time/late, of pending ones pending_on_time/overdue). A count without
a status word of its own in a list ("01 Nghị định ... và 01 Quyết định") shares
the status of the one before. Work set out rather than done ("sẽ ban hành", a
plan's own list) is assigned. Verbs of carrying work out ("triển khai", "thực hiện",
"trình") report none of the vocabulary (`other`) unless the work is set out: a future
or obligation word right before them, an assigning word before them in the sentence
("phân công ... để triển khai 21 nhiệm vụ"), a named plan after the noun ("... tại Kế
hoạch số 02"). In a table flattened with "|", a count takes the row's label cell
("| Nhiệm vụ đã hoàn thành | 98 |"); a row number or a marking scheme's points do not.
Sums that should hold and do not become warnings.

Everything runs as regexes over the lower-cased `doc.flat` (same length, so offsets
hold; patterns without case folding or a leading look-behind are searched for
quickly), and only sentences holding a mention are looked at closely. Lexicons are
data: `task_subjects.tsv`, `task_status.tsv`, `task_cues.tsv`, `task_holder_heads.txt`,
`task_giver_heads.txt`, `task_holder_stops.txt`; number words in `vi_numbers`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from extractor.data import table, words
from extractor.doc import Doc
from extractor.recognizers.vi_numbers import COUNT, DIGITS, WORD_COUNT_LOWER, WORD_COUNT_START, parse_count
from models.records import TaskStat

_LETTER_BEFORE = r"(?<![^\W\d_])"
_LETTER_AFTER = r"(?![^\W\d_])"


def _phrases(phrases) -> str:
    """Alternation of phrases in lower case (they are matched in the lower-cased text),
    longest first; a space matches any run of spaces (line breaks are spaces in `doc.flat`)."""
    out = {r"\s+".join(map(re.escape, p.lower().split())) for p in phrases}
    return "(?:" + "|".join(sorted(out, key=len, reverse=True)) + ")"


def _key(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    return phrase if phrase != phrase.lower() and phrase.upper() == phrase else phrase.lower()


# --- lexicons -------------------------------------------------------------------------

_SUBJECTS = {_key(r["phrase"]): r["subject"] for r in table("task_subjects")}
_STATUS = {_key(r["phrase"]): r["status"] for r in table("task_status")}
_BEFORE_ONLY = {_key(r["phrase"]) for r in table("task_status") if r["where"] == "before"}
_CUES = [(r["phrase"], r["role"]) for r in table("task_cues")]  # a word may have two roles
_DOCUMENT_SUBJECTS = {r["subject"] for r in table("task_subjects") if r["kind"] == "document"}

_SUBJECT = _phrases(r["phrase"] for r in table("task_subjects"))
# A dropped phrase ("chỉ tiêu tuyển sinh") and the head it begins with ("chỉ tiêu"): later on
# the same line the bare head names the same thing ("giao 1.125 chỉ tiêu cho 10 trường").
_ACTS = {_key(r["phrase"]) for r in table("task_subjects") if r["kind"] == "act"}
_DROPPED_RE = re.compile(_phrases(r["phrase"] for r in table("task_subjects") if r["subject"] == "-"))

# A count with what it counts: "290 nhiệm vụ", "04/39 Thông tư", "48 trên tổng số 52 nhiệm vụ",
# "hai nhiệm vụ". Counts in words are tried only where such a word begins.
_OF_TOTAL = (rf"\s+{_phrases(p for p, r in _CUES if r == 'of_total')}"
             rf"\s+(?P<t2>{DIGITS}|{WORD_COUNT_LOWER})")
_DIGIT_MENTION_RE = re.compile(
    rf"(?P<n>{DIGITS})(?:\s*/\s*(?P<t>{DIGITS})|{_OF_TOTAL})?\s+(?P<s>{_SUBJECT}){_LETTER_AFTER}"
)
_WORD_START_RE = re.compile(WORD_COUNT_START)
_WORD_MENTION_RE = re.compile(rf"(?P<n>{WORD_COUNT_LOWER})(?:{_OF_TOTAL})?\s+(?P<s>{_SUBJECT}){_LETTER_AFTER}")
_STATUS_RE = re.compile(_LETTER_BEFORE + _phrases(r["phrase"] for r in table("task_status")) + _LETTER_AFTER)
_REAL_STATUS = r"(?:" + "|".join(
    _phrases([p]) for p, s in ((r["phrase"], r["status"]) for r in table("task_status"))
    if s not in ("-", "other", "work")
) + ")"
_REAL_STATUS_RE = re.compile(_LETTER_BEFORE + _REAL_STATUS + _LETTER_AFTER)
# Bare counts in a sentence that already names what is counted: the status word, then
# the count closing its clause ("đang triển khai 21,"), or the count, then the status
# word ("trong đó: 240 đúng hạn").
_BARE_AFTER_RE = re.compile(
    rf"{_LETTER_BEFORE}(?P<w>{_REAL_STATUS})\s*:?\s*(?P<n>{COUNT})(?:\s*/\s*(?P<t>{DIGITS}))?(?=\s*(?:[,;.)]|và\s|$))"
)
_BARE_BEFORE_RE = re.compile(
    rf"(?:[,;:(]|trong\s+đó(?:\s+có)?)\s*(?P<n>{COUNT})(?:\s*/\s*(?P<t>{DIGITS}))?\s+(?=(?P<w>{_REAL_STATUS}){_LETTER_AFTER})"
)

# The noun first, then its status word and the count closing the clause:
# "Số nhiệm vụ đã hoàn thành: 246;", "văn bản được ban hành là 15."
_NOUN_FIRST_RE = re.compile(
    rf"(?P<s>{_SUBJECT}){_LETTER_AFTER}[^\d.,;:!?()]{{0,30}}?\s(?P<w>{_REAL_STATUS})"
    rf"(?:\s*(?::|là)\s*|\s+)(?P<n>{DIGITS})(?:\s*/\s*(?P<t>{DIGITS}))?"
)
# What may follow the count of a noun-first mention in the text as written: a mark, a table
# cell's end, the end of the line, "và".
# A line break ends it only before an empty line, a list item or a cell mark (crawled tables
# put each cell on a line of its own); elsewhere it only wraps the sentence.
_CLAUSE_END_RE = re.compile(r"[ \t*_]*(?:[,;.)]|\n?[ \t]*\||và\s|$|\n[ \t]*(?:\n|[-+•]|\d+[.)]\s))")
_JOIN_RE = re.compile(r"(?<![^\W\d_])(?:và|hoặc)(?![^\W\d_])")
_PREDICATE_RE = re.compile(_LETTER_BEFORE + _phrases(p for p, r in _CUES if r == "predicate") + _LETTER_AFTER)
# Work said to belong to a named plan: "... tại Kế hoạch số 02", "... theo Chương trình hành động".
_PLAN_REF_RE = re.compile(
    _LETTER_BEFORE + _phrases(p for p, r in _CUES if r == "plan_prep") + r"\s+(?:các\s+)?"
    + "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p, r in _CUES if r == "plan_doc") + ")"
    + _LETTER_AFTER
)
# A plan at the head of the clause, then the verb of its list right before the count.
_PLAN_HAS_RE = re.compile(
    r"(?:^|[.;:]\s*|\s)(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p, r in _CUES if r == "plan_doc")
    + r")(?![^\W\d_])[^.;:]{0,60}?\s" + _phrases(p for p, r in _CUES if r == "plan_has") + r"\s+$"
)
_DIVISION_RE = re.compile(_LETTER_BEFORE + _phrases(p for p, r in _CUES if r == "division") + _LETTER_AFTER)
_FUTURE_RE = re.compile(_LETTER_BEFORE + _phrases(p for p, r in _CUES if r == "future") + _LETTER_AFTER)
_MUST_RE = re.compile(_LETTER_BEFORE + _phrases(p for p, r in _CUES if r in ("future", "must")) + _LETTER_AFTER)
_DONE_RE = re.compile(_LETTER_BEFORE + _phrases(p for p, r in _CUES if r == "done") + _LETTER_AFTER)
_LABEL_RE = re.compile(_LETTER_BEFORE + _phrases(p for p, r in _CUES if r == "label") + r"(?:\s+số)?\s*$")
# A number closing a list of numbers ("Điều 20 và 21 Luật ...", "Điều 10, 11, 12, 13 Thông tư") is a label too.
_NUMBER_LIST_RE = re.compile(r"\d\s*(?:,|và|hoặc|đến|-|–)\s*$")
# A year is not a count: Vietnamese groups the thousands of a count with a dot ("1.425").
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_AS_OF_RE = re.compile(
    _LETTER_BEFORE + _phrases(p for p, r in _CUES if r == "as_of") + r"(?:\s+thời\s+điểm)?(?:\s+ngày)?\s*$"
)

_HOLDER_HEADS = r"(?<![\w&/-])(?:" + "|".join(map(re.escape, sorted(words("task_holder_heads"), key=len, reverse=True))) + ")"
# case as written; a lower-case head ("ngành") needs a capitalized word after it
_HOLDER_HEAD_RE = re.compile(_HOLDER_HEADS + r"(?![\w])(?=\s+(?P<next>\S))")
_UNIT_BEFORE_RE = re.compile(_HOLDER_HEADS + r"\s+$")
_GIVER_HEAD_RE = re.compile(
    r"(?<![\w&/-])(?:" + "|".join(map(re.escape, sorted(words("task_holder_heads") + words("task_giver_heads"),
                                                         key=len, reverse=True))) + r")(?![\w])(?=\s+(?P<next>\S))"
)
_AND_BEFORE_RE = re.compile(r"(?<![^\W\d_])và\s+$")
_BY_UNIT_AFTER_RE = re.compile(r"\s+(?:được|do)(?=\s)")
_NOT_RECIPIENTS_RE = re.compile(r"[;:()]")
_FOR_RE = re.compile(r"[^\d,;:()]{0,40}?\scho(?=\s)")  # "... 15 nhiệm vụ trọng tâm cho Sở Nội vụ"
_COOPERATE_RE = re.compile(r"\s*phối\s+hợp(?![^\W\d_])")
# Active assigning words ("giao Bộ X", "phân công cho Sở Y"): the unit after them carries the tasks.
_ACTIVE_ASSIGN_RE = re.compile(r"giao|phân\s+công")
_HOLDER_STOP_RE = re.compile(  # used on the text as written
    r"[,;:()\"“”]|\s" + _phrases(words("task_holder_stops")) + _LETTER_AFTER + "|" + r"\s" + _STATUS_RE.pattern,
    re.IGNORECASE,
)
# "được Chính phủ, Thủ tướng Chính phủ giao" / "do Bộ trưởng giao": who gave the tasks.
_GIVEN_BY_BEFORE_RE = re.compile(r"(?:được|do)\s+(?P<by>[^\d;:()]{2,80}?)\s+giao(?:\s+cho)?\s*$")
_GIVEN_BY_AFTER_RE = re.compile(r"^\s*(?:được|do)\s+(?P<by>[^\d,;:()]{2,60}?)\s+giao" + _LETTER_AFTER)

# Sentence ends in the normalized text: a stop mark before a space, or an empty line.
_SENTENCE_END_RE = re.compile(r"[.!?…](?=[\s*_|)\]\"”]|$)|\n[ \t]*\n")
_LABEL_LEADS = {"", "số", "tổng số"}
_ROW_BREAK_RE = re.compile(r"\|[ \t]*\n[ \t]*\|")
_CLAUSE_MARK_RE = re.compile(r"[,;:()\[\]]")
# Before a count a colon does not end the clause: "đã hoàn thành: 246 nhiệm vụ".
_PRE_CLAUSE_MARK_RE = re.compile(r"[,;()\[\]]")
# Fallback when the dates recognizer found nothing: "ngày 16/6/2017", "ngày 16 tháng 6 năm 2017",
# "16/6" (used only right after an as-of cue).
_DAY_RE = re.compile(
    r"(?<![\d/])(?:ngày\s+)?(?P<d>\d{1,2})(?:\s*[/.-]\s*|\s+tháng\s+)(?P<m>\d{1,2})(?:(?:\s*[/.-]\s*|\s+năm\s+)(?P<y>\d{4}))?(?!\d)"
)

_PRE_GAP = 30       # at most this many characters (no digits) between a status word and its count
_POST_SPAN = 100    # how far after its noun a qualifier of a count may stand
_POST_ASSIGNED = 25  # "được giao", "đề ra" qualify the count only right after its noun
_OBJECTS = 90       # at most this long a verb's list of objects ending in "và <count>"
_RECIPIENTS = 50    # at most this long the list of recipients between "giao (cho)" and its count
_LIST_GAP = 80      # a count shares the status of the one before it at most this far away

_SPECIFIC = {"completed_on_time", "completed_late", "pending_on_time", "pending_overdue"}
_TIMING = {"on_time", "late", "within"}
_DONE_STATUSES = {"completed", "issued"}


@dataclass
class _Mention:
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
    parent: "_Mention | None" = None
    given: str | None = None      # the status word, where the noun comes first ("nhiệm vụ đã hoàn thành: 246")


def recognize(doc: Doc) -> list[TaskStat]:
    low = _lower(doc)
    found = [_mention(doc, m) for m in _DIGIT_MENTION_RE.finditer(low)]
    covered = 0
    for w in _WORD_START_RE.finditer(low):
        m = _WORD_MENTION_RE.match(low, w.start()) if w.start() >= covered else None
        if m:  # "mười hai văn bản" once, not again as "hai văn bản"
            found.append(_mention(doc, m))
            covered = m.end()
    found = [m for m in found if m is not None]
    found += [n for n in _noun_first(doc) if not any(m.start < n.end and n.start < m.end for m in found)]
    if not found:
        return []
    found = _without_dropped_heads(doc, found)
    found.sort(key=lambda m: m.start)
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(doc.text)]
    for m in found:
        m.sentence = _sentence(ends, m.start, len(low))
    found = _with_bare_counts(doc, found)
    _resolve(doc, found)
    items = [m for m in found if m.status is not None]
    _check_sums(doc, items)
    return [
        TaskStat(subject=m.subject, status=m.status, count=m.count, total=m.total, holder=m.holder,
                 assigned_by=m.assigned_by, as_of=m.as_of, evidence=doc.evidence(m.start, m.end))
        for m in items
    ]


# --- finding counts -------------------------------------------------------------------

def _lower(doc: Doc) -> str:
    """`doc.flat` in lower case, of the same length (offsets hold), computed once."""
    low = doc.cache.get("flat_lower")
    if low is None:
        low = doc.flat.lower()
        if len(low) != len(doc.flat):  # a letter whose lower case is longer ("İ"): keep it as it is
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in doc.flat)
        doc.cache["flat_lower"] = low
    return low


def _without_dropped_heads(doc: Doc, found: list[_Mention]) -> list[_Mention]:
    """Drop a bare head that repeats, further on its line, a phrase whose subject is dropped."""
    low = _lower(doc)
    dropped = []
    for d in _DROPPED_RE.finditer(low):
        head = max((p for p in _SUBJECTS if d.group().startswith(p.lower()) and _SUBJECTS[p] != "-"),
                   key=len, default=None)
        if head:
            dropped.append((d.start(), _SUBJECTS[head]))
    if not dropped:
        return found
    out = []
    for m in found:
        line_start = doc.text.rfind("\n", 0, m.start) + 1
        if not any(line_start <= at < m.start and head == m.subject for at, head in dropped):
            out.append(m)
    return out


def _subject(doc: Doc, m: re.Match) -> str | None:
    """The subject for the noun matched, read as written (acronyms stay upper case)."""
    written = _key(doc.flat[m.start("s"):m.end("s")])
    return _SUBJECTS.get(written) or _SUBJECTS.get(written.lower())


def _mention(doc: Doc, m: re.Match) -> _Mention | None:
    start = m.start()
    before = doc.flat[start - 1] if start else " "
    if before.isalnum() or before in "_.,/" and (m["n"][0].isdigit()):
        return None  # inside a word, a decimal, a symbol or a date
    count = parse_count(m["n"])
    if count is None or (count == 1 and not m["n"][0].isdigit()):
        return None  # "một nhiệm vụ" is a task, not a statistic
    if m["n"] == "năm":
        return None  # "năm kế hoạch", "năm báo cáo": a year, not five
    low = _lower(doc)
    label = _LABEL_RE.search(low, max(0, start - 20), start)
    if label and _UNIT_BEFORE_RE.search(doc.flat, max(0, label.start() - 20), label.start()):
        label = None  # "Vụ Kế hoạch 07/07 nhiệm vụ": the word names a unit, the number counts
    if label or _NUMBER_LIST_RE.search(low, max(0, start - 8), start):
        return None  # "Điều 5 Quyết định ...", "Điều 20 và 21 Luật": labels, not counts
    if _YEAR_RE.fullmatch(m["n"]):
        return None
    total_at = [g for g in ("t", "t2") if m.groupdict().get(g)]
    gap = doc.text[m.end(total_at[0]) if total_at else m.end("n"):m.start("s")]
    line_start = doc.text.rfind("\n", 0, start) + 1
    if "|" in gap and (_ROW_BREAK_RE.search(gap) or not _count_cell_after_status(doc.text, start)):
        return None  # a table's row number before a title, or the last cell of a row before the next
    if "\n" in gap and not doc.flat[line_start:start].strip(" #-+."):
        return None  # a list's item number before a title
    total = parse_count(m[total_at[0]]) if total_at else None
    subject = _subject(doc, m)
    if subject == "-":
        subject = _issued_act_head(doc, m)
    if subject in (None, "-"):
        return None
    return _Mention(start=m.start(), end=m.end(), count=count, total=total, subject=subject, sentence=(0, 0))


def _issued_act_head(doc: Doc, m: re.Match) -> str | None:
    """"đã ban hành 7 quyết định thu hồi ...": individual acts are dropped as work items, but
    where an issuing verb governs the count itself, the text reports documents issued; the
    subject is then the document head ("quyết định")."""
    low = _lower(doc)
    verb = None
    for verb in _STATUS_RE.finditer(low, max(0, m.start() - 40), m.start()):
        pass
    if verb is None or low[verb.end():m.start()].strip() or _status_of(verb.group()) != "issued":
        return None
    written = _key(doc.flat[m.start("s"):m.end("s")]).lower()
    if written not in _ACTS:
        return None
    head = max((p for p in _SUBJECTS if written.startswith(p.lower() + " ") and _SUBJECTS[p] != "-"),
               key=len, default=None)
    return _SUBJECTS[head] if head and _SUBJECTS[head] in _DOCUMENT_SUBJECTS else None


def _count_cell_after_status(text: str, start: int) -> bool:
    """True where the count at `start` fills a table cell of its own and the cell before it,
    on the same row, holds a status word ("| Đã hoàn thành | 246 | nhiệm vụ |"); a row's
    number ("| 16 | Luật Báo chí |") has no such cell before it."""
    bar = text.rfind("|", 0, start)
    if bar < 0 or text[bar + 1:start].strip(" *_"):
        return False
    row = text.rfind("\n", 0, bar) + 1
    before = text.rfind("|", row, bar)
    cell = text[max(before + 1, row):bar].lower()
    return bool(_REAL_STATUS_RE.search(cell))


def _label_cell_starts(text: str, start: int) -> bool:
    """True where the noun at `start` opens its table cell, alone or after "Số"/"Tổng số"
    ("| Số nhiệm vụ được giao | 120 |")."""
    cell = max(text.rfind("|", 0, start), text.rfind("\n", 0, start)) + 1
    return text[cell:start].strip(" \t*_").lower() in _LABEL_LEADS


def _noun_first(doc: Doc) -> list[_Mention]:
    out = []
    for m in _NOUN_FIRST_RE.finditer(_lower(doc)):
        if m.start() and doc.flat[m.start() - 1].isalpha():
            continue
        subject = _subject(doc, m)
        status = _status_of(m["w"])
        status = "assigned" if status == "total" else status  # "nhiệm vụ tổng số: 75"
        between = doc.text[m.end("w"):m.start("n")]
        if subject in (None, "-") or _YEAR_RE.fullmatch(m["n"]) or "\n" in between and "|" not in between:
            continue  # a year, or the number of the next list item ("... được giao\n1. ...")
        end = _CLAUSE_END_RE.match(doc.text, m.end())
        if not end:
            continue  # the number goes on ("... được giao 120 nhiệm vụ" is found the other way)
        if "|" in doc.text[m.start():m.end("w")] or (end.group().rstrip().endswith("|")
                                                      and "|" not in doc.text[m.end("w"):m.start("n")]):
            continue  # in a table, a row's label cell holds noun and status word, the next cell the count
        if "|" in between and not _label_cell_starts(doc.text, m.start()):
            continue  # a label that only mentions the noun ("Kết quả thực hiện nhiệm vụ được giao | 70") scores points
        out.append(_Mention(start=m.start(), end=m.end("t") if m["t"] else m.end("n"), count=parse_count(m["n"]),
                            total=parse_count(m["t"] or ""), subject=subject, sentence=(0, 0), given=status))
    return out


def _sentence(ends: list[int], pos: int, n: int) -> tuple[int, int]:
    i = bisect_right(ends, pos)
    return (ends[i - 1] if i else 0, ends[i] if i < len(ends) else n)


def _with_bare_counts(doc: Doc, found: list[_Mention]) -> list[_Mention]:
    """Add bare counts of sentences that hold a mention; each counts the subject of the
    nearest mention before it (or after it, where the sentence names it later)."""
    flat, extra = _lower(doc), []
    for sentence in dict.fromkeys(m.sentence for m in found):
        own = [m for m in found if m.sentence == sentence]
        for rx in (_BARE_AFTER_RE, _BARE_BEFORE_RE):
            for b in rx.finditer(flat, *sentence):
                start, end = b.start("n"), b.end("t") if b["t"] else b.end("n")
                if any(m.start <= start < m.end or start <= m.start < end for m in own + extra):
                    continue
                count = parse_count(b["n"])
                if count is None or (count == 1 and not b["n"][0].isdigit()) or _YEAR_RE.fullmatch(b["n"]):
                    continue
                before = [m for m in own if m.end <= start]
                source = before[-1] if before else own[0]
                if "|" in doc.text[min(source.end, end):max(source.start, start)]:
                    continue  # a table's other cell: its number is said of something else
                extra.append(_Mention(start=start, end=end, count=count, total=parse_count(b["t"] or ""),
                                      subject=source.subject, sentence=sentence))
    return sorted(found + extra, key=lambda m: m.start)


# --- statuses -------------------------------------------------------------------------

def _status_of(phrase: str) -> str:
    return _STATUS.get(_key(phrase)) or _STATUS.get(_key(phrase).lower()) or "-"


def _clause_start(flat: str, lo: int, pos: int) -> int:
    """Start of the clause that `pos` is in, not before `lo`."""
    start = lo
    for mark in _PRE_CLAUSE_MARK_RE.finditer(flat, lo, pos):
        start = mark.end()
    for cue in _DIVISION_RE.finditer(flat, lo, pos):
        start = max(start, cue.end())
    return start


def _pre_status(flat: str, lo: int, pos: int) -> tuple[str | None, int]:
    """The status word governing the count at `pos` (the last one before it, close by).
    "tổng số" right before the count says assigned unless a verb before it says more."""
    seen = list(_STATUS_RE.finditer(flat, max(lo, pos - 80), pos))
    if not seen:
        return None, pos
    last = seen[-1]
    status = _status_of(last.group())
    if status == "total":
        if len(seen) > 1 and _status_of(seen[-2].group()) not in ("-", "total"):
            last, status = seen[-2], _status_of(seen[-2].group())
        elif flat[last.end():pos].strip():
            return None, pos
        else:
            status = "assigned"
    if status in ("other", "work") and len(seen) > 1 and _status_of(seen[-2].group()) not in ("-", "total", "other", "work") \
            and flat[seen[-2].end():last.start()].strip() in ("và", ",", "hoặc"):
        last, status = seen[-2], _status_of(seen[-2].group())  # "ban hành và sửa đổi 12 thông tư"
    gap = flat[last.end():pos]
    if len(gap.strip()) > _PRE_GAP or any(c.isdigit() for c in gap):
        return None, pos
    if status in _TIMING and len(gap.strip()) > 1:
        return None, pos  # "4 dự án chậm tiến độ và 6 nhiệm vụ": the timing is said of the noun before it
    return (None if status == "-" else status), last.start()


def _post_statuses(flat: str, m: _Mention, next_start: int) -> list[str]:
    hi = min(m.sentence[1], next_start, m.end + _POST_SPAN)
    mark = _CLAUSE_MARK_RE.search(flat, m.end, hi)
    if mark:
        hi = mark.start()
    cue = _DIVISION_RE.search(flat, m.end, hi)
    if cue:
        hi = cue.start()
    if hi == next_start:  # "14 thủ tục mới ban hành và 06 ...": what follows "và" is the next count's
        joins = [j.start() for j in _JOIN_RE.finditer(flat, m.end, hi)]
        hi = joins[-1] if joins else hi
    m.post_end = hi
    out = []
    for x in _STATUS_RE.finditer(flat, m.end, hi):
        status = _status_of(x.group())
        if status in ("-", "total") or _key(x.group()).lower() in _BEFORE_ONLY:
            continue
        if status == "assigned" and x.start() - m.end > _POST_ASSIGNED:
            continue  # "... vượt kế hoạch đề ra": set out is said of something else
        out.append(status)
    return out


def _combine(pre: str | None, post: list[str], parent: _Mention | None,
             sibling: _Mention | None = None) -> tuple[str | None, str | None]:
    """(status, base) from the word before the count, those after its noun and the count it divides
    (or, for a bare timing word, the timed count listed before it: "giải quyết đúng hạn 120 hồ
    sơ, trễ hạn 4 hồ sơ")."""
    if pre in _SPECIFIC:
        return pre, pre.split("_")[0]
    base = pre if pre not in (None, *_TIMING) else None
    timing = pre if pre in _TIMING else None
    for s in post if pre != "other" else ():  # "bãi bỏ 03 TTHC được ban hành kèm theo ...": the verb says it
        if s in _SPECIFIC:
            if base in (None, "other", "work", s.split("_")[0]):
                return s, s.split("_")[0]
        elif s in _TIMING:
            timing = timing or s
        elif s == "work":  # the weakest word: "cung cấp 25 dịch vụ công được giao" is assigned
            base = base or s
        elif base in (None, "other", "work") and s != "other":
            base = s
        elif base is None:
            base = s
    if base is None and timing is None:
        return (parent.status, parent.base) if parent and parent.status else (None, None)
    if base is None:
        outer = parent.base if parent else (sibling.base if sibling and sibling.status in _SPECIFIC else None)
        if timing == "within":
            return "pending_on_time", "pending"
        if timing == "on_time":
            return ("pending_on_time", "pending") if outer == "pending" else ("completed_on_time", "completed")
        # late items of what was done or processed ("giải quyết ..., trễ hạn 50") were done late;
        # late items of what was given or is still open are overdue
        return ("completed_late", "completed") if outer in ("completed", "other") else ("pending_overdue", "pending")
    if base == "other" and timing in ("on_time", "late"):  # "xử lý đúng hạn", "giải quyết trễ hạn"
        return ("completed_late" if timing == "late" else "completed_on_time"), "completed"
    if base == "completed" and timing:
        return ("completed_late" if timing == "late" else "completed_on_time"), base
    if base == "pending" and timing:
        return ("pending_overdue" if timing == "late" else "pending_on_time"), base
    return base, base


def _resolve(doc: Doc, found: list[_Mention]) -> None:
    flat = _lower(doc)
    plan = bool(doc.document and doc.document.kind == "plan")
    dates = _days(doc)
    for i, m in enumerate(found):
        lo = m.sentence[0]
        prev = found[i - 1] if i and found[i - 1].sentence == m.sentence else None
        nxt = found[i + 1].start if i + 1 < len(found) else len(flat)
        clause = _clause_start(flat, max(lo, prev.end if prev else lo), m.start)
        if prev:  # "giao 50 nhiệm vụ và đã hoàn thành 40": what stands before "và" is the last count's
            joins = [j.end() for j in _JOIN_RE.finditer(flat, clause, m.start)]
            clause = joins[-1] if joins else clause
        pre, verb_at = (m.given, m.start) if m.given else _pre_status(flat, clause, m.start)
        if pre is None:  # "giao cho các bộ, cơ quan 1.245 nhiệm vụ": the recipients may hold a comma
            given = _assigning(flat, lo, m.start)
            if given and _ACTIVE_ASSIGN_RE.match(given.group()) and m.start - given.end() <= _RECIPIENTS \
                    and not _NOT_RECIPIENTS_RE.search(flat, given.end(), m.start):
                pre, verb_at = "assigned", given.start()
        post = _post_statuses(flat, m, nxt)
        m.parent = _divided(flat, found, i)
        m.status, m.base = _combine(pre, post, m.parent, prev)
        if pre and _AND_BEFORE_RE.search(flat, max(clause, m.start - 6), m.start):
            # "hoàn thành công tác X và 5 nhiệm vụ đang triển khai": the verb before "và" has
            # other objects; a status word after the noun is said of this count
            own = _combine(None, post, m.parent, prev)
            if own[0] not in (None, "other", "work"):
                m.status, m.base = own
        if m.status is None and prev is None and m.parent is None:
            # "sẽ triển khai giải pháp ... và 25 dịch vụ công": the last of the verb's objects
            far = _coordinated_verb(flat, clause, m.start)
            if far:
                pre, verb_at = _status_of(far.group()), far.start()
                m.status, m.base = _combine(pre, post, None)
        if (pre is None and m.status in (None, "other", "work") and prev and prev.status and m.parent is None
                and _listed_after(flat, prev, m)):
            m.status, m.base = prev.status, prev.base
            m.holder = _holder(doc.flat, prev.post_end, m.start, to_count=True) or prev.holder
            m.assigned_by, m.as_of = prev.assigned_by, prev.as_of
            continue
        if m.status is None and m.parent is None and _PLAN_REF_RE.search(doc.flat, m.end, m.post_end):
            m.status = m.base = "work"  # "25 dịch vụ công ... tại Kế hoạch số 02": work the plan sets out
        if m.status is None and prev is None and _PLAN_HAS_RE.search(doc.flat, lo, m.start):
            m.status = m.base = "assigned"  # "Kế hoạch gồm 5 nhóm nhiệm vụ": the plan's own list
        if m.status is None and m.total is not None:
            m.status = m.base = "other"  # "3/3 thủ tục hành chính": counted work, no status word
        if m.status is None:
            continue
        if m.status == "approved":  # approving a scheme issues it; an approved file is processed
            m.status = m.base = "issued" if m.subject in _DOCUMENT_SUBJECTS else "other"
        assign = _assigning(flat, lo, verb_at) if m.status in ("work", "assigned") else None
        if m.status in (*_DONE_STATUSES, "work") and _is_set_out(doc, m, pre, verb_at, assign, plan):
            m.status = m.base = "assigned"
        if m.status == "work":
            m.status = m.base = "other"  # work reported as carried out: none of the vocabulary
        if m.parent:
            m.holder, m.assigned_by, m.as_of = m.parent.holder, m.parent.assigned_by, m.parent.as_of
        else:
            _who(doc, m, pre, verb_at, clause, assign)
        m.as_of = m.as_of or _as_of(doc, dates, lo, m.start)
        if m.subject is None:
            m.status = None


def _is_set_out(doc: Doc, m: _Mention, pre: str | None, verb_at: int, assign: re.Match | None, plan: bool) -> bool:
    """Work done or carried out (`m.status` a done status or "work") that is in fact set out."""
    flat, lo = _lower(doc), m.sentence[0]
    # a work verb is set out by a future or obligation word right before it ("sẽ tiếp tục triển
    # khai", "phải trình", "thời hạn trình"), not by one further back ("sẽ là căn cứ để thực hiện
    # 12 nhiệm vụ" says what the tasks are for)
    if pre == "work":
        future = [f for f in _MUST_RE.finditer(flat, lo, m.start) if f.start() < verb_at]
        if future and flat[max(lo, future[-1].start() - 6):future[-1].start()].split()[-1:] == ["không"]:
            future = []  # "không phải trình": no obligation
        if future and len(flat[future[-1].end():verb_at].split()) <= 2 or _set_out(flat, verb_at, m.start, plan):
            return True
        if _done_right_before(flat, lo, verb_at):
            return False  # "đã thực hiện 6 nhiệm vụ theo Kế hoạch": carried out
    elif _set_out(flat, lo, m.start, plan):
        return True
    # "phân công ... để triển khai 21 nhiệm vụ", "... tại Kế hoạch số 02"
    return m.status == "work" and bool(assign or _PLAN_REF_RE.search(doc.flat, m.end, m.post_end))


def _who(doc: Doc, m: _Mention, pre: str | None, verb_at: int, clause: int, assign: re.Match | None) -> None:
    """Set `m.holder` and `m.assigned_by` from the words around the count."""
    flat, lo = _lower(doc), m.sentence[0]
    # "Bộ Công an chủ trì, phối hợp Văn phòng Chính phủ ... thực hiện": the clause after
    # the comma names who helps; the one who leads carries the tasks
    helpers = _COOPERATE_RE.match(flat, clause)
    # after a colon the list names its own units ("như: Vụ X hoàn thành 15/15 nhiệm vụ")
    named = max(clause, flat.rfind(":", clause, verb_at) + 1)
    m.holder = (None if helpers else _holder(doc.flat, named, verb_at)) or _holder(doc.flat, lo, verb_at)
    if m.holder is None and _BY_UNIT_AFTER_RE.match(flat, m.end):
        # "2 Quyết định được Tổng cục Hải quan trình ký ban hành": the unit after the noun
        m.holder = _holder(doc.flat, _BY_UNIT_AFTER_RE.match(flat, m.end).end(), m.post_end or m.end,
                           right_after=True)
    if assign and _ACTIVE_ASSIGN_RE.match(assign.group()):
        # "UBND tỉnh giao cho Sở Nội vụ 15 nhiệm vụ": the unit after the verb (or after the
        # noun: "giao 15 nhiệm vụ cho Sở Nội vụ") carries them, the one before it gave them.
        # Before a verb of work ("phân công các đơn vị để triển khai"), the one before
        # carries them unless a unit is named right after.
        given_to = _holder(doc.flat, assign.end(), verb_at if verb_at > assign.end() else m.start,
                           to_count=True, right_after=True)
        direct = pre == "assigned" and verb_at == assign.start()
        if direct and not given_to and _FOR_RE.match(flat, m.end):
            given_to = _holder(doc.flat, _FOR_RE.match(flat, m.end).end(), min(m.sentence[1], m.end + 100),
                               to_count=True, right_after=True)
        if given_to or direct:
            m.holder = given_to
            m.assigned_by = _holder(doc.flat, max(clause if clause < assign.start() else lo, lo),
                                    assign.start(), heads=_GIVER_HEAD_RE)
    by = _GIVEN_BY_BEFORE_RE.search(doc.flat, max(lo, verb_at - 100), m.start) if pre == "assigned" else None
    by = by or _GIVEN_BY_AFTER_RE.search(doc.flat[m.end:m.post_end])
    if by:
        m.assigned_by = doc.value(*_span(by, "by", m.end if by.re is _GIVEN_BY_AFTER_RE else 0))
        if by.re is _GIVEN_BY_BEFORE_RE:
            m.holder = _holder(doc.flat, lo, by.start()) or m.holder


def _done_right_before(flat: str, lo: int, pos: int) -> bool:
    """A word of work done ("đã") right before the verb at `pos`: "đã thực hiện 6 nhiệm vụ theo
    Kế hoạch" reports the plan's work carried out, not set out."""
    done = list(_DONE_RE.finditer(flat, max(lo, pos - 30), pos))
    return bool(done) and len(flat[done[-1].end():pos].split()) <= 2


def _coordinated_verb(flat: str, lo: int, pos: int) -> re.Match | None:
    """The verb whose list of objects the count at `pos` closes, after "và" ("triển khai giải
    pháp X và 25 dịch vụ công"): no count, clause mark or other status word between."""
    if not _AND_BEFORE_RE.search(flat, max(lo, pos - 6), pos):
        return None
    seen = list(_STATUS_RE.finditer(flat, max(lo, pos - _OBJECTS), pos))
    if not seen:
        return None
    verb = seen[-1]
    if _status_of(verb.group()) in ("-", "total", *_TIMING) or any(c.isdigit() for c in flat[verb.end():pos]):
        return None
    return verb


def _assigning(flat: str, lo: int, pos: int) -> re.Match | None:
    """The assigning word ("giao", "phân công", "được giao") that governs the verb at `pos`:
    the last before it in its sentence, with no count and no word of work done between
    ("được giao 50 nhiệm vụ, đã triển khai 40" is not)."""
    last = None
    for x in _STATUS_RE.finditer(flat, max(lo, pos - 150), pos + 30):
        if x.start() <= pos and _status_of(x.group()) == "assigned":
            last = x
    if last is None:
        return None
    between = flat[last.end():pos]
    if any(c.isdigit() for c in between) or _DONE_RE.search(between):
        return None
    return last


def _span(match: re.Match, group: str, offset: int) -> tuple[int, int]:
    return match.start(group) + offset, match.end(group) + offset


def _divided(flat: str, found: list[_Mention], i: int) -> _Mention | None:
    """The count that the one at `i` divides: the last count before a "trong đó" that
    stands between it and the count, in the same sentence."""
    m = found[i]
    cues = list(_DIVISION_RE.finditer(flat, m.sentence[0], m.start))
    if not cues:
        return None
    cue = cues[-1].start()
    heads = [p for p in found[:i] if p.sentence == m.sentence and p.end <= cue]
    if not heads:
        return None
    return heads[-1]


def _listed_after(flat: str, prev: _Mention, m: _Mention) -> bool:
    """True where `m` only continues the list `prev` stands in ("01 Nghị định ... và 01
    Quyết định", "15/15 nhiệm vụ; Vụ X 08/08 nhiệm vụ"): close by, no status word between."""
    gap_start = max(prev.end, prev.post_end)
    if m.start - prev.end > _LIST_GAP:
        return False
    if _PREDICATE_RE.search(flat, gap_start, m.start) or _PREDICATE_RE.search(flat, m.end, m.post_end):
        return False  # "..., đến nay đã trình 10 đề án", "3 văn bản còn nợ đọng": a verb phrase of its own
    return not any(_status_of(s.group()) != "-" for s in _STATUS_RE.finditer(flat, gap_start, m.start))


def _set_out(flat: str, lo: int, pos: int, plan: bool) -> bool:
    """Work that is set out, not done: "sẽ ban hành", "dự kiến hoàn thành", or a plan's own list."""
    future = [f.end() for f in _FUTURE_RE.finditer(flat, lo, pos)]
    done = [d.end() for d in _DONE_RE.finditer(flat, lo, pos)]
    if future:
        return not done or max(done) < max(future)
    return plan and not done


# --- who and when ---------------------------------------------------------------------

def _holder(flat: str, lo: int, hi: int, to_count: bool = False, right_after: bool = False,
            heads: re.Pattern = _HOLDER_HEAD_RE) -> str | None:
    """The first unit named in flat[lo:hi], up to the verb or particle after it (or up to
    the count, `to_count`: "; Vụ Tổ chức biên chế 08/08 nhiệm vụ"); `right_after`: only
    where it begins the span (after "cho", "các")."""
    # searched past `hi` so that the word after a head right before the verb can be seen
    head = next((h for h in heads.finditer(flat, lo, min(len(flat), hi + 40))
                 if h.start() < hi and (h.group()[0].isupper() or h["next"].isupper())), None)
    if not head or right_after and flat[lo:head.start()].strip().lower() not in ("", "cho", "các", "cho các"):
        return None
    stop = _HOLDER_STOP_RE.search(flat, head.end(), hi)
    end = stop.start() if stop else hi
    name = " ".join(flat[head.start():end].split()).rstrip(".")
    # without a particle or verb to end it, a long run of words is more than a name
    if len(name.split()) > (10 if stop or to_count else 6) or any(c.isdigit() for c in name):
        return None
    return name


def _days(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, ISO day) of every day the dates recognizer found, or, where it found
    none, of every "ngày d/m/yyyy" in the text."""
    out = []
    for d in doc.cache.get("dates") or []:
        value, granularity, ev = _get(d, "value"), _get(d, "granularity"), _get(d, "evidence")
        if granularity == "day" and ev is not None:
            out.append((_get(ev, "start"), _get(ev, "end"), value))
    if out or doc.cache.get("dates"):
        return sorted(out)
    for m in _DAY_RE.finditer(_lower(doc)):
        year = int(m["y"]) if m["y"] else doc.year
        day, month = int(m["d"]), int(m["m"])
        if year and 1 <= day <= 31 and 1 <= month <= 12:
            out.append((m.start(), m.end(), f"{year:04d}-{month:02d}-{day:02d}"))
    return out


def _get(obj, name: str):
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _as_of(doc: Doc, days: list[tuple[int, int, str]], lo: int, pos: int) -> str | None:
    """The day a count stands at: "Tính đến ngày 16/6/2017, ... 246 nhiệm vụ" (same sentence, before)."""
    for start, end, value in reversed(days):
        if start >= pos:
            continue
        if start < lo:
            break
        # the date's evidence may or may not begin with "ngày": the cue stands right before
        if _AS_OF_RE.search(_lower(doc), max(lo, start - 30), start):
            return value
    return None


# --- consistency ----------------------------------------------------------------------

def _check_sums(doc: Doc, items: list[_Mention]) -> None:
    """Warn where parts should add up to a whole and do not; never change a number."""
    for m in items:
        if m.total is not None and m.count > m.total:
            doc.warnings.append(
                f"task_stats: {m.count}/{m.total} {m.subject}: the count exceeds its total ({doc.value(m.start, m.end)!r})"
            )
    # parts of one divided count: on time + late = completed
    for head in {id(m.parent): m.parent for m in items if m.parent is not None}.values():
        if head.base != "completed":
            continue
        kids = [m for m in items if m.parent is head and m.status in ("completed_on_time", "completed_late")]
        on_time = [m.count for m in kids if m.status == "completed_on_time"]
        late = [m.count for m in kids if m.status == "completed_late"]
        if on_time and late and sum(on_time) + sum(late) != head.count:
            doc.warnings.append(
                f"task_stats: {sum(on_time)} on time + {sum(late)} late = {sum(on_time) + sum(late)}, "
                f"but {head.count} {head.subject} completed ({doc.value(head.start, head.end)!r})"
            )
    # one paragraph's account: completed + pending = assigned
    paragraphs: dict[tuple[int, str], list[_Mention]] = {}
    for m in items:
        para = doc.text.rfind("\n\n", 0, m.start)
        paragraphs.setdefault((para, m.subject), []).append(m)
    for (_, subject), ms in paragraphs.items():
        assigned = [m.count for m in ms if m.status == "assigned" and m.parent is None]
        completed = [m for m in ms if m.base == "completed" and (m.parent is None or m.parent.base != "completed")]
        pending = [m.count for m in ms if m.base == "pending" and (m.parent is None or m.parent.base != "pending")]
        if not assigned and len(completed) == 1 and completed[0].total is not None:
            assigned = [completed[0].total]  # "hoàn thành 106/109 nhiệm vụ, còn 3 nhiệm vụ đang thực hiện"
        if len(assigned) != 1 or not completed or not pending:
            continue
        a, c, p = assigned[0], sum(m.count for m in completed), sum(pending)
        if c + p != a:
            doc.warnings.append(
                f"task_stats: {c} completed + {p} pending = {c + p}, but {a} {subject} assigned"
            )
