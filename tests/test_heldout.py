"""Regression guard on the held-out corpus (corpora/heldout): 16 archive documents that no
recognizer was tuned on, annotated by hand from RECORDS.md before the extractor was run on them.

The floors are the figures measured when the set was annotated, minus 0.02, so that a change
that helps the dev corpus but costs accuracy on unseen documents is noticed. Raise a floor
when the extractor improves; never lower one to make a change pass.

Measured (reference scorer, corpora/heldout):
    legal_refs  P 1.000 R 1.000 F1 1.000   (tp 113, fp 0, fn 0)    (second pass; was F1 0.978, tp 109 fp 1 fn 4)
    dates       P 1.000 R 1.000 F1 1.000   (tp 142, fp 0, fn 0)    (second pass; was F1 0.968, tp 136 fp 3 fn 6)
    task_stats  P 1.000 R 0.933 F1 0.966   (tp 14,  fp 0, fn 1)    (second pass; was F1 0.125, tp 1 fn 14)
    members     P 0.944 R 0.944 F1 0.944   (tp 17,  fp 1, fn 1)    (second pass; was F1 0.364, tp 4 fn 14)
    people      P 1.000 R 1.000 F1 1.000   (tp 32,  fp 0, fn 0)    (second pass; was F1 0.877, tp 25 fn 7)
    macro F1 0.662
"""
from pathlib import Path

import pytest

from conftest import ROOT
from extractor.evaluate import SECTIONS, score

HELDOUT = ROOT / "corpora" / "heldout"

MEASURED_F1 = {
    "legal_refs": 1.0,
    "dates": 1.0,
    "task_stats": 0.966,
    "members": 0.944,
    "people": 1.0,
}
SLACK = 0.02


@pytest.fixture(scope="module")
def heldout_records():
    """Every held-out document extracted once; strict, so a recognizer that raises fails here."""
    from extractor.pipeline import extract

    return {p.stem: extract(p, strict=True) for p in sorted(HELDOUT.glob("*.txt"))}


def test_corpus_is_complete():
    texts = {p.stem for p in HELDOUT.glob("*.txt")}
    golds = {p.name[: -len(".gold.json")] for p in HELDOUT.glob("*.gold.json")}
    assert len(texts) == 16
    assert texts == golds
    listed = {line.split("\t")[0][: -len(".txt")]
              for line in (HELDOUT / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:] if line}
    assert listed == texts


def test_every_document_extracts(heldout_records):
    for stem, record in heldout_records.items():
        assert Path(record.document.source).stem == stem
        assert record.document.id, stem


@pytest.fixture(scope="module")
def heldout_report(heldout_records):
    preds = [r.model_dump(mode="json", exclude={"text"}) for r in heldout_records.values()]
    return score(HELDOUT, preds).as_dict()


def test_no_document_missing(heldout_report):
    assert heldout_report["documents"] == 16
    assert heldout_report["missing_predictions"] == []


@pytest.mark.parametrize("section", SECTIONS)
def test_section_f1_does_not_regress(heldout_report, section):
    f1 = heldout_report[section]["f1"]
    floor = MEASURED_F1[section] - SLACK
    assert f1 >= floor, f"{section}: F1 {f1} fell below {floor} ({heldout_report[section]})"
