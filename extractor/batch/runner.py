"""The batch driver: reads the inputs, skips what the store already holds,
hands the rest to an engine, and writes every result itself — to the store, to
a JSONL file of records, and failures to an errors file.

Only the driver writes. Results are written a batch at a time (`BATCH_DOCS`
documents, or what arrived in `BATCH_SECONDS`), each batch one store transaction,
so an interrupted batch (Ctrl-C, a crash) leaves whole documents or nothing, and
running it again finishes the rest: a document is skipped when the store has its
content hash with the current extractor version. A record goes to the output file
and the summary once its transaction is committed.

The output file is a function of the inputs and the store, so that a run resumed
after a kill ends with the very file an uninterrupted run writes: one line per
input that gave a record, in the order of the inputs (results that finish early
wait for the ones before them), each the record the store holds for it — read
back, a transaction's documents at once, after it commits, and for inputs skipped
as already stored. The errors file likewise lists the failures of this run's
inputs in their order (failed inputs are tried again).
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
# results per store transaction: enough that a commit and a statement per table are
# spread over many documents, few enough that a stop or a crash costs little work
BATCH_DOCS = 200
BATCH_SECONDS = 1.0
# the pipeline's warning when a recognizer raised (the document still got a record)
_RECOGNIZER_FAILED = re.compile(r"recognizer (\w+) failed: (.*)")


class Sink(Protocol):
    """What the batch needs of a store (see models.store.Store)."""

    def has(self, content_hash: str, extractor_version: str) -> bool: ...
    def document_id(self, content_hash: str) -> str | None: ...
    def record(self, doc_id: str) -> dict | None: ...
    def records(self, doc_ids: list[str]) -> dict[str, dict]: ...  # optional: `record` of many at once
    def add(self, record: Any, *, original: bytes | None = None, filename: str | None = None,
            content_hash: str | None = None) -> str: ...
    def add_many(self, entries: list) -> list[str]: ...
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
    store_seconds: float = 0.0  # the driver's CPU time in store writes (parsing records for it included)
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
            "store_cpu_seconds": round(self.store_seconds, 3),
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
        self._pending: list[tuple[Item, Outcome, Any]] = []  # extracted, not yet in the store
        self._pending_since = 0.0
        self._writing = False     # a second Ctrl-C waits for the transaction at hand
        self._abort = False
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
                self._receive(item, outcome)
                if self._stop.is_set():
                    self.summary.interrupted = True
                    break
            self._flush()
            if self.store is not None and self.summary.extracted:
                self.store.settle()  # searches read merged indexes from the first query on
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
                self._lines.put(seq, self._stored_lines([(item, doc_id)])[0] if doc_id else None)
                self._advance(0)
            else:
                yield item

    def _receive(self, item: Item, outcome: Outcome) -> None:
        """A result from the engine: a failure is recorded at once, a record waits for
        the next store transaction (written at once when there is no store)."""
        self.summary.worker_seconds += outcome.seconds
        if outcome.error or outcome.record_json is None:
            self._fail(item, outcome.error or "no record")
            return
        if self.store is None:
            self._done(item, outcome, None, outcome.record_json if self.output is not None else None)
            self._advance(outcome.chars)
            return
        started = time.thread_time()  # CPU of this thread: the store's own work, not the workers'
        record = json.loads(outcome.record_json)  # made by our own workers: not validated again
        record["text"] = outcome.text
        self.summary.store_seconds += time.thread_time() - started
        if not self._pending:
            self._pending_since = time.monotonic()
        self._pending.append((item, outcome, record))
        self._advance(outcome.chars)
        if len(self._pending) >= BATCH_DOCS or time.monotonic() - self._pending_since >= BATCH_SECONDS:
            self._flush()

    def _flush(self) -> None:
        """Write the pending records in one transaction; if the store refuses it, one by
        one, so that a record it refuses is that document's failure only. Then each
        written record's output line, read back from the store."""
        if not self._pending:
            return
        from models.store import Entry

        pending, self._pending = self._pending, []

        def entry(item: Item, outcome: Outcome, record: Any) -> Entry:
            # filename is the input's id, the name its failures were recorded under:
            # storing it clears them (a timeout that succeeds on the next run)
            return Entry(record, original=item.data if self.keep_original and item.kind == "bytes" else None,
                         filename=item.id, content_hash=item.content_hash, record_json=outcome.record_json)

        started = time.thread_time()
        self._writing = True
        try:
            try:
                ids = self.store.add_many([entry(item, outcome, record) for item, outcome, record in pending])
                written = [(*p, doc_id) for p, doc_id in zip(pending, ids)]
            except Exception:  # noqa: BLE001 - find the one it refuses
                written = []
                for item, outcome, record in pending:
                    try:
                        (doc_id,) = self.store.add_many([entry(item, outcome, record)])
                        written.append((item, outcome, record, doc_id))
                    except Exception as e:  # noqa: BLE001 - a record the store refuses is this document's failure
                        self._fail(item, f"store: {type(e).__name__}: {e}", advance=False)
            self.summary.store_seconds += time.thread_time() - started
            # the lines are what the store holds, as a resumed run will read them back
            lines = self._stored_lines([(item, doc_id) for item, _, _, doc_id in written])
            for (item, outcome, record, _), line in zip(written, lines):
                self._done(item, outcome, record, line)
        finally:
            self._writing = False
        if self._abort:
            raise KeyboardInterrupt

    def _done(self, item: Item, outcome: Outcome, record: Any, line: str | None) -> None:
        """A record stored (or, without a store, extracted): its output line (in input
        order), and the summary."""
        self._lines.put(item.seq, line)
        self.summary.extracted += 1
        self.summary.chars += outcome.chars
        parsed = record if record is not None else json.loads(outcome.record_json)
        self.summary.items.update(count_record_items(parsed))
        for warning in parsed.get("warnings") or []:
            if m := _RECOGNIZER_FAILED.match(warning):
                self.summary.recognizer_failures[m.group(1)] += 1
                self.summary.recognizer_errors.setdefault(m.group(1), m.group(2))

    def _stored_lines(self, items: list[tuple[Item, str]]) -> list[str | None]:
        """The output lines of stored items, given their document ids: each document's
        stored record, named by this input's source (one document may come from several
        inputs). All read in one query; none when there is no output."""
        if self.output is None or self.store is None or not items:
            return [None] * len(items)
        from models.records import Record

        ids = list(dict.fromkeys(doc_id for _, doc_id in items))
        many = getattr(self.store, "records", None)
        stored = many(ids) if many is not None else {i: self.store.record(i) for i in ids}
        lines = []
        for item, doc_id in items:
            if stored.get(doc_id) is None:
                lines.append(None)
                continue
            record = Record.model_validate(stored[doc_id])
            record.document.source = item.source
            lines.append(record.model_dump_json(exclude={"text"}))
        return lines

    def _fail(self, item: Item, reason: str, *, advance: bool = True) -> None:
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
        if advance:
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
        """First Ctrl-C: write what is extracted, then stop (the store stays consistent).
        A second one interrupts at once: the documents not yet written are dropped (the
        next run extracts them again), but a transaction under way is finished first, so
        that the summary counts exactly what the store holds."""
        if threading.current_thread() is not threading.main_thread():
            return None

        def handler(signum, frame):  # noqa: ARG001
            if self._stop.is_set():
                if self._writing:
                    self._abort = True
                    return
                raise KeyboardInterrupt
            self._stop.set()

        return signal.signal(signal.SIGINT, handler)

    def _restore_interrupt(self, previous) -> None:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)

    def stop(self) -> None:
        """Ask a running batch to stop once what is extracted is written (as Ctrl-C does)."""
        self._stop.set()
