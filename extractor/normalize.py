"""The normalized text that every evidence offset refers to.

`normalize(raw)` gives NFC text with one tone placement ("hóa", "hòa", "thủy"),
no zero-width or soft-hyphen characters, NBSP as a plain space, look-alike slashes
as "/" and "\\n" line ends. Line breaks are kept: they carry the layout of headers
and signature blocks.

`flatten(text)` gives a view of the *same length* in which line breaks, tabs and
crawl debris (markdown table bars, emphasis stars, heading hashes, horizontal
rules) are spaces, so that a pattern with `\\s+` sees "Nghị định số\\n49/2017/NĐ-CP"
or "**Thủ\\ntướng**" as the phrase it is, and its offsets are offsets into the
normalized text unchanged.
"""
from __future__ import annotations

import re
import unicodedata

from extractor.readers.quality import is_syllable

# Characters that carry nothing: zero-width spaces/joiners, BOM, soft hyphen, word joiner.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
# Spaces that should be plain spaces.
_SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"}
# Slashes that OCR and PDF fonts write as look-alikes ("381⁄TTr-SNV"): a document's symbol needs "/".
_SLASHES = {ord(c): "/" for c in "\u2044\u2215\uff0f"}
# Colons that editors type as look-alikes ("Chính ủyː Trung tướng A": the phonetic length mark,
# the full-width and the ratio colon): a role's or a list's colon must read as one.
_COLONS = {ord(c): ":" for c in "\u02d0\uff1a\u2236"}
_CLEAN = {**_INVISIBLE, **_SPACES, **_SLASHES, **_COLONS}  # one translate pass for all

# Old-style tone placement on the open syllables oa, oe, uy ("hoà", "hoè", "thuỷ")
# moved to the first vowel ("hòa", "hòe", "thủy"). Only at the end of a syllable
# (a following letter means the tone belongs where it is: "hoàn", "khuyến") and
# never after "q" ("quý" is written that way by everyone).
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def _old_to_new() -> dict[str, str]:
    table = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                old = unicodedata.normalize("NFC", f + s + tone)
                new = unicodedata.normalize("NFC", f + tone + s)
                table[old] = new
    return table


_OLD_TONE = _old_to_new()
_OLD_TONE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(map(re.escape, _OLD_TONE)) + r")(?![^\W\d_])"
)


# An encyclopedia's section edit link as crawlers keep it, glued to the section's first line
# ("### Khóa XIV\n\n[sửa | sửa mã nguồn]- Chủ nhiệm:"): it stands where a line begins, so it
# becomes the line break the page had (the same length: spaces, then the break).
_EDIT_LINK_RE = re.compile(r"\[sửa(?:\s*\|\s*sửa mã nguồn|\s+mã nguồn)?\]")
# An encyclopedia's note marks that end a line, carried by crawlers to the start of the next
# ("(đến 2010)\n[2] - Nguyễn Văn A"): they go back to the end of the line they mark, so that
# the next line opens with its own list marker (the same length: marks and breaks swap places).
_LEADING_NOTE_RE = re.compile(r"(?<=[^\n])(?:\n\n?(?:\[\d{1,3}\])+)+")


# A capitalized syllable glued to a function word where a crawler dropped a line break
# ("Trần Văn Hải<br>từ Hà Nam" -> "Trần Văn Hảitừ Hà Nam"): two syllables are never one
# Vietnamese word, so the space goes back ("Trần Văn Hải từ Hà Nam").
_GLUED_RE = re.compile(r"(?<![^\W\d_])([A-ZĐ][^\W\d_]{1,6}?)(từ|đến|và|là|của|với|tại)(?![^\W\d_])")


def _unglued(m: re.Match) -> str:
    return f"{m.group(1)} {m.group(2)}" if is_syllable(m.group(1)) else m.group()


def normalize(raw: str) -> str:
    """NFC, one tone placement, no invisible characters, plain spaces, "\\n" line ends,
    encyclopedia edit links as the line breaks they stand for, note marks at the end of the
    line they mark, a space between a name and the word a lost line break glued to it."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_CLEAN)
    text = unicodedata.normalize("NFC", text)
    text = _OLD_TONE_RE.sub(lambda m: _OLD_TONE[m.group(1)], text)
    text = _GLUED_RE.sub(_unglued, text)
    if "[sửa" in text:
        text = _EDIT_LINK_RE.sub(lambda m: " " * (len(m.group()) - 1) + "\n", text)
    return _LEADING_NOTE_RE.sub(_note_marks_back, text) if "\n[" in text else text


def _note_marks_back(m: re.Match) -> str:
    run = m.group()
    return run.replace("\n", "") + "\n" * run.count("\n")


# Crawl debris that must not break a phrase. Every replacement keeps the length.
_DEBRIS_RE = re.compile(
    r"[\n\t\v\f|*]"          # line breaks, table bars, emphasis stars
    r"|(?<![^\s|])#{1,6}(?=\s)"  # markdown heading marks
    r"|-{3,}|_{3,}|={3,}"     # horizontal rules and table rulers
)


def flatten(text: str) -> str:
    """Same-length view of `text` with line breaks and crawl debris as spaces."""
    return _DEBRIS_RE.sub(lambda m: " " * len(m.group()), text)


_WS_RE = re.compile(r"\s+")


def clean_value(s: str) -> str:
    """A value as the contract wants it: debris gone, whitespace collapsed and trimmed."""
    return _WS_RE.sub(" ", flatten(s)).strip()
