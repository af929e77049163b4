"""PostgreSQL: the GIN search indexes' pending entries merged beside the writer.

A GIN index with fast update takes new entries into an unsorted pending list and merges
them into its tree when the list is full, inside the insert that filled it: a batch's
writer then waits for the merge (the text index holds a thousand terms per document; its
merges were about half of a bulk load's time). `PendingMerger` merges the pending lists
from a connection of its own, in a thread, each time the writer has committed: the
server does the merge on another core while the writer prepares and sends its next
batch. The writer still merges by itself when the list reaches the index's limit (revision
0006 makes the text index's 32 MB), so the list stays bounded however far behind the merger
falls, and searches, which read the whole list, stay fast.

Nothing here changes what is stored: a merge moves committed entries from the list into
the tree. A merge that fails is logged and tried again at the next commit.
"""
from __future__ import annotations

import logging
import threading

from sqlalchemy import text
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

# the GIN indexes of this store's schema (the search indexes of migrations 0004 and 0005)
GIN_INDEXES = text(
    "SELECT c.oid FROM pg_class c JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE a.amname = 'gin' AND n.nspname = current_schema() ORDER BY c.relname")
_MERGE = text("SELECT gin_clean_pending_list(:oid)")


def merge_pending(engine: Engine) -> int:
    """Merge every GIN index's pending entries now; the pending pages merged."""
    merged = 0
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        for oid in c.execute(GIN_INDEXES).scalars().all():
            merged += c.execute(_MERGE, {"oid": oid}).scalar() or 0
    return merged


class PendingMerger:
    """A thread that merges the pending lists after each `poke` (one merge at a time;
    pokes while it merges make one more merge, not many)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._cond = threading.Condition()
        self._asked = self._done = 0  # pokes so far; pokes whose entries a finished merge took
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.merged = 0  # pending pages merged so far

    def poke(self) -> None:
        """The writer committed: merge what it left pending (the thread starts on the first poke)."""
        with self._cond:
            if self._stopping:
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="vanban-gin-merge", daemon=True)
                self._thread.start()
            self._asked += 1
            self._cond.notify_all()

    def drain(self, timeout: float | None = None) -> bool:
        """Wait until what was committed before this call is merged; False on timeout."""
        with self._cond:
            asked = self._asked
            return self._cond.wait_for(lambda: self._done >= asked or self._stopping, timeout)

    def stop(self) -> None:
        """Finish the merge under way, if any, and end the thread."""
        with self._cond:
            self._stopping = True
            thread = self._thread
            self._cond.notify_all()
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._asked > self._done or self._stopping)
                if self._stopping:
                    return
                asked = self._asked
            try:
                self.merged += merge_pending(self._engine)
            except Exception as e:  # noqa: BLE001 - the writer merges by itself at the limit
                log.warning("merging the search indexes' pending entries failed (%s); tried again later", e)
            with self._cond:
                self._done = asked
                self._cond.notify_all()
