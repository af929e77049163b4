"""The small logistic models the recognizers ship: fitted by the scripts in `scripts/`, stored
as JSON in `extractor/data/`, applied here without any library.

A model is a dict: `weights` per feature name (with `bias`), the `mean` and `scale` each
feature was standardized with, and the `threshold` the training script chose by held-out
F1. Features are dicts of name -> value; a feature missing from a dict is 0.
"""
from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources


@cache
def load(name: str) -> dict | None:
    """The model `extractor/data/<name>.json`, None where none was trained. The constant
    part of the score (every feature at 0) is computed once."""
    path = resources.files("extractor.data").joinpath(name + ".json")
    if not path.is_file():
        return None
    return prepared(json.loads(path.read_text(encoding="utf-8")))


def prepared(m: dict) -> dict:
    """The model with its standardization folded into one coefficient per feature."""
    w, mean, scale = m["weights"], m["mean"], m["scale"]
    m["_coef"] = {k: w[k] / scale.get(k, 1.0) for k in w if k != "bias"}
    m["_zero"] = w.get("bias", 0.0) - sum(m["_coef"][k] * mean.get(k, 0.0) for k in m["_coef"])
    return m


def probability(m: dict, f: dict[str, float]) -> float:
    coef = m["_coef"]
    z = m["_zero"] + sum(coef[k] * v for k, v in f.items() if k in coef)
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def accepts(m: dict, f: dict[str, float]) -> bool:
    return probability(m, f) >= m["threshold"]


# training (numpy is imported only by the scripts that fit models)

def fit(rows: list[dict[str, float]], labels: list[bool], l2: float = 1.0, steps: int = 3000,
        rate: float = 0.5, names: list[str] | None = None) -> dict:
    """A standardized L2 logistic regression by gradient descent; the model dict without a
    threshold."""
    import numpy as np
    names = names or sorted({k for f in rows for k in f} | {"bias"}, key=lambda k: (k != "bias", k))
    x = _matrix(rows, names)
    y = np.array(labels, dtype=float)
    mean, scale = x.mean(0), x.std(0)
    bias = names.index("bias")
    mean[bias], scale[bias] = 0.0, 1.0
    x[:, bias] = 1.0
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    w = np.zeros(len(names))
    keep = np.ones(len(names))
    keep[bias] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        w -= rate * (z.T @ (p - y) / len(y) + l2 * keep * w / len(y))
    return {"weights": {n: round(float(v), 5) for n, v in zip(names, w)},
            "mean": {n: round(float(v), 5) for n, v in zip(names, mean)},
            "scale": {n: round(float(v), 5) for n, v in zip(names, scale)}}


def scores(m: dict, rows: list[dict[str, float]]) -> list[float]:
    """Probabilities of many rows under a model `fit` returned (no threshold needed)."""
    import numpy as np
    names = list(m["weights"])
    x = _matrix(rows, names)
    x[:, names.index("bias")] = 1.0
    mean = np.array([m["mean"][n] for n in names])
    scale = np.array([m["scale"][n] for n in names])
    w = np.array([m["weights"][n] for n in names])
    return list(1 / (1 + np.exp(-np.clip(((x - mean) / scale) @ w, -30, 30))))


def _matrix(rows: list[dict[str, float]], names: list[str]):
    import numpy as np
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, f in enumerate(rows):
        for k, v in f.items():
            if k in index:
                x[r, index[k]] = v
    return x
