"""`vanban snapshot update|diff` on a small real corpus: two dev documents copied to a folder
of their own. The committed snapshots (corpora/snapshots) are not compared here: other
branches change the extraction, and `vanban snapshot diff` is how they show what they changed."""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from api.cli import app
from conftest import DEV, ROOT
from extractor import snapshot

runner = CliRunner()
STEMS = ("seed_000_so_ket_cchc_2017", "014_qd164-bcd-phong-thu-dan-su-cong-ttdt")


@pytest.fixture
def corpus(tmp_path):
    """A corpora folder holding `mini/` (two dev documents with their gold) and its snapshot."""
    root = tmp_path / "corpora"
    (root / "mini").mkdir(parents=True)
    for stem in STEMS:
        for suffix in (".txt", ".gold.json"):
            shutil.copy(DEV / f"{stem}{suffix}", root / "mini" / f"{stem}{suffix}")
    result = runner.invoke(app, ["snapshot", "update", "mini", "--root", str(root), "--workers", "0"])
    assert result.exit_code == 0, result.output
    return root


def lines(root):
    return [json.loads(line) for line in (root / "snapshots" / "mini.jsonl").read_text(encoding="utf-8").splitlines()]


def write(root, records):
    (root / "snapshots" / "mini.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def diff(root, *args):
    return runner.invoke(app, ["snapshot", "diff", "mini", "--root", str(root), "--workers", "0", "--no-progress", *args])


def test_update_writes_one_stable_line_per_document(corpus):
    records = lines(corpus)
    assert [r["document"]["source"] for r in records] == sorted(f"{s}.txt" for s in STEMS)
    for r in records:
        assert "text" not in r and "extractor_version" not in r      # nothing that changes between runs
    seed = next(r for r in records if r["document"]["source"].startswith("seed_000"))
    assert seed["task_stats"] and seed["legal_refs"]
    before = (corpus / "snapshots" / "mini.jsonl").read_bytes()
    # again, in a pool of processes: the very same file
    result = runner.invoke(app, ["snapshot", "update", "mini", "--root", str(corpus), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert (corpus / "snapshots" / "mini.jsonl").read_bytes() == before


def test_no_edit_no_difference(corpus):
    result = diff(corpus)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "snapshot: 1 corpora, 2 documents: no change"


def test_an_edited_golden_record_shows_as_exactly_that_change(corpus):
    records = lines(corpus)
    seed = next(r for r in records if r["document"]["source"].startswith("seed_000"))
    ref = seed["legal_refs"][0]
    real_number = ref["number"]
    ref["number"] = "1/2000/NĐ-CP"
    write(corpus, records)

    result = diff(corpus)
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[0] == f"mini/{seed['document']['source']}: ~1"
    assert out[1].startswith(f"  ~ legal_refs  @{ref['evidence']['start']}-{ref['evidence']['end']} ")
    assert out[1].endswith(f'number: "1/2000/NĐ-CP" → "{real_number}"')
    assert out[-1] == "snapshot: 1 corpora, 2 documents: 1 differ (1 changed)"

    as_json = [json.loads(line) for line in diff(corpus, "--json").stdout.splitlines()]
    assert as_json == [{"corpus": "mini", "source": seed["document"]["source"], "changes": [
        {"section": "legal_refs", "kind": "changed", "item": {**ref, "number": real_number},
         "fields": [{"field": "number", "old": "1/2000/NĐ-CP", "new": real_number}]}]}]


def test_members_fields_and_documents_missing_from_the_snapshot_show_as_added(corpus):
    records = lines(corpus)
    board = next(r for r in records if r["committees"])
    seed = next(r for r in records if r is not board)
    member = board["committees"][0]["members"].pop()
    kind = board["document"]["kind"]
    board["document"]["kind"] = wrong = "decision" if kind != "decision" else "news"
    write(corpus, [board])                                  # the other document's line is gone
    result = diff(corpus, "--json")
    assert result.exit_code == 1
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"] for d in found] == sorted(f"{s}.txt" for s in STEMS)
    board_changes = next(d["changes"] for d in found if d["source"] == board["document"]["source"])
    assert board_changes == [
        {"section": "document", "kind": "changed", "item": {**board["document"], "kind": kind},
         "fields": [{"field": "kind", "old": wrong, "new": kind}]},
        {"section": "members", "kind": "added", "item": {"committee": board["committees"][0]["name"], **member}},
    ]
    seed_changes = next(d["changes"] for d in found if d["source"] == seed["document"]["source"])
    assert [(c["section"], c["kind"]) for c in seed_changes] == [("document", "added")]
    stat = diff(corpus, "--stat").stdout.splitlines()
    assert stat[:2] == [f"mini/{board['document']['source']}: +1 ~1", f"mini/{seed['document']['source']}: +1"]


def item(start, end, text, **fields):
    return {**fields, "evidence": {"start": start, "end": end, "text": text}}


@pytest.mark.parametrize("old, new, expected", [
    # nothing changed
    ([item(0, 5, "Quý I", value="Q1")], [item(0, 5, "Quý I", value="Q1")], []),
    # the text before moved an item: "moved", not removed and added
    ([item(0, 5, "Quý I", value="Q1")], [item(9, 14, "Quý I", value="Q1")], [("moved", ["evidence.start", "evidence.end"])]),
    # same span, another value
    ([item(0, 5, "Quý I", value="Q1")], [item(0, 5, "Quý I", value="Q2")], [("changed", ["value"])]),
    # a span that grew is the same item changed
    ([item(0, 5, "Quý I", value="Q1")], [item(0, 14, "Quý I năm 2025", value="2025-Q1")],
     [("changed", ["value", "evidence.end", "evidence.text"])]),
    # one gone, one new, far apart
    ([item(0, 5, "Quý I", value="Q1")], [item(40, 47, "Tháng 2", value="M2")], [("removed", []), ("added", [])]),
    # two items on one span: the equal one pairs first, the other is the change
    ([item(0, 5, "Quý I", value="a"), item(0, 5, "Quý I", value="b")],
     [item(0, 5, "Quý I", value="b"), item(0, 5, "Quý I", value="c")], [("changed", ["value"])]),
])
def test_items_are_paired_by_evidence(old, new, expected):
    changes = snapshot.diff_items("dates", old, new)
    assert [(c.kind, [f for f, _, _ in c.fields]) for c in changes] == expected


def test_every_annotated_corpus_and_never_a_sealed_one():
    names = {p.name for p in snapshot.annotated_corpora(ROOT / "corpora")}
    assert {"dev", "heldout", "real"} <= names
    assert not names & {"sealed", "incoming", "archive", "snapshots"}


def test_unknown_or_sealed_corpora_are_refused_by_name(tmp_path):
    result = runner.invoke(app, ["snapshot", "diff", "nowhere", "--root", str(tmp_path)])
    assert result.exit_code == 2 and "nowhere: no such corpus" in result.stderr
    (tmp_path / "sealed").mkdir()
    result = runner.invoke(app, ["snapshot", "update", "sealed", "--root", str(tmp_path)])
    assert result.exit_code == 2 and "never snapshotted" in result.stderr


def test_a_corpus_without_a_snapshot_says_how_to_make_one(corpus):
    (corpus / "snapshots" / "mini.jsonl").unlink()
    result = diff(corpus)
    assert result.exit_code == 2
    assert "mini.jsonl: no snapshot of this corpus (make it with `vanban snapshot update mini`)" in result.stderr
