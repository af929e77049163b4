"""Document types, numbers and symbols, and issuer codes: the lexicon of the
bureaucracy's numbering, shared by the reference and header recognizers.

A number is written "49/2017/NĐ-CP" (number / year / type-issuer), "632/QĐ-TTg"
(no year), "11208/BNV-KHTC" (an official letter: issuer-unit), or in the Party's
style "126-KL/TW" (number-type / issuer). Crawls split them ("336- QD/BCSCLTW",
"20/2018/ QĐ-TTg"); `normalize_number` joins them again.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from extractor.data import table, words

# One part of a symbol: "NĐ", "TTg", "QH15", "BCĐ389", "BGD&ĐT".
_SEG = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
# Number and symbol; spaces allowed only around the separators crawls split.
SYMBOL_NUMBER = (
    # a letter may follow the number: "30c/NQ-CP", "33B-HĐBT"
    r"(?P<num>\d{1,5}(?:[a-zđ]|[A-ZĐ](?=\s{0,2}[/\-]))?)"
    r"(?:\s{0,2}[/\-]\s{0,2}(?P<year>(?:19|20)\d{2}))?"
    r"\s{0,2}(?P<sep>[/\-])\s{0,2}"
    r"(?P<sym>" + _SEG + r"(?:(?:\s?-\s?|/|\.(?=[A-ZĐ]))" + _SEG + r")*"
    # the issuing sub-unit's code in brackets, written on: "511/TTr-CAT(PC04)"
    r"(?:\([A-ZĐ][A-ZĐ0-9]{1,7}\))?"
    # the year after the symbol, in old numbers: "3/NQ/1976"
    r"(?:/(?:19|20)\d{2}(?![\d/]))?)"
)
SYMBOL_NUMBER_RE = re.compile(r"(?<![\w/.\-])" + SYMBOL_NUMBER)
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


def normalize_number(s: str) -> str:
    """The contract's number: no spaces, ASCII hyphens, letters as written."""
    return re.sub(r"\s+", "", s.translate(_DASHES))


@cache
def types() -> tuple[dict[str, str], ...]:
    return table("legal_types")


@cache
def _abbr_table() -> dict[str, str]:
    out = {}
    for row in types():
        for a in filter(None, row["abbr"].split("|")):
            out[a] = row["type"]
            out[a.upper()] = row["type"]  # symbols in capitalized titles: "QĐ-TTG"
    return out


def _type_code(code: str) -> str | None:
    """The type a symbol's code stands for, in the case symbols write it ("Kh" is no code)."""
    return _abbr_table().get(code)


@cache
def kind_of_type(type_: str) -> str:
    for row in types():
        if row["type"].casefold() == type_.casefold():
            return row["kind"]
    return "other"


@cache
def issuer_of_type(type_: str) -> str | None:
    """The body that issues every document of a type ("Nghị định" -> "Chính phủ")."""
    for row in types():
        if row["type"] == type_:
            return row.get("issuer") or None
    return None


@cache
def named_types() -> frozenset[str]:
    return frozenset(r["type"] for r in types() if r["named"] == "yes")


def canonical_type(words_: str) -> str | None:
    """"NGHỊ QUYẾT", "nghị\\nquyết", "Nghị Quyết" -> "Nghị quyết"."""
    return _types_by_key().get(" ".join(words_.split()).casefold())


@cache
def _types_by_key() -> dict[str, str]:
    return {row["type"].casefold(): row["type"] for row in types()}


def type_words_pattern(cased: bool = False) -> str:
    """Alternation of the type words, longest first, any whitespace between words.
    With `cased`, each in the cases text writes it ("Nghị định", "nghị định",
    "NGHỊ ĐỊNH", "Nghị Định") so that no case-insensitive flag is needed, which keeps
    a search for it fast."""
    names = sorted((r["type"] for r in types()), key=len, reverse=True)
    alts = []
    for n in names:
        variants = (n, n.lower(), n.upper(), n.title()) if cased else (n,)
        for v in dict.fromkeys(variants):
            alts.append(r"\s+".join(map(re.escape, v.split())))
    return "|".join(alts)


@lru_cache(maxsize=4096)   # asked several times per reference, and a text cites a number again and again
def split_symbol(number: str) -> tuple[str | None, tuple[str, ...]]:
    """(type code, issuer codes) of a normalized number.

    "49/2017/NĐ-CP" -> ("NĐ", ("CP",)); "126-KL/TW" -> ("KL", ("TW",));
    "11208/BNV-KHTC" -> (None, ("BNV", "KHTC")); "87/2025/QH15" -> (None, ("QH15",)).
    """
    number = re.sub(r"\([^()]*\)$", "", number)  # "511/TTr-CAT(PC04)": the sub-unit's code adds no issuer
    m = re.fullmatch(r"\d+[a-zA-ZđĐ]?(?:[/\-](?:19|20)\d{2})?([/\-])(.+)", number)
    if not m:
        return None, ()
    sep, sym = m.groups()
    if sep == "-" and "/" in sym:  # Party style: type before the slash, issuer after
        head, _, tail = sym.partition("/")
        return (head if _type_code(head) else None), tuple(re.split(r"[-/.]", tail))
    segs = re.split(r"[-/.]", sym)
    if _type_code(segs[0]):
        return segs[0], tuple(segs[1:])
    return None, tuple(segs)


def type_from_symbol(number: str) -> str | None:
    code, issuers = split_symbol(number)
    if code:
        return _type_code(code)
    if issuers and re.fullmatch(r"QH\d*", issuers[0], re.I):
        return "Luật"  # "87/2025/QH15": a law or resolution of the National Assembly
    if issuers:
        return "Công văn"  # "11208/BNV-KHTC": an official letter carries no type code
    return None


def year_of_number(number: str) -> int | None:
    m = re.match(r"\d+[a-zđ]?[/\-]((?:19|20)\d{2})[/\-]", number)
    return int(m.group(1)) if m else None


@cache
def _codes() -> dict[str, list[tuple[str, int | None, int | None]]]:
    out: dict[str, list] = {}
    for row in table("issuer_codes"):
        frm = int(row["valid_from"]) if row["valid_from"] else None
        to = int(row["valid_to"]) if row["valid_to"] else None
        out.setdefault(row["code"].casefold(), []).append((row["issuer"], frm, to))
    return out


def issuer_of_code(code: str, year: int | None, modern: bool = False) -> str | None:
    """Full name of the body an issuer code stands for in `year` (any year if None; with
    `modern`, a symbol of today's shape, the body that uses the code now)."""
    key = code.casefold()
    cands = _codes().get(key)
    if cands is None and re.search(r"\d$", key):
        cands = _codes().get(re.sub(r"\d+$", "", key) + "#")
    if cands is None:
        cands = _register_codes().get(key)  # the register of bodies knows the code
    found = {issuer for issuer, frm, to in cands or ()
             if year is None or ((frm is None or year >= frm) and (to is None or year <= to))}
    if len(found) > 1 and modern:
        found = {issuer for issuer, frm, to in cands or () if to is None}
    # without a year a code used by two bodies in turn ("CP") names neither
    return found.pop() if len(found) == 1 else None


@cache
def _register_codes() -> dict[str, list[tuple[str, int | None, int | None]]]:
    from extractor import register

    out: dict[str, list] = {}
    for b in register.bodies():
        for c in b.codes:
            out.setdefault(c.casefold(), []).append(
                (b.name, b.valid_from.year if b.valid_from else None, b.valid_to.year if b.valid_to else None))
    return out


@cache
def _partial_codes() -> dict[str, str]:
    return {r["code"].casefold(): r["partial"] for r in table("issuer_codes") if r.get("partial")}


def partial_issuer(number: str) -> str | None:
    """How the issuer code of a number names its body: "yes" where it only begins the
    name ("BCSĐ"), "place" where the name goes on with a province ("STC"), else None."""
    codes = split_symbol(number)[1]
    return _partial_codes().get(codes[0].casefold()) if codes else None


def issuer_from_symbol(number: str, year: int | None) -> str | None:
    """Issuer named by the code in a number, if the code is known and unambiguous.
    A joint document ("TTLT-BTC-BCT") names all its issuers."""
    type_code, codes = split_symbol(number)
    if not codes:
        return None
    if type_code and type_code.upper().endswith("LT"):
        names = [issuer_of_code(c, year) for c in codes]
        return ", ".join(names) if all(names) else None
    # a type code before the issuer's ("NQ-CP") is the shape symbols took in the 1990s
    return issuer_of_code(codes[0], year, modern=type_code is not None)


@cache
def issuer_words() -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """(heads that open a body's name, offices that issue in their own name,
    abbreviation -> full form), longest first."""
    heads, positions, abbr = [], [], {}
    for row in table("issuer_words"):
        if row["kind"] == "head":
            heads.append(row["word"])
        elif row["kind"] == "position":
            positions.append(row["word"])
        elif row["kind"] == "abbr":
            abbr[row["word"]] = row["full"]
    by_len = lambda ws: tuple(sorted(ws, key=len, reverse=True))  # noqa: E731
    return by_len(heads), by_len(positions), abbr


@cache
def subject_named() -> frozenset[str]:
    """Names (case-folded) of bodies whose full name goes on with "về <subject>"."""
    return frozenset(r["word"].casefold() for r in table("issuer_words") if r["kind"] == "subject")


def expand_abbreviations(name: str) -> str:
    abbr = issuer_words()[2]
    return " ".join(abbr.get(w, w) for w in name.split())


@cache
def count_units() -> frozenset[str]:
    return frozenset(w.casefold() for w in words("count_units"))


@cache
def unit_follows_re() -> re.Pattern:
    """Matches at a position right after a number when a count word follows it."""
    alts = sorted(count_units(), key=len, reverse=True)
    return re.compile(r"\s*(?:" + "|".join(re.escape(a) for a in alts) + r")(?![^\W\d_])", re.I)


@cache
def known_bodies() -> dict[str, str]:
    """Names of bodies in the case the contract writes them, by their case-folded form."""
    names = [r["issuer"] for r in table("issuer_codes")]
    # (an abbreviation with "&" names a field, "GD&ĐT", not a body)
    names += [r["full"] for r in table("issuer_words") if r["full"] and "&" not in r["word"]]
    names += [r["word"] for r in table("issuer_words") if r["kind"] in ("head", "position")]
    return {n.casefold(): n for n in sorted(set(names), key=len)}


@cache
def coded_bodies() -> tuple[str, ...]:
    """Full names of the bodies of the code table, longest first."""
    return tuple(sorted({r["issuer"] for r in table("issuer_codes") if r.get("partial") != "yes"},
                        key=len, reverse=True))


_ADMIN_UNITS = ("thành phố", "tỉnh", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
ADMIN_UNITS = frozenset(_ADMIN_UNITS)
ADMIN_UNITS_FIRST = frozenset(u.split()[0] for u in _ADMIN_UNITS)


def fold(text: str) -> str:
    """Case-folded and without tone or vowel marks, character for character (same length):
    how a scan's misread capitals ("QUÓC HỘI", "PHO THỦ TƯỜNG") still match a known name."""
    return "".join(unicodedata.normalize("NFD", c)[0] for c in text.casefold()).replace("đ", "d")


@cache
def _known_folded() -> dict[str, str]:
    return {fold(k): v for k, v in known_bodies().items()}


def org_case(name: str) -> str:
    """A body's name written in capitals, in the case administrative text writes it:
    "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK" -> "Ủy ban nhân dân tỉnh Đắk Lắk",
    "VĂN PHÒNG CHÍNH PHỦ" -> "Văn phòng Chính phủ"."""
    low = " ".join(name.split()).casefold()
    known = _known_folded()
    folded = fold(low)
    if folded in known:
        return known[folded]
    # the longest known name it starts with, then a place ("tỉnh Đắk Lắk") or the rest
    for k in sorted(known, key=len, reverse=True):
        if folded.startswith(k + " "):
            rest = low[len(k) + 1:]
            for unit in _ADMIN_UNITS:
                if rest.startswith(unit + " "):
                    return f"{known[k]} {unit} {rest[len(unit) + 1:].title()}"
            return f"{known[k]} {org_case(rest)}"
    return low[:1].upper() + low[1:]
