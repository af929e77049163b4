"""`vanban extract`, `evaluate` and `schema` on good and bad files; `vanban query` and
the help screens as a person at a terminal sees them."""
import csv
import io
import json
import re
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from api.cli import app
from conftest import DEV, FILES, ROOT

runner = CliRunner()
SEED = DEV / "seed_000_so_ket_cchc_2017.txt"


def test_extract_one_file_prints_one_record():
    result = runner.invoke(app, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["schema_version"] == 1
    assert record["document"]["source"] == str(SEED)
    assert len(record["document"]["id"]) == 64
    assert "text" not in record


def test_extract_folder_jsonl_one_line_per_document(tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(DEV), "--format", "jsonl", "--output", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(list(DEV.glob("*.txt")))
    sources = {json.loads(line)["document"]["source"] for line in lines}
    assert str(SEED) in sources


def test_with_text_gives_the_text_offsets_refer_to():
    result = runner.invoke(app, ["extract", str(SEED), "--with-text"])
    record = json.loads(result.stdout)
    text = record["text"]
    assert text.startswith("Ban chỉ đạo cải cách hành chính")
    for item in record["dates"] + record["legal_refs"]:
        ev = item["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]


def test_bad_file_is_reported_and_the_others_still_come_out(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 20)
    random_bytes = tmp_path / "noise.txt"
    random_bytes.write_bytes(bytes(range(128, 256)) * 4)
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["extract", str(bad), str(SEED), str(random_bytes), str(missing), "--format", "jsonl"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["document"]["source"] for r in records] == [str(SEED)]
    for f in (bad, random_bytes, missing):
        assert str(f) in result.stderr
    assert "3 of 4 documents failed" in result.stderr


def test_stdin(tmp_path):
    result = runner.invoke(app, ["extract", "-"], input=SEED.read_bytes())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["document"]["source"] == "-"


def test_scanned_pdf_gives_a_record(tmp_path):
    """A PDF of page images is not an error: it is a record (with OCR text, or a warning without)."""
    scan = FILES / "phap-lenh-02-2020-ubtvqh14_scan.pdf"
    result = runner.invoke(app, ["extract", str(scan)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["document"]["pages"] == 30
    assert record["document"]["pages_ocr"] or any("no text layer" in w for w in record["warnings"])


def test_unknown_format_option():
    result = runner.invoke(app, ["extract", str(SEED), "--format", "xml"])
    assert result.exit_code == 2


def test_empty_folder_is_an_error(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 2
    assert "no documents" in result.stderr


def test_schema_is_json_schema_of_the_contract():
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert set(schema["properties"]) >= {"schema_version", "document", "legal_refs", "dates", "task_stats",
                                         "committees", "people", "warnings"}


def test_console_script_runs_the_seed(tmp_path):
    exe = shutil.which("vanban", path=str(ROOT / ".venv" / "bin")) or shutil.which("vanban")
    cmd = [exe] if exe else [sys.executable, "-m", "api.cli"]
    proc = subprocess.run([*cmd, "extract", str(SEED), "--format", "jsonl"], capture_output=True, text=True, check=True)
    assert json.loads(proc.stdout)["document"]["source"] == str(SEED)


def test_text_given_as_a_string_gets_the_readers_clean_up():
    from extractor.pipeline import extract_text

    record = extract_text("Căn cứ Nghị định số 49/2017/NĐ-CP\x00 ngày 24/4/2017", with_text=True)
    assert "\x00" not in record.text
    assert any("control characters" in w for w in record.warnings)
    assert [r.number for r in record.legal_refs] == ["49/2017/NĐ-CP"]


# --- for people at a terminal ------------------------------------------------------

def test_extract_on_a_terminal_prints_a_summary():
    """A pseudo-terminal as standard output: the summary; a pipe: the JSON of before."""
    import os
    import pty

    exe = shutil.which("vanban", path=str(ROOT / ".venv" / "bin")) or shutil.which("vanban")
    cmd = [exe] if exe else [sys.executable, "-m", "api.cli"]
    leader, follower = pty.openpty()
    proc = subprocess.Popen([*cmd, "extract", str(SEED)], stdout=follower, stderr=subprocess.PIPE,
                            env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(120)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8")
    assert proc.returncode == 0, proc.stderr.read()
    assert not shown.lstrip().startswith("{")
    assert "Ban chỉ đạo cải cách hành chính Bộ TT&TT họp sơ kết" in shown  # the headline
    assert "legal_refs" in shown and "task_stats" in shown and "Nghị định 49/2017/NĐ-CP" in shown
    assert len(shown) < 3000
    piped = subprocess.run([*cmd, "extract", str(SEED)], capture_output=True, text=True, check=True)
    assert json.loads(piped.stdout)["document"]["source"] == str(SEED)


def test_summary_format_can_be_asked_for():
    result = runner.invoke(app, ["extract", str(SEED), "--format", "summary"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Ban chỉ đạo cải cách hành chính Bộ TT&TT")
    assert "Tin bài" in lines[1]
    record = json.loads(runner.invoke(app, ["extract", str(SEED)]).stdout)
    at = next(i for i, line in enumerate(lines) if line.split()[:2] == ["legal_refs", "dates"])
    counts = dict(zip(lines[at].split(), lines[at + 1].split()))
    assert counts["legal_refs"] == str(len(record["legal_refs"])) and counts["dates"] == str(len(record["dates"]))


@pytest.mark.parametrize("command", [["extract"], ["query", "refs"], ["query", "documents"], ["batch"], ["serve"],
                                     ["query", "people"], ["evaluate"], ["export"]])
def test_help_shows_no_python_types(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for leak in ("<bool>", "<str>", "<int>", "<float>", "<path>", "list[", "{"):
        assert leak not in result.stdout, (command, leak)
    usage = next(line for line in result.stdout.splitlines() if "Usage:" in line)
    assert re.search(r"\[OPTIONS\]( [A-Z]+(\.\.\.)?| \[[A-Z]+\])*\s*$", usage), usage


@pytest.fixture(scope="module")
def store_of_gold(tmp_path_factory):
    """A store holding the gold records of every dev document."""
    from models.store import Store
    from store_support import gold_record

    path = tmp_path_factory.mktemp("cli") / "store.sqlite3"
    with Store(str(path)) as store:
        for gold in sorted(DEV.glob("*.gold.json")):
            stem = gold.name.removesuffix(".gold.json")
            store.add(gold_record(stem), filename=f"{stem}.txt")
    return str(path)


def test_query_documents_at_80_columns_shows_ids_that_query_document_takes(store_of_gold):
    result = runner.invoke(app, ["query", "documents", "--db", store_of_gold], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    ids = [m.group(1) for line in lines if (m := re.match(r"([0-9a-f]{12})\s", line))]
    assert len(ids) == len(list(DEV.glob("*.gold.json")))
    one = runner.invoke(app, ["query", "document", ids[0], "--db", store_of_gold])
    assert one.exit_code == 0 and json.loads(one.stdout)["document"]["id"].startswith(ids[0])


@pytest.mark.parametrize("width", [80, 100])
def test_query_refs_fits_the_terminal_a_mention_a_line(store_of_gold, width):
    result = runner.invoke(app, ["query", "refs", "13/2023", "--db", store_of_gold], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    rows = [line for line in lines if "13/2023/NĐ-CP" in line]
    csv_rows = runner.invoke(app, ["query", "refs", "13/2023", "--db", store_of_gold, "--format", "csv"]).stdout
    assert len(rows) == len(csv_rows.splitlines()) - 1  # one line per mention: nothing wrapped
    for line in rows:
        assert re.search(r"\b20\d\d-\d\d-\d\d\b", line)  # the citing document's date, whole


def test_query_refs_takes_the_leading_part_of_a_number(store_of_gold):
    result = runner.invoke(app, ["query", "refs", "49/2017", "--db", store_of_gold, "--format", "json"])
    numbers = {r["number"] for r in json.loads(result.stdout)}
    assert numbers == {"49/2017/NĐ-CP", "49/2017/QĐ-TTg"}


def test_query_refs_by_the_leading_part_and_a_relation(store_of_gold):
    """The two merged: a partial number finds the full one, `--relation` keeps what it says."""
    result = runner.invoke(app, ["query", "refs", "104/2000", "--relation", "repeals", "--db", store_of_gold,
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["number"], r["relation"], r["citing document"]) for r in rows] == [
        ("104/2000/QĐ-TTg", "repeals", "44/2025/QĐ-TTg")]
    assert runner.invoke(app, ["query", "refs", "104/2000", "--relation", "amends", "--db", store_of_gold,
                               "--format", "json"]).stdout.strip() == "[]"
    assert runner.invoke(app, ["query", "refs", "104/2000", "--relation", "cancels", "--db", store_of_gold]).exit_code == 2
