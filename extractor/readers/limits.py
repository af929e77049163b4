"""Per-document limits that every reader enforces, so that no single file —
broken, hostile or just enormous — can take the process's time or memory.

Defaults suit a public upload endpoint on a small machine; each can be changed
with an environment variable `VANBAN_<NAME>` (e.g. `VANBAN_MAX_PAGES=2000`).
A file over a hard limit is a `ReadError`; where part of a document is still
useful (pages beyond `max_pages`, text beyond `max_chars`) the reader keeps the
first part and says so in `meta["warnings"]`.

Every byte that enters comes through the bounded reads below (files, standard
input, pipes and FIFOs, archive members, gzip streams, DOCX parts): they read in
chunks and count what they get, decompressed bytes included, and stop with a
`ReadError` one chunk past the limit. Sizes that a file declares about itself
(`stat` of a growing file, a zip directory, a gzip trailer) are never trusted.
"""
from __future__ import annotations

import io
import os
import select
import stat
import time
import zipfile
from dataclasses import dataclass, fields
from typing import IO

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
    table_seconds: float = 2.0          # reading a PDF's ruled tables as rows (the rest keep their plain text)
    max_zip_members: int = 2_000        # entries in a DOCX (a zip)
    max_unzipped: int = 200 * MB        # declared uncompressed size of all entries together
    max_xml_bytes: int = 60 * MB        # one XML part of a DOCX (lxml refuses single text nodes > 10 MB)
    max_zip_ratio: int = 200            # uncompressed / compressed size of one large entry
    # tags (opening and closing) in one XML part of a DOCX: reading costs time and memory
    # per element, not per byte (a 1000-page decree has under a million; 2M take ~10 s, ~400 MB)
    max_xml_tags: int = 2_000_000
    max_html_bytes: int = 15 * MB       # an HTML page
    max_wait: float = 10.0              # seconds a FIFO may stay silent (nobody writing to it?)

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


# --- bounded reads ------------------------------------------------------------------

CHUNK = 1 << 20  # bytes asked for at once: also the most a decompressor makes per step


def _size(n: int) -> str:
    return f"{n / MB:g} MB" if n >= MB else f"{n} bytes"


def _error(source: str, cause: str) -> Exception:
    from extractor.readers import ReadError  # the package imports this module first

    return ReadError(source, cause)


def read_stream(fh: IO[bytes], limit: int, source: str, what: str = "the file",
                too_large: str | None = None) -> bytes:
    """All of a stream, read chunk by chunk, or a `ReadError` as soon as it passes
    `limit` bytes. The stream may decompress as it is read (gzip, a zip member): no
    more than one chunk beyond the limit is ever made. `too_large` replaces the
    message "<what> is larger than the limit of <limit>"."""
    buf = bytearray()
    while chunk := fh.read(min(CHUNK, limit + 1 - len(buf))):
        buf += chunk
        if len(buf) > limit:
            raise _error(source, too_large or f"{what} is too large (over the limit of {_size(limit)})")
    return bytes(buf)


def read_file(path: str | os.PathLike, lim: Limits | None = None, source: str | None = None) -> bytes:
    """The bytes of a file, a FIFO or a pipe (`<(command)`), at most `max_bytes`.
    A FIFO nobody writes to is an error after `max_wait` seconds, not a hang."""
    lim = lim or current()
    source = source or str(path)
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise _error(source, "is a directory")
        if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
            return _read_pipe(path, lim, source)
        with open(path, "rb") as fh:  # regular files and devices; stat's size is not trusted
            return read_stream(fh, lim.max_bytes, source)
    except FileNotFoundError:
        raise _error(source, "no such file") from None
    except IsADirectoryError:
        raise _error(source, "is a directory") from None
    except OSError as e:
        raise _error(source, e.strerror or str(e)) from None


def _read_pipe(path: str | os.PathLike, lim: Limits, source: str) -> bytes:
    """A FIFO opened without blocking, read as data comes; silent for `max_wait`
    seconds (no writer, or a stalled one) is an error."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP)
        buf = bytearray()
        while True:
            if not poller.poll(lim.max_wait * 1000):
                raise _error(source, f"nothing written to it for {lim.max_wait:g} s "
                                     "(a FIFO with no writer?)" if not buf else
                                     f"the writer stalled for {lim.max_wait:g} s")
            try:
                chunk = os.read(fd, CHUNK)
            except BlockingIOError:
                continue
            if not chunk:
                return bytes(buf)
            buf += chunk
            if len(buf) > lim.max_bytes:
                raise _error(source, f"the file is too large (over the limit of {_size(lim.max_bytes)})")
    finally:
        os.close(fd)


def gunzip(data: bytes, limit: int, source: str) -> bytes:
    """Decompressed gzip data (every member), counted as it is made: a `ReadError`
    past `limit` bytes or for a broken stream."""
    import gzip
    import zlib

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            return read_stream(gz, limit, source, "its gzip content")
    except (OSError, EOFError, zlib.error) as e:
        raise _error(source, f"broken gzip: {e}") from None


# Compression methods whose decompression Python's zipfile bounds per read; bzip2
# and LZMA members are decompressed a whole compressed block at a time (gigabytes
# from a few kilobytes), so they are refused.
_ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, source: str,
                too_large: str | None = None) -> bytes:
    """One zip member, decompressed chunk by chunk and counted: the sizes the zip
    declares are not trusted (a member that inflates past what it declares fails its
    check, one that inflates past `limit` stops there)."""
    if info.compress_type not in _ZIP_METHODS:
        raise _error(source, f"zip member {info.filename} uses compression method {info.compress_type} "
                             "(only stored and deflate are read)")
    try:
        with zf.open(info) as fh:
            return read_stream(fh, limit, source, f"zip member {info.filename}", too_large)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as e:
        cause = str(e).splitlines()[0][:160] if str(e) else type(e).__name__
        raise _error(source, f"cannot unpack zip member {info.filename}: {cause}") from None


def unpack_zip(data: bytes, source: str, lim: Limits | None = None, what: str = "DOCX") -> bytes:
    """A zip (a DOCX) unpacked member by member within the limits, counting the bytes
    each one really inflates to, and packed again without compression: whatever
    reads the result (python-docx) gets members whose sizes are true and bounded.
    Limits: `max_zip_members`, `max_unzipped` in all, `max_xml_bytes` and
    `max_xml_tags` for one XML part, `max_zip_ratio` for one member over 1 MB."""
    lim = lim or current()
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        raise _error(source, f"corrupt or truncated {what} (not a readable zip: {e})") from None
    out = io.BytesIO()
    total = 0
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED, allowZip64=True) as dst:
        infos = src.infolist()
        if len(infos) > lim.max_zip_members:
            raise _error(source, f"{what} with {len(infos)} zip members (limit {lim.max_zip_members})")
        for info in infos:
            if info.is_dir():
                continue
            xml = info.filename.endswith((".xml", ".rels"))
            left = lim.max_unzipped - total
            if xml and lim.max_xml_bytes < left:
                member = read_member(src, info, lim.max_xml_bytes, source, f"{what} member {info.filename} is more "
                                     f"than {_size(lim.max_xml_bytes)} of XML (limit {_size(lim.max_xml_bytes)})")
            else:
                member = read_member(src, info, left, source, f"{what} would unpack to more than "
                                     f"{_size(lim.max_unzipped)}: zip bomb?")
            total += len(member)
            if xml and (tags := member.count(b"<")) > lim.max_xml_tags:
                raise _error(source, f"{what} member {info.filename} has {tags} XML tags "
                                     f"(limit {lim.max_xml_tags}): an XML flood?")
            if len(member) > MB and len(member) > lim.max_zip_ratio * max(info.compress_size, 1):
                raise _error(source, f"{what} member {info.filename} is compressed "
                                     f"{len(member) // max(info.compress_size, 1)}:1: zip bomb?")
            dst.writestr(info.filename, member)
    return out.getvalue()
