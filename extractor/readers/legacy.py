"""Legacy Vietnamese encodings: TCVN3 ("ABC", .VnTime fonts) and VNI (VNI-Times fonts).

Before Unicode, Vietnamese text was typed in 8-bit encodings and shown right only
with the matching font. Such text reaches us two ways: as bytes of a .txt file,
or — in DOCX files — as Windows-1252 characters in runs whose font is ".VnTime"
or "VNI-Times". In both cases we hold a string of Latin-1 characters ("Céng hßa",
"Coäng hoøa") that the tables in `extractor/data/tcvn3.tsv` and `vni.tsv` turn
into Unicode.

Which encoding a text is in (when no font says it) is decided by decoding it
every way and keeping the decoding in which most words are common Vietnamese
words (`vietnamese_common_words.txt`).
"""
from __future__ import annotations

import re
from functools import cache

from extractor.data import table, words


@cache
def _tcvn3_map() -> dict[int, str]:
    return {int(row["byte"], 16): row["char"] for row in table("tcvn3")}


@cache
def _vni_decode_re() -> tuple[re.Pattern[str], dict[str, str]]:
    to_unicode = {row["vni"]: row["char"] for row in table("vni")}
    # An uppercase base letter may carry a lowercase mark (mixed-case typing).
    for seq, char in list(to_unicode.items()):
        if len(seq) == 2 and seq[0].isupper():
            to_unicode.setdefault(seq[0] + seq[1].lower(), char)
    # Longest sequences first, so "oâ" (ô) wins over "o" then "â".
    alternatives = sorted((s for s in to_unicode if s != to_unicode[s]), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, alternatives))), to_unicode


def tcvn3_to_unicode(s: str, capitals: bool = False) -> str:
    """Text whose characters are TCVN3 bytes (as Latin-1) -> Unicode.
    `capitals`: the run was in a ".VnTimeH"-style font, which draws every letter as a capital."""
    out = s.translate(_tcvn3_map())
    return out.upper() if capitals else out


def vni_to_unicode(s: str) -> str:
    """Text typed in VNI (Windows-1252 characters) -> Unicode."""
    pattern, to_unicode = _vni_decode_re()
    return pattern.sub(lambda m: to_unicode[m.group()], s)


def unicode_to_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3 bytes. TCVN3 has no toned capitals: they become the lowercase code
    (a .VnTimeH font would draw them as capitals). Used to make test files."""
    reverse = {ch: b for b, ch in _tcvn3_map().items()}
    out = bytearray()
    for ch in text:
        code = reverse.get(ch, reverse.get(ch.lower()))
        out += bytes([code]) if code is not None else ch.encode("cp1252")
    return bytes(out)


def unicode_to_vni(text: str) -> bytes:
    """Unicode -> VNI bytes (Windows-1252). Used to make test files."""
    forward = {row["char"]: row["vni"] for row in table("vni")}
    return "".join(forward.get(ch, ch) for ch in text).encode("cp1252")


DECODERS = {"tcvn3": tcvn3_to_unicode, "vni": vni_to_unicode}


@cache
def _common_words() -> frozenset[str]:
    # ASCII words read the same in every encoding, so only words with diacritics tell them apart.
    return frozenset(w for w in words("vietnamese_common_words") if not w.isascii())


_WORD_RE = re.compile(r"[^\W\d_]+")


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD_RE.finditer(text))


def vietnamese_score(text: str) -> int:
    """How many words of `text` are common Vietnamese words with diacritics."""
    common = _common_words()
    return sum(1 for w in _WORD_RE.findall(text.lower()) if w in common)


def font_encoding(font: str | None) -> tuple[str, bool] | None:
    """(encoding, capitals) for a legacy font name, or None for a Unicode font."""
    if not font:
        return None
    name = font.strip()
    for row in table("legacy_fonts"):
        if name.lower().startswith(row["prefix"].lower()):
            capitals = bool(row["capitals"]) and name.upper().endswith(row["capitals"])
            return row["encoding"], capitals
    return None


def decode_font_text(s: str, font: str | None) -> str:
    """A DOCX run's text in its font's encoding -> Unicode (unchanged for Unicode fonts)."""
    enc = font_encoding(font)
    if enc is None or s.isascii() and not enc[1]:
        return s
    encoding, capitals = enc
    if any(ord(c) > 0xFF and c not in _CP1252_EXTRA for c in s):
        return s  # real Unicode typed in a legacy-named font: leave it alone
    return tcvn3_to_unicode(s, capitals) if encoding == "tcvn3" else vni_to_unicode(s)


def guess_legacy(s: str, *, sample: int = 200_000) -> str | None:
    """The legacy encoding `s` (Latin-1 characters) is in, judged on its first
    `sample` characters, or None when no decoding reads as more Vietnamese than `s` itself."""
    head = s[:sample]
    best, best_score = None, vietnamese_score(head)
    for name, decode in DECODERS.items():
        score = vietnamese_score(decode(head))
        if score > best_score:
            best, best_score = name, score
    # A few accidental hits in a long text are not evidence.
    if best and best_score >= max(3, word_count(head) // 50):
        return best
    return None


_LATIN1_SUPPLEMENT_RE = re.compile("[\u00c0-\u00ff]")
_VIETNAMESE_LETTER_RE = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


def looks_legacy(text: str) -> bool:
    """Cheap test: a Unicode text full of Latin-1 letters but almost no Vietnamese
    letters may be legacy-encoded text that went through a Windows-1252 decoding."""
    head = text[:20_000]
    latin1 = len(_LATIN1_SUPPLEMENT_RE.findall(head))
    return latin1 >= 10 and latin1 > 5 * len(_VIETNAMESE_LETTER_RE.findall(head))


def fix_mojibake(text: str) -> tuple[str, str | None]:
    """(Unicode text, encoding) for a text that is legacy-encoded characters, else (text, None)."""
    if not looks_legacy(text) or any(ord(c) > 0xFF and c not in _CP1252_EXTRA for c in text[:20_000]):
        return text, None
    name = guess_legacy(text)
    if name is None:
        return text, None
    # Characters cp1252 puts in 0x80-0x9F (curly quotes, dashes) are not legacy codes: leave them.
    return DECODERS[name](text), name


# Unicode characters Windows-1252 uses for bytes 0x80-0x9F: they may sit in legacy text.
_CP1252_EXTRA = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))
