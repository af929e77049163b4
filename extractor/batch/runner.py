"""The batch driver: reads the inputs, skips what the store already holds,
hands the rest to an engine, and writes every result itself — to the store, to
a JSONL file of records, and failures to an errors file.

Only the driver writes. Results are written a batch at a time (`BATCH_DOCS`
documents, or what arrived in `BATCH_SECONDS`), each batch one store transaction,
so an interrupted batch (Ctrl-C, a crash) leaves whole documents or nothing, and
running it again finishes the rest: a document is skipped when the store has its
content hash with the current extractor version. A record goes to the output file
and the summary once its transaction is committed.
"""
from __future__ import annotations

import json
import re
import signal
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

    # -- the run -------------------------------------------------------------
    def run(self, inputs: Iterable[str | Path]) -> Summary:
        inputs = list(inputs)
        started = time.perf_counter()
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
        finally:
            results.close()  # an interrupted engine stops its workers here
            self._restore_interrupt(previous)
            if self._errors:
                self._errors.close()
            if self.output:
                self.output.flush()
            self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _todo(self, items: Iterator[Item]) -> Iterator[Item]:
        """The items to extract: broken inputs are recorded as failures here,
        stored ones are skipped."""
        for item in items:
            if self._stop.is_set():
                self.summary.interrupted = True
                return
            self.summary.documents += 1
            if item.error:
                self._fail(item, item.error)
            elif self.store is not None and self.store.has(item.content_hash, __version__):
                self.summary.skipped += 1
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
            self._done(item, outcome, None)
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
        one, so that a record it refuses is that document's failure only."""
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
                self.store.add_many([entry(item, outcome, record) for item, outcome, record in pending])
                written = pending
            except Exception:  # noqa: BLE001 - find the one it refuses
                written = []
                for item, outcome, record in pending:
                    try:
                        self.store.add_many([entry(item, outcome, record)])
                        written.append((item, outcome, record))
                    except Exception as e:  # noqa: BLE001 - a record the store refuses is this document's failure
                        self._fail(item, f"store: {type(e).__name__}: {e}", advance=False)
            self.summary.store_seconds += time.thread_time() - started
            for item, outcome, record in written:
                self._done(item, outcome, record)
        finally:
            self._writing = False
        if self._abort:
            raise KeyboardInterrupt

    def _done(self, item: Item, outcome: Outcome, record: Any) -> None:
        """A record stored (or, without a store, extracted): to the output and the summary."""
        if self.output is not None:
            self.output.write(outcome.record_json + "\n")
        self.summary.extracted += 1
        self.summary.chars += outcome.chars
        parsed = record if record is not None else json.loads(outcome.record_json)
        self.summary.items.update(count_record_items(parsed))
        for warning in parsed.get("warnings") or []:
            if m := _RECOGNIZER_FAILED.match(warning):
                self.summary.recognizer_failures[m.group(1)] += 1
                self.summary.recognizer_errors.setdefault(m.group(1), m.group(2))

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
            if self._errors is None:
                self.errors_path.parent.mkdir(parents=True, exist_ok=True)
                self._errors = self.errors_path.open("a", encoding="utf-8")
            self._errors.write(json.dumps({"id": item.id, "source": item.source, "reason": reason,
                                           "extractor_version": __version__}, ensure_ascii=False) + "\n")
            self._errors.flush()
        if advance:
            self._advance(0)

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
