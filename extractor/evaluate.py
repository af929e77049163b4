"""Scoring of records against gold files, by the matching rules of RECORDS.md.

The figures must equal those of the reference scorer (shared/tools/score.py);
tests/test_evaluate.py checks that on the dev corpus. The project adds figures of its own
(`PROJECT_ONLY`), which the reference scorer does not compute:

- `task.holder`: of the task statistics matched on (status, count, subject), the share whose
  `holder` is right. Scored wherever the gold item states a holder, null included (a count
  that no body holds must not be given one). A holder is right when it equals the gold one
  after folding, or when both resolve to the same body through the register ("Bộ TT&TT" and
  "Bộ Thông tin và Truyền thông"; "UBND tỉnh X" and "Ủy ban nhân dân tỉnh X").
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from extractor import register
from extractor.normalize import normalize

SECTIONS = ("legal_refs", "dates", "task_stats", "members", "people")
ATTRIBUTES = (
    "ref.issuer", "ref.issued_on", "ref.relation", "member.position", "member.organization", "people.position",
    "committee.member_count", "doc.kind", "doc.number", "doc.issued_on", "doc.issuer",
    "doc.signer", "doc.author", "task.holder",
)
PROJECT_ONLY = ("task.holder",)   # figures of this project only: the reference scorer has none

def norm_text(s: Any) -> str | None:
    if s is None:
        return None
    # old-style tone placement is forgiven ("hoà" == "hòa"): normalize() moves it
    return normalize(re.sub(r"\s+", " ", str(s)).strip().casefold())


def norm_number(s: Any) -> str | None:
    if s is None:
        return None
    s = re.sub(r"\s+", "", unicodedata.normalize("NFC", str(s)))
    return re.sub(r"[\u2010-\u2015\u2212]", "-", s).casefold()


def stem_of(source: str) -> str:
    name = Path(str(source)).name
    for suffix in (".gold.json", ".txt", ".html", ".htm", ".pdf", ".docx", ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name.rsplit(".", 1)[0]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable, pred: Iterable) -> tuple[Counter, Counter]:
        g, p = Counter(gold), Counter(pred)
        hit = sum((g & p).values())
        self.tp += hit
        self.fp += sum(p.values()) - hit
        self.fn += sum(g.values()) - hit
        return g - p, p - g

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (0.0 if self.fn else 1.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Accuracy:
    ok: int = 0
    n: int = 0

    def add(self, gold: Any, pred: Any) -> None:
        self.n += 1
        self.ok += gold == pred


@dataclass
class Report:
    documents: int = 0
    missing: list[str] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SECTIONS})
    attrs: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in ATTRIBUTES})
    errors: list[tuple[str, str, str, Any]] = field(default_factory=list)  # (doc, section, MISSED/EXTRA, key)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"documents": self.documents, "missing_predictions": self.missing}
        for name, c in self.counts.items():
            p, r, f = c.prf()
            out[name] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": c.tp, "fp": c.fp, "fn": c.fn}
        for name, a in self.attrs.items():
            out[name] = {"acc": round(a.ok / a.n, 3) if a.n else None, "n": a.n}
        out["macro_f1"] = round(sum(out[s]["f1"] for s in SECTIONS) / len(SECTIONS), 3)
        return out


def _ref_key(r: dict) -> tuple:
    if r.get("number"):
        return norm_text(r.get("type")), norm_number(r["number"])
    return norm_text(r.get("type")), norm_text(r.get("title"))


def _member_keys(record: dict) -> list[tuple[tuple, str | None, dict]]:
    keys = []
    for committee in record.get("committees") or []:
        for m in committee.get("members") or []:
            if m.get("name"):
                ident = ("name", norm_text(m["name"]))
            elif m.get("organization"):
                ident = ("org", norm_text(m["organization"]))
            else:
                ident = ("pos", norm_text(m.get("position")))
            keys.append((ident, norm_text(m.get("role")), m))
    return keys


def _score_attributes(gold: list, pred: list, key: Callable, attrs: dict[str, tuple[Callable, Accuracy]],
                      nullable: tuple[str, ...] = ()) -> None:
    """Pair gold and predicted items with equal keys, first come first served,
    and score the attributes the gold states (one in `nullable` wherever the gold
    item has the key, null included: "no relation" is an answer too)."""
    pool: dict[Any, list] = {}
    for p in pred:
        pool.setdefault(key(p), []).append(p)
    for g in gold:
        candidates = pool.get(key(g))
        if not candidates:
            continue
        p = candidates.pop(0)
        for attr, (fn, acc) in attrs.items():
            if attr in g and (g[attr] is not None or attr in nullable):
                acc.add(fn(g[attr]), fn(p.get(attr)))


def same_holder(gold: str | None, pred: str | None) -> bool:
    """Whether a predicted holder names the gold one: equal after folding, or the same body
    of the register."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return norm_text(gold) == norm_text(pred) or register.same_body(gold, pred)


def _score_holders(report: Report, name: str, gold: list, pred: list, key: Callable) -> None:
    """`task.holder` over matched task statistics (paired as `_score_attributes` pairs them)."""
    pool: dict[Any, list] = {}
    for p in pred:
        pool.setdefault(key(p), []).append(p)
    for g in gold:
        candidates = pool.get(key(g))
        if not candidates or "holder" not in g:
            if candidates:
                candidates.pop(0)
            continue
        p = candidates.pop(0)
        ok = same_holder(g["holder"], p.get("holder"))
        report.attrs["task.holder"].n += 1
        report.attrs["task.holder"].ok += ok
        if not ok:
            report.errors.append((name, "task.holder", "WRONG", (key(g), g["holder"], p.get("holder"))))


def score_document(report: Report, name: str, gold: dict, pred: dict) -> None:
    C, A = report.counts, report.attrs
    # a section the gold leaves out was not annotated: predictions there are not counted
    pred = {k: (v if k in gold or k not in ("legal_refs", "dates", "task_stats", "committees", "people") else [])
            for k, v in pred.items()}
    diffs: dict[str, tuple[Counter, Counter]] = {}

    gold_refs, pred_refs = gold.get("legal_refs") or [], pred.get("legal_refs") or []
    diffs["legal_refs"] = C["legal_refs"].add(map(_ref_key, gold_refs), map(_ref_key, pred_refs))
    _score_attributes(gold_refs, pred_refs, _ref_key, {
        "issuer": (norm_text, A["ref.issuer"]), "issued_on": (lambda v: v, A["ref.issued_on"]),
        "relation": (lambda v: v, A["ref.relation"])}, nullable=("relation",))

    diffs["dates"] = C["dates"].add(
        [d["value"] for d in gold.get("dates") or []],
        [d.get("value") for d in pred.get("dates") or [] if not d.get("relative")])

    def task_key(t: dict) -> tuple:
        return t.get("status"), t.get("count"), norm_text(t.get("subject"))
    gold_tasks = [t for t in gold.get("task_stats") or [] if t.get("status") != "other"]
    pred_tasks = [t for t in pred.get("task_stats") or [] if t.get("status") != "other"]
    diffs["task_stats"] = C["task_stats"].add(map(task_key, gold_tasks), map(task_key, pred_tasks))
    _score_holders(report, name, gold_tasks, pred_tasks, task_key)

    gold_members, pred_members = _member_keys(gold), _member_keys(pred)
    diffs["members"] = C["members"].add([k[:2] for k in gold_members], [k[:2] for k in pred_members])
    pool: dict[tuple, list] = {}
    for k in pred_members:
        pool.setdefault(k[:2], []).append(k[2])
    for k in gold_members:
        if pool.get(k[:2]):
            g, p = k[2], pool[k[:2]].pop(0)
            if g.get("position") is not None:
                A["member.position"].add(norm_text(g["position"]), norm_text(p.get("position")))
            if g.get("organization") is not None and k[0][0] == "name":
                A["member.organization"].add(norm_text(g["organization"]), norm_text(p.get("organization")))
    pred_committees = {norm_text(c.get("name")): c for c in pred.get("committees") or []}
    for c in gold.get("committees") or []:
        if c.get("member_count") is not None:
            match = pred_committees.get(norm_text(c.get("name")))
            A["committee.member_count"].add(c["member_count"], match.get("member_count") if match else None)

    gold_people, pred_people = gold.get("people") or [], pred.get("people") or []
    diffs["people"] = C["people"].add([norm_text(p["name"]) for p in gold_people],
                                      [norm_text(p.get("name")) for p in pred_people])
    _score_attributes(gold_people, pred_people, lambda p: norm_text(p.get("name")),
                      {"position": (norm_text, A["people.position"])})

    gdoc, pdoc = gold.get("document") or {}, pred.get("document") or {}
    for f, fn in (("kind", norm_text), ("number", norm_number), ("issued_on", lambda v: v),
                  ("issuer", norm_text), ("author", norm_text)):
        if gdoc.get(f) is not None:
            A["doc." + f].add(fn(gdoc[f]), fn(pdoc.get(f)))
    if gdoc.get("signer"):
        A["doc.signer"].add(norm_text(gdoc["signer"].get("name")), norm_text((pdoc.get("signer") or {}).get("name")))

    for section, (missed, extra) in diffs.items():
        report.errors += [(name, section, "MISSED", k) for k in missed.elements()]
        report.errors += [(name, section, "EXTRA", k) for k in extra.elements()]


def score(gold_dir: str | Path, predictions: Iterable[dict]) -> Report:
    """Score record dicts (as `extract --format jsonl` writes them) against GOLD_DIR/*.gold.json."""
    by_stem = {stem_of((p.get("document") or {}).get("source", "")): p for p in predictions}
    report = Report()
    for path in sorted(Path(gold_dir).glob("*.gold.json")):
        name = path.name[: -len(".gold.json")]
        report.documents += 1
        pred = by_stem.get(name)
        if pred is None:
            report.missing.append(name)
            pred = {}
        score_document(report, name, json.loads(path.read_text(encoding="utf-8")), pred)
    return report


def gold_documents(directory: str | Path) -> list[Path]:
    """The documents in `directory` that have a `<stem>.gold.json` beside them."""
    directory = Path(directory)
    stems = {p.name[: -len(".gold.json")] for p in directory.glob("*.gold.json")}
    return sorted(p for p in directory.iterdir()
                  if p.is_file() and not p.name.endswith(".json") and stem_of(p.name) in stems)
