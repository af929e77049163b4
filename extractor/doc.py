"""`Doc`: what every recognizer receives — the normalized text, its flat view,
what the reader knew, and the document header once it is recognized.

Recognizers read from it and return items; they may add `warnings`. Shared,
lazily computed analyses (sentences, tokens) live in `cache` so that a second
recognizer does not pay for them again.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from extractor.normalize import clean_value, flatten
from models.records import Document, Evidence

if TYPE_CHECKING:
    from extractor.persons import Mention
    from extractor.spans import Spans
    from extractor.structure import Structure


@dataclass
class Doc:
    text: str                       # the normalized text; every offset points here
    source: str = "-"
    meta: dict[str, Any] = field(default_factory=dict)  # reader's metadata (title, published, author, pages ...)
    flat: str = ""                  # same-length view for matching across line breaks and debris
    document: Document | None = None  # header, filled by the document recognizer first
    warnings: list[str] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)
    structure: Structure | None = None   # the layout layer (extractor.structure), read once
    spans: Spans | None = None           # the span layer (extractor.spans), read once
    mentions: list[Mention] | None = None  # people and offices with their titles (extractor.persons)

    def __post_init__(self) -> None:
        if not self.flat:
            self.flat = flatten(self.text)
        assert len(self.flat) == len(self.text)

    @property
    def id(self) -> str:
        """sha256 of the normalized text; for a document without text (a scan without
        OCR, a blank file) sha256 of "\\0original\\0" and the digest of its bytes, so two
        such inputs stay two documents (no text holds a NUL: the ids cannot meet)."""
        digest = self.meta.get("original_sha256")
        if digest and not self.text.strip():
            return hashlib.sha256(b"\0original\0" + digest.encode("ascii")).hexdigest()
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for text[start:end], trimmed of surrounding whitespace and debris."""
        while start < end and self.flat[start].isspace():
            start += 1
        while end > start and self.flat[end - 1].isspace():
            end -= 1
        return Evidence(start=start, end=end, text=self.text[start:end])

    def value(self, start: int, end: int) -> str:
        """The contract's value for text[start:end]: whitespace collapsed, debris gone."""
        return clean_value(self.text[start:end])

    @property
    def year(self) -> int | None:
        """Year of the document's date, for rules that change over time."""
        issued = self.document.issued_on if self.document else None
        return int(issued[:4]) if issued else None
