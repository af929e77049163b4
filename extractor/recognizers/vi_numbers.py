"""Counts as Vietnamese texts write them: "06", "1.234" (a dot groups thousands,
a comma marks decimals), or in words: "hai", "mười", "mười hai", "hai mươi mốt",
"một trăm linh năm", "ba nghìn".

`COUNT` is a pattern (no capturing groups) for one whole count, to embed in a
larger pattern; `parse_count(s)` gives the int of what it matched. Decimals
("7,5") and numbers glued to other digits are not counts. The number words are
data (`extractor/data/vi_number_words.tsv`).
"""
from __future__ import annotations

import re

from extractor.data import table

_WORDS = {row["word"]: (int(row["value"]), row["role"]) for row in table("vi_number_words")}


def _alt(role: str, *, skip: tuple[str, ...] = ()) -> str:
    words = sorted((w for w, (_, r) in _WORDS.items() if r == role and w not in skip), key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, words)) + ")"


# "không" is a digit only inside a longer number; alone it is the negation "không".
_D = _alt("digit", skip=("không",))
# After mười/mươi a five is "lăm" ("mười lăm" = 15): "mười năm", "hai mươi năm" are years of time.
_U = f"(?:{_alt('digit', skip=('không', 'năm'))}|{_alt('unit')})"
_TEN, _TENS, _HUNDRED, _THOUSAND, _ZERO = (_alt(r) for r in ("ten", "tens", "hundred", "thousand", "zero"))
_B100 = rf"(?:{_TEN}(?:\s+{_U})?|{_D}\s+{_TENS}(?:\s+{_U})?|{_D})"
_B1000 = rf"(?:{_D}\s+{_HUNDRED}(?:\s+{_ZERO}\s+{_D}|\s+{_B100})?|{_B100})"
# For lower-case text, without a look-behind: the caller checks that no letter stands
# before it (a pattern that starts with a look-behind cannot be searched for quickly).
WORD_COUNT_LOWER = rf"{_B1000}(?:\s+{_THOUSAND}(?:\s+{_B1000})?)?(?![^\W\d_])"
# Where a count in words may begin: its first word, then a space.
WORD_COUNT_START = "(?:" + "|".join(
    sorted((w for w, (_, r) in _WORDS.items() if r in ("digit", "ten") and w != "không"), key=len, reverse=True)
) + r")\s"
WORD_COUNT = rf"(?i:(?<![^\W\d_]){WORD_COUNT_LOWER})"

# Digits: "1.234" / "127.258" (dot-grouped thousands) or a plain run "06", "290";
# never part of a decimal ("7,5") or of a number after a slash ("6" in "16/6");
# `DIGITS` is the same without the look-behind, for the "109" of "106/109".
DIGITS = r"\d(?:\d{0,2}(?:\.\d{3})+|\d*)(?![\w]|[.,]\d)"  # first a digit: quick to search for
DIGIT_COUNT = r"(?<![\w.,/])" + DIGITS

COUNT = f"(?:{DIGIT_COUNT}|{WORD_COUNT})"

_COUNT_RE = re.compile(COUNT)
_DIGITS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_TOKEN_RE = re.compile(r"\S+")


def parse_count(s: str) -> int | None:
    """The int that `s` writes ("06" -> 6, "1.234" -> 1234, "hai mươi mốt" -> 21), or None."""
    s = s.strip()
    if not s:
        return None
    if s[0].isdigit():
        return int(s.replace(".", "")) if _DIGITS_RE.fullmatch(s) else None
    if not _COUNT_RE.fullmatch(s):
        return None
    total = group = 0
    digit: int | None = None
    for tok in _TOKEN_RE.findall(s.lower()):
        value, role = _WORDS[tok]
        if role in ("digit", "unit"):
            digit = value
        elif role == "ten":
            group += 10
        elif role == "tens":
            group += (digit or 0) * 10
            digit = None
        elif role == "hundred":
            group += (digit or 0) * 100
            digit = None
        elif role == "thousand":
            total += (group + (digit or 0)) * 1000
            group, digit = 0, None
    return total + group + (digit or 0)
