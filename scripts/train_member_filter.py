"""Train the members check of `extractor/recognizers/committees/member_filter.py`.

usage: python scripts/train_member_filter.py [CORPUS_DIR ...] [--write] [--folds-only]

Reads every annotated document of the corpora given (default: the development corpora with
committees gold), runs the committee frames and their arbitration without the check, labels
each kept reading by the reference scorer's matching (same person or unit or office, same
role), and fits a logistic model (L2, gradient descent; numpy only).

Before anything is written it estimates what the check does on text it was not trained on:
leave-one-group-out over the annotation rounds (each round was once a set the rules had not
seen), members F1 with and without the check, pooled over the held-out folds. The threshold
is the one that maximizes that pooled F1. `--write` then trains on everything and writes
`extractor/data/member_filter.json` (weights, standardization, threshold, provenance).
Sealed sets are never read: pass only development corpora.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.pipeline import make_doc  # noqa: E402
from extractor.readers import read_path  # noqa: E402
from extractor.recognizers import committees  # noqa: E402
from extractor.recognizers.committees import member_filter  # noqa: E402
from extractor.recognizers.committees.arbitrate import decide  # noqa: E402
from extractor.recognizers.committees.context import Context  # noqa: E402

DEFAULT = ["corpora/committees", "corpora/heldout", "corpora/heldout2", "corpora/dev", "corpora/real"]
OUT = ROOT / "extractor" / "data" / "member_filter.json"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "reference" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _source(gold: Path) -> Path | None:
    stem = gold.name[: -len(".gold.json")]
    for p in sorted(gold.parent.glob(stem + ".*")):
        if not p.name.endswith(".gold.json"):
            return p
    return None


def _group(corpus: Path, gold: Path) -> str:
    m = re.match(r"(committees-[a-z]+)_", gold.name)
    return m.group(1) if m else corpus.name


def collect(corpora: list[str]):
    """Rows of (group, document, features, label) and each document's gold member count."""
    score = _scorer()
    rows, gold_total = [], {}
    for c in corpora:
        corpus = ROOT / c
        for gold in sorted(corpus.glob("*.gold.json")):
            g = json.loads(gold.read_text(encoding="utf-8"))
            if "committees" not in g:
                continue   # not annotated for committees
            src = _source(gold)
            if src is None:
                continue
            doc = make_doc(read_path(src), str(src))
            ctx = Context.build(doc)
            keys = Counter(k[:2] for k in score.member_keys(g))
            gold_total[str(gold)] = sum(keys.values())
            if not ctx.entities:
                continue
            cands = committees.candidates(ctx)
            kept = decide(cands)
            for cand, f in zip(kept, member_filter.features(ctx, kept, cands)):
                pred = {"committees": [{"members": [{"name": cand.name, "organization": cand.organization,
                                                     "position": cand.position, "role": cand.role}]}]}
                key = score.member_keys(pred)[0][:2]
                label = keys[key] > 0
                if label:
                    keys[key] -= 1
                rows.append((_group(corpus, gold), str(gold), f, label))
    return rows, gold_total


def matrix(feats: list[dict[str, float]], names: list[str]) -> np.ndarray:
    x = np.zeros((len(feats), len(names)))
    index = {n: i for i, n in enumerate(names)}
    for r, f in enumerate(feats):
        for k, v in f.items():
            if k in index:
                x[r, index[k]] = v
    return x


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000, rate: float = 0.5):
    """Standardized logistic regression; the bias column (first) is left unstandardized."""
    mean, scale = x.mean(0), x.std(0)
    mean[0], scale[0] = 0.0, 1.0
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    w = np.zeros(x.shape[1])
    n = len(y)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (p - y) / n + l2 * np.r_[0.0, w[1:]] / n
        w -= rate * grad
    return w, mean, scale


def predict(x: np.ndarray, w, mean, scale) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(((x - mean) / scale) @ w, -30, 30)))


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", default=DEFAULT)
    ap.add_argument("--write", action="store_true", help="train on all and write the model")
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args()
    if any("sealed" in c for c in args.corpora):
        sys.exit("sealed sets are never trained on")
    rows, gold_total = collect(args.corpora)
    names = sorted({k for _, _, f, _ in rows for k in f}, key=lambda k: (k != "bias", k))
    x = matrix([f for _, _, f, _ in rows], names)
    y = np.array([lab for *_, lab in rows], dtype=float)
    groups = [g for g, *_ in rows]
    total_gold = sum(gold_total.values())
    print(f"{len(gold_total)} documents, {total_gold} gold members, {len(rows)} readings kept by the rules "
          f"({int(y.sum())} right)")
    # leave one annotation round out
    held = np.zeros(len(y))
    for g in sorted(set(groups)):
        test = np.array([gr == g for gr in groups])
        w, mean, scale = fit(x[~test], y[~test], args.l2)
        held[test] = predict(x[test], w, mean, scale)
    base = f1(int(y.sum()), int(len(y) - y.sum()), int(total_gold - y.sum()))
    print(f"rules alone:            P {base[0]:.3f} R {base[1]:.3f} F1 {base[2]:.3f}")
    best = (base[2], 0.0)
    for t in np.arange(0.05, 0.96, 0.05):
        keep = held >= t
        tp = int(y[keep].sum())
        p, r, f = f1(tp, int(keep.sum()) - tp, total_gold - tp)
        print(f"  held-out, threshold {t:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        if f > best[0]:
            best = (f, float(t))
    # per round: where does the check help and where does it hurt
    for g in sorted(set(groups)):
        sel = np.array([gr == g for gr in groups])
        gd = sum(v for d, v in gold_total.items() if _group(Path(d).parent, Path(d)) == g)
        tp0 = int(y[sel].sum())
        keep = sel & (held >= best[1])
        tp1 = int(y[keep].sum())
        print(f"  {g:16s} rules F1 {f1(tp0, int(sel.sum()) - tp0, gd - tp0)[2]:.3f}"
              f"  with check {f1(tp1, int(keep.sum()) - tp1, gd - tp1)[2]:.3f}")
    print(f"best held-out threshold {best[1]:.2f}: F1 {best[0]:.3f} (rules alone {base[2]:.3f})")
    if not args.write:
        return
    if best[1] == 0.0:
        sys.exit("the check does not beat the rules on held-out rounds: nothing written")
    w, mean, scale = fit(x, y, args.l2)
    order = np.argsort(-np.abs(w))
    for i in order[:15]:
        print(f"  {names[i]:32s} {w[i]:+.3f}")
    OUT.write_text(json.dumps({
        "about": "members check of committees/member_filter.py; trained by scripts/train_member_filter.py",
        "corpora": args.corpora, "documents": len(gold_total), "readings": len(rows),
        "held_out_f1": {"rules": round(base[2], 4), "with_check": round(best[0], 4)},
        "threshold": round(best[1], 2),
        "weights": {n: round(float(v), 5) for n, v in zip(names, w)},
        "mean": {n: round(float(v), 5) for n, v in zip(names, mean)},
        "scale": {n: round(float(v), 5) for n, v in zip(names, scale)},
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("written", OUT.relative_to(ROOT))


if __name__ == "__main__":
    main()
