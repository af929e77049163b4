"""`vanban extract`, `evaluate` and `schema` on good and bad files."""
import json
import shutil
import subprocess
import sys

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
