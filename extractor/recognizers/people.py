"""Recognizer for `people` of RECORDS.md (basic; deepened by its own issue)."""
from __future__ import annotations

from extractor.doc import Doc


def recognize(doc: Doc) -> list:
    return []
