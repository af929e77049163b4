"""Modality of a count's clause, read from the structure layer: whether the work it counts is
set out (a plan, a directive's task, a target) or reported as done.

Work is set out by the frame it stands in, not by its verb alone:
- a time limit for it ("..., hoàn thành trong tháng 9 năm 2025", "trình trước ngày 30/6");
- a list item or sentence that opens with an urging word or a verb of charge, the mood of a
  directive's tasks ("- Khẩn trương rà soát, cắt giảm 361 thủ tục ...", "Chủ trì, phối hợp ...");
- a lead-in that announces the items below it as tasks ("còn một số nhiệm vụ sau:").
A word of work done before the count ("đã") outweighs all of them.

Work is delivered where a verb that delivers its object ("cung cấp", "tích hợp", "cắt giảm",
"chính thức triển khai") is said of it as done ("đã cung cấp 202 DVCTT", "202 thủ tục ... đã được
cắt giảm", "đã có 202 thủ tục ... được chính thức triển khai"), or where a number is raised to the
count ("nâng số DVCTT ... lên 72"); a news headline reports it done without "đã" ("2 thủ tục
của Bộ X kết nối Cơ chế một cửa quốc gia"). The cue words are data (`task_cues.tsv`).
"""
from __future__ import annotations

from extractor.doc import Doc
from extractor.recognizers.task_stats import windows
from extractor.recognizers.task_stats.find import Mention
from extractor.recognizers.task_stats.lexicon import (
    AS_OF_CUE_RE,    DEADLINE_RE, DELIVERED_AFTER_RE, DIGIT_MENTION_RE, DELIVERS_RE, DONE_RE, IMPERATIVE_RE, POST_SPAN, RAISED_TO_RE,
    TASKS_BELOW_RE, lower,
)
from extractor.structure import structure

_ITEMS = ("dash", "plus", "number", "subnumber", "letter", "line", "roman")


def done_before(flat: str, clause: int, pos: int) -> bool:
    """A word of work done ("đã") in the clause before `pos`."""
    return bool(DONE_RE.search(flat, clause, pos))


def set_out_by_frame(doc: Doc, m: Mention, clause: int) -> bool:
    """The count stands in a frame that sets its work out (and no word of work done governs it)."""
    flat = lower(doc)
    if done_before(flat, clause, m.start):
        return False   # "đã ..." of the count itself; "324 thủ tục đã được tích hợp" in a task still counts it
    lo, hi = m.sentence
    if windows.search(doc, flat, DEADLINE_RE, m.sentence, m.end, hi) \
            or windows.search(doc, flat, DEADLINE_RE, m.sentence, lo, m.start):
        return True
    st = structure(doc)
    k = st.block_at(m.start)
    if k < 0:
        return False
    block = st.blocks[k]
    opening = flat[block.body:min(block.end, block.body + 40)]
    if block.kind in _ITEMS and IMPERATIVE_RE.match(opening.lstrip(" *_\"“")):
        return True
    return block.kind in _ITEMS and _announced_as_tasks(doc, k)


def _announced_as_tasks(doc: Doc, k: int) -> bool:
    """The list item k stands under a lead-in that announces tasks ("... nhiệm vụ sau:")."""
    st, flat = structure(doc), lower(doc)
    parent = st.blocks[k].parent
    if parent >= 0:
        lead = st.blocks[parent]
        return bool(TASKS_BELOW_RE.search(flat, lead.body, lead.end))
    # a paragraph that opens a list is closed by a blank line in crawled text: the block before
    # the first item of the run is then its lead-in
    j = k
    while j > 0 and st.blocks[j - 1].kind == st.blocks[k].kind and st.blocks[j - 1].parent == -1:
        j -= 1
    if j == 0:
        return False
    lead = st.blocks[j - 1]
    return lead.kind == "para" and bool(TASKS_BELOW_RE.search(flat, lead.body, lead.end))


def delivered(doc: Doc, m: Mention, clause: int) -> bool:
    """The count is of work delivered: a delivering verb said of it as done, or a number raised to it."""
    flat = lower(doc)
    if RAISED_TO_RE.search(flat, max(clause, m.start - 160), m.start):
        return True
    verbs = [v for v in DELIVERS_RE.finditer(flat, clause, m.start)]
    if verbs and _done(doc, clause, verbs[-1].start(), m):
        return True   # "đã cung cấp 202/238 DVCTT", "đã cắt giảm 30 thủ tục"
    hi = min(m.sentence[1], m.end + POST_SPAN)
    stop = min((flat.find(c, m.end, hi) for c in ";.:" if flat.find(c, m.end, hi) >= 0), default=hi)
    after = DELIVERED_AFTER_RE.search(flat, m.end, stop) or (
        DELIVERS_RE.search(flat, m.end, m.post_end) if m.post_end > m.end else None)
    if not after or DIGIT_MENTION_RE.search(flat, m.end, after.start()):
        return False   # a verb after another count is that count's
    # "đã có 202 thủ tục ... được chính thức triển khai", "196 thủ tục đã được cung cấp"
    return _done(doc, clause, m.start, m) or done_before(flat, m.end, after.start()) or _headline(doc, m)


def _headline(doc: Doc, m: Mention) -> bool:
    """The count stands in a news headline, where a verb reports what happened without "đã"
    ("2 thủ tục của Bộ X kết nối Cơ chế một cửa quốc gia")."""
    head = doc.document
    if head is None or head.kind != "news" or not head.title:
        return False
    line_start = windows.line_start(doc, m.start)
    line_end = windows.line_end(doc, m.start)
    line = doc.text[line_start:line_end if line_end >= 0 else len(doc.text)].strip(" #*_=")
    return " ".join(line.split()) == " ".join(head.title.split())


def _done(doc: Doc, clause: int, pos: int, m: Mention) -> bool:
    """Work done before `pos`: "đã", or the day the count stands at ("Tính đến ngày 15/12/2020, có
    207 thủ tục ... được chính thức triển khai" reports what has been done by then)."""
    flat = lower(doc)
    return done_before(flat, clause, pos) or bool(windows.search(doc, flat, AS_OF_CUE_RE, m.sentence, m.sentence[0], pos))
