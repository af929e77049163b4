"""Sentences, and underthesea's words and part-of-speech tags for a sentence, with
character offsets into the normalized text (`doc.text`).

underthesea is slow for this budget (its cost grows with the length of what it is
given) and its NER misses most names in administrative text, so the people and
committee recognizers work from lexicons. Measured on 600 archive pages (6.5M chars):
asking the tagger whether a capitalized run after a title that starts with no known
family name is a proper noun (`is_tagged_name`) added 33 names, about half of them
places or countries ("Thống đốc Nam Kỳ", "Thủ tướng Ấn Độ Narendra Modi"), at 579
tagger calls — so the recognizers do not call it. This module stays the one way to get
sentences, tags and spaCy Docs with offsets when a rule needs them. Results are cached
per document in `doc.cache`.

underthesea rewrites what it returns (tone placement, spacing), so tokens are mapped
back onto the text syllable by syllable, searching forward, never by their own length.
Only the package's bundled models are used: nothing is downloaded at run time.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from extractor.data import table, words
from extractor.doc import Doc
from extractor.normalize import normalize

# A sentence ends at . ! ? followed by space, at a blank line, or before a list item.
_SENT_END = re.compile(r"(?<=[.!?])\s+(?=\S)|\n[ \t]*\n\s*|\n(?=[ \t]*(?:\d{1,3}[.)]|[-+•*|]))")
_ITEM_NUMBER = re.compile(r"\s*\d{1,3}[.)]")
MAX_TAGGED = 600   # characters: a longer sentence is tagged around the span only


@dataclass(frozen=True)
class Token:
    text: str    # as underthesea wrote it
    start: int   # offsets into doc.text
    end: int
    tag: str     # underthesea's tag: Np proper noun, N noun, V verb, ...


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans of the document (cached)."""
    got = doc.cache.get("nlp.sentences")
    if got is None:
        got, s = [], 0
        for m in _SENT_END.finditer(doc.text):   # the text: line breaks matter here
            if m.start() > s:
                got.append((s, m.start()))
            s = m.end()
        if s < len(doc.text):
            got.append((s, len(doc.text)))
        merged: list[tuple[int, int]] = []
        for span in got:   # "1." of a numbered item is not a sentence of its own
            if merged and _ITEM_NUMBER.fullmatch(doc.text[merged[-1][0]:merged[-1][1]]):
                merged[-1] = (merged[-1][0], span[1])
            else:
                merged.append(span)
        got = merged
        doc.cache["nlp.sentences"] = got
    return got


def _starts(doc: Doc) -> list[int]:
    got = doc.cache.get("nlp.sentence_starts")
    if got is None:
        got = doc.cache["nlp.sentence_starts"] = [s for s, _ in sentences(doc)]
    return got


def sentence_at(doc: Doc, i: int) -> tuple[int, int]:
    """The sentence holding i, or (i, i) between sentences."""
    spans = sentences(doc)
    k = bisect.bisect_right(_starts(doc), i) - 1
    if k >= 0 and spans[k][0] <= i < spans[k][1]:
        return spans[k]
    return (i, i)


def sentence_before(doc: Doc, i: int) -> tuple[int, int]:
    """The last sentence that ends at or before i, or (i, i) if there is none."""
    spans = sentences(doc)
    k = bisect.bisect_right(_starts(doc), i) - 1
    while k >= 0 and spans[k][1] > i:
        k -= 1
    return spans[k] if k >= 0 else (i, i)


@cache
def fixed_words() -> tuple[str, ...]:
    """Titles and unit heads of several syllables, kept as one word by the tokenizer
    ("Vụ trưởng", "Phó Trưởng ban")."""
    phrases = list(words("positions")) + [r["phrase"] for r in table("roles")] + list(words("unit_heads"))
    return tuple(sorted({normalize(p) for p in phrases if " " in p}))


@cache
def _tagger():
    from underthesea import word_tokenize
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor
    return word_tokenize, CRFPOSTagPredictor.Instance()


def tag(doc: Doc, start: int, end: int) -> list[Token]:
    """underthesea's words and tags for text[start:end] (cached per span)."""
    cache_ = doc.cache.setdefault("nlp.tags", {})
    key = (start, end)
    if key not in cache_:
        segment = doc.flat[start:end]
        if not segment.strip():
            cache_[key] = []
        else:
            word_tokenize, tagger = _tagger()
            pieces = word_tokenize(segment, fixed_words=list(fixed_words()))
            tags = [t for _, t in tagger.predict(pieces)] if pieces else []
            spans = align(doc.text, pieces, start, end)
            cache_[key] = [Token(p, s, e, t) for p, t, (s, e) in zip(pieces, tags, spans) if e > s]
    return cache_[key]


def tag_around(doc: Doc, start: int, end: int) -> list[Token]:
    """Tags of the sentence holding [start, end), cut to MAX_TAGGED characters around it."""
    s, e = sentence_at(doc, start)
    s, e = max(s, start - MAX_TAGGED // 2), min(max(e, end), end + MAX_TAGGED // 2)
    return tag(doc, s, e)


def _fold(s: str) -> str:
    return normalize(s).casefold()


def align(text: str, pieces: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of each piece in text[start:end]. Pieces are matched syllable by syllable
    after normalization, skipping whitespace and debris; a syllable that cannot be found
    within a short window gives its piece an empty span."""
    out = []
    pos = start
    low = text.casefold()   # same length as text for Vietnamese letters
    if len(low) != len(text):
        low = "".join(c.casefold() if len(c.casefold()) == 1 else c for c in text)
    for piece in pieces:
        first = last = None
        for syl in piece.split():
            target = _fold(syl)
            k = low.find(target, pos, min(end, pos + 40 + len(target)))
            if k < 0:
                first = None
                break
            if first is None:
                first = k
            pos = last = k + len(target)
        out.append((first, last) if first is not None else (pos, pos))
    return out


def is_tagged_name(doc: Doc, start: int, end: int) -> bool:
    """underthesea tags every word of text[start:end] as a proper noun (Np)."""
    inside = [t for t in tag_around(doc, start, end) if t.start < end and t.end > start]
    return bool(inside) and inside[0].start == start and inside[-1].end == end and all(t.tag == "Np" for t in inside)


def spacy_doc(doc: Doc, start: int, end: int):
    """A spaCy Doc of underthesea's words for text[start:end]; `user_data["offsets"]`
    holds each token's (start, end) in doc.text and `tag_` its underthesea tag."""
    from spacy.tokens import Doc as SpacyDoc
    toks = tag(doc, start, end)
    sp = SpacyDoc(_vocab(), words=[t.text for t in toks],
                  spaces=[a.end < b.start for a, b in zip(toks, toks[1:])] + [False] if toks else [])
    for st, t in zip(sp, toks):
        st.tag_ = t.tag
    sp.user_data["offsets"] = [(t.start, t.end) for t in toks]
    return sp


@cache
def _vocab():
    import spacy
    return spacy.blank("xx").vocab
