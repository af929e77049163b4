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
KEYS_VERSION = 3  # 2: order keys and index terms of the texts (migration 0004); 3: terms with positions


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


# --- indexed text search -------------------------------------------------------
#
# A document's text is searched as a phrase (`like_phrase`): its words in order, the
# last possibly cut short. SQLite's FTS5 index keeps word positions and answers that
# phrase itself. PostgreSQL's index is a GIN index over a tsvector of the text's words,
# each with its positions, so `a <-> b <-> c:*` is the same phrase: the index finds the
# texts holding every word, the positions in the row decide. A tsvector keeps at most
# 255 positions per word and none past 16383; a text that exceeds either also gets the
# term "_long" (no folded word has a "_"), and for those the folded text is checked with
# `like_phrase` instead. Either way: the same documents.
#
# (Words with positions, not every pair of neighbouring words as terms: a GIN index
# takes a text's few hundred distinct words, shared by every text, about eight times
# faster than its thousand or so distinct pairs.)

LONG_TEXT = "_long"
_MAX_POSITION, _MAX_POSITIONS, _MAX_WORD = 16383, 255, 2046  # PostgreSQL's limits
_POSITIONS = [str(i) for i in range(_MAX_POSITION + 1)]  # str() of a position, made once


def terms(folded: str | None) -> str:
    """The words of a folded text with their positions, as a PostgreSQL tsvector literal
    ("a:1,3 b:2"), with "_long" where positions are missing (see above; a word longer
    than a tsvector takes is kept as its beginning, and the text is "_long")."""
    words = (folded or "").split()
    long = len(words) > _MAX_POSITION
    if words and max(map(len, words)) > _MAX_WORD:
        words, long = [w[:_MAX_WORD] for w in words], True
    where: dict[str, list[str]] = {}
    for i, w in enumerate(words[:_MAX_POSITION], 1):
        if (found := where.get(w)) is None:
            where[w] = [_POSITIONS[i]]
        else:
            found.append(_POSITIONS[i])
    long = long or any(len(p) > _MAX_POSITIONS for p in where.values())
    out = [f"{w}:{','.join(p[:_MAX_POSITIONS])}" for w, p in where.items()]
    out.extend(dict.fromkeys(w for w in words[_MAX_POSITION:] if w not in where))  # in the text, without a place
    if long:
        out.append(LONG_TEXT)
    return " ".join(out)


def text_tsqueries(folded_query: str) -> tuple[str | None, str | None]:
    """The tsqueries of a phrase query (PostgreSQL): the phrase itself, "'a' <-> 'b' <->
    'c':*" (None where a word is longer than a tsvector takes), and, for two words or
    more, the query of the "_long" texts that hold every word, to be checked with
    `like_phrase` (None for one word). (None, None) for an empty query."""
    words = folded_query.split()
    if not words:
        return None, None
    fits = max(map(len, words)) <= _MAX_WORD
    phrase = " <-> ".join([*(f"'{w}'" for w in words[:-1]), f"'{words[-1]}':*"]) if fits else None
    if len(words) == 1 and fits:
        return phrase, None
    cut = [w[:_MAX_WORD] for w in words]  # a word cut short is a prefix of the stored one
    needed = [*(f"'{w}'" if w == full else f"'{w}':*" for w, full in zip(cut[:-1], words)), f"'{cut[-1]}':*"]
    return phrase, " & ".join([f"'{LONG_TEXT}'", *needed])


def fts5_query(needed: list[str]) -> str:
    """An FTS5 expression: every term, the last as a prefix. Terms hold only a-z, 0-9
    and "_" (see `fold`), so quoting them is enough."""
    return " AND ".join([*(f'"{t}"' for t in needed[:-1]), f'"{needed[-1]}" *'])
