"""Extraction off the event loop: each document is extracted in a child process of
its own, with a time and memory limit, at most `workers` at once.

Why a process per document rather than a pool of long-lived workers: a hostile
file that loops or balloons can only be stopped by killing the process it runs
in, and killing a fresh child costs nobody else's request. The children are
forked from a server process that has already imported the extractor, so a
child starts in milliseconds, not in the seconds the imports take.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import re
from dataclasses import dataclass
from typing import Any

import anyio.to_thread

from api.settings import Settings
from models.records import Record

# Imported once by the fork server, which warms the extractor up; every child inherits it.
_PRELOAD = ["api.preload", "api.worker"]


class ExtractionFailed(Exception):
    """The document could not be extracted; `status` is the HTTP status that says why."""

    def __init__(self, status: int, message: str):
        self.status, self.message = status, message
        super().__init__(message)


@dataclass(frozen=True)
class Job:
    """A document to extract: its bytes (the format is read from them) and its name.
    Text sent as JSON comes as its UTF-8 bytes, so that it meets the same readers,
    clean-up and limits as a file."""
    source: str
    data: bytes


def _limit_memory(extra_bytes: int) -> None:
    """Cap the child's address space at what it has now plus `extra_bytes`: a zip
    bomb or a runaway parse then fails with MemoryError instead of taking the machine."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as f:
            size_kb = next(int(line.split()[1]) for line in f if line.startswith("VmSize:"))
        limit = size_kb * 1024 + extra_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, StopIteration, ValueError):
        pass  # not Linux: the time limit still holds


def _run_child(conn: Any, job: Job, env: dict[str, str], memory_bytes: int) -> None:
    """In the child: extract and send back ("ok", record) or (kind, message)."""
    os.environ.update(env)
    _limit_memory(memory_bytes)
    try:
        from extractor.pipeline import extract_bytes
        from extractor.readers import ReadError

        try:
            record = extract_bytes(job.data, job.source, with_text=True)
            conn.send(("ok", record.model_dump(mode="json")))
        except ReadError as e:
            conn.send(("unreadable", str(e)))
    except MemoryError:
        conn.send(("memory", "the document needs more memory than one extraction may use"))
    except Exception as e:  # noqa: BLE001 - whatever a document does, the server answers
        conn.send(("failed", f"extraction failed: {type(e).__name__}: {e}"[:500]))
    finally:
        conn.close()


class Extractor:
    """Runs extractions in child processes; `await extract(job)` gives the Record
    (with its text) or raises `ExtractionFailed`."""

    def __init__(self, settings: Settings):
        self.timeout = settings.extract_timeout
        self.memory_bytes = settings.extract_memory_mb * 1024 * 1024
        # Readers' own per-document limits (extractor.readers.limits), set from ours.
        self.env = {
            "VANBAN_MAX_PAGES": str(settings.max_pdf_pages),
            "VANBAN_MAX_BYTES": str(settings.max_upload_bytes),
            "VANBAN_MAX_SECONDS": str(settings.extract_timeout),
            "OMP_THREAD_LIMIT": "1",  # Tesseract: one thread per process is much faster here
        }
        self.workers = settings.workers
        self.max_queue = settings.max_queue
        self.waiting = 0  # documents waiting for a slot (the event loop is single-threaded: no lock)
        self._slots: asyncio.Semaphore | None = None
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(_PRELOAD)

    async def extract(self, job: Job) -> Record:
        if self._slots is None:  # made here so that it belongs to the running loop
            self._slots = asyncio.Semaphore(self.workers)
        if self._slots.locked() and self.waiting >= self.max_queue:  # more would only pile up in memory
            raise ExtractionFailed(503, f"busy: {self.waiting} documents are waiting to be extracted; "
                                        "try again in a moment")
        self.waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self.waiting -= 1
        try:
            kind, payload = await anyio.to_thread.run_sync(self._run, job)
        finally:
            self._slots.release()
        if kind == "ok":
            return Record.model_validate(payload)
        if kind == "unreadable":
            raise ExtractionFailed(422, payload)
        if kind == "timeout":
            raise ExtractionFailed(422, f"{job.source}: extraction took longer than {self.timeout:g} s")
        raise ExtractionFailed(422, f"{job.source}: {payload}")  # out of memory, or the child died

    def _run(self, job: Job) -> tuple[str, Any]:
        """Blocking: start the child, wait for its answer or the deadline."""
        receiver, sender = self._context.Pipe(duplex=False)
        child = self._context.Process(
            target=_run_child, args=(sender, job, self.env, self.memory_bytes), daemon=True
        )
        child.start()
        sender.close()
        try:
            if not receiver.poll(self.timeout):
                return "timeout", None
            try:
                return receiver.recv()
            except (EOFError, OSError):  # died without answering: a crash, or killed for memory
                child.join(5)
                return "failed", f"the extractor stopped on this document (exit code {child.exitcode})"
            except MemoryError:
                return "memory", "the extracted record is too large"
        finally:
            receiver.close()
            if child.is_alive():
                child.kill()
            child.join()
            child.close()


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]+")


def source_name(filename: str | None, default: str = "upload") -> str:
    """The name an upload goes by in its record: the last part of the client's file
    name, without control characters or separators, at most 200 characters. It is
    only ever a label — nothing is written to or read from a path made from it."""
    if not filename:
        return default
    name = re.split(r"[/\\]", filename)[-1]
    name = _UNSAFE.sub(" ", name).strip().lstrip(".")
    return name[:200] or default
