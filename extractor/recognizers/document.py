"""The `document` header: kind, title, number, issuer, date, place, signer, author."""
from __future__ import annotations

from extractor.doc import Doc
from models.records import Document


def recognize(doc: Doc) -> Document:
    meta = doc.meta
    return Document(
        id=doc.id, source=doc.source, kind="other",
        title=meta.get("title"), issued_on=meta.get("published"), author=meta.get("author"),
        format=meta.get("format"), pages=meta.get("pages"),
        pages_without_text=meta.get("pages_without_text") or [],
        pages_ocr=meta.get("pages_ocr") or [],
    )
