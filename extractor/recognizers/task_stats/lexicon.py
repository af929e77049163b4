"""Lexicons of task statistics, loaded once from their data tables, and the patterns built
from them: what is counted (`task_subjects.tsv`), the words of status (`task_status.tsv`),
cue words of division, modality, labels and plans (`task_cues.tsv`), who carries and who
gives tasks (`task_holder_heads.txt`, `task_giver_heads.txt`, `task_holder_stops.txt`).

Patterns run over the lower-cased `doc.flat` (`lower(doc)`: same length, so offsets hold).
"""
from __future__ import annotations

import re

from extractor.data import table, words
from extractor.doc import Doc
from extractor.recognizers.vi_numbers import COUNT, DIGITS, WORD_COUNT_LOWER, WORD_COUNT_START

LETTER_BEFORE = r"(?<![^\W\d_])"
LETTER_AFTER = r"(?![^\W\d_])"


def alternation(phrases) -> str:
    """Alternation of phrases in lower case (they are matched in the lower-cased text),
    longest first; a space matches any run of spaces (line breaks are spaces in `doc.flat`)."""
    out = {r"\s+".join(map(re.escape, p.lower().split())) for p in phrases}
    return "(?:" + "|".join(sorted(out, key=len, reverse=True)) + ")"


def phrase_key(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    return phrase if phrase != phrase.lower() and phrase.upper() == phrase else phrase.lower()


# --- lexicons -------------------------------------------------------------------------

SUBJECTS = {phrase_key(r["phrase"]): r["subject"] for r in table("task_subjects")}
STATUS = {phrase_key(r["phrase"]): r["status"] for r in table("task_status")}
BEFORE_ONLY = {phrase_key(r["phrase"]) for r in table("task_status") if r["where"] == "before"}
CUES = [(r["phrase"], r["role"]) for r in table("task_cues")]  # a word may have two roles
DOCUMENT_SUBJECTS = {r["subject"] for r in table("task_subjects") if r["kind"] == "document"}

SUBJECT = alternation(r["phrase"] for r in table("task_subjects"))
# A dropped phrase ("chỉ tiêu tuyển sinh") and the head it begins with ("chỉ tiêu"): later on
# the same line the bare head names the same thing ("giao 1.125 chỉ tiêu cho 10 trường").
TARGET_SUBJECTS = {r["subject"] for r in table("task_subjects") if r["kind"] == "target"}
ENTRY_SUBJECTS = {r["subject"] for r in table("task_subjects") if r["kind"] == "entry"}
ACTS = {phrase_key(r["phrase"]) for r in table("task_subjects") if r["kind"] == "act"}
DROPPED_RE = re.compile(alternation(r["phrase"] for r in table("task_subjects") if r["subject"] == "-"))

# A count with what it counts: "290 nhiệm vụ", "04/39 Thông tư", "48 trên tổng số 52 nhiệm vụ",
# "hai nhiệm vụ". Counts in words are tried only where such a word begins.
OF_TOTAL = (rf"\s+{alternation(p for p, r in CUES if r == 'of_total')}"
             rf"\s+(?P<t2>{DIGITS}|{WORD_COUNT_LOWER})")
DIGIT_MENTION_RE = re.compile(
    rf"(?P<n>{DIGITS})(?:\s*/\s*(?P<t>{DIGITS})|{OF_TOTAL})?\s+(?P<s>{SUBJECT}){LETTER_AFTER}"
)
WORD_START_RE = re.compile(WORD_COUNT_START)
WORD_MENTION_RE = re.compile(rf"(?P<n>{WORD_COUNT_LOWER})(?:{OF_TOTAL})?\s+(?P<s>{SUBJECT}){LETTER_AFTER}")
STATUS_RE = re.compile(LETTER_BEFORE + alternation(r["phrase"] for r in table("task_status")) + LETTER_AFTER)
REAL_STATUS = r"(?:" + "|".join(
    alternation([p]) for p, s in ((r["phrase"], r["status"]) for r in table("task_status"))
    if s not in ("-", "other", "work", "reached")
) + ")"
REAL_STATUS_RE = re.compile(LETTER_BEFORE + REAL_STATUS + LETTER_AFTER)
# Bare counts in a sentence that already names what is counted: the status word, then
# the count closing its clause ("đang triển khai 21,"), or the count, then the status
# word ("trong đó: 240 đúng hạn").
BARE_AFTER_RE = re.compile(
    rf"{LETTER_BEFORE}(?P<w>{REAL_STATUS})\s*:?\s*(?P<n>{COUNT})(?:\s*/\s*(?P<t>{DIGITS}))?(?=\s*(?:[,;.)]|và\s|$))"
)
BARE_BEFORE_RE = re.compile(
    rf"(?:[,;:(]|trong\s+đó(?:\s+có)?)\s*(?P<n>{COUNT})(?:\s*/\s*(?P<t>{DIGITS}))?\s+(?=(?P<w>{REAL_STATUS}){LETTER_AFTER})"
)

# The noun first, then its status word and the count closing the clause:
# "Số nhiệm vụ đã hoàn thành: 246;", "văn bản được ban hành là 15."
NOUN_FIRST_RE = re.compile(
    rf"(?P<s>{SUBJECT}){LETTER_AFTER}[^\d.,;:!?()]{{0,30}}?\s(?P<w>{REAL_STATUS})"
    rf"(?:\s*(?::|là)\s*|\s+)(?P<n>{DIGITS})(?:\s*/\s*(?P<t>{DIGITS}))?"
)
# What may follow the count of a noun-first mention in the text as written: a mark, a table
# cell's end, the end of the line, "và".
# A line break ends it only before an empty line, a list item or a cell mark (crawled tables
# put each cell on a line of its own); elsewhere it only wraps the sentence.
CLAUSE_END_RE = re.compile(r"[ \t*_]*(?:[,;.)]|\n?[ \t]*\||và\s|$|\n[ \t]*(?:\n|[-+•]|\d+[.)]\s))")
JOIN_RE = re.compile(r"(?<![^\W\d_])(?:và|hoặc)(?![^\W\d_])")
PREDICATE_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r == "predicate") + LETTER_AFTER)
# Work said to belong to a named plan: "... tại Kế hoạch số 02", "... theo Chương trình hành động".
PLAN_REF_RE = re.compile(
    LETTER_BEFORE + alternation(p for p, r in CUES if r == "plan_prep") + r"\s+(?:các\s+)?"
    + "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p, r in CUES if r == "plan_doc") + ")"
    + LETTER_AFTER
)
# A plan at the head of the clause, then the verb of its list right before the count.
PLAN_HAS_RE = re.compile(
    r"(?:^|[.;:]\s*|\s)(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p, r in CUES if r == "plan_doc")
    + r")(?![^\W\d_])[^.;:]{0,60}?\s" + alternation(p for p, r in CUES if r == "plan_has")
    + r"(?:\s+" + alternation(p for p, r in CUES if r == "plan_adverb") + r")?\s+$"
)
# The head of a list of work items right before its count ("Danh sách 21 dự án").
LIST_HEAD_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r == "list_head") + r"\s+(?:các\s+)?$")
DIVISION_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r == "division") + LETTER_AFTER)
FUTURE_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r == "future") + LETTER_AFTER)
MUST_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r in ("future", "must")) + LETTER_AFTER)
ADJACENT = {phrase_key(p) for p, r in CUES if r == "adjacent"}
PROGRESSIVE_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r == "progressive") + LETTER_AFTER)
DONE_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r == "done") + LETTER_AFTER)
LABEL_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r == "label") + r"(?:\s+số)?\s*$")
# A number closing a list of numbers ("Điều 20 và 21 Luật ...", "Điều 10, 11, 12, 13 Thông tư") is a label too.
NUMBER_LIST_RE = re.compile(r"\d\s*(?:,|và|hoặc|đến|-|–)\s*$")
# A year is not a count: Vietnamese groups the thousands of a count with a dot ("1.425").
YEAR_RE = re.compile(r"(?:19|20)\d\d")
AS_OF_RE = re.compile(
    LETTER_BEFORE + alternation(p for p, r in CUES if r == "as_of") + r"(?:\s+thời\s+điểm)?(?:\s+ngày)?\s*$"
)

HOLDER_HEADS = r"(?<![\w&/-])(?:" + "|".join(map(re.escape, sorted(words("task_holder_heads"), key=len, reverse=True))) + ")"
# case as written; a lower-case head ("ngành") needs a capitalized word after it
HOLDER_HEAD_RE = re.compile(HOLDER_HEADS + r"(?![\w])(?=\s+(?P<next>\S))")
UNIT_BEFORE_RE = re.compile(HOLDER_HEADS + r"\s+$")
GIVER_HEAD_RE = re.compile(
    r"(?<![\w&/-])(?:" + "|".join(map(re.escape, sorted(words("task_holder_heads") + words("task_giver_heads"),
                                                         key=len, reverse=True))) + r")(?![\w])(?=\s+(?P<next>\S))"
)
AND_BEFORE_RE = re.compile(r"(?<![^\W\d_])và\s+$")
# a coordinator right before a count: the count is the next object of a verb before it
COORDINATOR_BEFORE_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r == "coordinator") + r"\s+$")
BY_UNIT_AFTER_RE = re.compile(r"\s+(?:được|do)(?=\s)")
NOT_RECIPIENTS_RE = re.compile(r"[;:()]")
FOR_RE = re.compile(r"[^\d,;:()]{0,40}?\scho(?=\s)")  # "... 15 nhiệm vụ trọng tâm cho Sở Nội vụ"
COOPERATE_RE = re.compile(r"\s*phối\s+hợp(?![^\W\d_])")
# Active assigning words ("giao Bộ X", "phân công cho Sở Y"): the unit after them carries the tasks.
ACTIVE_ASSIGN_RE = re.compile(r"giao|phân\s+công")
TO_WHOM_RE = re.compile(alternation(p for p, r in CUES if r == "to_whom") + r"(?:\s+cho)?$")
HOLDER_STOP_RE = re.compile(  # used on the text as written
    r"[,;:()\"“”]|\s" + alternation(words("task_holder_stops")) + LETTER_AFTER + "|" + r"\s" + STATUS_RE.pattern,
    re.IGNORECASE,
)
# "được Chính phủ, Thủ tướng Chính phủ giao" / "do Bộ trưởng giao": who gave the tasks.
GIVEN_BY_BEFORE_RE = re.compile(r"(?:được|do)\s+(?P<by>[^\d;:()]{2,80}?)\s+giao(?:\s+cho)?\s*$")
GIVEN_BY_AFTER_RE = re.compile(r"^\s*(?:được|do)\s+(?P<by>[^\d,;:()]{2,60}?)\s+giao" + LETTER_AFTER)

# Sentence ends in the normalized text: a stop mark before a space, or an empty line.
SENTENCE_END_RE = re.compile(r"[.!?…](?=[\s*_|)\]\"”]|$)|\n[ \t]*\n")
LABEL_LEADS = {"", "số", "tổng số"}
ROW_BREAK_RE = re.compile(r"\|[ \t]*\n[ \t]*\|")
CLAUSE_MARK_RE = re.compile(r"[,;:()\[\]]")
# Before a count a colon does not end the clause: "đã hoàn thành: 246 nhiệm vụ".
PRE_CLAUSE_MARK_RE = re.compile(r"[,;()\[\]]")
# Fallback when the dates recognizer found nothing: "ngày 16/6/2017", "ngày 16 tháng 6 năm 2017",
# "16/6" (used only right after an as-of cue).
DAY_RE = re.compile(
    r"(?<![\d/])(?:ngày\s+)?(?P<d>\d{1,2})(?:\s*[/.-]\s*|\s+tháng\s+)(?P<m>\d{1,2})(?:(?:\s*[/.-]\s*|\s+năm\s+)(?P<y>\d{4}))?(?!\d)"
)

PRE_GAP = 30       # at most this many characters (no digits) between a status word and its count
LIST_OBJECT = 80   # or this many, where the verb's object opens a list of counts ("ban hành các văn bản gồm: 06 ...")
# the verb's object opening a list of counts: "... các văn bản quan trọng gồm: "
LIST_OPEN_RE = re.compile(r"(?:bao\s+)?gồm(?:\s+có)?\s*:?[\s*_]*$")
POST_SPAN = 100    # how far after its noun a qualifier of a count may stand
POST_ASSIGNED = 25  # "được giao", "đề ra" qualify the count only right after its noun
OBJECTS = 90       # at most this long a verb's list of objects ending in "và <count>"
RECIPIENTS = 50    # at most this long the list of recipients between "giao (cho)" and its count
LIST_GAP = 80      # a count shares the status of the one before it at most this far away

SPECIFIC = {"completed_on_time", "completed_late", "pending_on_time", "pending_overdue"}
TIMING = {"on_time", "late", "within"}
DONE_STATUSES = {"completed", "issued"}


def cue_re(*roles: str) -> re.Pattern:
    """The cue words of `roles` (task_cues.tsv) as whole words."""
    return re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r in roles) + LETTER_AFTER)


DELIVERS_RE = cue_re("delivers")
# a unit right after these helps or is quoted: it does not carry the tasks
NOT_HOLDER_BEFORE_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r == "not_holder") + r"\s+$")
# the count is of many bodies or of the whole country: nobody holds it
NOBODY_RE = re.compile(
    cue_re("nobody").pattern + "|" + LETTER_BEFORE + r"của\s+(?:các|những|\d+)\s+"
    + alternation(p for p, r in CUES if r == "class") + LETTER_AFTER
)
OF_HOLDER_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r == "of_holder") + r"\s+(?=\S)")
VERB_STOP_RE = re.compile(r"\s" + alternation(p for p, r in CUES if r == "verb_stop") + LETTER_AFTER)  # case as written
FRONTED_RE = re.compile(r"[\s*_#>\-–+•]*" + alternation(p for p, r in CUES if r == "fronted") + LETTER_AFTER)
HOLDER_REFS = frozenset(words("task_holder_refs"))
AS_OF_CUE_RE = re.compile(LETTER_BEFORE + alternation(p for p, r in CUES if r == "as_of" and len(p.split()) > 1) + LETTER_AFTER)
IMPERATIVE_RE = cue_re("imperative")
TASKS_BELOW_RE = re.compile(alternation(p for p, r in CUES if r == "tasks_below") + r"[^\n:]{0,40}:\s*$")
# a time limit: the cue, then a time ("trong tháng 9 năm 2025", "trước ngày 30/6", "quý III")
DEADLINE_RE = re.compile(
    LETTER_BEFORE + alternation(p for p, r in CUES if r == "deadline")
    + r"\s+(?:(?:ngày|tháng|quý|năm|tuần)(?![^\W\d_])|\d)"
)
# "nâng (tổng) số X ... lên 72": the number reached, right before the count
RAISED_TO_RE = re.compile(cue_re("raise").pattern + r"[^\d.;:!?]{0,120}?\slên\s*$")
# the passive of a verb that delivers, tied to the noun before it ("... được chính thức triển khai")
DELIVERED_AFTER_RE = re.compile(r"được\s+(?:" + DELIVERS_RE.pattern + r")")


def status_of(phrase: str) -> str:
    return STATUS.get(phrase_key(phrase)) or STATUS.get(phrase_key(phrase).lower()) or "-"


def lower(doc: Doc) -> str:
    """`doc.flat` in lower case, of the same length (offsets hold), computed once."""
    low = doc.cache.get("flat_lower")
    if low is None:
        low = doc.flat.lower()
        if len(low) != len(doc.flat):  # a letter whose lower case is longer ("İ"): keep it as it is
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in doc.flat)
        doc.cache["flat_lower"] = low
    return low
