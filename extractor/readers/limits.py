"""Per-document limits that every reader enforces, so that no single file —
broken, hostile or just enormous — can take the process's time or memory.

Defaults suit a public upload endpoint on a small machine; each can be changed
with an environment variable `VANBAN_<NAME>` (e.g. `VANBAN_MAX_PAGES=2000`).
A file over a hard limit is a `ReadError`; where part of a document is still
useful (pages beyond `max_pages`, text beyond `max_chars`) the reader keeps the
first part and says so in `meta["warnings"]`.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, fields

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 40 * MB            # size of the file itself
    max_chars: int = 4_000_000          # text kept from one document (then truncated + warning)
    max_pages: int = 500                # PDF pages read (then the rest skipped + warning)
    max_ocr_pages: int = 40             # pages sent to Tesseract per document
    ocr_workers: int = min(2, os.cpu_count() or 1)  # Tesseract processes side by side for one document
    ocr_dpi: int = 300                  # rendering resolution for OCR
    max_pixels: int = 40_000_000        # one rendered page or image (about 6000 x 6600)
    ocr_timeout: float = 60.0           # seconds for one page in Tesseract
    max_seconds: float = 300.0          # reading one document (checked between pages; the server sets its own)
    max_zip_members: int = 2_000        # entries in a DOCX (a zip)
    max_unzipped: int = 200 * MB        # declared uncompressed size of all entries together
    max_xml_bytes: int = 60 * MB        # one XML part of a DOCX (lxml refuses single text nodes > 10 MB)
    max_zip_ratio: int = 200            # uncompressed / compressed size of one large entry
    max_html_bytes: int = 15 * MB       # an HTML page

    @classmethod
    def from_env(cls) -> "Limits":
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"VANBAN_{f.name.upper()}")
            if raw:
                try:
                    values[f.name] = type(f.default)(raw)
                except ValueError:
                    raise ValueError(f"VANBAN_{f.name.upper()}={raw!r} is not a valid {type(f.default).__name__}") from None
        return cls(**values)


def current() -> Limits:
    """Limits in force now (read from the environment each time: cheap, and tests can change it)."""
    return Limits.from_env()


class Deadline:
    """Wall-clock budget of one document; `expired()` is checked between pages."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def expired(self) -> bool:
        return time.monotonic() > self.end
