"""What the training scripts of the learned parts share: reading the annotated corpora, the
annotation round a document belongs to, the reference scorer, F1, the choice of a threshold
from held-out rounds, and writing a model with its provenance."""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the development corpora; sealed sets are never read
DEFAULT = ["corpora/committees", "corpora/heldout", "corpora/heldout2", "corpora/dev", "corpora/real"]
# F1 differences this small between thresholds are noise on a few hundred documents
NOISE = 0.002
THRESHOLDS = [x / 20 for x in range(1, 20)]


def refuse_sealed(corpora: list[str]) -> None:
    if any("sealed" in c for c in corpora):
        sys.exit("sealed sets are never trained on")


def scorer():
    """The reference scorer (its copy in tests/reference), for its name and member matching."""
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "reference" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def source(gold: Path) -> Path | None:
    """The document a gold file annotates (same stem, any other suffix)."""
    stem = gold.name[: -len(".gold.json")]
    for p in sorted(gold.parent.glob(stem + ".*")):
        if not p.name.endswith(".gold.json"):
            return p
    return None


def group(corpus: Path, gold: Path) -> str:
    """The annotation round of a document ("committees-q"), else its corpus: the unit left out
    when estimating what a model does on text it was not trained on."""
    m = re.match(r"(committees-[a-z]+)_", gold.name)
    return m.group(1) if m else corpus.name


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def choose(table: list[tuple[float, float]], rules_f1: float) -> tuple[float, float | None]:
    """Of (threshold, held-out F1) rows: the best F1 and the highest threshold within NOISE of
    it -- where F1 is flat, the model that adds or keeps fewer readings; (rules F1, None)
    where no threshold beats the rules alone."""
    best = max((f for _, f in table), default=0.0)
    if best <= rules_f1:
        return rules_f1, None
    return best, max(t for t, f in table if f >= best - NOISE - 1e-9)   # 1e-9: float rounding


def write(out: Path, model: dict, threshold: float, provenance: dict, shown: int = 15) -> None:
    """Print the model's strongest weights and write it with its threshold and provenance."""
    for k, w in sorted(model["weights"].items(), key=lambda kv: -abs(kv[1]))[:shown]:
        print(f"  {k:40s} {w:+.3f}")
    out.write_text(json.dumps({**provenance, "threshold": threshold, **model}, ensure_ascii=False, indent=1) + "\n",
                   encoding="utf-8")
    print("written", out.relative_to(ROOT))
