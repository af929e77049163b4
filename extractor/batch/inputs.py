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
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO, Iterable, Iterator

from extractor.readers import sniff

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
    return head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1::2].count(0) > len(head[1::2]) // 2


def iter_items(inputs: Iterable[str | Path]) -> Iterator[Item]:
    """Every document in `inputs`, in a stable order (sorted paths, archive order)."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts):
                    yield from _file(f, explicit=False)
        elif path.is_file():
            yield from _file(path, explicit=True)
        else:
            yield Item(id=str(path), source=str(path), error="no such file or folder")


def _file(path: Path, *, explicit: bool) -> Iterator[Item]:
    """A file: a container to open, a document, or (walking a folder) something else to pass over.
    A file named on the command line is tried whatever it looks like: its failure then says why."""
    name = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD)
            kind = classify(head, name)
            if kind == "gzip":
                yield from _gzip_file(path, name, explicit)
                return
            if kind in CONTAINERS:
                fh.seek(0)
                yield from _container(kind, fh, name)
                return
        if not explicit and (kind not in DOCUMENT_FORMATS or kind == "text" and name.lower().endswith(NOT_DOCUMENTS)):
            return
        yield _document(name, name, path.read_bytes())
    except OSError as e:
        yield Item(id=name, source=name, error=f"cannot read: {e.strerror or e}")


def _gzip_file(path: Path, name: str, explicit: bool) -> Iterator[Item]:
    """A gzipped tar, JSONL or WARC, or a single gzipped document."""
    inner_name = name[:-3] if name.lower().endswith(".gz") else name
    try:
        with gzip.open(path, "rb") as gz:
            kind = classify(gz.read(_HEAD), inner_name)
    except (OSError, EOFError) as e:
        yield Item(id=name, source=name, error=f"broken gzip: {e}")
        return
    if kind in CONTAINERS:
        with gzip.open(path, "rb") as gz:
            yield from _container(kind, gz, name)
    elif kind in DOCUMENT_FORMATS and not inner_name.lower().endswith(NOT_DOCUMENTS) or explicit:
        try:
            with gzip.open(path, "rb") as gz:
                data = gz.read()
        except (OSError, EOFError) as e:
            yield Item(id=name, source=name, error=f"broken gzip: {e}")
            return
        yield _document(name, name, data)


class _Broken(Exception):
    """A container that cannot be read on."""


def _document(id_: str, source: str, data: bytes) -> Item:
    return Item(id=id_, source=source, data=data, kind="bytes")


def _container(kind: str, fh: IO[bytes], name: str) -> Iterator[Item]:
    try:
        if kind == "zip":
            yield from _zip(fh, name)
        elif kind == "tar":
            yield from _tar(fh, name)
        elif kind == "jsonl":
            yield from _jsonl(fh, name)
        elif kind == "warc":
            yield from _warc(fh, name)
    except (_Broken, OSError, EOFError, zipfile.BadZipFile, tarfile.TarError) as e:
        # A truncated archive: what came before is kept, the rest is one failure.
        yield Item(id=name, source=name, error=f"broken {kind} archive: {e}")


def _member(id_: str, data: bytes) -> Iterator[Item]:
    """A member of an archive: a document, or an archive/JSONL/WARC to open in turn."""
    kind = classify(data[:_HEAD], id_)
    if kind == "gzip":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            yield Item(id=id_, source=id_, error=f"broken gzip: {e}")
            return
        id_gz = id_[:-3] if id_.lower().endswith(".gz") else id_
        kind = classify(data[:_HEAD], id_gz)
    if kind in CONTAINERS:
        yield from _container(kind, io.BytesIO(data), id_)
    elif kind in DOCUMENT_FORMATS and not id_.lower().endswith(NOT_DOCUMENTS):
        yield _document(id_, id_, data)


def _zip(fh: IO[bytes], name: str) -> Iterator[Item]:
    with zipfile.ZipFile(fh if fh.seekable() else io.BytesIO(fh.read())) as zf:
        for info in zf.infolist():
            if info.is_dir() or _hidden(info.filename):
                continue
            mid = f"{name}!{info.filename}"
            try:
                data = zf.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
                yield Item(id=mid, source=mid, error=f"cannot unpack: {e}")
                continue
            yield from _member(mid, data)


def _tar(fh: IO[bytes], name: str) -> Iterator[Item]:
    # Stream mode ("r|*"): members are read in order without seeking, so a
    # gzipped tar is decompressed once.
    with tarfile.open(fileobj=fh, mode="r|*") as tf:
        for info in tf:
            if not info.isfile() or _hidden(info.name):
                continue
            member = tf.extractfile(info)
            if member is None:
                continue
            yield from _member(f"{name}!{info.name}", member.read())


def _hidden(member: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in member.split("/") if part)


def _first(obj: dict, fields: tuple[str, ...]):
    for f in fields:
        v = obj.get(f)
        if v not in (None, ""):
            return v
    return None


def _jsonl(fh: IO[bytes], name: str) -> Iterator[Item]:
    for lineno, line in enumerate(fh, 1):
        if not line.strip():
            continue
        fallback = f"{name}#{lineno}"
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            yield Item(id=fallback, source=name, error=f"line {lineno} is not JSON: {e}")
            continue
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
            data = rec.content_stream().read()
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
    """Non-empty lines of a (gzipped) JSONL file; None for any other kind of file."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD)
        opener = gzip.open if head.startswith(b"\x1f\x8b") else open
        name = str(path)[:-3] if head.startswith(b"\x1f\x8b") and str(path).lower().endswith(".gz") else str(path)
        with opener(path, "rb") as fh:
            if classify(fh.read(_HEAD), name) != "jsonl":
                return None
            fh.seek(0)
            return sum(1 for line in fh if line.strip())
    except (OSError, EOFError):
        return None
