"""A cue's matches in a window of a count's sentence, read off the sentence's matches found once.

Many checks look for a cue between the start of a count's sentence and the count ("trong đó",
"sẽ", "tính đến", a unit's head); scanning that window again for every count costs the
sentence's length per count (a run-on text is read in pieces of `find.SENTENCE_CAP`
characters, with up to a hundred counts each). Here each pattern is run once per sentence and
a window's matches are taken by bisection.

They are the matches a scan of the window alone finds, as long as the window cuts neither a
match nor, at its end, a letter: a scan that stops inside a word sees its end as the end of the
text, where a whole-word pattern (`LETTER_AFTER`) may match a shorter phrase or one the next
letter rules out; a match that ends where the window does may have read past it. There the
window is scanned as before. So the patterns read here have no `$` and no look-ahead that
reads past the character after a match.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from extractor.doc import Doc

_LETTER = re.compile(r"[^\W\d_]")   # what LETTER_AFTER rules out after a match


def _found(doc: Doc, text: str, rx: re.Pattern, lo: int, hi: int) -> tuple[list[int], list[int], list[re.Match]]:
    """(starts, ends, matches) of `rx` in text[lo:hi], found once per document."""
    try:
        cache = doc.cache["task_windows"]
    except KeyError:
        cache = doc.cache["task_windows"] = {}
    key = (id(rx), lo, hi, text is doc.flat)   # patterns are module constants: their id names them
    hit = cache.get(key)
    if hit is None:
        ms = list(rx.finditer(text, lo, hi))
        hit = cache[key] = ([m.start() for m in ms], [m.end() for m in ms], ms)
    return hit


def matches(doc: Doc, text: str, rx: re.Pattern, sentence: tuple[int, int], lo: int, hi: int) -> list[re.Match]:
    """What `list(rx.finditer(text, lo, hi))` gives, for a window inside `sentence`."""
    s0, s1 = sentence
    if s0 <= lo < hi <= s1 and (hi == s1 or not _LETTER.match(text, hi)):
        starts, ends, ms = _found(doc, text, rx, s0, s1)
        i, j = bisect_left(starts, lo), bisect_left(starts, hi)
        # a match across the window's start, or across its end or ending with it (its look-ahead read
        # past the window): the window's own scan may see another
        if not (i and ends[i - 1] > lo or j > i and ends[j - 1] >= hi):
            return ms[i:j]
    return list(rx.finditer(text, lo, hi))


def search(doc: Doc, text: str, rx: re.Pattern, sentence: tuple[int, int], lo: int, hi: int) -> re.Match | None:
    """What `rx.search(text, lo, hi)` gives, for a window inside `sentence`."""
    found = matches(doc, text, rx, sentence, lo, hi)
    return found[0] if found else None


def last(doc: Doc, text: str, rx: re.Pattern, sentence: tuple[int, int], lo: int, hi: int) -> re.Match | None:
    """The last match of `rx` in text[lo:hi] (a scan of the window), for a window inside `sentence`."""
    found = matches(doc, text, rx, sentence, lo, hi)
    return found[-1] if found else None


def heads(doc: Doc, rx: re.Pattern, region: tuple[int, int] | None, lo: int, hi: int) -> Iterable[re.Match]:
    """What `rx.finditer(doc.flat, lo, hi)` yields for a unit's head pattern (`HOLDER_HEAD_RE`:
    a head, then a look-ahead for the word after it) in a window inside `region`. A head whose
    look-ahead reads past the window is where the window's own scan may differ: from there on
    the window is scanned as before."""
    text = doc.flat
    if region is None or not region[0] <= lo <= hi <= region[1]:
        return rx.finditer(text, lo, hi)
    starts, ends, ms = _found(doc, text, rx, *region)
    i = bisect_left(starts, lo)
    if i and ends[i - 1] > lo:
        return rx.finditer(text, lo, hi)
    return _heads_from(text, rx, ms, i, hi)


def _heads_from(text: str, rx: re.Pattern, ms: list[re.Match], i: int, hi: int) -> Iterator[re.Match]:
    for m in ms[i:]:
        if m.start() >= hi:
            return
        if m.end("next") > hi:   # its look-ahead (or a longer head) reaches past the window
            yield from rx.finditer(text, m.start(), hi)
            return
        yield m


def _line_breaks(doc: Doc) -> list[int]:
    breaks = doc.cache.get("task_line_breaks")
    if breaks is None:
        breaks = doc.cache["task_line_breaks"] = [m.start() for m in _BREAK.finditer(doc.text)]
    return breaks


def line_start(doc: Doc, pos: int) -> int:
    """`doc.text.rfind("\\n", 0, pos) + 1`, by bisection in the line breaks found once (a text
    without line breaks would be read back to its start for every count)."""
    breaks = _line_breaks(doc)
    k = bisect_left(breaks, pos)
    return breaks[k - 1] + 1 if k else 0


def line_end(doc: Doc, pos: int) -> int:
    """`doc.text.find("\\n", pos)`: -1 on the last line."""
    breaks = _line_breaks(doc)
    k = bisect_left(breaks, pos)
    return breaks[k] if k < len(breaks) else -1


def paragraph_break(doc: Doc, pos: int) -> int:
    """`doc.text.rfind("\\n\\n", 0, pos)`, by bisection in the empty lines found once."""
    breaks = doc.cache.get("task_paragraph_breaks")
    if breaks is None:
        breaks = doc.cache["task_paragraph_breaks"] = [m.start() for m in _EMPTY_LINE.finditer(doc.text)]
    k = bisect_left(breaks, pos - 1)   # a break at k lies within text[:pos] where k + 2 <= pos
    return breaks[k - 1] if k else -1


_BREAK = re.compile(r"\n")
_EMPTY_LINE = re.compile(r"(?=\n\n)")
