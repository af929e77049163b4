"""What a batch reads: every document inside the inputs it is given, one `Item` each.

An input is a folder (walked recursively), a zip or tar archive (optionally
compressed), a JSONL file (optionally gzipped) whose lines hold a `text` or
`html` field, or a WARC file of crawled pages. Which of these a file is comes
from its content (magic bytes, the first decompressed bytes), its name only
breaks ties (".jsonl"). Archives inside folders or archives are opened too.

Items are produced lazily, one at a time, so that a 5 GB archive never sits in
memory. A line or member that cannot be turned into a document becomes an Item
with `error` set: the batch records it as a failure and goes on.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO, Iterable, Iterator

from extractor.readers import ReadError, limits, sniff
from extractor.readers.limits import CHUNK, MB, read_stream

# Formats the pipeline reads (see extractor.readers.sniff), and legacy Office
# files, which it refuses with a reason worth recording; anything else found
# while walking a folder or an archive is not a document and is passed over.
DOCUMENT_FORMATS = {"text", "html", "pdf", "docx", "image", "ole"}
# JSONL fields that hold the document, in order of preference.
TEXT_FIELDS = ("text", "html")
ID_FIELDS = ("id",)
SOURCE_FIELDS = ("source", "url", "uri")
# WARC responses worth extracting, by the HTTP Content-Type's main part.
WARC_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/pdf",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
_HEAD = 4096
CONTAINERS = ("zip", "tar", "jsonl", "warc")
MAX_DEPTH = 4  # archives inside archives opened at most this deep
# Text files that are data or code rather than documents: passed over when a
# folder is walked (a file named on the command line is always tried).
NOT_DOCUMENTS = (".json", ".csv", ".tsv", ".py", ".js", ".css", ".yml", ".yaml", ".toml", ".ini", ".cfg", ".log")


@dataclass
class Item:
    """One document to extract. `kind` "text" means `data` is already-decoded
    text (UTF-8) that goes straight to normalization; "bytes" means a file whose
    format the readers sniff."""

    id: str                  # stable name of the input: path, "a.zip!dir/b.pdf", JSONL id, page URL (WARC)
    source: str              # document.source: the path or URL it came from
    data: bytes = b""
    kind: str = "bytes"      # "bytes" | "text"
    error: str | None = None  # set when the input itself is broken: recorded, not extracted
    seq: int = 0             # its place among the batch's items (the driver numbers them)

    @cached_property
    def content_hash(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)


def classify(head: bytes, name: str) -> str | None:
    """What a file is from its first (decompressed) bytes: "zip", "tar", "gzip",
    "jsonl", "warc", "json" (not a document), a document format, or None."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if sniff(head) == "docx" or _looks_docx_name(name) else "zip"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    if head.startswith(b"WARC/"):
        return "warc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")) and stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith((b"{", b"[")) and lower.endswith((".json", ".json.gz")):
        return "json"
    kind = sniff(head)
    if kind == "text" and b"\x00" in head and not _utf16(head):
        return None  # binary data of some other kind
    return kind if kind in DOCUMENT_FORMATS else None


def _looks_docx_name(name: str) -> bool:
    return name.lower().endswith((".docx", ".docm", ".dotx"))


def _utf16(head: bytes) -> bool:
    """UTF-16 text, with a byte-order mark or without one (either byte order): the
    same test as the text reader's, so that the walk keeps what `extract` reads."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return any(len(highs) >= 8 and highs.count(0) > len(highs) * 3 // 4 for highs in (head[1::2], head[0::2]))


class _Rewound(io.RawIOBase):
    """A stream whose first bytes were read to tell what it is, given back in front
    of the rest; wrapped in a BufferedReader for `read`, `readline(size)`."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _peek(fh: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """The first bytes of a stream, and the stream as it was (nothing consumed)."""
    head = fh.read(_HEAD)
    return head, io.BufferedReader(_Rewound(head, fh))


def iter_items(inputs: Iterable[str | Path]) -> Iterator[Item]:
    """Every document in `inputs`, in a stable order (sorted paths, archive order)."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            yield from _folder(path)
        elif path.exists():  # a file, or a FIFO / pipe (`<(zcat crawl.gz)`), read as a stream
            yield from _file(path, explicit=True)
        else:
            yield Item(id=str(path), source=str(path), error="no such file or folder")


def _folder(root: Path) -> Iterator[Item]:
    """The files under a folder, hidden ones left out. A symbolic link is followed only
    to a file inside the folder: one pointing out of it (to /etc/passwd, say) is a
    failure, never read and never stored as an original."""
    inside = root.resolve()
    for f in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in f.relative_to(root).parts):
            continue
        if f.is_symlink():
            target = f.resolve()
            if not target.is_relative_to(inside):
                yield Item(id=str(f), source=str(f), error="a symbolic link to a file outside the input folder: not read")
                continue
        if f.is_file():
            yield from _file(f, explicit=False)


def _file(path: Path, *, explicit: bool) -> Iterator[Item]:
    """A file: a container to open, a document, or (walking a folder) something else to pass over.
    A file named on the command line is tried whatever it looks like: its failure then says why."""
    name = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD)
            if path.is_file() and classify(head, name) == "zip":  # zip needs to seek: the file itself
                fh.seek(0)
                yield from _container("zip", fh, name, 0)
                return
            yield from _stream(io.BufferedReader(_Rewound(head, fh)), name, explicit=explicit, depth=0)
    except OSError as e:
        yield Item(id=name, source=name, error=f"cannot read: {e.strerror or e}")


def _stream(fh: IO[bytes], name: str, *, explicit: bool, depth: int) -> Iterator[Item]:
    """A file or an archive member as a stream: a gzip to open, a container to walk,
    or a document, read within `max_bytes` (decompressed bytes counted as they come)."""
    head, fh = _peek(fh)
    kind = classify(head, name)
    inner = name
    if kind == "gzip":
        inner = name[:-3] if name.lower().endswith(".gz") else name
        try:
            gz = gzip.GzipFile(fileobj=fh)
            head, fh = _peek(gz)
        except (OSError, EOFError, zlib.error) as e:
            yield Item(id=name, source=name, error=f"broken gzip: {e}")
            return
        kind = classify(head, inner)
    if kind in CONTAINERS:
        if depth >= MAX_DEPTH:
            yield Item(id=name, source=name, error=f"archives nested more than {MAX_DEPTH} deep: not opened")
            return
        if kind == "zip":  # a zip inside an archive or a gzip: its bytes, to seek in
            try:
                fh = io.BytesIO(read_stream(fh, limits.current().max_bytes, name, "the zip archive"))
            except ReadError as e:
                yield Item(id=name, source=name, error=e.cause)
                return
            except (OSError, EOFError, zlib.error) as e:
                yield Item(id=name, source=name, error=f"broken gzip: {e}")
                return
        yield from _container(kind, fh, name, depth + 1)
        return
    if not explicit and (kind not in DOCUMENT_FORMATS or inner.lower().endswith(NOT_DOCUMENTS)):
        return
    try:
        data = read_stream(fh, limits.current().max_bytes, name,
                           "the decompressed document" if inner != name else "the document")
    except ReadError as e:
        yield Item(id=name, source=name, error=e.cause)
        return
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as e:
        yield Item(id=name, source=name, error=f"broken {'gzip' if inner != name else 'file'}: {e}")
        return
    yield _document(name, name, data)


class _Broken(Exception):
    """A container that cannot be read on."""


def _document(id_: str, source: str, data: bytes) -> Item:
    return Item(id=id_, source=source, data=data, kind="bytes")


def _container(kind: str, fh: IO[bytes], name: str, depth: int) -> Iterator[Item]:
    try:
        if kind == "zip":
            yield from _zip(fh, name, depth)
        elif kind == "tar":
            yield from _tar(fh, name, depth)
        elif kind == "jsonl":
            yield from _jsonl(fh, name)
        elif kind == "warc":
            yield from _warc(fh, name)
    except (_Broken, OSError, EOFError, zlib.error, zipfile.BadZipFile, tarfile.TarError) as e:
        # A truncated archive: what came before is kept, the rest is one failure.
        yield Item(id=name, source=name, error=f"broken {kind} archive: {e}")


def _zip(fh: IO[bytes], name: str, depth: int) -> Iterator[Item]:
    with zipfile.ZipFile(fh) as zf:
        for info in zf.infolist():
            if info.is_dir() or _hidden(info.filename):
                continue
            mid = f"{name}!{info.filename}"
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                # bzip2 and LZMA members inflate a whole block per read: not bounded
                yield Item(id=mid, source=mid, error=f"compression method {info.compress_type} "
                                                     "(only stored and deflate are read)")
                continue
            try:
                with zf.open(info) as member:
                    yield from _stream(member, mid, explicit=False, depth=depth)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, zlib.error) as e:
                yield Item(id=mid, source=mid, error=f"cannot unpack: {e}")


def _tar(fh: IO[bytes], name: str, depth: int) -> Iterator[Item]:
    # Stream mode without compression ("r|"): members are read in order without
    # seeking; a gzipped tar was already opened as a gzip stream by the caller.
    with tarfile.open(fileobj=fh, mode="r|") as tf:
        for info in tf:
            if not info.isfile() or _hidden(info.name):
                continue
            member = tf.extractfile(info)
            if member is None:
                continue
            yield from _stream(member, f"{name}!{info.name}", explicit=False, depth=depth)


def _hidden(member: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in member.split("/") if part)


def _first(obj: dict, fields: tuple[str, ...]):
    for f in fields:
        v = obj.get(f)
        if v not in (None, ""):
            return v
    return None


def _lines(fh: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) of a stream, each line read within `limit` bytes; a longer
    line is (number, None), and the rest of it is read past in chunks, never held."""
    lineno = 0
    while line := fh.readline(limit + 1):
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := fh.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, line


def _jsonl(fh: IO[bytes], name: str) -> Iterator[Item]:
    limit = limits.current().max_bytes
    for lineno, line in _lines(fh, limit):
        fallback = f"{name}#{lineno}"
        if line is None:
            yield Item(id=fallback, source=name, error=f"line {lineno} is longer than the limit of {limit / MB:g} MB")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as e:  # JSONDecodeError, UnicodeDecodeError, nesting
            yield Item(id=fallback, source=name, error=f"line {lineno} is not JSON: {str(e)[:200] or type(e).__name__}")
            continue
        del line
        if not isinstance(obj, dict):
            yield Item(id=fallback, source=name, error=f"line {lineno} is not a JSON object")
            continue
        id_ = str(_first(obj, ID_FIELDS) or fallback)
        source = str(_first(obj, SOURCE_FIELDS) or id_)
        text, html = obj.get("text"), obj.get("html")
        if isinstance(text, str) and text.strip():
            yield Item(id=id_, source=source, data=text.encode("utf-8", "surrogatepass"), kind="text")
        elif isinstance(html, str) and html.strip():
            yield Item(id=id_, source=source, data=html.encode("utf-8", "surrogatepass"), kind="bytes")
        else:
            yield Item(id=id_, source=source, error=f"line {lineno} has no {' or '.join(TEXT_FIELDS)} field")


def _warc(fh: IO[bytes], name: str) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = limits.current().max_bytes
    try:
        for rec in ArchiveIterator(fh):
            if rec.rec_type not in ("response", "resource"):
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI") or rec.rec_headers.get_header("WARC-Record-ID") or name
            if rec.rec_type == "response":
                if rec.http_headers is None:
                    continue
                status = rec.http_headers.get_statuscode() or ""
                ctype = rec.http_headers.get_header("Content-Type") or ""
                if not status.startswith("2"):
                    continue
            else:
                ctype = rec.rec_headers.get_header("Content-Type") or ""
            if ctype and not ctype.split(";")[0].strip().lower().startswith(WARC_TYPES):
                continue
            try:
                data = read_stream(rec.content_stream(), limit, uri, "the page")
            except ReadError as e:
                yield Item(id=uri, source=uri, error=e.cause)
                continue
            if data.strip():
                yield Item(id=uri, source=uri, data=data, kind="bytes")
    except ArchiveLoadFailed as e:
        raise _Broken(str(e)) from None


def count_items(inputs: Iterable[str | Path]) -> int:
    """How many items `iter_items` will give (for the progress bar's ETA). Reads
    the inputs once more, cheap next to extraction: a JSONL file's lines are
    counted without being parsed."""
    n = 0
    for raw in inputs:
        path = Path(raw)
        lines = _count_jsonl_lines(path) if path.is_file() else None
        n += lines if lines is not None else sum(1 for _ in iter_items([path]))
    return n


def _count_jsonl_lines(path: Path) -> int | None:
    """Lines of a (gzipped) JSONL file, counted in chunks (a line may be a gigabyte);
    None for any other kind of file."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD)
        opener = gzip.open if head.startswith(b"\x1f\x8b") else open
        name = str(path)[:-3] if head.startswith(b"\x1f\x8b") and str(path).lower().endswith(".gz") else str(path)
        with opener(path, "rb") as fh:
            if classify(fh.read(_HEAD), name) != "jsonl":
                return None
            fh.seek(0)
            lines, last = 0, b"\n"
            while chunk := fh.read(CHUNK):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
            return lines + (last != b"\n")
    except (OSError, EOFError, zlib.error):
        return None
