"""Is a page's text Vietnamese as it was written, or debris of a broken text layer?

Every Vietnamese word is one or more syllables, and a syllable has a fixed shape: an
initial consonant, a vowel group, a final consonant, one tone. Text cut into glyph runs
("Că Că n c ứ ứ"), read through a wrong font encoding ("TÈNH LÂM ÒNG") or by a bad OCR
pass ("Ldm D6ng, ngdy") is full of words of no such shape. `syllable_share` is the share
of a text's words that are syllables: above 0.97 for a clean page, far lower for those.

Words in capitals that are no syllable ("UBND", "QĐ") are abbreviations and not counted;
nor are numbers and list labels ("b)"). A word of letters and digits mixed ("D6ng") counts as broken.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSET = r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
# Vowel groups with their final consonants, without tones; a loose superset of the
# rhymes of standard spelling, enough to tell words from debris.
_NUCLEUS = (r"(?:uyê|uya|uyu|uây|uôi|ươi|ươu|iêu|yêu|oai|oay|oeo|ươ|uô|iê|yê|uâ|uê|uơ|oă|oa|oe|oo|ưa|ưi|ưu"
            r"|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|uy|[aăâeêioôơuưy])")
_CODA = r"(?:ng|nh|ch|[cmnpt])?"
_SYLLABLE_RE = re.compile(f"{_ONSET}{_NUCLEUS}{_CODA}")
_WORD_RE = re.compile(r"[^\W_]+")
# addresses are not words: "https://laichau.gov.vn", "vanthu@lamdong.gov.vn"
_ADDRESS_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|\S+\.(?:vn|com|net|org|gov|edu)\b\S*", re.I)
# letters the Vietnamese alphabet has not: a foreign word ("Facebook", "Zalo"), not debris
_FOREIGN_LETTERS = frozenset("fjwzFJWZ")


@cache
def _bare(word: str) -> str:
    """Lower case, tone marks removed, vowel marks kept ("Trưởng" -> "trương")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


def _tones(word: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", word) if c in _TONES)


@cache
def is_syllable(word: str) -> bool:
    return _tones(word) <= 1 and bool(_SYLLABLE_RE.fullmatch(_bare(word)))


@cache
def _counted(word: str) -> bool | None:
    """True for a syllable, False for debris, None for what is not counted."""
    if word.isdigit() or not _FOREIGN_LETTERS.isdisjoint(word):
        return None
    if any(c.isdigit() for c in word):
        # "QH15", "C04", "PC04": codes in capitals; "D6ng", "l5lll": broken letters
        return None if word[:1].isupper() and word.upper() == word else False
    if is_syllable(word):
        return True
    if word.isupper() and len(word) <= 6:
        return None  # an abbreviation: "UBND", "TTg" is caught below
    if len(word) <= 6 and word[:1].isupper() and any(c.isupper() for c in word[1:]):
        return None  # "TTg", "HĐND", "BTTTT"
    return False


def syllable_counts(text: str) -> tuple[int, int]:
    """(syllables, words counted) of `text`."""
    good = total = 0
    text = _ADDRESS_RE.sub(" ", text)
    for m in _WORD_RE.finditer(text):
        if len(m.group()) == 1 and text[m.end():m.end() + 1] in (")", "."):
            continue  # a list label: "b)", "c."
        verdict = _counted(m.group())
        if verdict is None:
            continue
        total += 1
        good += verdict
    return good, total


def syllable_share(text: str) -> float:
    """Share of the counted words of `text` that are Vietnamese syllables (1.0 for no words)."""
    good, total = syllable_counts(text)
    return good / total if total else 1.0
