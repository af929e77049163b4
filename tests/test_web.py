"""The web page in a real browser: Debian's chromium driven by Playwright talks to
`vanban serve` on a free loopback port, uploads the seed decision through the
form, and finds its committee members highlighted in the text.

Outside CI the test is skipped, with the reason, when chromium or Playwright is
missing; in CI (`CI=true`) that is a failure.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import DEV

SEED = DEV / "seed_003_kien_toan_bcd_cchc.txt"
CHROMIUM = os.environ.get("VANBAN_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
TOKEN = "browser-test-token"


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing(f"no chromium at {CHROMIUM} (set VANBAN_CHROMIUM, or apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`vanban serve` with a fresh store and a token; its base URL."""
    folder = tmp_path_factory.mktemp("serve")
    port = _free_port()
    vanban = shutil.which("vanban", path=str(Path(sys.executable).parent)) or shutil.which("vanban")
    assert vanban, "the vanban command is not installed"
    env = {**os.environ, "VANBAN_DB": str(folder / "store.sqlite3"), "VANBAN_TOKEN": TOKEN}
    log = (folder / "serve.log").open("wb")
    proc = subprocess.Popen([vanban, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/openapi.json", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("vanban serve did not start:\n" + (folder / "serve.log").read_text())
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_upload_shows_committee_members_highlighted(browser, server, tmp_path):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1300, "height": 900})
    outside = []  # the page must load nothing from anywhere else
    page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
    problems = []  # script errors, refused resources (CSP), missing files
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

    page.goto(server + "/")
    page.set_input_files("#file", str(SEED))
    page.fill('#upload-form input[name="token"]', TOKEN)  # the service has a token: the form asks for it
    page.click('#upload-form button[type="submit"]')
    page.wait_for_url("**/view/*", timeout=120_000)  # extraction on a busy machine may take a while
    doc_id = page.url.rsplit("/", 1)[1]

    # what the API says the record holds
    with urllib.request.urlopen(f"{server}/documents/{doc_id}") as r:
        record = json.load(r)["record"]
    members = [(i, j, m) for i, c in enumerate(record["committees"]) for j, m in enumerate(c["members"])]
    assert members, "the seed decision names a board and its members; the record has none"

    # every member is marked in the text, coloured by default
    marked = page.locator("#text mark.k-member")
    assert marked.count() > 0
    assert marked.first.evaluate("m => getComputedStyle(m).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")

    # a click on a member in the list marks its evidence and brings it into view
    i, j, member = next((x for x in members if x[2]["name"]), members[0])
    page.click(f'#items [data-target="c{i}m{j}"]')
    active = page.locator(f'#text mark.active[data-ids~="c{i}m{j}"]')
    expect(active.first).to_be_in_viewport(timeout=10_000)  # scrolled there (smoothly: it may take a moment)
    assert "".join(active.all_inner_texts()).strip() in member["evidence"]["text"]
    page.screenshot(path=str(tmp_path / "view.png"))

    # the legend hides and shows the members' colour
    page.uncheck('#legend input[data-kind="member"]')
    assert "hide-member" in (page.get_attribute("#text", "class") or "")

    # the member with most roles is found by the search box, typed without accents, with every role
    from models.search import fold

    roles: dict[str, set] = {}
    for c in record["committees"]:
        for m in c["members"]:
            if m["name"]:
                roles.setdefault(m["name"], set()).add((m["role"], c["name"]))
    if roles:
        name = max(roles, key=lambda n: len(roles[n]))
        page.fill('header input[name="q"]', fold(name).strip())
        page.press('header input[name="q"]', "Enter")
        page.wait_for_url("**/search?q=*")
        people = page.locator("#people").inner_text()
        assert name in people
        for role, committee in roles[name]:
            assert f"{role} — {committee}" in people, (role, committee)
        page.screenshot(path=str(tmp_path / "search.png"), full_page=True)

    assert outside == []
    assert problems == []
    page.close()
