"""The per-document function that every engine runs, and a worker's start-up.

`process` turns one input into an `Outcome`: the record as JSON (without its
text) plus the normalized text, or the reason it failed. It never raises for a
bad document, so one broken file costs only itself. It returns plain strings
because they cross process (and machine) boundaries cheaply; the driver turns
them back into a `Record` for the store.
"""
from __future__ import annotations

import logging
import signal
import threading
import time
from dataclasses import dataclass

# A few lines in the shape of an administrative text, so that a fresh worker
# loads whatever the recognizers load lazily (NLP models, lexicons, compiled
# patterns) before its first real document and its time limit starts.
WARM_UP_TEXT = (
    "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n"
    "Căn cứ Nghị định số 10/2020/NĐ-CP ngày 01/02/2020 của Chính phủ;\n"
    "Điều 1. Thành lập Tổ công tác gồm các ông, bà có tên sau:\n"
    "1. Ông Trần Văn Minh, Thứ trưởng, Tổ trưởng;\n"
    "Tính đến ngày 30/6/2020, đã hoàn thành 12/15 nhiệm vụ được giao.\n"
)


@dataclass
class Outcome:
    id: str
    record_json: str | None = None  # Record as JSON, without "text"
    text: str | None = None         # the normalized text the evidence offsets point into
    chars: int = 0                  # characters of the normalized text
    seconds: float = 0.0            # time spent extracting, in the worker
    error: str | None = None        # why the document failed: no record then


def warm_up() -> None:
    from extractor.pipeline import extract_text

    extract_text(WARM_UP_TEXT, "warm-up")


def init_worker() -> None:
    """Process-pool initializer: Ctrl-C belongs to the driver (it stops the batch
    cleanly and owns the store), and the models are loaded once per worker.
    A recognizer's traceback is not printed over the progress bar: the record's
    warnings say which recognizer failed, and the batch summary counts them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger("extractor").setLevel(logging.CRITICAL)
    try:
        warm_up()
    except Exception:  # noqa: BLE001 - a broken warm-up shows again, per document, as a failure
        pass


def process(id_: str, source: str, kind: str, data: bytes) -> Outcome:
    """Extract one document. Failures come back as `Outcome.error`, never raised."""
    from extractor.pipeline import extract_bytes, extract_text
    from extractor.readers import ReadError

    started = time.perf_counter()
    try:
        if kind == "text":
            record = extract_text(data.decode("utf-8", "replace"), source, with_text=True)
        else:
            record = extract_bytes(data, source, with_text=True)
    except ReadError as e:
        return Outcome(id_, error=e.cause, seconds=time.perf_counter() - started)
    except MemoryError:
        return Outcome(id_, error="out of memory", seconds=time.perf_counter() - started)
    except Exception as e:  # noqa: BLE001 - a crashing reader or recognizer costs this document only
        return Outcome(id_, error=f"{type(e).__name__}: {e}", seconds=time.perf_counter() - started)
    text = record.text or ""
    record_json = record.model_dump_json(exclude={"text"})
    return Outcome(id_, record_json=record_json, text=text, chars=len(text),
                   seconds=time.perf_counter() - started)


def process_within(timeout: float | None, id_: str, source: str, kind: str, data: bytes,
                   function=process) -> Outcome:
    """`process` with a time limit where the worker cannot be killed (a Dask
    worker's thread): past the limit the document is given up as failed and the
    batch goes on; the abandoned thread finishes in the background."""
    if not timeout:
        return function(id_, source, kind, data)
    box: list[Outcome] = []
    thread = threading.Thread(target=lambda: box.append(function(id_, source, kind, data)), daemon=True)
    thread.start()
    thread.join(timeout)
    if box:
        return box[0]
    return Outcome(id_, error=f"timed out after {timeout:g} s", seconds=timeout)
