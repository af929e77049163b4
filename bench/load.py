"""Load test of the HTTP service (issue 8): concurrent clients upload real dev documents
to `vanban serve` on loopback for a bounded time, then every accepted upload is looked
up in the store. Not a test: it prints figures.

    .venv/bin/python bench/load.py                 # starts its own server on a temp SQLite store
    .venv/bin/python bench/load.py --clients 50 --seconds 30 --url http://127.0.0.1:8000 --token T

Each upload is a dev document (text, or one of the text-layer PDFs) with a line that
makes it unique, so that every request is a real extraction and store write, not an
answer from the store's duplicate check (`--no-unique` measures that path instead).
`--hostile 0.2` makes a fifth of the uploads broken or hostile files from
tests/hostile_corpus.py: those must get a 4xx answer, never a 5xx or a dropped connection.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def documents(with_pdfs: bool) -> list[tuple[str, bytes]]:
    docs = [(p.name, p.read_bytes()) for p in sorted((ROOT / "corpora" / "dev").glob("*.txt"))]
    if with_pdfs:
        docs += [(p.name, p.read_bytes()) for p in sorted((ROOT / "corpora" / "files").glob("*_signed.pdf"))]
    return docs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, token: str, db: str, workers: int | None) -> subprocess.Popen:
    env = {**os.environ, "VANBAN_TOKEN": token, "VANBAN_DB": db}
    cmd = [str(ROOT / ".venv" / "bin" / "vanban"), "serve", "--port", str(port)]
    if workers:
        cmd += ["--workers", str(workers)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def wait_ready(url: str, server: subprocess.Popen | None, timeout: float = 90) -> None:
    end = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < end:
            if server is not None and server.poll() is not None:
                raise SystemExit(f"the server exited: {server.stderr.read().decode()[-2000:]}")
            try:
                if (await client.get(f"{url}/openapi.json", timeout=2)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.5)
    raise SystemExit(f"no answer from {url} within {timeout:.0f} s")


def hostile_files(max_bytes: int = 20 * 1024 * 1024) -> list[tuple[str, bytes]]:
    sys.path.insert(0, str(ROOT / "tests"))
    import hostile_corpus

    return [(name.replace("/", "_"), data) for name, data in hostile_corpus.cases(rounds=3)
            if 0 < len(data) <= max_bytes]


async def client_loop(n: int, url: str, token: str, docs: list[tuple[str, bytes]], end: float,
                      unique: bool, results: list[dict], hostile: list[tuple[str, bytes]],
                      hostile_share: float) -> None:
    rng = random.Random(n)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(headers=headers, timeout=httpx.Timeout(600)) as client:
        i = 0
        while time.monotonic() < end:
            bad = bool(hostile) and rng.random() < hostile_share
            name, data = rng.choice(hostile if bad else docs)
            if unique and not bad and not name.endswith(".pdf"):
                data += f"\n\nBản tải lên số {n}-{i}-{secrets.token_hex(4)}\n".encode()
            i += 1
            started = time.monotonic()
            try:
                r = await client.post(f"{url}/documents", files={"file": (name, data)})
                outcome = {"status": r.status_code, "seconds": time.monotonic() - started, "hostile": bad}
                if r.status_code in (200, 201):
                    outcome["id"] = r.json()["id"]
                elif not (bad and 400 <= r.status_code < 500):  # a refused hostile file is no error
                    outcome["error"] = r.text[:200]
            except httpx.HTTPError as e:
                outcome = {"status": type(e).__name__, "seconds": time.monotonic() - started, "error": str(e),
                           "hostile": bad}
            results.append(outcome)


async def verify(url: str, token: str, ids: set[str]) -> list[str]:
    """Ids of accepted uploads that the store does not give back."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    missing = []
    async with httpx.AsyncClient(headers=headers, timeout=60) as client:
        sem = asyncio.Semaphore(10)

        async def one(doc_id: str) -> None:
            async with sem:
                r = await client.get(f"{url}/documents/{doc_id}")
                if r.status_code != 200:
                    missing.append(doc_id)

        await asyncio.gather(*(one(i) for i in ids))
    return missing


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--url", help="a running server (default: start one on a free loopback port)")
    ap.add_argument("--token", default=os.environ.get("VANBAN_TOKEN", ""))
    ap.add_argument("--workers", type=int, help="extraction workers of the started server")
    ap.add_argument("--pdfs", action="store_true", help="upload the text-layer PDFs too")
    ap.add_argument("--hostile", type=float, default=0.0, metavar="SHARE",
                    help="share of uploads that are broken or hostile files (0-1)")
    ap.add_argument("--no-unique", dest="unique", action="store_false",
                    help="upload the documents unchanged (repeats are answered from the store)")
    args = ap.parse_args()

    server = None
    tmp = None
    url = args.url
    token = args.token
    if not url:
        tmp = tempfile.TemporaryDirectory(prefix="vanban-load-")
        token = token or secrets.token_urlsafe(16)
        port = free_port()
        server = start_server(port, token, str(Path(tmp.name) / "store.db"), args.workers)
        url = f"http://127.0.0.1:{port}"
    try:
        await wait_ready(url, server)
        docs = documents(args.pdfs)
        hostile = hostile_files() if args.hostile > 0 else []
        results: list[dict] = []
        started = time.monotonic()
        end = started + args.seconds
        await asyncio.gather(*(client_loop(n, url, token, docs, end, args.unique, results, hostile, args.hostile)
                               for n in range(args.clients)))
        elapsed = time.monotonic() - started
        accepted = {r["id"] for r in results if "id" in r}
        missing = await verify(url, token, accepted)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        if tmp is not None:
            tmp.cleanup()

    latencies = [r["seconds"] for r in results]
    statuses = Counter(str(r["status"]) for r in results)
    errors = [r for r in results if "error" in r]
    refused = sum(1 for r in results if r.get("hostile") and "error" not in r and "id" not in r)
    print(f"clients {args.clients}, {elapsed:.1f} s (uploads started during {args.seconds:g} s), "
          f"{len(docs)} distinct documents, unique={args.unique}")
    print(f"requests {len(results)}  ->  {len(results) / elapsed:.2f} requests/s")
    print(f"latency p50 {percentile(latencies, 0.5):.2f} s, p95 {percentile(latencies, 0.95):.2f} s, "
          f"max {max(latencies, default=float('nan')):.2f} s, mean {statistics.fmean(latencies) if latencies else float('nan'):.2f} s")
    print(f"statuses {dict(statuses)}")
    if hostile:
        print(f"hostile uploads {sum(1 for r in results if r.get('hostile'))}: refused with 4xx {refused}, "
              f"accepted {sum(1 for r in results if r.get('hostile') and 'id' in r)}")
    print(f"errors {len(errors)}" + (f" (first: {errors[0]['status']} {errors[0].get('error', '')})" if errors else ""))
    print(f"accepted documents {len(accepted)}, found in the store afterwards {len(accepted) - len(missing)}, "
          f"missing {len(missing)}")
    return 1 if errors or missing else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
