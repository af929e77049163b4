"""One path from the bytes of a document to its `Record`:
read -> normalize -> recognizers -> validated record.

The command line, the batch runner and the HTTP service all call `extract_*`.
"""
from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

from extractor import __version__
from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.readers import ReadResult, finish, read_bytes, read_path
from extractor.recognizers import committees, dates, document, legal_refs, people, task_stats  # noqa: F401
from models.records import Record

log = logging.getLogger(__name__)

# Order matters: later recognizers may read what earlier ones cached on the Doc.
RECOGNIZERS: list[tuple[str, Callable[[Doc], list]]] = [
    ("dates", dates.recognize),
    ("legal_refs", legal_refs.recognize),
    ("task_stats", task_stats.recognize),
    ("people", people.recognize),
    ("committees", committees.recognize),
]


def extract_doc(doc: Doc, *, strict: bool = False, with_text: bool = False) -> Record:
    """Run the recognizers over a prepared Doc. A recognizer that fails costs its
    own section (and a warning), not the document — unless `strict`. The cycle collector
    is paused meanwhile (`cycle_collection_paused`): the layers and recognizers allocate
    many small objects and make no cycles to speak of, and each collection would walk the
    whole heap, which grows with the document."""
    sections: dict[str, list] = {}
    with cycle_collection_paused():
        doc.document = document.recognize(doc)
        for name, recognize in RECOGNIZERS:
            try:
                sections[name] = recognize(doc)
            except Exception as e:  # noqa: BLE001 - one bad recognizer must not lose the record
                if strict:
                    raise
                log.exception("%s: recognizer %s failed", doc.source, name)
                doc.warnings.append(f"recognizer {name} failed: {type(e).__name__}: {e}")
                sections[name] = []
            doc.cache[name] = sections[name]  # later recognizers may use earlier items
    if doc.meta.get("pages_without_text") and not doc.meta.get("pages_ocr"):
        pages = doc.meta["pages_without_text"]
        doc.warnings.append(
            f"{len(pages)} of {doc.meta.get('pages')} pages have no text layer (scanned images?): "
            f"pages {', '.join(map(str, pages[:20]))}{' ...' if len(pages) > 20 else ''}"
        )
    for w in doc.meta.get("warnings") or []:
        doc.warnings.append(w)
    return Record(
        extractor_version=__version__,
        document=doc.document,
        warnings=list(dict.fromkeys(doc.warnings)),
        text=doc.text if with_text else None,
        **sections,
    )


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a document is read: each collection it would
    trigger walks the whole heap, which holds what the layers and recognizers before found
    (a long document's tokens, rows, thousands of references), so that its cost would grow
    with the square of the text. What they allocate makes no cycles to speak of; reference
    counting frees it, and the collector runs again after the document."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def make_doc(read: ReadResult, source: str) -> Doc:
    meta: dict[str, Any] = dict(read.meta)
    meta["format"] = read.format
    return Doc(text=normalize(read.text), source=source, meta=meta)


def extract_text(text: str, source: str = "-", **kw: Any) -> Record:
    """Extract from text already decoded; it gets the readers' clean-up and limits."""
    return extract_doc(make_doc(finish(ReadResult(text=text, format="text")), source), **kw)


def extract_bytes(data: bytes, source: str = "-", **kw: Any) -> Record:
    return extract_doc(make_doc(read_bytes(data, source), source), **kw)


def extract(path: str | Path, **kw: Any) -> Record:
    """Extract the record of one file. Raises `ReadError` for a file that cannot be read."""
    return extract_doc(make_doc(read_path(path), str(path)), **kw)
