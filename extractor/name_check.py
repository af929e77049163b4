"""A learned second look at runs of name words the rules of `extractor.names` left unread.

The rules read a run of capitalized words as a person where it opens with a family name of
the register or follows an honorific. Names that do neither are common in the pages users
bring: pen names and revolutionary names ("a two-syllable name without a family name"),
foreign names in lists and tables, singers and authors credited by their stage names, names
in a table's cell beside years. What tells them from places, works and organizations is
their context: what stands before and after the run (a comma, a bracket of years, a bar of a
table cell, a word of a trade), its shape (syllables, Latin letters, capitals) and how the
document repeats it. A logistic model over those features (`extractor/logistic.py`,
trained by `scripts/train_name_check.py` on the annotated people of the development
corpora) decides.

The only words the model knows are the ones next to a run (the trade before a name, the
word after it), learned as features of the language; no name of any document is one.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor import logistic, names
from extractor.spans import Span, Spans

MODEL = "name_check"
# a frequent context word is a feature of its own; others fall into their kind
CONTEXT_KINDS = (("line", None), ("bar", "|"), ("open", "("), ("close", ")"), ("comma", ","), ("colon", ":"),
                 ("semicolon", ";"), ("dash", "-"), ("dash", "–"), ("dot", "."), ("quote", '"'), ("quote", "“"),
                 ("quote", "”"), ("star", "*"))
_YEARS = re.compile(r"\s*\(\s*(?:\d{3,4}|\?{2,4}|sinh|s\.)")
_DATED = re.compile(r"\s*\(\s*ngày\s+\d", re.IGNORECASE)
_LISTING = frozenset({",", ";", "và"})


def _kind(word: str) -> str:
    for kind, mark in CONTEXT_KINDS:
        if mark is not None and word == mark:
            return kind
    if word[:1].isdigit():
        return "digit"
    if word[:1].isupper():
        return "capital"
    if word[:1].isalpha():
        return "lower"
    return "other"


@dataclass
class Known:
    """What the document itself says about names: how often each run of name words occurs,
    and the given and middle names of the names the rules read ("Thu Hà" is a likely name
    where "Nguyễn Thị Thu Hà" is one)."""
    runs: dict[str, int]
    given: frozenset[str]
    names: int
    starts: frozenset[int] = frozenset()   # first and last tokens of the names the rules read
    ends: frozenset[int] = frozenset()

    @classmethod
    def of(cls, sp: Spans, runs: list[tuple[int, int, dict]], found: list[Span]) -> Known:
        seen: dict[str, int] = {}
        for i, j, _ in runs:
            if not names.MIN_NAME <= j - i <= names.MAX_NAME:
                continue   # only runs of a name's length are looked at, and compared
            t = " ".join(names.run_words(sp, i, j, periods=False)).casefold()
            seen[t] = seen.get(t, 0) + 1
        given = frozenset(w.casefold() for s in found for w in s.value.split()[1:])
        return cls(seen, given, len(found), frozenset(s.i for s in found), frozenset(s.j for s in found))


def features(sp: Spans, i: int, j: int, known: Known, rules: dict) -> dict[str, float]:
    """Features of the run of tokens [i, j) (`rules`: what the rules saw at its start)."""
    words = names.run_words(sp, i, j, periods=False)
    n = len(words)
    facts = [_facts(w) for w in words]
    f: dict[str, float] = {f"length={min(n, 5)}": 1.0}
    f["initial"] = float(n < j - i)   # "John K. Miller"
    f["first_is_family_name"] = float(facts[0][0])
    f["family_names"] = sum(x[0] for x in facts) / n
    vietnamese = sum(x[1] for x in facts)
    # names.foreign, from the cached word facts
    f["foreign"] = float(2 <= n <= 4 and not any(x[3] for x in facts) and vietnamese < n)
    f["latin_only"] = float(all(x[2] for x in facts))
    f["capitals"] = float(all(x[3] for x in facts))
    f["hyphen"] = float(any(x[4] for x in facts))
    f["short_words"] = sum(x[5] for x in facts) / n
    f["province"] = float(names.place_run(sp, i, j))   # "Hà Nội", "Nha Trang" in a clause that takes a person
    f["place_words"] = sum(any(sp.covering(label, k) is not None for label in ("place", "province", "town"))
                           for k in range(i, j)) / n
    for k, v in rules.items():
        if k != "after_place":   # never set on a run the model reads
            f["rules_" + k] = float(v)
    text = " ".join(words).casefold()
    f["repeated"] = float(known.runs.get(text, 1) > 1)
    f["given_names_seen"] = sum(w.casefold() in known.given for w in words) / n
    f["names_in_document"] = math.log1p(known.names)
    f["vietnamese_syllables"] = vietnamese / n
    f["years_after"] = float(bool(_YEARS.match(sp.text, sp.end[j - 1], sp.end[j - 1] + 12)))
    # a reference's author, dated after it: "Minh Khôi (ngày 3 tháng 5 năm 2021)"
    f["date_after"] = float(bool(_DATED.match(sp.text, sp.end[j - 1], sp.end[j - 1] + 12)))
    # listed next to a name the rules read: "Hoàng Văn A, Thu Lan, Nguyễn Văn B"
    f["listed_with_names"] = float((i >= 2 and sp.word(i - 1) in _LISTING and i - 1 in known.ends)
                                   or (j + 1 < len(sp) and sp.word(j) in _LISTING and j + 1 in known.starts))
    before = sp.text[sp.line_start(sp.start[i]):sp.start[i]]
    after_end = sp.line_end(sp.end[j - 1])
    after = sp.text[sp.end[j - 1]:after_end]
    f["alone_in_line"] = float(not before.strip(" \t*#-–•|") and not after.strip(" \t*.|"))
    f["alone_in_cell"] = float(before.rstrip(" \t*").endswith("|") and after.lstrip(" \t*").startswith("|"))
    if i == 0 or "\n" in sp.text[sp.end[i - 1]:sp.start[i]]:
        f["before=line"] = 1.0
    else:
        _context(f, "before", sp.word(i - 1), sp.word(i - 2) if i >= 2 else "")
    if j >= len(sp) or "\n" in sp.text[sp.end[j - 1]:sp.start[j]]:
        f["after=line"] = 1.0
    else:
        _context(f, "after", sp.word(j), sp.word(j + 1) if j + 1 < len(sp) else "")
    return f


@lru_cache(maxsize=1 << 16)
def _facts(w: str) -> tuple[bool, bool, bool, bool, bool, bool]:
    """Of one word: family name, Vietnamese syllable, Latin letters only, capitals, hyphen,
    at most two letters (cached: a text repeats its names)."""
    return (names.is_surname(w), bool(names.VI_SYLLABLE.fullmatch(w)), w.isascii(), w.isupper(), "-" in w,
            len(w) <= 2)


def _context(f: dict[str, float], side: str, word: str, further: str) -> None:
    kind = _kind(word)
    f[f"{side}={kind}"] = 1.0
    if kind in ("lower", "capital"):
        f[f"{side}_word={word.casefold()}"] = 1.0   # kept by the model only where it learned it
        if side == "before" and further[:1].isalpha() and further[:1].islower():
            f[f"before_words={further.casefold()} {word.casefold()}"] = 1.0   # "ca sĩ", "nhà thơ"


def open_to_look(sp: Spans, runs: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    """The runs the model may read: of a name's length, not right after a place word nor
    opening with one -- there the name is the place's, whoever it honours ("phố Trần Hưng Đạo",
    "Xã Hoàng Su Phì") --, not all in capitals (a heading: "DANH MỤC"; the rules read a name in
    capitals only in a signature block), and without a word that names a company, a venue or a
    work ("Sunrise Bank", "Film Awards")."""
    return [(i, j, r) for i, j, r in runs if names.MIN_NAME <= j - i <= names.MAX_NAME and not r["after_place"]
            and not sp.at("place_word", i) and not all(w.isupper() for w in names.run_words(sp, i, j, periods=False))
            and not names.names_a_thing(sp, i, j)]


def accepted(sp: Spans, runs: list[tuple[int, int, dict]], found: list[Span]) -> list[tuple[int, int]]:
    """The runs the model reads as person names (`found`: the names the rules read)."""
    m = logistic.load(MODEL)
    if m is None or not runs:
        return []
    known = Known.of(sp, runs, found)
    return [(i, j) for i, j, r in open_to_look(sp, runs) if logistic.accepts(m, features(sp, i, j, known, r))]
