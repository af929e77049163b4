"""The web page in a real browser: Debian's chromium driven by Playwright talks to
`vanban serve` on a free loopback port. The store starts with the gold records of
the dev corpus (so that people, numbers, committees and units recur across
documents); a document is uploaded through the form.

Each page is photographed into `build/screenshots/` (or `$VANBAN_SCREENSHOTS`) and
checked as a reader sees it: no two axis labels overlap, no table column is
squeezed to nothing, every label is Vietnamese, nothing loads from elsewhere and
no script fails.

Outside CI the tests are skipped, with the reason, when chromium or Playwright is
missing; in CI (`CI=true`) that is a failure.
"""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import DEV, ROOT

SEED = DEV / "seed_003_kien_toan_bcd_cchc.txt"
CHROMIUM = os.environ.get("VANBAN_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
TOKEN = "browser-test-token"
SHOTS = Path(os.environ.get("VANBAN_SCREENSHOTS") or ROOT / "build" / "screenshots")
# The same real progress report, dated at successive quarters: enough dates to crowd an axis.
CROWDED_QUARTERS = [f"{y}-{m:02d}-01" for y in range(2014, 2025) for m in (1, 4, 7, 10)]


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


def _seed(db: Path) -> None:
    """The gold records of the dev corpus (but the document the test uploads, which the
    extractor reads for real), and one report re-dated at many quarters."""
    from models.store import Store
    from store_support import gold_record

    with Store(str(db)) as store:
        for gold in sorted(DEV.glob("*.gold.json")):
            stem = gold.name.removesuffix(".gold.json")
            if stem == SEED.stem:
                continue
            store.add(gold_record(stem), original=(DEV / f"{stem}.txt").read_bytes(), filename=f"{stem}.txt")
        report = gold_record("seed_000_so_ket_cchc_2017")
        for i, day in enumerate(CROWDED_QUARTERS):
            again = report.model_copy(deep=True)
            again.text = f"{report.text}\n\n({i})"  # another text: another document
            again.document.id = f"{i:064x}"
            again.document.issued_on = day
            again.legal_refs, again.dates, again.committees, again.people = [], [], [], []  # its counts alone
            again.task_stats = [t.model_copy(update={"holder": "Cục Thử nghiệm", "as_of": None, "count": t.count + i})
                                for t in report.task_stats]
            store.add(again, filename=f"quarter-{day}.txt")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`vanban serve` with a seeded store and a token; its base URL."""
    folder = tmp_path_factory.mktemp("serve")
    _seed(folder / "store.sqlite3")
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


class Watched:
    """A page that records what a reader would not want: requests to other sites,
    script errors, refused resources (CSP), missing files."""

    def __init__(self, browser, server: str, width: int = 1300):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.outside: list[str] = []
        self.problems: list[str] = []
        self.page.on("request", lambda r: None if r.url.startswith(server) else self.outside.append(r.url))
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)

    def close(self) -> None:
        assert self.outside == []
        assert self.problems == []
        self.page.close()


@pytest.fixture
def watched(browser, server):
    w = Watched(browser, server)
    yield w
    w.close()


def shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000  # a page, not a blank
    return path


# --- what a reader sees: the layout checks ---------------------------------------

def english_words() -> set[str]:
    """Words that would mean English leaked onto the page: the contract's codes and the
    words of the English messages (`api/data/messages.tsv`), without names of formats
    and programs, which Vietnamese uses as they are."""
    from api import labels
    from api.messages import TABLE

    words: set[str] = set()
    for table in (labels.KINDS, labels.STATUSES, labels.RELATIONS, labels.GRANULARITIES):
        for code in table:
            words.update(code.split("_"))
    with TABLE.open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
        for row in rows:
            words.update(w.lower() for w in re.findall(r"\b[A-Za-z]{3,}\b", re.sub(r"\{[^}]*\}", " ", row["en"])))
    names = {"pdf", "docx", "html", "json", "utf", "ocr", "tesseract", "libreoffice", "antiword", "pdfium",
             "pdfplumber", "xml", "rtf", "odt", "ods", "odp", "excel", "word", "powerpoint", "opendocument",
             "debian", "apt", "get", "install", "vanban", "vni", "tcvn", "windows", "api", "zip", "bearer",
             "authorization", "multipart", "form", "data", "application", "text", "batch", "file", "token",
             "byte", "bytes"}
    return {w for w in words if len(w) >= 3} - names


# label-like elements outside the API reference (which is in English and says so)
LABELS = ("nav a, th, label, legend, button, dt, h1, h2, .hint, .note, .warnings li, .chart-legend li, "
          "svg .axis-title, .error")


def labels_in_english(page) -> list[str]:
    texts = page.eval_on_selector_all(
        LABELS, "els => els.filter(e => !e.closest('[lang=en]') && e.offsetParent !== null || e.closest('svg'))"
                ".map(e => e.textContent.trim()).filter(t => t)")
    english = english_words()
    return [f"{t} ({', '.join(sorted(found))})" for t in texts
            if (found := english & {w.lower() for w in re.findall(r"\b[A-Za-z]{3,}\b", t)})]


def overlapping_texts(page, selector: str) -> list[tuple[str, str]]:
    """Pairs of elements (by text) whose boxes on the screen intersect."""
    boxes = page.eval_on_selector_all(selector, """els => els.map(e => {
        const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.top, r.right, r.bottom]; })""")
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]:
                out.append((a[0], b[0]))
    return out


def narrow_columns(page, min_px: float = 12) -> list[str]:
    """Headers of visible table columns narrower than `min_px`, or whose header text does not fit."""
    return page.eval_on_selector_all("table", f"""tables => tables.filter(t => t.offsetParent !== null)
        .flatMap(t => [...t.querySelectorAll('thead th')])
        .filter(th => th.getBoundingClientRect().width < {min_px} || th.scrollWidth > th.clientWidth + 1)
        .map(th => th.textContent.trim() || '(empty header)')""")


def check_layout(page, name: str) -> None:
    assert labels_in_english(page) == [], name
    assert narrow_columns(page) == [], name
    shot(page, name)


# --- the pages ---------------------------------------------------------------------

def test_upload_shows_the_record_with_members_highlighted(watched, server):
    from playwright.sync_api import expect

    page = watched.page
    page.goto(server + "/")
    check_layout(page, "01-home")
    page.set_input_files("#file", str(SEED))
    page.fill('#upload-form input[name="token"]', TOKEN)  # the service has a token: the form asks for it
    page.click('#upload-form button[type="submit"]')
    page.wait_for_url("**/view/*", timeout=120_000)  # extraction on a busy machine may take a while
    doc_id = page.url.rsplit("/", 1)[1]

    # what the API says the record holds
    with urllib.request.urlopen(f"{server}/documents/{doc_id}") as r:
        record = json.load(r)["record"]
    members = [(i, j, m) for i, c in enumerate(record["committees"]) for j, m in enumerate(c["members"])]
    assert members, "the seed news names a board and its members; the record has none"

    # a news text without a headline is named by its first sentence, not by its file name
    assert page.inner_text("h1").startswith("Quyết định 34 về kiện toàn Ban chỉ đạo")

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

    # a date said several times is one line with its count, and a click marks every mention
    values = [d["value"] for d in record["dates"]]
    repeated = max(set(values), key=values.count)
    assert values.count(repeated) > 1
    assert page.locator("#panel-date button").count() == len(set(values))
    counted = page.locator("#panel-date button", has_text=f"× {values.count(repeated)}").first
    counted.click()
    assert page.locator("#text mark.k-date.active").count() >= values.count(repeated)
    check_layout(page, "02-record")

    # the legend hides and shows the members' colour
    page.uncheck('#legend input[data-kind="member"]')
    assert "hide-member" in (page.get_attribute("#text", "class") or "")


def test_an_unreadable_upload_is_refused_in_vietnamese(watched, server):
    page = watched.page
    page.goto(server + "/")
    page.set_input_files("#file", files=[{"name": "r.bin", "mimeType": "application/octet-stream",
                                          "buffer": bytes(range(128, 256)) * 40}])
    page.fill('#upload-form input[name="token"]', TOKEN)
    page.click('#upload-form button[type="submit"]')
    page.wait_for_selector(".error", timeout=120_000)
    assert page.inner_text(".error").startswith("r.bin: Không phải văn bản")
    watched.problems.clear()  # the browser logs the 422 of the form's answer as an error: that is the point
    check_layout(page, "03-upload-refused")


def test_search_by_partial_number_finds_every_number_it_starts(watched, server):
    page = watched.page
    page.goto(server + "/")
    page.fill('header input[name="q"]', "49/2017")
    page.press('header input[name="q"]', "Enter")
    page.wait_for_url("**/search?q=*")
    refs = page.inner_text("#references")
    assert "49/2017/NĐ-CP" in refs and "49/2017/QĐ-TTg" in refs
    check_layout(page, "04-search-partial-number")
    link = page.locator("#references h3 a", has_text="49/2017/NĐ-CP")
    with page.expect_navigation():
        link.click()
    assert "/reference?number=" in page.url
    assert "Nghị định 49/2017/NĐ-CP" in page.inner_text("section.reference h2")


def test_legal_number_page_lists_every_citing_document_with_relation_and_date(watched, server):
    page = watched.page
    page.goto(server + "/reference?" + urllib.parse.urlencode({"number": "số 13/2023"}))
    sections = page.locator("section.reference")
    assert sections.count() == 1 and "13/2023/NĐ-CP" in sections.first.inner_text()
    rows = page.locator("section.reference table.citing tbody tr")
    assert rows.count() == 3  # three documents of the dev corpus cite the decree
    dates = [rows.nth(k).locator("td").first.inner_text() for k in range(rows.count())]
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4}", d) for d in dates)
    assert dates == sorted(dates, key=lambda d: d[6:] + d[3:5] + d[:2])  # oldest first
    relations = [rows.nth(k).locator("td.relation").inner_text() for k in range(rows.count())]
    assert all(r.startswith(("nêu tên", "căn cứ", "sửa đổi", "thay thế", "bãi bỏ", "thi hành")) for r in relations)
    check_layout(page, "05-legal-number")
    rows.first.locator("a").first.click()  # to the citing document, at the mention
    page.wait_for_url("**/view/*#at-*")
    assert page.locator("#text mark.active").count() >= 1


def test_person_page_is_a_timeline(watched, server):
    page = watched.page
    page.goto(server + "/person?name=pham+minh+chinh")
    assert page.inner_text("h1") == "Phạm Minh Chính"
    years = page.locator("#timeline > li.year > h3").all_inner_texts()
    dated = [y for y in years if y.isdigit()]
    assert len(dated) >= 2 and dated == sorted(dated) and years[:len(dated)] == dated  # undated last
    events = page.locator("#timeline li.event")
    assert events.count() >= 3
    assert "Trưởng ban" in page.inner_text("#timeline")
    # date column and text do not run into each other
    assert overlapping_texts(page, "#timeline .when, #timeline .what") == []
    check_layout(page, "06-person-timeline")


def test_committee_page_shows_members_across_documents(watched, server):
    import httpx

    # the second document that names the board is the report the upload test sends; store it
    # here too (200 if it is stored already), so that this test holds when it runs alone
    with SEED.open("rb") as f:
        r = httpx.post(server + "/documents", files={"file": (SEED.name, f, "text/plain")},
                       headers={"Authorization": f"Bearer {TOKEN}"}, timeout=180)
    assert r.status_code in (200, 201), r.text
    page = watched.page
    page.goto(server + "/committee?" + urllib.parse.urlencode(
        {"name": "Ban chỉ đạo cải cách hành chính của Bộ TT&TT"}))
    columns = page.locator("#members-across thead th")
    assert columns.count() == 3  # the members, and the two documents that name the board
    assert "Nguyễn Huy Dũng" in page.inner_text("#members-across")
    check_layout(page, "07-committee")


@pytest.mark.parametrize("width", [1300, 700])
def test_chart_of_one_unit(browser, server, width):
    watched = Watched(browser, server, width)
    page = watched.page
    page.goto(server + "/chart")
    holders = page.eval_on_selector_all("#holder option", "os => os.map(o => o.value)")
    assert "Bộ TT&TT" in holders and "Bộ Nội vụ" in holders and "Cục Thử nghiệm" in holders
    page.select_option("#holder", "Bộ TT&TT")
    page.click("#chart-form button[type=submit]")
    page.wait_for_url("**/chart?holder=*")
    assert page.inner_text("section h2").endswith("Bộ TT&TT")
    statuses = page.eval_on_selector_all("#chart rect.bar", "rs => [...new Set(rs.map(r => r.dataset.status))]")
    assert {"assigned", "completed", "completed_on_time", "completed_late"} <= set(statuses)
    legend = page.locator("#legend li").all_inner_texts()
    assert len(legend) == len(statuses)  # a series per status, each in the legend
    table = page.inner_text("#chart-table")
    assert "290" in table and "246" in table and "106" not in table  # this unit's counts only
    assert overlapping_texts(page, "#chart text") == []
    if width > 1000:  # the table beside the chart, not under it
        chart, beside = page.locator("#chart").bounding_box(), page.locator("#chart-table").bounding_box()
        assert beside["x"] >= chart["x"] + chart["width"] - 1 and beside["y"] < chart["y"] + chart["height"]
    check_layout(page, f"08-chart-one-unit-{width}")

    # a unit reported on at many dates: labels thinned, none overlapping, the latest kept
    page.select_option("#holder", "Cục Thử nghiệm")
    page.click("#chart-form button[type=submit]")
    page.wait_for_url("**/chart?holder=*")
    ticks = page.locator("#chart text.x-tick").all_text_contents()
    assert 2 < len(ticks) < len(CROWDED_QUARTERS) and ticks[-1] == "01/10/2024"
    assert overlapping_texts(page, "#chart text") == []
    assert page.locator("#chart-table tbody tr").count() == len(CROWDED_QUARTERS)
    check_layout(page, f"09-chart-crowded-{width}")
    watched.close()
