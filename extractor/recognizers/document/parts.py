"""Where the parts of a legal header stand and what they say: the motto, the number line
("Số: 4014/QĐ-BTC"), the place and date line ("Hà Nội, ngày 01 tháng 12 năm 2025"), a
signing platform's stamp where the day is illegible, and the check that a date can be the
document's."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractor.doc import Doc
from extractor.recognizers import calendar as cal
from extractor.recognizers import symbols as sy
from extractor.recognizers.document.lines import (
    _CELL_GAP_RE, _COUNTRY, _DEBRIS, _NUMBER_WORD, _PARTY, _PLACE, _PLACE_WORD, _Line,
)

# "Số: 12/QĐ-UBND"; a law or resolution writes its type first: "Luật số: 64/2025/QH15".
_NUMBER_LINE_RE = re.compile(r"[Ss][ốỐ]\s*:\s*(?=\d)")
_HEADER_REACH = 6000  # the header stands at the top, after a crawled page's preamble
_DATE_LINE_RE = re.compile(
    r"(?P<place>[^\W\d_][^,;:|*\n]{0,40}?)\s*,\s*(?:ngày|NGÀY)\s+(?:" + cal.NUM_DAY_CORE + "|" + cal.WORD_DAY + ")",
)
_PASSED_RE = re.compile(r"(?i:này)\s+được\s+[^.]{0,200}?(?i:thông\s+qua)\s+(?i:ngày)\s+(?i:" + cal.WORD_DAY + ")")


def _own_number(doc: Doc, lines: list[_Line], meta: dict) -> tuple[str | None, list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    number = None
    for m in _NUMBER_LINE_RE.finditer(doc.flat, 0, _HEADER_REACH):
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        before = doc.text[line_start:m.start()].strip(_DEBRIS)
        if before and not sy.canonical_type(before):
            continue  # "Số:" opens its line in a header, after the type in a law ("Luật số:")
        sm = sy.SYMBOL_NUMBER_RE.match(doc.flat, m.end())
        if sm:
            number = number or sy.normalize_number(sm.group())
            spans.append(sm.span())
            break
    if "number" in meta:
        value, ln = meta["number"]
        i = doc.text.find(value, ln.start)
        if i >= 0:
            spans.append((i, i + len(value)))
        number = number or sy.normalize_number(value)
    return number, spans


def _place(doc: Doc, start: int, end: int) -> str | None:
    """The place before ", ngày", which may wrap ("Hà\\nNội"): the last pieces of it that
    hold only words (not the number line, the motto or debris above it)."""
    words_: list[str] = []
    pos = end
    for piece in reversed(doc.text[start:end].split("\n")):
        line_start = doc.text.rfind("\n", 0, pos - len(piece)) + 1
        whole = doc.flat[line_start:pos]
        pos -= len(piece) + 1
        piece = piece.strip(_DEBRIS)
        if (not piece or re.search(r"[\d/:|\-]", piece) or len(words_) + len(piece.split()) > 5
                or (words_ and _MOTTO_TAIL_RE.search(whole))):
            break
        words_[:0] = piece.split()
    return " ".join(words_) or None


_MOTTO_TAIL_RE = re.compile(r"(?i:hạnh\s+phúc|độc\s+lập|tự\s+do)")


def _header_prefix(before: str) -> bool:
    """What may stand before the motto on its line: debris, or a header's capitals."""
    rest = before.strip(_DEBRIS)
    return not rest or rest.isupper()


@dataclass
class _Parts:
    """Where the parts of a header stand among the pieces (indexes), each found on its own."""
    motto: int | None = None        # the country's name, the motto or a Party document's name
    number: int | None = None       # "Số: ..." (its number may be blank in a draft)
    date: int | None = None         # "<place>, ngày ..." (its day may be blank)


_NUMBER_PIECE_RE = re.compile(rf"^(?:(?P<type>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?) )?{_NUMBER_WORD}\s*[:.]?\s*"
                              r"(?=[\d/]|$|[^\s/]{1,5}\s?/[A-ZĐ])")
_DATE_PIECE_RE = re.compile(rf"^(?P<place>{_PLACE})\s*[,.]\s*(?i:ngày)(?![^\W\d_])")
# (emphasis a converter left between the parts: "ngày 4* *tháng 5* *năm 2024")
_HEADER_DAY_RE = re.compile(r"(?i:ngày)[\s*_]*(?P<d>\d{1,2})[\s*_]*(?i:tháng)[\s*_]*(?P<m>\d{1,2})[\s*_]*,?[\s*_]*"
                            r"(?i:năm)[\s*_]*(?P<y>\d{4})")
_HEADER_PIECES = 60  # the header's parts stand among the first pieces of a document


# (a scan's OCR may garble a word of each: "CHỦ Nhì lL ề FT NAM", "Hạn] phúc")
_MOTTO_SPAN_RE = re.compile(rf"(?<!NƯỚC )(?<!nước )(?P<country>{_COUNTRY}"
                            r"|C[ỘỌÔO]NG\s+H[ÒOÓ][AÀ]?\s+X[ÃAÀ]\s+H[ỘỌÔO]I\s+CH[ỦUÚ]\b)"
                            rf"|(?P<party>{_PARTY})"
                            r"|(?i:Độc\s+lập\s*[-–—]?\s*Tự\s+do)(?:\s*[-–—]?\s*\S+\s+phúc)?"
                            r"|(?i:Tự\s+do\s*[-–—]\s*Hạnh\s+phúc)")


def _motto_spans(doc: Doc) -> list[tuple[int, int]]:
    """Where the header's motto stands, wrapped over lines as it may be: the country's
    name in capitals (not "nước CỘNG HÒA ..." naming it), "Độc lập - Tự do - Hạnh phúc",
    a Party document's "ĐẢNG CỘNG SẢN VIỆT NAM" standing on its own (not ending a
    committee's name: "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM")."""
    spans = []
    for m in _MOTTO_SPAN_RE.finditer(doc.flat, 0, _HEADER_REACH):
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        before = doc.text[line_start:m.start()]
        gap = _CELL_GAP_RE.search(before[-4:] + "x") is not None
        # quoted in running text ("dòng chữ: CỘNG HÒA ..."), it is no header's
        if not gap and not _header_prefix(before) and not _MOTTO_SPAN_RE.match(before.strip(_DEBRIS + ",")):
            continue
        if m["party"] and before.strip(_DEBRIS) and not gap:
            continue
        spans.append(m.span())
    return spans


def _is_motto(pc: _Line, spans: list[tuple[int, int]]) -> bool:
    return any(a < pc.end and pc.start < b for a, b in spans)


def _find_parts(pieces: list[_Line], spans: list[tuple[int, int]]) -> _Parts:
    parts = _Parts()
    for k, pc in enumerate(pieces[:_HEADER_PIECES]):
        if pc.start >= _HEADER_REACH:
            break
        if _is_motto(pc, spans):
            if parts.motto is None:
                parts.motto = k
        elif parts.number is None and _NUMBER_PIECE_RE.match(pc.text) and (
                not _NUMBER_PIECE_RE.match(pc.text)["type"] or sy.canonical_type(_NUMBER_PIECE_RE.match(pc.text)["type"])):
            parts.number = k
        elif parts.date is None and (parts.motto is not None or parts.number is not None) and (
                _DATE_PIECE_RE.match(pc.text) or _date_wraps_after(pieces, k)):
            parts.date = k
    return parts


def _date_wraps_after(pieces: list[_Line], k: int) -> bool:
    """The place of a date line ends piece k and its day opens the next ("Tỉnh Quảng Nam," /
    "ngày 4 tháng 5 năm 2024"): a crawl broke the line after the place's comma."""
    return (pieces[k].text.rstrip().endswith(",") and k + 1 < len(pieces)
            and bool(_DATE_PIECE_RE.match(pieces[k].text + " " + pieces[k + 1].text)))


def _number_of(doc: Doc, piece: _Line) -> tuple[str | None, tuple[int, int] | None]:
    """The number of a number line and its span; (None, None) where it is left blank."""
    head = _NUMBER_PIECE_RE.match(piece.text)
    # the number after "Số:" in the text itself, so that its span is the text's
    at = doc.flat.find(":", piece.start, piece.end)
    at = piece.start + len(head.group()) - 1 if at < 0 else at + 1
    sm = sy.SYMBOL_NUMBER_RE.search(doc.flat, at, piece.end)
    if sm and not doc.flat[at:sm.start()].strip(" ."):
        return sy.normalize_number(sm.group()), sm.span()
    return None, None


def _wrapped_place(doc: Doc, pieces: list[_Line], k: int, place: str) -> str:
    """The place of a date line, with its first word where a crawl wrapped it onto the line
    above ("*Hà" / "Nội, ngày ...")."""
    pc = pieces[k]
    if k and doc.text[pc.start - 1:pc.start] == "\n" or pc.start == 0:
        prev = pieces[k - 1] if k else None
        if (prev and len(prev.text.split()) == 1 and _PLACE_WORD and re.fullmatch(_PLACE_WORD, prev.text)
                and prev.end == pc.start - 1 and not doc.text[prev.start:prev.end].rstrip().endswith("*")):
            return f"{prev.text} {place}"
    return place


def _header_day(text: str) -> str | None:
    m = _HEADER_DAY_RE.search(text)
    if m:
        return cal.iso_day(int(m["y"]), int(m["m"]), int(m["d"]))
    m = re.search(r"(?i:ngày)\s+" + cal.NUM_DAY_CORE, text)
    return cal.day_from_match(m) if m else None


def _date_text(pieces: list[_Line], k: int) -> str:
    """The date line's text, with the pieces it wraps onto ("ngày 05 / tháng 3 năm 2024")."""
    text = pieces[k].text
    for pc in pieces[k + 1:k + 3]:
        if _HEADER_DAY_RE.search(text) or re.search(r"(?i:năm)\s*\d{4}", text):
            break
        text += " " + pc.text
    return text


# A signing platform's stamp on an electronically signed document: "Thời gian ký:
# 13/11/2025", "Thời gian ký: 2025-10-09T16:52:54+07:00", "26.07.2021 16:39:39".
_SIGNED_AT_RE = re.compile(r"(?i:thời\s+gian\s+ký)\s*:\s*(?:(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})"
                           r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2}))")


def _signed_on(doc: Doc, date_line: str) -> str | None:
    """The day an electronically signed document was signed, where its date line does not
    say (a scan's handwritten day, which OCR misreads): the signing platform stamps the
    signing time, and the office dates such a document the day it is signed. Taken only
    when the date line's legible year and month agree with it."""
    m = _SIGNED_AT_RE.search(doc.flat[:_HEADER_REACH])
    if not m:
        return None
    y, mo, d = (int(m["y"]), int(m["m"]), int(m["d"])) if m["y"] else (int(m["y2"]), int(m["m2"]), int(m["d2"]))
    year = re.search(r"(?i:năm)\s*(\d{4})", date_line)
    month = re.search(r"(?i:tháng)\s*(\d{1,2})(?!\w)", date_line)
    if (year and int(year[1]) != y) or (month and int(month[1]) != mo):
        return None
    return cal.iso_day(y, mo, d)


def _plausible(issued_on: str | None, number: str | None, warnings: list[str]) -> str | None:
    """The issue date, unless it cannot be the document's: later than next year, before
    the state's first documents (1945), or years away from the year in its number (an OCR
    "2055" for "2025"). Such a date is dropped with a warning, not kept silently."""
    if not issued_on:
        return issued_on
    year = int(issued_on[:4])
    this_year = date.today().year
    in_number = sy.year_of_number(number) if number else None
    why = None
    if year > this_year + 1:
        why = f"it is after {this_year + 1}"
    elif year < 1945:
        why = "it is before 1945"
    elif in_number and abs(year - in_number) > 1:
        why = f"the number {number} says {in_number}"
    if why:
        warnings.append(f"issue date {issued_on} of the header dropped: {why}")
        return None
    return issued_on
