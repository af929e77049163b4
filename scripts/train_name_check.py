"""Train the second look at name runs of `extractor/name_check.py`.

usage: python scripts/train_name_check.py [CORPUS_DIR ...] [--write]

Reads every document of the corpora given whose gold annotates `people` (default: the
development corpora), runs the name rules, and labels each run of name words the rules left
unread: is it, as written, the name of a person the gold lists? A logistic model is fitted on
shape and context features (a context word is a feature only where it occurs
`--min-count` times or more).

Before anything is written it estimates what the model does on text it was not trained on:
leave-one-group-out over the annotation rounds, then the document's names (the rules' and
the runs accepted) against the gold people, pooled over the held-out folds, with and without
the model. The threshold is the highest within noise of the best pooled F1 (fewer false
people where F1 is flat); `--write` trains on everything and
writes `extractor/data/name_check.json`. Sealed sets are never read.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor import logistic, name_check, names  # noqa: E402
from extractor.pipeline import make_doc  # noqa: E402
from extractor.readers import read_path  # noqa: E402
from extractor.spans import spans  # noqa: E402
from scripts.training import (DEFAULT, ROOT, THRESHOLDS, choose, f1, group, refuse_sealed, scorer,  # noqa: E402
                              source, write)

OUT = ROOT / "extractor" / "data" / (name_check.MODEL + ".json")


def collect(corpora: list[str]):
    """Per document: its group, the rules' names, the gold names; rows of the runs left."""
    score = scorer()
    docs, rows = [], []
    for c in corpora:
        corpus = ROOT / c
        for gold in sorted(corpus.glob("*.gold.json")):
            g = json.loads(gold.read_text(encoding="utf-8"))
            src = source(gold)
            if "people" not in g or src is None:
                continue
            sp = spans(make_doc(read_path(src), str(src)))
            runs: list = []
            found = names.find(sp, runs)
            gold_names = {score.norm(p["name"]) for p in g["people"] if p.get("name")}
            d = len(docs)
            docs.append((group(corpus, gold), {score.norm(s.value) for s in found}, gold_names))
            known = name_check.Known.of(sp, runs, found)
            for i, j, r in name_check.open_to_look(sp, runs):
                text = score.norm(names.name_span(sp, i, j).value)
                rows.append((d, text, name_check.features(sp, i, j, known, r), text in gold_names))
    return docs, rows


def pooled(docs, rows, probs, threshold: float | None):
    tp = fp = fn = 0
    extra: dict[int, set[str]] = {}
    if threshold is not None:
        for (d, text, _, _), p in zip(rows, probs):
            if p >= threshold:
                extra.setdefault(d, set()).add(text)
    for d, (_, found, gold) in enumerate(docs):
        pred = found | extra.get(d, set())
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return tp, fp, fn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", default=DEFAULT)
    ap.add_argument("--write", action="store_true", help="train on all and write the model")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=20)
    args = ap.parse_args()
    refuse_sealed(args.corpora)
    docs, rows = collect(args.corpora)
    counts = Counter(k for _, _, f, _ in rows for k in f)
    feature_names = ["bias"] + sorted(k for k, n in counts.items() if n >= args.min_count and k != "bias")
    feats = [f for _, _, f, _ in rows]
    labels = [lab for *_, lab in rows]
    print(f"{len(docs)} documents, {len(rows)} runs the rules left ({sum(labels)} are gold people), "
          f"{len(feature_names)} features")
    groups = sorted({g for g, _, _ in docs})
    probs = [0.0] * len(rows)
    for g in groups:
        train = [k for k, r in enumerate(rows) if docs[r[0]][0] != g]
        m = logistic.fit([feats[k] for k in train], [labels[k] for k in train], args.l2, names=feature_names)
        test = [k for k, r in enumerate(rows) if docs[r[0]][0] == g]
        for k, p in zip(test, logistic.scores(m, [feats[k] for k in test])):
            probs[k] = p
    base = f1(*pooled(docs, rows, probs, None))
    print(f"rules alone: P {base[0]:.3f} R {base[1]:.3f} F1 {base[2]:.3f}")
    table = []
    for t in THRESHOLDS:
        p, r, f = f1(*pooled(docs, rows, probs, t))
        print(f"  held-out, threshold {t:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        table.append((t, f))
    best = choose(table, base[2])
    print(f"chosen held-out threshold {best[1]}: best F1 {best[0]:.3f} (rules alone {base[2]:.3f})")
    if not args.write:
        return
    if best[1] is None:
        sys.exit("the model does not beat the rules on held-out rounds: nothing written")
    m = logistic.fit(feats, labels, args.l2, names=feature_names)
    write(OUT, m, best[1], {
        "about": "second look at name runs of extractor/name_check.py; trained by scripts/train_name_check.py",
        "corpora": args.corpora, "documents": len(docs), "runs": len(rows),
        "held_out_f1": {"rules": round(base[2], 4), "with_model": round(best[0], 4)}}, shown=20)

if __name__ == "__main__":
    main()
