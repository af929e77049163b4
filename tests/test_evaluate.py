"""`vanban evaluate` must give the reference scorer's figures on the same output."""
import importlib.util
import json
import subprocess
import sys

from conftest import DEV, ROOT
from extractor.evaluate import PROJECT_ONLY, score


def _reference_scorer():
    spec = importlib.util.spec_from_file_location("reference_score", ROOT / "tests" / "reference" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shared(figures: dict) -> dict:
    """The figures the reference scorer computes too (the project's own ones left out)."""
    return {k: v for k, v in figures.items() if k not in PROJECT_ONLY}


def test_figures_equal_reference_scorer(dev_records, tmp_path):
    preds = [r.model_dump(mode="json", exclude={"text"}) for r in dev_records.values()]
    ours = score(DEV, preds).as_dict()
    reference = _reference_scorer().score(str(DEV), preds)
    assert _shared(ours) == reference


def test_figures_equal_on_perturbed_predictions():
    """Also on predictions with misses, extras, old-style tones and odd spacing,
    so that agreement is not an accident of empty output."""
    preds = []
    for gold_path in sorted(DEV.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = dict(gold, document=dict(gold["document"], source=gold_path.name.replace(".gold.json", ".txt")))
        pred["legal_refs"] = gold.get("legal_refs", [])[1:] + [{"type": "Luật", "number": None, "title": "Đất đai"}]
        pred["people"] = [dict(p, name=p["name"].replace("òa", "oà").upper()) for p in gold.get("people", [])]
        pred["dates"] = gold.get("dates", [])[::2]
        preds.append(pred)
    assert _shared(score(DEV, preds).as_dict()) == _reference_scorer().score(str(DEV), preds)


def test_cli_evaluate_json_matches_reference(tmp_path):
    out = tmp_path / "pred.jsonl"
    subprocess.run([sys.executable, "-m", "api.cli", "extract", str(DEV), "--format", "jsonl", "-o", str(out)],
                   check=True, cwd=ROOT)
    cli = subprocess.run([sys.executable, "-m", "api.cli", "evaluate", str(DEV), "--json",
                          "--predictions", str(out)], check=True, cwd=ROOT, capture_output=True, text=True)
    ref = subprocess.run([sys.executable, str(ROOT / "tests" / "reference" / "score.py"), str(DEV), str(out), "--json"],
                         check=True, capture_output=True, text=True)
    assert _shared(json.loads(cli.stdout)) == json.loads(ref.stdout)


# (gold holder, predicted holder, right?)
HOLDER_CASES = [
    ("Bộ TT&TT", "Bộ TT&TT", True),
    ("Bộ TT&TT", "bộ tt&tt", True),                          # folded
    ("Bộ TT&TT", "Bộ Thông tin và Truyền thông", True),      # one body through the register
    ("UBND tỉnh Đắk Nông", "Ủy ban nhân dân tỉnh Đắk Nông", True),
    ("Bộ TT&TT", "Bộ", False),                               # a bare head names no body
    ("Bộ Nội vụ", "Bộ Tài chính", False),
    (None, None, True),                                      # nobody holds it, and nobody is given it
    (None, "Bộ Xây dựng", False),
    ("Bộ Xây dựng", None, False),
]


def test_same_holder_cases():
    from extractor.evaluate import same_holder
    for gold, pred, right in HOLDER_CASES:
        assert same_holder(gold, pred) is right, (gold, pred)


def test_holder_accuracy_over_matched_counts():
    """Only counts matched on (status, count, subject) are scored, null gold holders included;
    a gold item without the key is not."""
    gold = {"document": {}, "task_stats": [
        {"subject": "nhiệm vụ", "status": "assigned", "count": 290, "holder": "Bộ TT&TT"},
        {"subject": "nhiệm vụ", "status": "completed", "count": 246, "holder": "Bộ TT&TT"},
        {"subject": "thông tư", "status": "issued", "count": 4, "holder": None},
        {"subject": "nghị định", "status": "issued", "count": 1},
        {"subject": "đề án", "status": "assigned", "count": 5, "holder": "Bộ TT&TT"},   # not predicted
    ]}
    pred = {"document": {}, "task_stats": [
        {"subject": "nhiệm vụ", "status": "assigned", "count": 290, "holder": "Bộ Thông tin và Truyền thông"},
        {"subject": "nhiệm vụ", "status": "completed", "count": 246, "holder": "Bộ"},
        {"subject": "thông tư", "status": "issued", "count": 4, "holder": None},
        {"subject": "nghị định", "status": "issued", "count": 1, "holder": "Chính phủ"},
    ]}
    from extractor.evaluate import Report, score_document
    report = Report()
    score_document(report, "x", gold, pred)
    figures = report.as_dict()
    assert figures["task.holder"] == {"acc": round(2 / 3, 3), "n": 3}
    assert [e for e in report.errors if e[1] == "task.holder"] == [
        ("x", "task.holder", "WRONG", (("completed", 246, "nhiệm vụ"), "Bộ TT&TT", "Bộ"))]
