"""Search keys that match the way Vietnamese users type.

Stored beside each searchable value and computed the same way from the query,
so that matching is a plain `LIKE` and behaves identically on SQLite and
PostgreSQL (no collation or extension needed):

- `fold(s)`: lower case, no tone or vowel marks, "đ" -> "d", every run of
  non-letters/digits one space, padded with one space on each side
  (" nguyen huy dung "). The padding lets a query match whole words:
  `like_phrase(q)` gives "% nguyen huy dung%" (word start, last word a prefix);
  `like_each_word(q)` one pattern per word, for names that the query gives in part.
- `key(s)`: `fold` plus alias expansion from `extractor/data/aliases.tsv`
  (column `alias` -> column `full`), so "Bộ TT&TT" and "Bộ Thông tin và Truyền
  thông" have one key. Used for units, committees, issuers, holders, titles;
  person names use `fold` alone.
- `number_key(s)`: a legal number however it is spaced, dashed or accented:
  upper case, no marks, no spaces or dashes, no leading zeros in digit runs
  ("49 / 2017 / NĐ – CP" and "49/2017/ND-CP" -> "49/2017/NDCP"). A phrase with
  words before the number ("Nghị định số 49/2017/NĐ-CP") keys to its number.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

# --- folding -----------------------------------------------------------------


# Bytes that are not a-z or 0-9 become spaces, A-Z lower case (applied to the ASCII left
# after the marks are dropped, so no separate lower-casing pass over the text).
_ASCII_WORD = bytes.maketrans(bytes(range(256)), bytes(
    c + 32 if 65 <= c <= 90 else c if (97 <= c <= 122 or 48 <= c <= 57) else 32 for c in range(256)))
# Non-ASCII punctuation that separates words; any other non-ASCII sign is dropped.
_SPACERS = re.compile("[–—‒―−“”„‘’‚…•·«»′″°×→©®™€£¥§¶]")
_SPACE_RUNS = re.compile(rb"  +")


def fold(s: str | None) -> str:
    """" nguyen huy dung " for "Nguyễn Huy Dũng"; "" for nothing.

    Written for speed (the store folds whole documents): decompose, drop what is not
    ASCII (the tone and vowel marks), map bytes; all of it in C."""
    if not s:
        return ""
    s = _SPACERS.sub(" ", s.replace("đ", "d").replace("Đ", "d"))  # đ: a letter of its own, NFD keeps it
    folded = _SPACE_RUNS.sub(b" ", unicodedata.normalize("NFD", s).encode("ascii", "ignore").translate(_ASCII_WORD))
    words = folded.strip().decode("ascii")
    return f" {words} " if words else ""


# --- aliases -----------------------------------------------------------------


@cache
def _aliases() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Folded alias -> folded full form, and one pattern finding any alias as whole words."""
    from extractor.data import table

    try:
        rows = table("aliases")
    except FileNotFoundError:
        return None, {}
    mapping: dict[str, str] = {}
    for row in rows:
        alias, full = fold(row.get("alias")).strip(), fold(row.get("full")).strip()
        if alias and full and alias != full:
            mapping.setdefault(alias, full)  # first row wins where an alias is ambiguous
    if not mapping:
        return None, {}
    alternatives = "|".join(re.escape(a) for a in sorted(mapping, key=len, reverse=True))
    # the leading space is matched, not looked behind: the engine then tries word starts only
    return re.compile(rf" (?:{alternatives})(?= )"), mapping


def expand_aliases(folded: str) -> str:
    """Replace every alias in a folded string by its full form (one pass, longest first)."""
    pattern, mapping = _aliases()
    if pattern is None or not folded:
        return folded
    return pattern.sub(lambda m: " " + mapping[m.group()[1:]], folded)


def key(s: str | None) -> str:
    """Folded with aliases expanded: the search key of units, committees, titles."""
    return expand_aliases(fold(s))


# Bump when `fold`, `key` or `number_key` change what they give: stored keys are then rebuilt.
KEYS_VERSION = 2  # 2: order keys and index terms of the texts (migration 0004)


def fingerprint() -> str:
    """What stored keys depend on: this module's rules and the alias table. A store
    whose keys were made under another fingerprint rebuilds them (`Store.reindex`)."""
    import hashlib

    _, mapping = _aliases()
    data = repr((KEYS_VERSION, sorted(mapping.items())))
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def like_phrase(folded_query: str) -> str | None:
    """LIKE pattern for a folded query as a phrase: its words in order, the first at a
    word start, the last possibly a prefix ("pham minh ti"). None for an empty query."""
    words = folded_query.strip()
    if not words:
        return None
    return f"% {words}%"


def like_each_word(folded_query: str) -> list[str]:
    """LIKE patterns, all to be met, for a folded query as a bag of words: each a whole
    word somewhere, the last possibly a prefix ("ban chi dao bo tt&tt" finds "Ban chỉ đạo
    ... của Bộ TT&TT"). Empty for an empty query."""
    words = folded_query.split()
    return [f"% {w} %" for w in words[:-1]] + [f"% {w}%" for w in words[-1:]]


# --- legal numbers -----------------------------------------------------------


def fold_letters(s: str) -> str:
    """Letters without marks, everything else kept ("NĐ-CP" -> "ND-CP")."""
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


_DASHES_SPACES = re.compile(r"[\s\-\u2010-\u2015\u2212_]+")
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")
_FIRST_DIGIT = re.compile(r"[0-9]")


def number_key(s: str | None) -> str:
    """Key of a legal number: "49/2017/NDCP" for "49/2017/NĐ-CP" however written."""
    if not s:
        return ""
    s = fold_letters(s).upper()
    s = _DASHES_SPACES.sub("", s).strip(".,;:()[]")
    first = _FIRST_DIGIT.search(s)
    if first:  # every legal number starts with a digit; words before it are its type
        s = s[first.start():]
    return _LEADING_ZEROS.sub("", s)


# --- what a reference refers to -----------------------------------------------


def digest(s: str) -> int:
    """A 63-bit number for a string (a key that fits any integer column and index)."""
    import hashlib

    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") >> 1


def target_key(number_key_: str | None, type_: str | None, title_key: str | None) -> int:
    """Which referenced document a mention is of: a full number and symbol says which
    ("49/2017/NDCP", whatever the type written before it); a bare number only with its
    type ("Quyết định 34", "Đề án 06"); a named law or code by its type and title; a
    mention with neither by its type alone ("Hiến pháp")."""
    if number_key_ and "/" in number_key_:
        return digest(f"n {number_key_}")
    if number_key_:
        return digest(f"b {number_key_}{fold(type_)}")
    if title_key:
        return digest(f"t{title_key}")
    return digest(f"y{fold(type_)}")


# --- indexed text search -------------------------------------------------------
#
# A document's text is searched as a phrase (`like_phrase`): its words in order, the
# last possibly cut short. SQLite's FTS5 index keeps word positions and answers that
# phrase itself. PostgreSQL's tsvector keeps at most 256 positions per word and none past
# the 16383rd, so there the index holds terms instead: each word, and each pair of
# neighbouring words written "_a_b". A phrase of two or more words is the pairs it is
# made of, all present (the last pair's second word a prefix); for two words that is
# exact, for more the pairs may lie apart, so the folded text is checked with
# `like_phrase` too. Either way: the same documents.
#
# Measured (20,000 documents, issue 16): the pairs are ~1,300 GIN entries per document
# against ~300 for the words alone, and make a PostgreSQL write about 15 times dearer
# (3.4 ms a document in GIN upkeep); but with the words alone a phrase of common
# syllables ("sau dieu chinh": each word in most texts, the phrase in 36 of 20,000)
# has nearly every text as a candidate to check, and took 1.6 s (p50 of text queries
# 700 ms). Vietnamese words are syllables, most of them common: the pairs stay.


# A tsvector takes no term longer than 2046 bytes: a longer one is kept as its first
# 2046 characters, looked for as a prefix, and the folded text is checked as well.
_MAX_TERM = 2046


def terms(folded: str | None) -> str:
    """The index terms of a folded text (PostgreSQL), space-separated, each once."""
    words = (folded or "").split()
    pairs = (f"_{a}_{b}" for a, b in zip(words, words[1:]))
    found = dict.fromkeys([*words, *pairs])
    if found and max(map(len, found)) > _MAX_TERM:
        found = dict.fromkeys(t[:_MAX_TERM] for t in found)
    return " ".join(found)


def phrase_terms(folded_query: str) -> tuple[list[str], bool]:
    """The terms a phrase query needs, the last a prefix (and any cut to `_MAX_TERM`), and
    whether the folded text must be checked as well (three words or more, or a term cut).
    ([], False) for an empty query."""
    words = folded_query.split()
    needed = words if len(words) < 2 else [f"_{a}_{b}" for a, b in zip(words, words[1:])]
    cut = bool(needed) and max(map(len, needed)) > _MAX_TERM
    return [t[:_MAX_TERM] for t in needed], len(words) > 2 or cut


def fts5_query(needed: list[str]) -> str:
    """An FTS5 expression: every term, the last as a prefix. Terms hold only a-z, 0-9
    and "_" (see `fold`), so quoting them is enough."""
    return " AND ".join([*(f'"{t}"' for t in needed[:-1]), f'"{needed[-1]}" *'])


def tsquery(needed: list[str]) -> str:
    """The same as a PostgreSQL tsquery literal (for `CAST(... AS tsquery)`); a term cut to
    `_MAX_TERM` is a prefix as well."""
    return " & ".join([*(f"'{t}':*" if len(t) >= _MAX_TERM else f"'{t}'" for t in needed[:-1]),
                       f"'{needed[-1]}':*"])
