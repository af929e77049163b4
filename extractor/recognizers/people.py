"""Recognizer for `people` of RECORDS.md: every person named, one item each.

People come from the person mentions of `extractor.persons` (names found by their shape
in context, with the titles written around them) and from the signer and the byline the
document recognizer found. Repeated mentions merge on the name (case-folded); the evidence
is the first full mention, the position and organization those of the first mention that
gives a position.
"""
from __future__ import annotations

import re

from extractor import persons
from extractor.doc import Doc
from extractor.names import MAX_NAME, is_surname
from extractor.register import fold
from models.records import Person


def recognize(doc: Doc) -> list[Person]:
    people: dict[str, Person] = {}
    for m in persons.mentions(doc):
        if not m.name:
            continue
        key = fold(m.name)
        p = people.get(key)
        if p is None:
            people[key] = Person(name=m.name, position=m.position, organization=m.organization,
                                 evidence=_evidence(doc, m))
        elif p.position is None and m.position:
            p.position, p.organization = m.position, m.organization
    signer = doc.document.signer if doc.document else None
    if signer and signer.name and fold(signer.name) in people and people[fold(signer.name)].position is None:
        people[fold(signer.name)].position = signer.position   # the header read the signature's title
    if signer and signer.name and fold(signer.name) not in people:
        # whoever signed a legal document is named in it, even when the signature block
        # holds no title the mention scan reads
        people[fold(signer.name)] = Person(name=signer.name, position=signer.position,
                                           evidence=_author_evidence(doc, signer.name))
    author = doc.document.author if doc.document else None
    for name in _byline_names(author or ""):
        if fold(name) not in people:
            people[fold(name)] = Person(name=name, evidence=_author_evidence(doc, name))
    return list(people.values())


# two authors in one byline: "Thu Hà - Minh Tuấn", "Thu Hà- Minh Tuấn", "Thu Hà, Minh Tuấn", "Thu Hà và Minh Tuấn"
_BYLINE_SPLIT = re.compile(r"\s*[-–,;/]\s*|\s+và\s+")


def _byline_names(author: str) -> list[str]:
    """The people a byline names. A byline is a person by its position at the foot of an
    article, so a name that is also a place ("Thái Bình") is still a name here."""
    if _looks_like_name(author):
        return [author]
    parts = [p for p in _BYLINE_SPLIT.split(author) if p]
    if len(parts) > 1 and all(_looks_like_name(p) for p in parts):
        return parts
    return []


_ROMAN = re.compile(r"[IVX]+")


def _looks_like_name(s: str) -> bool:
    """A byline is a name or initials ("Thu Hương", "N.Linh", "T Kiên"), not a heading."""
    words = s.split()
    if not 1 <= len(words) <= MAX_NAME or not all(w[:1].isupper() and w.replace(".", "").isalpha() for w in words):
        return False
    if len(words) == 1 and "." not in s:      # one word is a name only as initials: "N.Linh"
        return False
    if any(_ROMAN.fullmatch(w) for w in words):   # "Vùng I", "Phần II": headings
        return False
    return not (s.isupper() and len(words) > 1 and not is_surname(words[0]))


def _evidence(doc: Doc, m: persons.Mention):
    return doc.evidence(m.start, m.end)


def _author_evidence(doc: Doc, author: str):
    """The byline (or the signature) sits at the end of a document: its last occurrence."""
    i = doc.text.rfind(author)
    if i < 0:
        return doc.evidence(0, 0)
    return doc.evidence(i, i + len(author))
