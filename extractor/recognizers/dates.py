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
from extractor.recognizers.symbols import SYMBOL_NUMBER, unit_follows_re
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
# Each pattern opens with a literal or a digit, never with a look-behind or a
# case-insensitive word: the regex engine then skips ahead fast. What must not stand
# before a match is checked on the match (`_LEFT`).


def _ci(*ws: str) -> str:
    """A word at the start of a pattern in the three cases text writes it."""
    return "(?:" + "|".join(v for w in ws for v in dict.fromkeys((w, w[:1].upper() + w[1:], w.upper()))) + ")"


_MONTHS_EN = cal.alternation("month_en")
_WEEKDAYS = cal.alternation("weekday")
_EN_DATETIME_RE = re.compile(
    r"(?:" + _WEEKDAYS + r"),?\s+(?P<d>\d{1,2})\s+(?P<mon>" + _MONTHS_EN + r")[a-z]*\.?\s+(?P<y>" + Y + r")"
    r"(?:\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?)?"
)
# "10:59", "14h30", "8 giờ 30 phút"; an hour alone only with its word ("8 giờ", "8h")
# (a colon always has its minutes: "Câu 5: 20/6/2024" holds no time)
_TIME = (r"(?P<{h}>\d{{1,2}})(?:\s?:\s?(?P<{mi}>\d{{2}})|\s?(?:h|(?i:giờ))(?:\s?(?P<{mi}w>\d{{2}}))?)"
         r"(?:\s?(?i:phút))?")
# a time before the day: "vào 8 giờ ngày 17/7/2024", "14h30, sáng ngày 5/3/2024"
_NUM_DAY_RE = re.compile(
    r"(?:" + _TIME.format(h="h1", mi="mi1")
    + r"\s*,?\s+(?:(?i:sáng|chiều|tối|trưa|đêm)\s+)?(?:(?i:ngày)\s+)?)?"
    + cal.NUM_DAY_CORE
    + r"(?:\s*,?\s*(?:lúc\s+)?" + _TIME.format(h="h2", mi="mi2") + r"(?!\d))?"
)
_WORD_DAY_RE = re.compile(
    r"(?:(?P<h1>\d{1,2})\s*(?i:giờ)(?:\s*(?P<mi1>\d{1,2})(?:\s*(?i:phút))?)?\s*,?\s*"
    r"(?:(?i:sáng|chiều|tối|trưa|đêm)\s+)?(?i:ngày)\s+"
    r"|" + _ci("ngày") + r"\s+)?(?i:" + cal.WORD_DAY + ")"
)
# "ngày 24 và ngày 25 tháng 5 năm 2025": the first day borrows month and year.
_DAY_PAIR_RE = re.compile(
    _ci("ngày") + r"\s+(?P<d1>\d{1,2})\s+(?i:và|,)\s+(?:(?i:ngày)\s+)?(?P<d2>\d{1,2})\s+(?i:tháng)\s+"
    r"(?P<m>\d{1,2})\s*,?\s+(?i:năm)\s+(?P<y>" + Y + r")"
)
# "các ngày 26, 27, 28, 29/6/2024", "ngày 3, 5 và 9/6/2024": the days before borrow
# month and year from the last.
_DAY_LIST_RE = re.compile(
    _ci("ngày") + r"\s+(?P<list>\d{1,2}(?:\s*,\s*\d{1,2})*)\s*(?:,|(?i:và))\s*"
    r"(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<y>" + Y + r")(?![\w/]|[.\-]\d)"
)
# A range whose first end borrows month and year from the second: "từ ngày 1 đến ngày
# 15/3/2025", "01-15/3/2025", "tháng 10 đến tháng 12/2024", "từ tháng 10 - 12 năm 2024".
_DAY_SPAN_RE = re.compile(
    r"(?P<d1>\d{1,2})\s*(?:(?i:đến|tới)|[-–])\s*(?:(?i:ngày)\s+)?(?P<d2>\d{1,2})\s*"
    r"(?:(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)|\s+(?i:tháng)\s+(?P<wm>\d{1,2})\s*,?\s+(?i:năm)\s+)(?P<y>" + Y + r")(?!\d)"
)
# "từ 16/1 đến 15/2/2017", "15-11 đến 18-12-1940": the first day borrows the year
_DAY_MONTH_SPAN_RE = re.compile(
    r"(?P<d1>\d{1,2})(?P<s1>[/\-])(?P<m1>\d{1,2})\s*(?:(?i:đến|tới)|[-–])\s*(?:(?i:hết\s+)?(?i:ngày)\s+)?"
    r"(?P<d2>\d{1,2})(?P<s2>[/\-])(?P<m2>\d{1,2})(?P=s2)(?P<y>" + Y + r")(?![\w/]|[.\-]\d)"
)
_MONTH_SPAN_RE = re.compile(
    _ci("tháng") + r"\s+(?P<m1>\d{1,2})\s*(?:(?i:đến|tới)|[-–])\s*(?:(?i:tháng)\s+)?(?P<m2>\d{1,2})\s*"
    r"(?:[/\-]|,?\s+(?i:năm)\s+)\s*(?P<y>" + Y + r")(?!\d)"
)
# "quý I và quý II năm 2023", "tháng 5 và tháng 6/2024": the first borrows the year.
_QUARTER_PAIR_RE = re.compile(
    _ci("quý") + r"\s+(?P<q1>" + cal.alternation("quarter") + r")\s*(?:,|(?i:và|hoặc))\s*(?:(?i:quý)\s+)?"
    r"(?P<q2>" + cal.alternation("quarter") + r")\s*(?:[/\-]|,?\s+(?i:năm)\s+)\s*(?P<y>" + Y + r")(?!\d)"
)
_MONTH_PAIR_RE = re.compile(
    _ci("tháng") + r"\s+(?P<m1>\d{1,2})\s*(?:,|(?i:và|hoặc))\s*(?:(?i:tháng)\s+)?(?P<m2>\d{1,2})\s*"
    r"(?:[/\-]|,?\s+(?i:năm)\s+)\s*(?P<y>" + Y + r")(?!\d)"
)
_MONTH_RE = re.compile(
    _ci("tháng") + r"\s*(?P<m>\d{1,2})\s*(?:[/\-]|,?\s+(?i:năm)\s+)\s*(?P<y>" + Y + r")(?!\d)")
_QUARTER_RE = re.compile(
    _ci("quý") + r"\s+(?P<q>" + cal.alternation("quarter") + r")(?![\w])"
    r"(?:\s*(?:[/\-]|,?\s+(?i:năm)\s+)\s*(?P<y>" + Y + r")(?!\d))?")
# "6 tháng đầu năm 2017", "9 tháng đầu năm", "10 tháng năm 2024", "6 tháng cuối năm".
_SPAN_RE = re.compile(
    r"(?P<n>\d{1,2})\s+(?i:tháng)(?:\s+(?P<part>(?i:" + cal.alternation("part") + r")))?"
    r"\s+(?i:năm)(?:\s+(?P<y>" + Y + r")(?!\d))?(?!\s+(?i:qua|trước|sau|tới))"
)
_BARE_HALF_RE = re.compile(
    r"(?:6|sáu|Sáu)\s+(?i:tháng)(?!\s+(?i:" + cal.alternation("part") + r"|năm))(?=\s*[,;]?\s)")
_YEAR_RANGE_RE = re.compile(r"(?P<y1>" + Y + r")\s*[-–—]\s*(?P<y2>" + Y + r")(?![\w/]|[.,]\d)")
# "2021 - nay", "1992-nay", "2021 - tới nay", "Từ năm 2015 đến nay": open-ended, so relative.
_YEAR_TO_NOW_RE = re.compile(
    r"(?:" + _ci("từ") + r"\s+)?(?:" + _ci("năm") + r"\s+)?(?P<y1>" + Y + r")\s*(?i:"
    + cal.alternation("range_to") + r")\s*(?i:" + cal.alternation("relative_now") + r")(?!\w)")
_YEAR_WORD_RE = re.compile(_ci("năm") + r"\s+(?P<y>" + Y + r")(?![\w/]|[.,]\d)")
# a number right after it makes it part of a longer number ("Tổng đài 1900 6192")
_YEAR_BARE_RE = re.compile(r"(?P<y>" + Y + r")(?![\w/]|[.,:]\d|\s?[-–]\s?\d|\s\d)")
# "Số 2020", "mã 2019", and a number right before ("Thong tu 68 2019", a slug spelled out).
_NOT_A_YEAR_BEFORE_RE = re.compile(r"(?:\bsố|\bmã|\bno\.?|[+#№])\s*:?\s*$|\d\s$", _I)
# Days and months without a year: only after a word that announces a date.
_REL_DAY_RE = re.compile(
    _ci("ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "trước", "sau", "từ", "đến", "hết", "vào", "nay")
    + r"\s+(?:(?i:ngày)\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/]|[.\-]\d)")
_REL_WORD_DAY_RE = re.compile(
    _ci("ngày") + r"\s+(?P<d>\d{1,2})\s+(?i:tháng)\s+(?P<m>\d{1,2})(?!\d|\s*,?\s*(?i:năm)\s+\d|\s*/)")
_REL_MONTH_RE = re.compile(_ci("tháng") + r"\s+(?P<m>\d{1,2})(?![\d/]|\s*(?:[/\-]|,?\s*(?i:năm))\s*\d)")
_THIS_YEAR_RE = re.compile(_ci("năm") + r"\s+(?i:nay)(?!\w)")
_YEAR_TO_DATE_RE = re.compile(_ci("từ") + r"\s+(?i:đầu\s+năm\s+(?:đến|tới)\s+nay)(?!\w)")

# What may not stand right before a match: a letter or digit always, and these.
_LEFT = {
    _NUM_DAY_RE: "/.-", _WORD_DAY_RE: "", _DAY_PAIR_RE: "", _DAY_LIST_RE: "", _MONTH_RE: "", _QUARTER_RE: "",
    _DAY_SPAN_RE: "/.-", _DAY_MONTH_SPAN_RE: "/.-", _MONTH_SPAN_RE: "", _QUARTER_PAIR_RE: "", _MONTH_PAIR_RE: "", _SPAN_RE: "/.,", _BARE_HALF_RE: "/.,", _YEAR_RANGE_RE: "/.,-", _YEAR_TO_NOW_RE: "/.,-",
    _YEAR_WORD_RE: "", _YEAR_BARE_RE: "/.,:-–", _REL_DAY_RE: "", _REL_WORD_DAY_RE: "",
    _REL_MONTH_RE: "", _THIS_YEAR_RE: "", _YEAR_TO_DATE_RE: "", _EN_DATETIME_RE: "",
}

# --- places where nothing is a date ---------------------------------------------

# Where nothing is a date. Searched with a literal first ("://", "](", ".jpg"), which
# the regex engine finds fast, then widened to the whole token.
_URL_MARK_RE = re.compile(r"://|www\.|\]\(")
_FILE_EXT_RE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|pdf|docx?|xlsx?|pptx?|zip|rar|html?|php|aspx?)(?![^\W\d_])", _I)
_ISO_RE = re.compile(r"ISO[\s:]*[\d:\-]*")
# Near years only: document numbers, phone numbers, standard versions ("9001:2008").
_NEAR_MASK_RE = re.compile(
    SYMBOL_NUMBER + r"(?![^\W\d_])"  # a whole symbol: "2024 - Báo" is a year and a word
    + r"|\d{3,5}\s?:\s?" + Y + r"(?!\d)"  # a standard's version: "9001:2008", "17025: 2005"
    + r"|\(0\d{1,3}\)\s?[\d .]{6,}"
    + r"|0\d{2,3}[ .]\d{3}[ .]?\d{3,4}(?!\d)"
    + r"|0\d{8,10}(?!\d)"
)
# three lower-case letters in a row: a word, not a code ("TTg", "SNgV" are codes)
_WORDLIKE_RE = re.compile(r"[a-zà-ỹđ]{3}")
_TOKEN_STOP = frozenset(" \n\t\"'<>")


def _mask(doc: Doc, windows: list[tuple[int, int]]) -> bytearray:
    """One byte per character: 1 where no date can be (URLs, files, numbers ...)."""
    flat = doc.flat
    n = len(flat)
    mask = bytearray(n)

    def token(a: int, b: int, left_stop: str | None = "", right_stop: str = "") -> None:
        while left_stop is not None and a > 0 and flat[a - 1] not in _TOKEN_STOP and flat[a - 1] not in left_stop:
            a -= 1
        while b < n and flat[b] not in _TOKEN_STOP and flat[b] not in right_stop:
            b += 1
        mask[a:b] = b"\x01" * (b - a)

    for m in _URL_MARK_RE.finditer(flat):
        if m.group() == "](":
            token(m.start() + 1, m.end(), left_stop=None, right_stop=")")  # the link target only
        else:
            token(m.start(), m.end(), left_stop="([", right_stop=")]")
    for m in _FILE_EXT_RE.finditer(flat):
        token(m.start(), m.end(), left_stop="([", right_stop=")]")
    for m in _ISO_RE.finditer(flat):
        mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for a, b in windows:
        for m in _NEAR_MASK_RE.finditer(flat, a, b):
            if m["sym"] and " " in m.group() and _WORDLIKE_RE.search(m["sym"]):
                continue  # "Xuân 2025 - Trang chủ": a year, a dash and a word, no symbol
            mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return mask


# Every absolute expression holds a year; relative ones a day or month number.
_YEAR_TOKEN_RE = re.compile(r"(?:19|20)\d\d")
_SMALL_NUMBER_RE = re.compile(r"\d{1,2}(?!\d)")
_BEFORE, _AFTER = 64, 28  # how far an expression reaches before and after its year


def _windows(flat: str, relative: bool) -> list[tuple[int, int]]:
    """Stretches of text around years (and, for relative dates, small numbers)."""
    marks = [(m.start() - _BEFORE, m.end() + _AFTER) for m in _YEAR_TOKEN_RE.finditer(flat)]
    if relative:
        marks += [(m.start() - 30, m.end() + 24) for m in _SMALL_NUMBER_RE.finditer(flat)]
        marks.sort()
    spans: list[list[int]] = []
    for a, b in marks:
        a, b = max(0, a), min(len(flat), b)
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    return [(a, b) for a, b in spans]


def _finditer(pattern: re.Pattern, flat: str, windows: list[tuple[int, int]]):
    bad = _LEFT.get(pattern, "")
    for a, b in windows:
        for m in pattern.finditer(flat, a, b):
            i = m.start()
            if i and (flat[i - 1].isalnum() or flat[i - 1] == "_" or flat[i - 1] in bad):
                continue
            yield m


def _atomic(doc: Doc, year: int | None, issued: str | None) -> list[_Hit]:
    flat = doc.flat
    hits: list[_Hit] = []
    add = hits.append
    win = _windows(flat, relative=bool(year))

    for m in _finditer(_EN_DATETIME_RE, flat, win):
        day = cal.iso_day(int(m["y"]), int(cal.words("month_en")[m["mon"][:3].title()]), int(m["d"]))
        t = _time(m["h"], m["mi"])
        if day:
            add(_Hit(m.start(), m.end(), f"{day}T{t}" if t else day, "datetime" if t else "day"))
    for m in _finditer(_NUM_DAY_RE, flat, win):
        day = cal.day_from_match(m)
        if not day:
            continue
        t = _time(m["h1"], m["mi1"] or m["mi1w"]) or _time(m["h2"], m["mi2"] or m["mi2w"])
        add(_Hit(m.start(), m.end(), f"{day}T{t}" if t else day, "datetime" if t else "day"))
    for m in _finditer(_WORD_DAY_RE, flat, win):
        day = cal.day_from_match(m)
        if not day:
            continue
        t = _time(m["h1"], m["mi1"])
        add(_Hit(m.start(), m.end(), f"{day}T{t}" if t else day, "datetime" if t else "day"))
    for m in _finditer(_DAY_PAIR_RE, flat, win):
        y, mo = int(m["y"]), int(m["m"])
        d1, d2 = cal.iso_day(y, mo, int(m["d1"])), cal.iso_day(y, mo, int(m["d2"]))
        if d1 and d2:
            add(_Hit(m.start(), m.start("d1") + len(m["d1"]), d1, "day"))
            add(_Hit(m.start("d2"), m.end(), d2, "day"))
    for m in _finditer(_DAY_LIST_RE, flat, win):
        y, mo = int(m["y"]), int(m["m"])
        base = m.start("list")
        firsts = [(int(x.group()), base + x.start(), base + x.end()) for x in re.finditer(r"\d+", m["list"])]
        days = [d for d, _, _ in firsts] + [int(m["d"])]
        isos = [cal.iso_day(y, mo, d) for d in days]
        if not all(isos):
            continue
        if len(days) >= 3 and all(b == a + 1 for a, b in zip(days, days[1:])):
            # three or more days in a row are a period: one range
            add(_Hit(m.start(), m.end(), f"{isos[0]}/{isos[-1]}", "range"))
            continue
        for (_, a, b), iso in zip(firsts, isos):
            add(_Hit(a, b, iso, "day"))
        add(_Hit(m.start("d"), m.end(), isos[-1], "day"))
    for m in _finditer(_DAY_SPAN_RE, flat, win):
        y, mo = int(m["y"]), int(m["m"] or m["wm"])
        d1, d2 = cal.iso_day(y, mo, int(m["d1"])), cal.iso_day(y, mo, int(m["d2"]))
        if d1 and d2 and d1 < d2 and re.search(r"(?i:ngày|từ)\s*$", flat[max(0, m.start() - 12):m.start()]):
            add(_Hit(m.start(), m.end(), f"{d1}/{d2}", "range"))
    for m in _finditer(_DAY_MONTH_SPAN_RE, flat, win):
        y = int(m["y"])
        d1, d2 = cal.iso_day(y, int(m["m1"]), int(m["d1"])), cal.iso_day(y, int(m["m2"]), int(m["d2"]))
        if d1 and d2 and d1 < d2 and m["s1"] == m["s2"] and re.search(
                r"(?i:ngày|từ)\s*$", flat[max(0, m.start() - 12):m.start()]):
            add(_Hit(m.start(), m.end(), f"{d1}/{d2}", "range"))
    for m in _finditer(_MONTH_SPAN_RE, flat, win):
        y, m1, m2 = int(m["y"]), int(m["m1"]), int(m["m2"])
        if 1 <= m1 < m2 <= 12:
            add(_Hit(m.start(), m.end(), f"{y}-{m1:02d}/{y}-{m2:02d}", "range"))
    for m in _finditer(_QUARTER_PAIR_RE, flat, [(0, len(flat))]):
        y = int(m["y"])
        q1, q2 = (int(cal.words("quarter")[m[g].upper()]) for g in ("q1", "q2"))
        add(_Hit(m.start(), m.start("q1") + len(m["q1"]), cal.months_span(y, 3 * q1 - 2, 3 * q1), "quarter"))
        add(_Hit(m.start("q2"), m.end(), cal.months_span(y, 3 * q2 - 2, 3 * q2), "quarter"))
    for m in _finditer(_MONTH_PAIR_RE, flat, win):
        y, m1, m2 = int(m["y"]), int(m["m1"]), int(m["m2"])
        if 1 <= m1 <= 12 and 1 <= m2 <= 12:
            add(_Hit(m.start(), m.start("m1") + len(m["m1"]), f"{y}-{m1:02d}", "month"))
            add(_Hit(m.start("m2"), m.end(), f"{y}-{m2:02d}", "month"))
    for m in _finditer(_MONTH_RE, flat, win):
        v = cal.iso_month(int(m["y"]), int(m["m"]))
        if v:
            add(_Hit(m.start(), m.end(), v, "month"))
    for m in _finditer(_QUARTER_RE, flat, [(0, len(flat))]):  # "quý III": no digit to look around
        q = int(cal.words("quarter")[m["q"].upper()])
        y = int(m["y"]) if m["y"] else year
        if y:
            add(_Hit(m.start(), m.end(), cal.months_span(y, 3 * q - 2, 3 * q), "quarter", relative=not m["y"]))
    for m in _finditer(_SPAN_RE, flat, win):
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
    for m in _finditer(_BARE_HALF_RE, flat, win):
        add(_Hit(m.start(), m.end(), "", "half", relative=True, part="first", bare_half=True))
    for m in _finditer(_YEAR_RANGE_RE, flat, win):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if y1 < y2 <= y1 + 100:
            add(_Hit(m.start(), m.end(), f"{y1}/{y2}", "range"))
    for m in _finditer(_YEAR_TO_NOW_RE, flat, win):
        # without the document's year the span still masks its year, and is left out
        add(_Hit(m.start(), m.end(), f"{m['y1']}/{year}" if year else "", "range", relative=True))
    for m in _finditer(_YEAR_WORD_RE, flat, win):
        add(_Hit(m.start(), m.end(), m["y"], "year"))
    units = unit_follows_re()
    for m in _finditer(_YEAR_BARE_RE, flat, win):
        if units.match(flat, m.end()) or _NOT_A_YEAR_BEFORE_RE.search(flat, max(0, m.start() - 8), m.start()):
            continue
        add(_Hit(m.start(), m.end(), m["y"], "year"))
    if year:
        for m in _finditer(_REL_DAY_RE, flat, win):
            day = cal.iso_day(year, int(m["m"]), int(m["d"]))
            if day and not units.match(flat, m.end()):
                add(_Hit(m.start("d"), m.end(), day, "day", relative=True))
        for m in _finditer(_REL_WORD_DAY_RE, flat, win):
            day = cal.iso_day(year, int(m["m"]), int(m["d"]))
            if day:
                add(_Hit(m.start(), m.end(), day, "day", relative=True))
        for m in _finditer(_REL_MONTH_RE, flat, win):
            v = cal.iso_month(year, int(m["m"]))
            if v and not units.match(flat, m.end()):
                add(_Hit(m.start(), m.end(), v, "month", relative=True))
        for m in _finditer(_THIS_YEAR_RE, flat, [(0, len(flat))]):
            add(_Hit(m.start(), m.end(), str(year), "year", relative=True))
        if issued:
            for m in _finditer(_YEAR_TO_DATE_RE, flat, [(0, len(flat))]):
                add(_Hit(m.start(), m.end(), f"{year}-01-01/{issued}", "range", relative=True))
    return hits


def _longest_first(hits: list[_Hit], mask: bytearray) -> list[_Hit]:
    chosen: list[_Hit] = []
    taken = bytearray(len(mask))
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if mask.find(1, h.start, h.end) >= 0 or taken.find(1, h.start, h.end) >= 0:
            continue
        chosen.append(h)
        taken[h.start:h.end] = b"\x01" * (h.end - h.start)
    return sorted(chosen, key=lambda h: h.start)


# --- joining passes --------------------------------------------------------------

_RANGE_GAP_RE = re.compile(r"\s*(?:đến|tới|-|–|—)\s*(?:hết\s+)?(?:ngày\s+)?$", _I)
_SAME_SENTENCE_RE = re.compile(r"[.;!?\n]")


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
    hits = _longest_first(_atomic(doc, year, issued), _mask(doc, _windows(doc.flat, relative=False)))
    hits = _join_coordinated(doc, _join_ranges(doc, hits))
    return [
        DateItem(value=h.value, granularity=h.granularity, relative=h.relative,
                 evidence=doc.evidence(h.start, h.end))
        for h in hits if h.value
    ]
