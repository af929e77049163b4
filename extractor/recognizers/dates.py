"""Recognizer for `dates` of RECORDS.md: every calendar expression.

Regular expressions over `doc.flat` find atomic expressions (a day, a day and time,
a month, a quarter, a span of months, a year, a range of years); overlaps go to the
longest. Then two passes join what the language joins: "từ <A> đến <B>" is one range,
and a bare "6 tháng đầu năm" coordinated with "6 tháng cuối năm 2017" takes its year.

Not dates: anything inside a URL, a file name or a document number ("49/2017/NĐ-CP"),
standard versions ("ISO 9001:2008"), phone numbers, counts and amounts ("2020 hồ sơ",
"106/109 nhiệm vụ"), impossible days. Expressions that need the document's date
("ngày 13/6", "năm nay") are resolved against `document.issued_on` and marked
`relative`; without that date they are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.doc import Doc
from extractor.recognizers import calendar as cal
from extractor.recognizers.symbols import SYMBOL_NUMBER_RE, unit_follows_re
from models.records import DateItem

Y = cal.YEAR
_I = re.I


@dataclass
class _Hit:
    start: int
    end: int
    value: str
    granularity: str
    relative: bool = False
    # for the joining passes
    part: str | None = None      # "first"/"last" for spans of months of a year
    bare_half: bool = False      # "6 tháng" that only a coordinated partner makes a date


def _time(h: str | None, mi: str | None) -> str | None:
    if h is None:
        return None
    hh, mm = int(h), int(mi or 0)
    return f"{hh:02d}:{mm:02d}" if hh < 24 and mm < 60 else None


# --- atomic patterns -------------------------------------------------------------

_MONTHS_EN = cal.alternation("month_en")
_WEEKDAYS = cal.alternation("weekday")
_EN_DATETIME_RE = re.compile(
    r"\b(?:" + _WEEKDAYS + r"),?\s+(?P<d>\d{1,2})\s+(?P<mon>" + _MONTHS_EN + r")[a-z]*\.?\s+(?P<y>" + Y + r")"
    r"(?:\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?)?"
)
_TIME = r"(?P<{h}>\d{{1,2}})\s?(?::|h|giờ\s?)\s?(?P<{mi}>\d{{2}})(?:\s?phút)?"
_NUM_DAY_RE = re.compile(
    r"(?:" + _TIME.format(h="h1", mi="mi1") + r"\s*,?\s+(?:ngày\s+)?)?"
    + cal.NUM_DAY
    + r"(?:\s*,?\s*(?:lúc\s+)?" + _TIME.format(h="h2", mi="mi2") + r"(?!\d))?",
    _I,
)
_WORD_DAY_RE = re.compile(
    r"(?:(?P<h1>\d{1,2})\s*giờ(?:\s*(?P<mi1>\d{1,2})(?:\s*phút)?)?\s*,?\s*"
    r"(?:(?:sáng|chiều|tối|trưa|đêm)\s+)?)?"
    r"(?<![\w])(?:ngày\s+)?" + cal.WORD_DAY,
    _I,
)
# "ngày 24 và ngày 25 tháng 5 năm 2025": the first day borrows month and year.
_DAY_PAIR_RE = re.compile(
    r"ngày\s+(?P<d1>\d{1,2})\s+(?:và|,)\s+(?:ngày\s+)?(?P<d2>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*,?\s+năm\s+(?P<y>" + Y + r")",
    _I,
)
_MONTH_RE = re.compile(
    r"(?<!\w)tháng\s+(?P<m>\d{1,2})\s*(?:[/\-]|,?\s+năm\s+)\s*(?P<y>" + Y + r")(?!\d)", _I)
_QUARTER_RE = re.compile(
    r"(?<!\w)quý\s+(?P<q>" + cal.alternation("quarter") + r")(?![\w])"
    r"(?:\s*(?:[/\-]|,?\s+năm\s+)\s*(?P<y>" + Y + r")(?!\d))?", _I)
# "6 tháng đầu năm 2017", "9 tháng đầu năm", "10 tháng năm 2024", "6 tháng cuối năm".
_SPAN_RE = re.compile(
    r"(?<![\w/.,])(?P<n>\d{1,2})\s+tháng(?:\s+(?P<part>" + cal.alternation("part") + r"))?"
    r"\s+năm(?:\s+(?P<y>" + Y + r")(?!\d))?(?!\s+(?:qua|trước|sau|tới))",
    _I,
)
_BARE_HALF_RE = re.compile(r"(?<![\w/.,])(?:6|sáu)\s+tháng(?!\s+(?:" + cal.alternation("part") + r"|năm))(?=\s*[,;]?\s)", _I)
_YEAR_RANGE_RE = re.compile(
    r"(?<![\w/.,\-])(?P<y1>" + Y + r")\s*[-–—]\s*(?P<y2>" + Y + r")(?![\w/]|[.,]\d)")
_YEAR_TO_NOW_RE = re.compile(
    r"(?<![\w/.,\-])(?P<y1>" + Y + r")\s*[-–—]\s*(?:" + cal.alternation("relative_now") + r")(?!\w)", _I)
_YEAR_WORD_RE = re.compile(r"(?<!\w)năm\s+(?P<y>" + Y + r")(?![\w/]|[.,]\d)", _I)
_YEAR_BARE_RE = re.compile(r"(?<![\w/.,:\-–])(?P<y>" + Y + r")(?![\w/]|[.,:]\d|\s?[-–]\s?\d)")
# "Số 2020", "mã 2019", and a number right before ("Thong tu 68 2019", a slug spelled out).
_NOT_A_YEAR_BEFORE_RE = re.compile(r"(?:\bsố|\bmã|\bno\.?|[+#№])\s*:?\s*$|\d\s$", _I)
# Days and months without a year: only after a word that announces a date.
_REL_DAY_RE = re.compile(
    r"(?<!\w)(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|trước|sau|từ|đến|hết|vào|nay)\s+(?:ngày\s+)?"
    r"(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/]|[.\-]\d)", _I)
_REL_WORD_DAY_RE = re.compile(
    r"(?<!\w)ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?!\d|\s*,?\s*năm\s+\d|\s*/)", _I)
_REL_MONTH_RE = re.compile(r"(?<!\w)tháng\s+(?P<m>\d{1,2})(?![\d/]|\s*(?:[/\-]|,?\s*năm)\s*\d)", _I)
_THIS_YEAR_RE = re.compile(r"(?<!\w)năm\s+nay(?!\w)", _I)
_YEAR_TO_DATE_RE = re.compile(r"(?<!\w)từ\s+đầu\s+năm\s+(?:đến\s+nay|tới\s+nay)(?!\w)", _I)

# --- places where nothing is a date ---------------------------------------------

_MASK_RE = re.compile(
    r"(?:https?://|www\.)[^\s)\]>\"']+"             # URLs
    r"|\]\([^)\s]*\)?"                              # markdown link targets
    r"|[\w.\-/%]*\w\.(?:jpe?g|png|gif|webp|svg|pdf|docx?|xlsx?|pptx?|zip|rar|html?|php|aspx?)\b"  # files
    r"|\bISO\b[\s:]*[\d:\-]*"                       # standards and their versions
    r"|\b\d{3,5}:" + Y + r"\b"
    r"|\(0\d{1,3}\)\s?[\d .]{6,}"                   # phone numbers
    r"|\b0\d{2,3}[ .]\d{3}[ .]?\d{3,4}\b"
    r"|\b0\d{8,10}\b"
    r"|\{[a-z_]+\}",                                # template placeholders
    _I,
)


def _masked(doc: Doc) -> list[tuple[int, int]]:
    spans = [m.span() for m in _MASK_RE.finditer(doc.flat)]
    spans += [m.span() for m in SYMBOL_NUMBER_RE.finditer(doc.flat)]
    return spans


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def _atomic(doc: Doc, year: int | None, issued: str | None) -> list[_Hit]:
    flat = doc.flat
    hits: list[_Hit] = []
    add = hits.append

    for m in _EN_DATETIME_RE.finditer(flat):
        day = cal.iso_day(int(m["y"]), int(cal.words("month_en")[m["mon"][:3].title()]), int(m["d"]))
        t = _time(m["h"], m["mi"])
        if day:
            add(_Hit(m.start(), m.end(), f"{day}T{t}" if t else day, "datetime" if t else "day"))
    for m in _NUM_DAY_RE.finditer(flat):
        day = cal.day_from_match(m)
        if not day:
            continue
        t = _time(m["h1"], m["mi1"]) or _time(m["h2"], m["mi2"])
        add(_Hit(m.start(), m.end(), f"{day}T{t}" if t else day, "datetime" if t else "day"))
    for m in _WORD_DAY_RE.finditer(flat):
        day = cal.day_from_match(m)
        if not day:
            continue
        t = _time(m["h1"], m["mi1"])
        add(_Hit(m.start(), m.end(), f"{day}T{t}" if t else day, "datetime" if t else "day"))
    for m in _DAY_PAIR_RE.finditer(flat):
        y, mo = int(m["y"]), int(m["m"])
        d1, d2 = cal.iso_day(y, mo, int(m["d1"])), cal.iso_day(y, mo, int(m["d2"]))
        if d1 and d2:
            add(_Hit(m.start(), m.start("d1") + len(m["d1"]), d1, "day"))
            add(_Hit(m.start("d2"), m.end(), d2, "day"))
    for m in _MONTH_RE.finditer(flat):
        v = cal.iso_month(int(m["y"]), int(m["m"]))
        if v:
            add(_Hit(m.start(), m.end(), v, "month"))
    for m in _QUARTER_RE.finditer(flat):
        q = int(cal.words("quarter")[m["q"].upper()])
        y = int(m["y"]) if m["y"] else year
        if y:
            add(_Hit(m.start(), m.end(), cal.months_span(y, 3 * q - 2, 3 * q), "quarter", relative=not m["y"]))
    for m in _SPAN_RE.finditer(flat):
        n = int(m["n"])
        part = cal.words("part").get((m["part"] or "").lower(), "first")
        if not 1 <= n <= 12 or (not m["part"] and not m["y"]):
            continue
        y = int(m["y"]) if m["y"] else year
        if y is None:
            # a span without a year can still take one from a coordinated partner
            add(_Hit(m.start(), m.end(), "", "half" if n == 6 else "range", relative=True, part=part))
            continue
        first, last = (1, n) if part == "first" else (13 - n, 12)
        add(_Hit(m.start(), m.end(), cal.months_span(y, first, last), "half" if n == 6 else "range",
                 relative=not m["y"], part=part))
    for m in _BARE_HALF_RE.finditer(flat):
        add(_Hit(m.start(), m.end(), "", "half", relative=True, part="first", bare_half=True))
    for m in _YEAR_RANGE_RE.finditer(flat):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if y1 < y2 <= y1 + 100:
            add(_Hit(m.start(), m.end(), f"{y1}/{y2}", "range"))
    if year:
        for m in _YEAR_TO_NOW_RE.finditer(flat):
            add(_Hit(m.start(), m.end(), f"{m['y1']}/{year}", "range", relative=True))
    for m in _YEAR_WORD_RE.finditer(flat):
        add(_Hit(m.start(), m.end(), m["y"], "year"))
    units = unit_follows_re()
    for m in _YEAR_BARE_RE.finditer(flat):
        if units.match(flat, m.end()) or _NOT_A_YEAR_BEFORE_RE.search(flat, max(0, m.start() - 8), m.start()):
            continue
        add(_Hit(m.start(), m.end(), m["y"], "year"))
    if year:
        for m in _REL_DAY_RE.finditer(flat):
            day = cal.iso_day(year, int(m["m"]), int(m["d"]))
            if day and not units.match(flat, m.end()):
                add(_Hit(m.start("d"), m.end(), day, "day", relative=True))
        for m in _REL_WORD_DAY_RE.finditer(flat):
            day = cal.iso_day(year, int(m["m"]), int(m["d"]))
            if day:
                add(_Hit(m.start(), m.end(), day, "day", relative=True))
        for m in _REL_MONTH_RE.finditer(flat):
            v = cal.iso_month(year, int(m["m"]))
            if v and not units.match(flat, m.end()):
                add(_Hit(m.start(), m.end(), v, "month", relative=True))
        for m in _THIS_YEAR_RE.finditer(flat):
            add(_Hit(m.start(), m.end(), str(year), "year", relative=True))
        if issued:
            for m in _YEAR_TO_DATE_RE.finditer(flat):
                add(_Hit(m.start(), m.end(), f"{year}-01-01/{issued}", "range", relative=True))
    return hits


def _longest_first(hits: list[_Hit], masked: list[tuple[int, int]]) -> list[_Hit]:
    chosen: list[_Hit] = []
    taken: list[tuple[int, int]] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if _overlaps(masked, h.start, h.end) or _overlaps(taken, h.start, h.end):
            continue
        chosen.append(h)
        taken.append((h.start, h.end))
    return sorted(chosen, key=lambda h: h.start)


# --- joining passes --------------------------------------------------------------

_RANGE_GAP_RE = re.compile(r"\s*(?:đến|tới|-|–|—)\s*(?:hết\s+)?(?:ngày\s+)?$", _I)
_RANGE_OPEN_RE = re.compile(r"(?:\btừ|\bgiai\s+đoạn)\s*$", _I)
_SAME_SENTENCE_RE = re.compile(r"[.;!?\n]")


def _ends(h: _Hit) -> tuple[str, str] | None:
    """(start, end) of a hit as interval ends, for ranges between two hits."""
    if h.granularity in ("day", "datetime", "month", "year"):
        return h.value, h.value
    return None


def _join_ranges(doc: Doc, hits: list[_Hit]) -> list[_Hit]:
    """"từ ngày 01/01/2017 đến ngày 07/6/2017", "tháng 02/1955 đến tháng 9/1955"."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        a = hits[i]
        b = hits[i + 1] if i + 1 < len(hits) else None
        if (b and not a.relative and not b.relative and a.granularity == b.granularity
                and a.granularity in ("day", "datetime", "month", "year")
                and _RANGE_GAP_RE.match(doc.flat[a.end:b.start]) and a.value < b.value):
            out.append(_Hit(a.start, b.end, f"{a.value}/{b.value}", "range"))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _join_coordinated(doc: Doc, hits: list[_Hit]) -> list[_Hit]:
    """A span of months without a year takes the year of the next one in its sentence
    ("6 tháng đầu năm và phương hướng 6 tháng cuối năm 2017"); a bare "6 tháng" is a
    date only in that construction."""
    out: list[_Hit] = []
    for i, h in enumerate(hits):
        if h.part and (h.bare_half or not h.value or h.relative):
            nxt = hits[i + 1] if i + 1 < len(hits) else None
            gap = doc.flat[h.end:nxt.start] if nxt else ""
            if (nxt and nxt.part and nxt.part != h.part and not nxt.relative and nxt.value
                    and len(gap) <= 120 and not _SAME_SENTENCE_RE.search(gap)):
                y = int(nxt.value[:4])
                n = 6 if h.bare_half else int(re.match(r"\d+", doc.flat[h.start:h.end]).group())
                first, last = (1, n) if h.part == "first" else (13 - n, 12)
                out.append(_Hit(h.start, h.end, cal.months_span(y, first, last), h.granularity))
                continue
            if h.bare_half or not h.value:
                continue
        out.append(h)
    return out


def recognize(doc: Doc) -> list[DateItem]:
    issued = doc.document.issued_on if doc.document else None
    year = doc.year
    hits = _longest_first(_atomic(doc, year, issued), _masked(doc))
    hits = _join_coordinated(doc, _join_ranges(doc, hits))
    return [
        DateItem(value=h.value, granularity=h.granularity, relative=h.relative,
                 evidence=doc.evidence(h.start, h.end))
        for h in hits if h.value
    ]
