"""Lexicons of people's titles and bodies, compiled once into patterns over `doc.flat`.

Every lexicon is a data file in `extractor/data/` (positions, party ranks, unit heads,
honorifics, committee roles, committee heads, family names, place names, clause stops,
abbreviated titles). Phrases match with any case (upper-case signature blocks say
"THỨ TRƯỞNG") and across line breaks; callers check capitalization where it matters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor.data import table, words
from extractor.normalize import normalize

# Vietnamese letters by case, for "a capitalized word" tests in patterns.
_LATIN = [chr(c) for c in [*range(0x41, 0x250), *range(0x1E00, 0x1F00)] if chr(c).isalpha()]
UPPER = "".join(c for c in _LATIN if c.isupper())
LOWER = "".join(c for c in _LATIN if c.islower())
CAP_WORD = rf"[{UPPER}][{LOWER}]*"          # "Nguyễn", "Ánh"
WORD_END = r"(?![^\W_])"
WORD_START = r"(?<![^\W_])"
# a lexicon phrase ends at a word's end, or where crawled text glued the next word on with
# its capital ("Trưởng PhòngKinh tế"): case-sensitive inside case-insensitive patterns
PHRASE_END = rf"(?:{WORD_END}|(?-i:(?<=[{LOWER}])(?=[{UPPER}])))"


def phrase_pattern(phrases: list[str]) -> str:
    """Phrases as one trie-shaped pattern (case-folded; words joined by any whitespace).
    A trie lets the engine follow one branch per letter instead of trying every phrase;
    greedy optional tails make the longest phrase win."""
    trie: dict = {}
    for p in phrases:
        p = " ".join(normalize(p).split()).lower()
        if not p:
            continue
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    alts = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_pattern(sub)
            for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        return "(?:" + body + ")?" if len(alts) == 1 else body + "?"
    return body


def _compile(phrases: list[str], capital: bool = False) -> re.Pattern[str]:
    """Case-insensitive phrases (upper-case blocks match too). A look-ahead on the possible
    first letters lets the engine skip most positions cheaply: without it a case-insensitive
    alternation is tried letter by letter over the whole text. `capital`: only phrases
    written with a capital first letter (titles, units) are wanted."""
    firsts = {normalize(p).strip()[:1] for p in phrases if p.strip()}
    letters = {c.upper() for c in firsts} | (set() if capital else {c.lower() for c in firsts})
    head = "(?=[" + "".join(sorted(map(re.escape, letters))) + "])"
    return re.compile(head + WORD_START + "(?:" + phrase_pattern(phrases) + ")" + PHRASE_END, re.IGNORECASE)


def fold(s: str) -> str:
    """Case-folded with whitespace collapsed: the key of a phrase of the normalized text."""
    return " ".join(s.split()).casefold()


def _lex_fold(s: str) -> str:
    """`fold` for a lexicon entry, which is normalized first (one tone placement)."""
    return fold(normalize(s))


@dataclass(frozen=True)
class Lexicons:
    position: re.Pattern[str]
    position_any: re.Pattern[str]             # also written in lower case ("chuyên viên"), for .match only
    rank: re.Pattern[str]
    unit_head: re.Pattern[str]
    honorific: re.Pattern[str]
    role: re.Pattern[str]
    committee_head: re.Pattern[str]
    committee_not: re.Pattern[str]
    stop: re.Pattern[str]
    title_like: re.Pattern[str]               # any title, role, rank or committee head: ends a name
    roles: dict[str, tuple[str, str]]          # folded phrase -> (role, family)
    committees: dict[str, tuple[str, str, bool]]  # folded head -> (head as written, family, subgroup)
    positions: dict[str, str]                  # folded -> as the lexicon writes it
    overlap_positions: dict[str, str]          # folded position -> its trailing unit-head word(s)
    unit_heads: frozenset[str]                 # folded
    surnames: frozenset[str]                   # folded
    not_names: frozenset[str]                  # folded
    name_stops: frozenset[str]                 # folded words never inside a name
    not_name_start: re.Pattern[str]            # a place or body name starting at a position
    position_abbr: dict[str, str]              # abbreviation as written -> position


@cache
def lexicons() -> Lexicons:
    positions = list(words("positions"))
    heads = list(words("unit_heads"))
    folded_heads = {_lex_fold(h) for h in heads}
    overlap = {}
    for p in positions:
        # the tail of a title from the last word that begins a unit name: "Văn phòng" in
        # "Chánh Văn phòng", "Ban Bí thư" in "Thường trực Ban Bí thư"
        ws, written = _lex_fold(p).split(), p.split()
        for k in range(1, len(ws)):
            if written[k][0].isupper() and any(" ".join(ws[k:k + len(h.split())]) == h for h in folded_heads):
                overlap[_lex_fold(p)] = " ".join(p.split()[k:])
                break
    role_rows = table("roles")
    committee_rows = table("committee_heads")
    return Lexicons(
        position=_compile(positions, capital=True),
        position_any=_compile(positions),
        rank=_compile(list(words("party_ranks"))),
        unit_head=_compile(heads, capital=True),
        honorific=_compile(list(words("honorifics"))),
        role=_compile([r["phrase"] for r in role_rows], capital=True),
        committee_head=_compile([r["head"] for r in committee_rows], capital=True),
        committee_not=_compile(list(words("committee_not")), capital=True),
        stop=_compile(list(words("clause_stops"))),
        title_like=_compile(positions + list(words("party_ranks")) + [r["phrase"] for r in role_rows]
                            + [r["head"] for r in committee_rows], capital=True),
        roles={_lex_fold(r["phrase"]): (r["role"], r["family"]) for r in role_rows},
        committees={_lex_fold(r["head"]): (normalize(r["head"]), r["family"], r["subgroup"] == "yes")
                    for r in committee_rows},
        positions={_lex_fold(p): normalize(p) for p in positions},
        overlap_positions=overlap,
        unit_heads=frozenset(folded_heads),
        surnames=frozenset(_lex_fold(s) for s in words("surnames")),
        not_names=frozenset(_lex_fold(s) for s in words("not_names")),
        name_stops=frozenset(_lex_fold(s) for s in words("name_stops")),
        not_name_start=_compile(list(words("not_names")), capital=True),
        position_abbr={r["abbr"]: r["position"] for r in table("position_abbr")},
    )


def capitalized(s: str) -> bool:
    return bool(s) and s[0].isupper()


def title_case(s: str) -> str:
    """"HỒ QUỐC DŨNG" -> "Hồ Quốc Dũng" (names in upper-case signature blocks)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


def sentence_case(s: str) -> str:
    """"PHÓ CHỦ NHIỆM" -> "Phó Chủ nhiệm": an upper-case title in the lexicon's spelling."""
    return lexicons().positions.get(fold(s)) or s[:1].upper() + s[1:].lower()
