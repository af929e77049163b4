"""The batch driver: reads the inputs, skips what the store already holds,
hands the rest to an engine, and writes every result itself — to the store, to
a JSONL file of records, and failures to an errors file.

Only the driver writes, one document per store transaction, so an interrupted
batch (Ctrl-C, a crash) leaves whole documents or nothing, and running it again
finishes the rest: a document is skipped when the store has its content hash
with the current extractor version.

The output file is a function of the inputs and the store, so that a run resumed
after a kill ends with the very file an uninterrupted run writes: one line per
input that gave a record, in the order of the inputs (results that finish early
wait for the ones before them), each the record the store holds for it — read
back for inputs skipped as already stored. The errors file likewise lists the
failures of this run's inputs in their order (failed inputs are tried again).
"""
from __future__ import annotations

import json
import re
import signal
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Protocol

from extractor import __version__
from extractor.batch.inputs import Item, count_items, iter_items
from extractor.batch.work import Outcome

KINDS = ("legal_refs", "dates", "task_stats", "committees", "members", "people")
# the pipeline's warning when a recognizer raised (the document still got a record)
_RECOGNIZER_FAILED = re.compile(r"recognizer (\w+) failed: (.*)")


class Sink(Protocol):
    """What the batch needs of a store (see models.store.Store)."""

    def has(self, content_hash: str, extractor_version: str) -> bool: ...
    def document_id(self, content_hash: str) -> str | None: ...
    def record(self, doc_id: str) -> dict | None: ...
    def add(self, record: Any, *, original: bytes | None = None, filename: str | None = None,
            content_hash: str | None = None) -> str: ...
    def add_failure(self, source_id: str, reason: str) -> None: ...


@dataclass
class Summary:
    documents: int = 0        # items found in the inputs
    extracted: int = 0        # records produced in this run
    skipped: int = 0          # already in the store with this extractor version
    failed: int = 0
    chars: int = 0            # characters of normalized text extracted
    items: Counter = field(default_factory=Counter)   # records of each kind
    seconds: float = 0.0
    worker_seconds: float = 0.0
    interrupted: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)  # (id, reason), the first few
    recognizer_failures: Counter = field(default_factory=Counter)  # recognizer -> documents where it raised
    recognizer_errors: dict[str, str] = field(default_factory=dict)  # recognizer -> its first error

    def as_dict(self) -> dict:
        return {
            "documents": self.documents, "extracted": self.extracted, "skipped": self.skipped,
            "failed": self.failed, "chars": self.chars, "items": {k: self.items.get(k, 0) for k in KINDS},
            "seconds": round(self.seconds, 3), "docs_per_s": round(self.extracted / self.seconds, 2) if self.seconds else None,
            "chars_per_s": round(self.chars / self.seconds) if self.seconds else None,
            "interrupted": self.interrupted, "recognizer_failures": dict(self.recognizer_failures),
        }


class Progress(Protocol):
    def set_total(self, total: int) -> None: ...
    def advance(self, chars: int) -> None: ...


def count_record_items(record: dict | Any) -> Counter:
    get = record.get if isinstance(record, dict) else lambda k: getattr(record, k)
    c = Counter({k: len(get(k) or []) for k in KINDS if k != "members"})
    c["members"] = sum(len((m.get("members") if isinstance(m, dict) else m.members) or []) for m in get("committees") or [])
    return c


class InOrder:
    """Writes each item's lines (a record for the output, a failure for the errors
    file) in the order of the items, however the engine's results arrive. What waits
    for an earlier item is held in memory up to `hold_chars`, then in a temporary file,
    so one slow document cannot make the driver grow."""

    def __init__(self, write_record, write_error, hold_chars: int = 32 * 1024 * 1024):
        self.write_record, self.write_error = write_record, write_error
        self.hold_chars = hold_chars
        self.next = 0
        self.held: dict[int, tuple[str | None, str | None]] = {}
        self.held_chars = 0
        self.spilled: dict[int, tuple[int, int, int]] = {}  # seq -> (offset, record bytes, error bytes)
        self._spill = None

    def put(self, seq: int, record: str | None = None, error: str | None = None) -> None:
        if seq == self.next:
            self._emit(record, error)
            self.next += 1
            self._drain()
            return
        size = len(record or "") + len(error or "")
        if self.held_chars + size <= self.hold_chars:
            self.held[seq] = (record, error)
            self.held_chars += size
            return
        if self._spill is None:
            self._spill = tempfile.TemporaryFile()
        self._spill.seek(0, 2)
        at = self._spill.tell()
        r, e = (record or "").encode(), (error or "").encode()
        self._spill.write(r + e)
        self.spilled[seq] = (at, len(r) if record is not None else -1, len(e) if error is not None else -1)

    def _take(self, seq: int) -> tuple[str | None, str | None] | None:
        if seq in self.held:
            record, error = self.held.pop(seq)
            self.held_chars -= len(record or "") + len(error or "")
            return record, error
        if seq in self.spilled:
            at, nr, ne = self.spilled.pop(seq)
            self._spill.seek(at)
            data = self._spill.read(max(nr, 0) + max(ne, 0))
            return (data[:nr].decode() if nr >= 0 else None,
                    data[max(nr, 0):].decode() if ne >= 0 else None)
        return None

    def _drain(self) -> None:
        while (taken := self._take(self.next)) is not None:
            self._emit(*taken)
            self.next += 1

    def _emit(self, record: str | None, error: str | None) -> None:
        if record is not None:
            self.write_record(record)
        if error is not None:
            self.write_error(error)

    def close(self) -> None:
        """Write what is left, in order, past the items that never finished (an
        interrupted run: the next run writes the whole file again)."""
        for seq in sorted([*self.held, *self.spilled]):
            self._emit(*self._take(seq))
        if self._spill is not None:
            self._spill.close()
            self._spill = None


class Batch:
    """One run. `engine` is from `extractor.batch.engines`; `store` any `Sink`
    (or None: records only go to `output`)."""

    def __init__(self, engine, *, store: Sink | None = None, output: IO[str] | None = None,
                 errors: Path | None = None, progress: Progress | None = None, keep_original: bool = True):
        self.engine = engine
        self.store = store
        self.output = output
        self.errors_path = errors
        self._errors: IO[str] | None = None
        self.progress = progress
        self.keep_original = keep_original
        self.summary = Summary()
        self._stop = threading.Event()
        self._lines = InOrder(self._write_record_line, self._write_error_line)  # made afresh by each run

    # -- the run -------------------------------------------------------------
    def run(self, inputs: Iterable[str | Path]) -> Summary:
        inputs = list(inputs)
        started = time.perf_counter()
        self._lines = InOrder(self._write_record_line, self._write_error_line)
        if self.errors_path is not None and self.errors_path.exists():
            self.errors_path.unlink()  # it will list this run's failures (the store keeps them all)
        if self.progress:
            # The total is only for the ETA: count in the background so the work starts at once.
            threading.Thread(target=lambda: self.progress.set_total(count_items(inputs)), daemon=True).start()
        previous = self._catch_interrupt()
        results = self.engine.run(self._todo(iter_items(inputs)))
        try:
            for item, outcome in results:
                self._write(item, outcome)
                if self._stop.is_set():
                    self.summary.interrupted = True
                    break
        finally:
            results.close()  # an interrupted engine stops its workers here
            self._restore_interrupt(previous)
            self._lines.close()
            if self._errors:
                self._errors.close()
            if self.output:
                self.output.flush()
            self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _todo(self, items: Iterator[Item]) -> Iterator[Item]:
        """The items to extract: broken inputs are recorded as failures here,
        stored ones are skipped."""
        for seq, item in enumerate(items):
            if self._stop.is_set():
                self.summary.interrupted = True
                return
            item.seq = seq
            self.summary.documents += 1
            if item.error:
                self._fail(item, item.error)
            elif self.store is not None and self.store.has(item.content_hash, __version__):
                self.summary.skipped += 1
                doc_id = self.store.document_id(item.content_hash) if self.output is not None else None
                self._lines.put(seq, self._stored_line(doc_id, item) if doc_id else None)
                self._advance(0)
            else:
                yield item

    def _write(self, item: Item, outcome: Outcome) -> None:
        self.summary.worker_seconds += outcome.seconds
        if outcome.error or outcome.record_json is None:
            self._fail(item, outcome.error or "no record")
            return
        record = None
        if self.store is not None:
            # filename is the input's id, the name its failures were recorded under:
            # storing it clears them (a timeout that succeeds on the next run)
            from models.records import Record

            record = Record.model_validate_json(outcome.record_json)
            record.text = outcome.text
            try:
                doc_id = self.store.add(record, original=item.data if self.keep_original and item.kind == "bytes" else None,
                                        filename=item.id, content_hash=item.content_hash)
            except Exception as e:  # noqa: BLE001 - a record the store refuses is this document's failure
                self._fail(item, f"store: {type(e).__name__}: {e}")
                return
            # the line is what the store holds, as a resumed run will read it back
            self._lines.put(item.seq, self._stored_line(doc_id, item) if self.output is not None else None)
        else:
            self._lines.put(item.seq, outcome.record_json if self.output is not None else None)
        self.summary.extracted += 1
        self.summary.chars += outcome.chars
        parsed = record if record is not None else json.loads(outcome.record_json)
        self.summary.items.update(count_record_items(parsed))
        for warning in (parsed.warnings if record is not None else parsed.get("warnings")) or []:
            if m := _RECOGNIZER_FAILED.match(warning):
                self.summary.recognizer_failures[m.group(1)] += 1
                self.summary.recognizer_errors.setdefault(m.group(1), m.group(2))
        self._advance(outcome.chars)

    def _stored_line(self, doc_id: str, item: Item) -> str | None:
        """The output line of an item: its document's stored record, named by this
        input's source (one document may come from several inputs)."""
        from models.records import Record

        stored = self.store.record(doc_id) if self.store is not None else None
        if stored is None:
            return None
        record = Record.model_validate(stored)
        record.document.source = item.source
        return record.model_dump_json(exclude={"text"})

    def _fail(self, item: Item, reason: str) -> None:
        self.summary.failed += 1
        if len(self.summary.failures) < 20:
            self.summary.failures.append((item.id, reason))
        if self.store is not None:
            try:
                self.store.add_failure(item.id, reason)
            except Exception:  # noqa: BLE001 - the errors file still has it
                pass
        if self.errors_path is not None:
            self._lines.put(item.seq, error=json.dumps({"id": item.id, "source": item.source, "reason": reason,
                                                        "extractor_version": __version__}, ensure_ascii=False))
        else:
            self._lines.put(item.seq)
        self._advance(0)

    def _write_record_line(self, line: str) -> None:
        if self.output is not None:
            self.output.write(line + "\n")

    def _write_error_line(self, line: str) -> None:
        if self._errors is None:
            self.errors_path.parent.mkdir(parents=True, exist_ok=True)
            self._errors = self.errors_path.open("w", encoding="utf-8")
        self._errors.write(line + "\n")
        self._errors.flush()

    def _advance(self, chars: int) -> None:
        if self.progress:
            self.progress.advance(chars)

    # -- Ctrl-C ----------------------------------------------------------------
    def _catch_interrupt(self):
        """First Ctrl-C: finish writing the document at hand, then stop (the store
        stays consistent). A second one interrupts at once."""
        if threading.current_thread() is not threading.main_thread():
            return None

        def handler(signum, frame):  # noqa: ARG001
            if self._stop.is_set():
                raise KeyboardInterrupt
            self._stop.set()

        return signal.signal(signal.SIGINT, handler)

    def _restore_interrupt(self, previous) -> None:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)

    def stop(self) -> None:
        """Ask a running batch to stop after the document at hand (as Ctrl-C does)."""
        self._stop.set()
