"""Train the members check of `extractor/recognizers/committees/member_filter.py`.

usage: python scripts/train_member_filter.py [CORPUS_DIR ...] [--write]

Reads every annotated document of the corpora given (default: the development corpora with
committees gold), runs the committee frames and their arbitration without the check, labels
each kept reading by the reference scorer's matching (same person or unit or office, same
role), and fits a logistic model (L2, gradient descent; numpy only).

Before anything is written it estimates what the check does on text it was not trained on:
leave-one-group-out over the annotation rounds (each round was once a set the rules had not
seen), members F1 with and without the check, pooled over the held-out folds. The threshold
is the highest one whose pooled F1 is within noise of the best (`choose`). `--write` then
trains on everything and writes `extractor/data/member_filter.json` (weights,
standardization, threshold, provenance).
Sealed sets are never read: pass only development corpora.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor import logistic  # noqa: E402
from extractor.pipeline import make_doc  # noqa: E402
from extractor.readers import read_path  # noqa: E402
from extractor.recognizers import committees  # noqa: E402
from extractor.recognizers.committees import member_filter  # noqa: E402
from extractor.recognizers.committees.arbitrate import decide  # noqa: E402
from extractor.recognizers.committees.context import Context  # noqa: E402
from scripts.training import (DEFAULT, ROOT, THRESHOLDS, choose, f1, group, refuse_sealed, scorer,  # noqa: E402
                              source, write)

OUT = ROOT / "extractor" / "data" / "member_filter.json"


def collect(corpora: list[str]):
    """Rows of (group, document, features, label) and each document's gold member count."""
    score = scorer()
    rows, gold_total = [], {}
    for c in corpora:
        corpus = ROOT / c
        for gold in sorted(corpus.glob("*.gold.json")):
            g = json.loads(gold.read_text(encoding="utf-8"))
            if "committees" not in g:
                continue   # not annotated for committees
            src = source(gold)
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
                rows.append((group(corpus, gold), str(gold), f, label))
    return rows, gold_total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", default=DEFAULT)
    ap.add_argument("--write", action="store_true", help="train on all and write the model")
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args()
    refuse_sealed(args.corpora)
    rows, gold_total = collect(args.corpora)
    feats = [f for _, _, f, _ in rows]
    labels = [lab for *_, lab in rows]
    groups = [g for g, *_ in rows]
    right, total_gold = sum(labels), sum(gold_total.values())
    print(f"{len(gold_total)} documents, {total_gold} gold members, {len(rows)} readings kept by the rules "
          f"({right} right)")
    held = [0.0] * len(rows)   # leave one annotation round out
    for g in sorted(set(groups)):
        train = [k for k, gr in enumerate(groups) if gr != g]
        test = [k for k, gr in enumerate(groups) if gr == g]
        m = logistic.fit([feats[k] for k in train], [labels[k] for k in train], args.l2)
        for k, p in zip(test, logistic.scores(m, [feats[k] for k in test])):
            held[k] = p
    base = f1(right, len(rows) - right, total_gold - right)
    print(f"rules alone:            P {base[0]:.3f} R {base[1]:.3f} F1 {base[2]:.3f}")

    def with_check(sel: list[int], t: float, gold: int) -> tuple[float, float, float]:
        kept = [k for k in sel if held[k] >= t]
        tp = sum(labels[k] for k in kept)
        return f1(tp, len(kept) - tp, gold - tp)

    everything = list(range(len(rows)))
    table = []
    for t in THRESHOLDS:
        p, r, f = with_check(everything, t, total_gold)
        print(f"  held-out, threshold {t:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        table.append((t, f))
    best = choose(table, base[2])
    if best[1] is not None:   # per round: where the check helps and where it hurts
        for g in sorted(set(groups)):
            sel = [k for k, gr in enumerate(groups) if gr == g]
            gd = sum(v for d, v in gold_total.items() if group(Path(d).parent, Path(d)) == g)
            tp = sum(labels[k] for k in sel)
            print(f"  {g:16s} rules F1 {f1(tp, len(sel) - tp, gd - tp)[2]:.3f}"
                  f"  with check {with_check(sel, best[1], gd)[2]:.3f}")
    print(f"chosen held-out threshold {best[1]}: best F1 {best[0]:.3f} (rules alone {base[2]:.3f})")
    if not args.write:
        return
    if best[1] is None:
        sys.exit("the check does not beat the rules on held-out rounds: nothing written")
    m = logistic.fit(feats, labels, args.l2)
    write(OUT, m, best[1], {
        "about": "members check of committees/member_filter.py; trained by scripts/train_member_filter.py",
        "corpora": args.corpora, "documents": len(gold_total), "readings": len(rows),
        "held_out_f1": {"rules": round(base[2], 4), "with_check": round(best[0], 4)}})

if __name__ == "__main__":
    main()
