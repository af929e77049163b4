"""Where the per-document function runs: in this process, in a local process
pool, or on a Dask cluster. Every engine takes an iterator of `Item`s and yields
`(item, Outcome)` pairs as they complete; only the driver touches the store.

Each engine keeps a bounded number of documents in flight, so memory stays flat
whatever the size of the input, and reading the input overlaps extraction.
"""
from __future__ import annotations

import os
import signal
import threading
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, TimeoutError as FutureTimeout, wait
from typing import Iterable, Iterator

from extractor.batch.inputs import Item
from extractor.batch.work import Outcome, init_worker, process, process_within, warm_up

Results = Iterator[tuple[Item, Outcome]]


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _args(item: Item) -> tuple:
    return (item.id, item.source, item.kind, item.data)


class InlineEngine:
    """In the driver's own process, one document after another (`--workers 0`):
    for debugging and small runs. The time limit uses SIGALRM, so it holds only
    when the batch runs in the main thread."""

    name = "inline"

    def __init__(self, timeout: float | None = None, function=process):
        self.timeout = timeout
        self.function = function

    def run(self, items: Iterable[Item]) -> Results:
        warm_up()
        alarm = bool(self.timeout) and threading.current_thread() is threading.main_thread()
        for item in items:
            if not alarm:
                yield item, self.function(*_args(item))
                continue
            previous = signal.signal(signal.SIGALRM, _raise_timeout)
            signal.setitimer(signal.ITIMER_REAL, self.timeout)
            try:
                outcome = self.function(*_args(item))
            except _Timeout:
                outcome = Outcome(item.id, error=f"timed out after {self.timeout:g} s", seconds=self.timeout)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
            yield item, outcome


class _Timeout(BaseException):
    """BaseException so that `process`'s catch-all does not swallow it."""


def _raise_timeout(signum, frame):  # noqa: ARG001
    raise _Timeout()


class LocalEngine:
    """A pool of worker processes (pebble): each worker loads the models once
    (initializer); a document that runs past the time limit gets its worker
    killed and replaced, and is reported as a timeout.

    Workers are forked from a fork server (started clean, with the models
    loaded: `extractor.batch.preload`), not from the driver: the driver holds
    database connections and threads, which a forked child must not inherit.
    As with any non-fork start method, a script that runs a batch must do so
    under `if __name__ == "__main__":`."""

    name = "local"

    def __init__(self, workers: int | None = None, timeout: float | None = None, in_flight: int | None = None,
                 function=process):
        self.workers = workers or default_workers()
        self.timeout = timeout
        self.function = function  # the per-document function; a module-level one, picklable
        # enough queued work to keep every worker busy while results are written
        self.in_flight = in_flight or self.workers * 4

    def run(self, items: Iterable[Item]) -> Results:
        from concurrent.futures.process import BrokenProcessPool

        from pebble import ProcessExpired, ProcessPool

        def new_pool():
            return ProcessPool(max_workers=self.workers, initializer=init_worker, context=_worker_context())

        pool, generation = new_pool(), 0
        pending: dict = {}                 # future -> (item, generation of the pool it runs in)
        again: deque[Item] = deque()       # documents a broken pool gave up, to run again
        broken: Counter[str] = Counter()
        source = iter(items)
        finished = False
        try:
            while True:
                while len(pending) < self.in_flight:
                    item = again.popleft() if again else next(source, None)
                    if item is None:
                        break
                    pending[pool.schedule(self.function, args=_args(item), timeout=self.timeout)] = (item, generation)
                if not pending:
                    break
                done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for future in done:
                    item, gen = pending.pop(future)
                    try:
                        outcome = future.result()
                    except FutureTimeout:
                        outcome = Outcome(item.id, error=f"timed out after {self.timeout:g} s", seconds=self.timeout or 0)
                    except ProcessExpired as e:
                        outcome = Outcome(item.id, error=f"worker died (exit code {e.exitcode})")
                    except BrokenProcessPool:
                        # pebble gives the whole pool up when a worker dies before its task is
                        # marked as running (a race of one death): every document in flight fails
                        # with it. A new pool runs them again; one that breaks pools over and
                        # over is the one that kills its worker.
                        if gen == generation:
                            pool.stop()
                            pool, generation = new_pool(), generation + 1
                        broken[item.id] += 1
                        if broken[item.id] < BROKEN_POOL_RETRIES:
                            again.append(item)
                            continue
                        outcome = Outcome(item.id, error="worker died")
                    except Exception as e:  # noqa: BLE001 - e.g. a result that cannot be pickled
                        outcome = Outcome(item.id, error=f"{type(e).__name__}: {e}")
                    yield item, outcome
            finished = True
        finally:
            if finished:
                pool.close()
            else:  # interrupted: drop queued work, kill the workers
                pool.stop()
            pool.join()


BROKEN_POOL_RETRIES = 3   # runs of one document that a broken pool may give up before it is failed


class DaskEngine:
    """The same per-document function on a Dask cluster (dask.distributed). The
    driver reads the inputs, ships each document to a worker and writes the
    results itself, so the store needs no network access from the workers.

    `scheduler` is an address ("tcp://host:8786") or a `distributed.Client`.
    Workers must have vanban installed; each loads the models once (a worker
    plugin). Dask cannot kill a task's thread, so the time limit gives the
    document up as failed and lets the thread end on its own (`process_within`).
    """

    name = "dask"

    def __init__(self, scheduler, timeout: float | None = None, in_flight: int | None = None):
        self.scheduler = scheduler
        self.timeout = timeout
        self.in_flight = in_flight

    def run(self, items: Iterable[Item]) -> Results:
        from distributed import Client, as_completed

        own = not isinstance(self.scheduler, Client)
        client = Client(self.scheduler) if own else self.scheduler
        pending: dict[str, Item] = {}
        futures = as_completed(with_results=False)
        try:
            client.register_plugin(_WarmUp(), name="vanban-warm-up")
            threads = sum(client.nthreads().values()) or 1
            in_flight = self.in_flight or threads * 4
            source = iter(items)

            def submit() -> bool:
                item = next(source, None)
                if item is None:
                    return False
                future = client.submit(process_within, self.timeout, *_args(item), pure=False)
                pending[future.key] = item
                futures.add(future)
                return True

            while len(pending) < in_flight and submit():
                pass
            for future in futures:
                item = pending.pop(future.key)
                try:
                    outcome = future.result()
                except Exception as e:  # noqa: BLE001 - a lost worker, a cancelled task
                    outcome = Outcome(item.id, error=f"{type(e).__name__}: {e}")
                future.release()
                yield item, outcome
                submit()
        finally:
            for future in list(futures.futures):
                future.cancel()
            if own:
                client.close()


try:  # the plugin class needs distributed, an optional dependency
    from distributed.diagnostics.plugin import WorkerPlugin

    class _WarmUp(WorkerPlugin):
        def setup(self, worker):  # noqa: ARG002
            warm_up()
except ImportError:  # pragma: no cover
    _WarmUp = None  # type: ignore[assignment,misc]


def _worker_context():
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():  # not on Linux: start each worker afresh
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["extractor.batch.preload"])
    return ctx


def make_engine(engine: str, *, workers: int | None, timeout: float | None, scheduler=None):
    if engine == "dask":
        if not scheduler:
            raise ValueError("--engine dask needs --scheduler tcp://HOST:PORT")
        return DaskEngine(scheduler, timeout=timeout)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: local or dask")
    if workers == 0:
        return InlineEngine(timeout=timeout)
    return LocalEngine(workers=workers, timeout=timeout)


__all__ = ["DaskEngine", "InlineEngine", "LocalEngine", "default_workers", "make_engine"]
