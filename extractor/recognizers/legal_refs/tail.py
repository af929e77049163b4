"""What follows a number: its date (in parentheses, or left blank), its year, "của
<issuer>", and the summary that makes its title."""
from __future__ import annotations

import re

from extractor.doc import Doc
from extractor.recognizers import calendar as cal
from extractor.recognizers import symbols as sy
from extractor.recognizers.legal_refs.issuers import _org
from extractor.recognizers.legal_refs.patterns import (
    _BLANK_DATE_RE, _OF_RE, _PAREN_CLOSE_RE, _PAREN_OPEN_RE, _YEAR_AFTER_RE, _Ref,
)

_NGAY_TWICE_RE = re.compile(r"\s*(?i:ngày)(?=\s+(?i:ngày)\s+\d)")



def _tail(doc: Doc, ref: _Ref, pos: int) -> int:
    """After a number: its date, then "của <issuer>". Returns the new end."""
    flat = doc.flat
    twice = _NGAY_TWICE_RE.match(flat, pos)  # "ngày ngày 08 tháng 6 năm 2010": a typo
    d = cal.day_at(flat, twice.end() if twice else pos)
    if d is None and (po := _PAREN_OPEN_RE.match(flat, pos)):
        # "Quyết định số 1254/QĐ-TTg (ngày 26/9/2018)": the date in parentheses
        d = cal.day_at(flat, po.end())
        pc = _PAREN_CLOSE_RE.match(flat, d[1]) if d else None
        d = (d[0], pc.end()) if pc else None
    blank = None if d else _BLANK_DATE_RE.match(flat, pos)
    if d:
        ref.issued_on, pos = d
        ref.num_end = pos
    elif blank:
        pos = ref.num_end = blank.end()
    else:
        y = _YEAR_AFTER_RE.match(flat, pos)  # "Quyết định 419-QĐ/TW năm 2025 của ..."
        if y:
            pos = y.end()
    m = _OF_RE.match(flat, pos)
    if m:
        heads, positions, _ = sy.issuer_words()
        found = _org(doc, m.end(), positions + heads)
        if found:
            ref.words_issuer, pos = found
            if ref.issued_on is None:  # "Nghị định số 115/2024/NĐ-CP của Chính phủ ngày 16 tháng 9 năm 2024"
                d = cal.day_at(flat, pos)
                if d:
                    ref.issued_on, pos = d
    if ref.issued_on is None:
        # its summary, then the day it was issued: "Luật số 38/2013/QH13 của Quốc hội: Luật việc
        # làm được ban hành ngày 16 tháng 11 năm 2013" (no other number between: no other document)
        issued = _ISSUED_LATER_RE.match(doc.text, pos)
        d = cal.day_at(flat, issued.end()) if issued else None
        if d:
            ref.issued_on = d[0]
    return pos


_ISSUED_LATER_RE = re.compile(r"[^\d;\n|]{0,120}?\s(?:được\s+)?(?i:ban\s+hành|ký)(?:\s+vào)?\s+(?=(?i:ngày)\s*\d)")


# --- titles ------------------------------------------------------------------------

_TITLE_RE = re.compile(
    r"\s*,?\s*(?P<t>(?:về việc|về|V/v|quy định|hướng dẫn|phê duyệt|ban hành|sửa đổi|thành lập|tạm ngưng)\s"
    r"(?:[^;:(|\[\]]|:(?=\d)){3,250}?)(?=\s*(?:[;(|\[\]]|:(?!\d)|\.\s|\.$|\s(?:và|,)\s+(?:các\s+)?(?i:" + sy.type_words_pattern() + r")\s"
    r"|\s(?:bởi\s+|theo\s+|tại\s+)?(?i:" + sy.type_words_pattern() + r")\s+(?:(?i:số)\s+)?\d|$))",
)


# "Thông tư X quy định như sau:", "... quy định tại Điều 5": the verb of a sentence, no summary
_NOT_TITLE_RE = re.compile(r"quy\s+định\s*(?::|như\s+sau|rằng|tại|cụ\s+thể|rõ)", re.I)


def _title_after(doc: Doc, pos: int) -> str | None:
    m = _TITLE_RE.match(doc.flat, pos)
    if not m or _NOT_TITLE_RE.match(doc.flat, m.start("t")):
        return None
    end = m.end("t")
    tail = re.search(r"\s+như\s+sau\s*$", doc.flat[m.start("t"):end])  # "... như sau:" leads into a quote
    return doc.value(m.start("t"), m.start("t") + tail.start() if tail else end)
