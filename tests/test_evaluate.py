"""`vanban evaluate` must give the reference scorer's figures on the same output."""
import importlib.util
import json
import subprocess
import sys

from conftest import DEV, ROOT
from extractor.evaluate import score


def _reference_scorer():
    spec = importlib.util.spec_from_file_location("reference_score", ROOT / "tests" / "reference" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_figures_equal_reference_scorer(dev_records, tmp_path):
    preds = [r.model_dump(mode="json", exclude={"text"}) for r in dev_records.values()]
    ours = score(DEV, preds).as_dict()
    reference = _reference_scorer().score(str(DEV), preds)
    assert ours == reference


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
    assert score(DEV, preds).as_dict() == _reference_scorer().score(str(DEV), preds)


def test_cli_evaluate_json_matches_reference(tmp_path):
    out = tmp_path / "pred.jsonl"
    subprocess.run([sys.executable, "-m", "api.cli", "extract", str(DEV), "--format", "jsonl", "-o", str(out)],
                   check=True, cwd=ROOT)
    cli = subprocess.run([sys.executable, "-m", "api.cli", "evaluate", str(DEV), "--json",
                          "--predictions", str(out)], check=True, cwd=ROOT, capture_output=True, text=True)
    ref = subprocess.run([sys.executable, str(ROOT / "tests" / "reference" / "score.py"), str(DEV), str(out), "--json"],
                         check=True, capture_output=True, text=True)
    assert json.loads(cli.stdout) == json.loads(ref.stdout)
