"""`vanban batch --engine dask` on a real cluster: a `dask scheduler` and two `dask worker`
processes started on loopback the way the README tells users to, and a worker killed
in the middle of a batch."""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "archive" / "sample-200.jsonl.gz"
DEV_TEXTS = sorted((ROOT / "corpora" / "dev").glob("*.txt"))[:6]
BIN = Path(sys.executable).parent
VANBAN, DASK = str(BIN / "vanban"), str(BIN / "dask")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A scheduler and workers, each a process group of its own (a worker's nanny and
    its worker process die together when the group is killed)."""

    def __init__(self, tmp: Path, workers: int = 2):
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.log = tmp / "dask.log"
        self._log = self.log.open("w")
        port = self.address.rsplit(":", 1)[1]
        self.scheduler = self._start([DASK, "scheduler", "--host", "127.0.0.1", "--port", port,
                                      "--no-dashboard", "--no-show"])
        # as the README says: one process per core, one thread each
        self.workers = [self._start([DASK, "worker", self.address, "--nworkers", "1", "--nthreads", "1",
                                     "--host", "127.0.0.1", "--no-dashboard"]) for _ in range(workers)]
        self._wait_for(workers)

    def _start(self, cmd: list[str]) -> subprocess.Popen:
        return subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})

    def _wait_for(self, n: int, timeout: float = 120) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                with distributed.Client(self.address, timeout=5) as client:
                    client.wait_for_workers(n, timeout=max(1.0, deadline - time.time()))
                    return
            except (OSError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError(f"the cluster did not start: {self.log.read_text()[-3000:]}")

    def kill_worker(self, i: int) -> None:
        os.killpg(self.workers[i].pid, signal.SIGKILL)
        self.workers[i].wait(timeout=30)

    def close(self) -> None:
        for p in (*self.workers, self.scheduler):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in (*self.workers, self.scheduler):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        self._log.close()


@pytest.fixture
def cluster(tmp_path):
    c = Cluster(tmp_path)
    yield c
    c.close()


def _batch(inputs: list[Path], cluster: Cluster, db: Path, tmp: Path, **popen) -> list[str]:
    return [VANBAN, "batch", *map(str, inputs), "--engine", "dask", "--scheduler", cluster.address,
            "--db", str(db), "--json", "--no-progress", "--errors", str(tmp / "errors.jsonl"),
            "--output", str(tmp / "records.jsonl")]


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return con.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:  # not made yet
        return 0


def test_batch_on_a_cluster_of_processes(cluster, tmp_path):
    """The records the cluster's workers make are those of an extraction in this process,
    and the driver stores every one of them."""
    from extractor.pipeline import extract_text

    db = tmp_path / "s.sqlite3"
    r = subprocess.run(_batch(DEV_TEXTS, cluster, db, tmp_path), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr + cluster.log.read_text()[-3000:]
    summary = json.loads(r.stdout)
    assert (summary["extracted"], summary["failed"]) == (len(DEV_TEXTS), 0)
    records = {json.loads(line)["document"]["source"]: json.loads(line)
               for line in (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()}
    for p in DEV_TEXTS:
        direct = extract_text(p.read_text(encoding="utf-8"), str(p), with_text=True)
        assert records[str(p)] == direct.model_dump(mode="json", exclude={"text"})
    assert _stored(db) == len(DEV_TEXTS)
    # the work was shared: both workers ran tasks
    with distributed.Client(cluster.address, timeout=10) as client:
        ran = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert len(ran) == 2 and all(n > 0 for n in ran.values())


def test_a_worker_killed_mid_batch_loses_nothing(cluster, tmp_path):
    """SIGKILL to one worker (nanny and process) while the batch runs: the scheduler gives
    its documents to the other worker, the batch completes, and every document is stored
    once with nothing recorded as failed."""
    db = tmp_path / "s.sqlite3"
    proc = subprocess.Popen(_batch([SAMPLE], cluster, db, tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None and _stored(db) < 10:
        time.sleep(0.2)
    if proc.poll() is not None:
        pytest.fail(f"the batch ended before a worker could be killed: {proc.stderr.read().decode()[-2000:]}")
    cluster.kill_worker(0)
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err.decode() + cluster.log.read_text()[-3000:]
    summary = json.loads(out)
    assert summary["failed"] == 0, (tmp_path / "errors.jsonl").read_text(encoding="utf-8")
    assert summary["documents"] == 200 and summary["extracted"] + summary["skipped"] == 200
    with sqlite3.connect(db) as con:
        stored = con.execute("select count(*) from documents").fetchone()[0]
        sources = con.execute("select count(*) from sources").fetchone()[0]
    assert sources == 200 - summary["skipped"] and stored == summary["extracted"]
    assert len((tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()) == summary["extracted"]
    # and the same command again has nothing left to do
    again = subprocess.run(_batch([SAMPLE], cluster, db, tmp_path), capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["extracted"] == 0
