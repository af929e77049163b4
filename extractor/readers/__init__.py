"""Readers: bytes of a file -> text and what the file says about itself.

The format is chosen by content (magic bytes), not by the file's suffix alone.
Every failure is a `ReadError` naming the file and the cause in one line.
"""
from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from extractor.readers import limits
from extractor.readers.limits import MB


# meta key: sha256 of the bytes (or raw text) a document without text was read from
ORIGINAL_DIGEST = "original_sha256"


class ReadError(Exception):
    """A file that cannot be read: `str(err)` is "<source>: <cause>"."""

    def __init__(self, source: str, cause: str):
        self.source, self.cause = source, cause
        super().__init__(f"{source}: {cause}")


@dataclass
class ReadResult:
    text: str
    format: str                                   # text, html, pdf, docx, doc, rtf, odt, image
    meta: dict[str, Any] = field(default_factory=dict)
    # meta keys a reader may set: title, published (ISO), author, pages,
    # pages_without_text (1-based list), pages_ocr, tables (list of rows)


def sniff(data: bytes) -> str:
    """The format of `data` from its first bytes."""
    head = data[:2048]
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        # an office file in a zip (Word, OpenDocument, or a spreadsheet the reader refuses)
        # names its parts or its type near the start; Word may write "word\document.xml"
        start = data[:65536]
        office = (b"[Content_Types].xml", b"word/", b"word\\", b"mimetypeapplication/vnd.oasis.opendocument")
        return "docx" if any(m in start for m in office) else "zip"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # legacy .doc/.xls/.ppt
    if head.startswith(b"{\\rtf"):
        return "rtf"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered[:1024] or b"<body" in lowered:
        return "html"
    if _FRAGMENT_RE.match(lowered) or len(_CLOSING_RE.findall(lowered)) >= 3:
        return "html"  # a fragment saved without <html>: "<div class=...><p>..."
    return "text"


# A saved piece of a page opens with a block element or a comment, or is full of closing tags.
_FRAGMENT_RE = re.compile(rb"<(?:!--|div|p|table|section|article|span|h[1-6]|ul|ol|center|font|meta|head|title)[\s>/]")
_CLOSING_RE = re.compile(rb"</(?:p|div|td|tr|table|span|li|h[1-6])>")


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Letters that look like Vietnamese ones and stand for them in some fonts and text layers:
# the Icelandic eth "Ð" for "Đ" ("NÐ-CP").
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def read_bytes(data: bytes, source: str = "-") -> ReadResult:
    """Text and metadata of a file's bytes, within the limits of `limits.current()`."""
    lim = limits.current()
    if not data:
        raise ReadError(source, "empty file")
    if len(data) > lim.max_bytes:
        raise ReadError(source, f"file too large ({len(data) / MB:.1f} MB; the limit is {lim.max_bytes / MB:.0f} MB)")
    result = finish(_dispatch(data, source, lim), lim)
    if not result.text.strip():
        # no text to name it by: the file's own bytes do (see `finish`)
        result.meta[ORIGINAL_DIGEST] = hashlib.sha256(data).hexdigest()
    return result


def _dispatch(data: bytes, source: str, lim: limits.Limits) -> ReadResult:
    kind = sniff(data)
    if kind == "text":
        from extractor.readers.text import read_text
        return read_text(data, source)
    if kind == "html":
        from extractor.readers.html import read_html
        return read_html(data, source, lim)
    if kind == "pdf":
        from extractor.readers.pdf import read_pdf
        return read_pdf(data, source, lim)
    if kind in ("docx", "ole", "rtf"):
        from extractor.readers import office
        sub = kind if kind == "rtf" else office.ole_kind(data) if kind == "ole" else office.zip_kind(data) or "docx"
        if sub in office.NOT_DOCUMENTS:
            raise office.refuse(sub, source)
        if sub == "docx":
            from extractor.readers.docx import read_docx
            return read_docx(data, source, lim)
        if sub is None:
            raise ReadError(source, "a legacy Word/Excel (OLE) file that holds no Word document")
        return office.read_converted(data, sub, source, lim)
    if kind == "image":
        from extractor.readers.image import read_image
        return read_image(data, source, lim)
    if kind == "zip":
        raise ReadError(source, "a zip archive, not a document (use `vanban batch` for archives)")
    raise ReadError(source, f"unsupported format {kind}")


def finish(result: ReadResult, lim: limits.Limits | None = None) -> ReadResult:
    """What every reader's text gets: no control characters (they break JSON consumers
    and PostgreSQL), at most `max_chars` characters, each with a warning."""
    lim = lim or limits.current()
    warnings = result.meta.setdefault("warnings", [])
    text, removed = _CONTROL_RE.subn("", result.text.translate(_LOOKALIKES))
    if removed:
        warnings.append(f"{removed} control characters removed from the text")
    if len(text) > lim.max_chars:
        warnings.append(f"text truncated to its first {lim.max_chars} of {len(text)} characters")
        text = text[: lim.max_chars]
    if not text.strip():
        warnings.append("the file holds no text")
        # Without text, the text's hash would give every such document one id (and the
        # store would keep only the first): the digest of what was read names it instead.
        result.meta.setdefault(ORIGINAL_DIGEST, hashlib.sha256(result.text.encode("utf-8", "surrogatepass")).hexdigest())
    result.text = text
    if not warnings:
        del result.meta["warnings"]
    return result


def read_path(path: str | Path) -> ReadResult:
    """Text and metadata of a file (or a FIFO, or a pipe such as `<(command)`), read
    within the limits (see `limits.read_file`)."""
    return read_bytes(limits.read_file(path), str(path))


def read_stdin(stream: BinaryIO | None = None, source: str = "-") -> bytes:
    """The bytes of standard input, at most `max_bytes` of them: past that, a
    `ReadError` at once rather than a process that grows until memory runs out."""
    stream = stream if stream is not None else sys.stdin.buffer
    return limits.read_stream(stream, limits.current().max_bytes, source, "standard input")
