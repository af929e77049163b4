"""The shapes of a mention: type words, the number after them, a list of numbers under one
type word, the date or year after a number, and the reference being built (`_Ref`)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.recognizers import calendar as cal
from extractor.recognizers import symbols as sy

_WORD = r"[^\W\d_]"
# Type words in the cases text writes them; what stands before is checked in `_left_clear`.
_TYPE_RE = re.compile(r"(?P<type>" + sy.type_words_pattern(cased=True) + r")(?!" + _WORD + r")")
_BARE_SYMBOL_RE = re.compile(sy.SYMBOL_NUMBER)


def _left_clear(flat: str, i: int, bad: str = "") -> bool:
    return i == 0 or not (flat[i - 1].isalnum() or flat[i - 1] == "_" or flat[i - 1] in bad)
_NUMBER_AFTER_RE = re.compile(
    # "Văn bản hợp nhất số ...": a consolidated text (spaces matched possessively: a long run
    # of them must not be tried again at every length)
    r"(?:\s++(?i:hợp\s+nhất))?(?P<so>\s++(?i:s[ốô])(?:\s+(?i:hiệu))?)?\s*+:?\s*+(?:" + sy.SYMBOL_NUMBER
    # a symbol spelled with spaces, as page titles write it: "Nghị định 211 2025 NĐ CP"
    + r"|(?P<sp_num>\d{1,5})\s(?P<sp_year>" + cal.YEAR + r")\s(?P<sp_code>[A-ZĐ]{1,4})\s(?P<sp_iss>[A-ZĐ][A-Za-zĐ0-9]{1,9})(?![\w/])"
    # the short form news writes: "Nghị định 168/2024"
    + r"|(?P<short>\d{1,5}[a-zđ]?/" + cal.YEAR + r")(?![\w/]|[.,]\d|\s?[-–]\s?[A-ZĐ\d])"
    + r"|(?P<bare>\d{1,5}[a-zđ]?)(?![\w/]|[.,]\d|\s?[-–]\s?\d))"
)
_LIST_NEXT_RE = re.compile(
    r"\s*(?:,|;|\bvà\b|\bhoặc\b)\s*(?:(?i:số)\s+)?" + sy.SYMBOL_NUMBER.replace("?P<", "?P<n_")
)
_OF_RE = re.compile(r"\s*,?\s*(?i:của|do)\s+")
# "năm 2025" after a number names the year it was issued (not "2021 - 2025", a period)
_YEAR_AFTER_RE = re.compile(r"\s*,?\s*(?i:năm)\s+" + cal.YEAR + r"(?![\w/]|[.,]\d|\s?[-–]\s?\d)")
# a date left blank in a template or a crawl ("ngày 19 tháng năm 2025", "ngày ... tháng ... năm"):
# it belongs to the number but gives no day
_BLANK_DATE_RE = re.compile(
    r"\s*,?\s*(?i:ngày)\s*(?:\d{1,2}|[.…_]+)?\s*(?i:tháng)\s*(?:\d{1,2}|[.…_]+)?\s*(?i:năm)\s*(?:"
    + cal.YEAR + r"|20[.…_]*|[.…_]+)(?!\d)")
_PAREN_OPEN_RE = re.compile(r"\s*\(")
_PAREN_CLOSE_RE = re.compile(r"\s*\)")
# within one enumeration; a ";" ends an item of a list of grounds, each with its own issuer
_ENUM_SEP_RE = re.compile(r"\s*(?:,|\bvà\b|\bhoặc\b)\s*$")
_PUNCT = set(",;:.()[]\"“”‘’?!|^")


@dataclass
class _Ref:
    start: int
    end: int            # end of the evidence (number, date and the issuer words)
    num_end: int        # end of the number (and its date): where a list continues
    type: str
    number: str | None
    title: str | None = None
    issuer: str | None = None
    words_issuer: str | None = None
    issued_on: str | None = None
    relation: str | None = None


def _tokens(flat: str, pos: int, limit: int = 400):
    """Words and punctuation from `pos`: (start, end, text)."""
    # capitals joined by dots are one word ("T.Ư", an abbreviation of "Trung ương")
    for m in re.finditer(r"(?:[A-ZĐƯ]\.)+[A-ZĐƯ](?![\w.])|[^\s,;:.()\[\]\"“”‘’?!|^]+|[,;:.()\[\]\"“”‘’?!|^]",
                         flat[pos:pos + limit]):
        yield pos + m.start(), pos + m.end(), m.group()
