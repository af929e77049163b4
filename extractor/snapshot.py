"""Golden snapshots of the annotated corpora, and the difference an edit makes.

`vanban snapshot update` writes, for each annotated corpus (a folder of `corpora/` with
`<stem>.gold.json` files), the records the extractor gives today to
`corpora/snapshots/<corpus>.jsonl`: one document per line, sorted by file name, without
anything that changes from run to run (the normalized text, the extractor's version) and with
the source as the file's name inside its corpus, so a snapshot does not depend on where the
repository lives (the document's id, a hash of the normalized text, stands for the text).
`vanban snapshot diff` extracts again and compares, section by section: a refactoring step
proves that it changed nothing when the diff is empty.

Documents are extracted by `pipeline.extract`, the path of `vanban extract`, in a pool of
processes (the real files are OCRed: most of the time goes there), with the readers'
wall-clock limits lifted so that a busy machine gives the same records as an idle one.
"""
from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

# Folders of corpora/ that are never snapshotted: sealed measurement sets are not to be run
# before their one measure, `archive` holds unannotated pages, `snapshots` holds these files.
EXCLUDED = frozenset({"sealed", "incoming", "archive", "snapshots"})
SNAPSHOT_DIR = "snapshots"
# Top-level keys of a record that a snapshot leaves out: they change without the extraction changing.
VOLATILE = ("text", "extractor_version")
# Wall-clock limits of the readers, lifted while snapshotting: what a reader gives up on when
# the machine is busy (a PDF's tables read as rows within a time budget) must not make two
# runs differ. Values are seconds, set through the readers' own VANBAN_* variables.
UNCLOCKED = {"VANBAN_TABLE_SECONDS": "86400", "VANBAN_MAX_SECONDS": "86400", "VANBAN_OCR_TIMEOUT": "86400"}
# How a change is marked in the report; `moved`: the same item, only its offsets changed.
MARK = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}


class SnapshotError(Exception):
    """A corpus or snapshot that cannot be used; the message names it."""


# --- corpora ---------------------------------------------------------------------------

def default_root() -> Path:
    """`corpora/` of the working directory, else the one beside the package (a checkout)."""
    here = Path("corpora")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parent.parent / "corpora"


def annotated_corpora(root: Path) -> list[Path]:
    """Every folder of `root` with gold files, except the excluded ones."""
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and p.name not in EXCLUDED and any(p.glob("*.gold.json")))


def resolve_corpora(names: Iterable[str], root: Path) -> list[Path]:
    """Corpora named (a folder of `root`, or a path to a folder); all annotated ones when none."""
    names = list(names)
    if not names:
        if not root.is_dir():
            raise SnapshotError(f"{root}: no corpora folder here (run from the repository or pass --root)")
        return annotated_corpora(root)
    found = []
    for name in names:
        path = Path(name)
        if not path.is_dir():
            path = root / name
        if not path.is_dir():
            raise SnapshotError(f"{name}: no such corpus (not a folder, nor a folder of {root})")
        if path.name in EXCLUDED:
            raise SnapshotError(f"{path}: {path.name}/ is never snapshotted")
        if not any(path.glob("*.gold.json")):
            raise SnapshotError(f"{path}: no <stem>.gold.json here, so no annotated documents")
        found.append(path)
    return found


# --- extraction ------------------------------------------------------------------------

def snapshot_of(path: str | Path) -> dict[str, Any]:
    """The snapshot line of one document: its record without volatile fields, or its error."""
    from extractor.pipeline import extract

    path = Path(path)
    try:
        data = extract(path).model_dump(mode="json", exclude_none=False)
    except Exception as e:  # noqa: BLE001 - a failure is part of what the snapshot records
        message = str(e).replace(str(path), path.name)
        return {"document": {"source": path.name}, "error": f"{type(e).__name__}: {message}"}
    for key in VOLATILE:
        data.pop(key, None)
    data["document"]["source"] = path.name
    return data


@contextmanager
def unclocked() -> Iterator[None]:
    """The readers without wall-clock limits (UNCLOCKED), for this process and the workers it starts."""
    saved = {k: os.environ.get(k) for k in UNCLOCKED}
    os.environ.update(UNCLOCKED)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _snapshot_job(path: str) -> tuple[str, dict[str, Any]]:
    return path, snapshot_of(path)


def extract_corpora(corpora: list[Path], *, workers: int | None = None,
                    progress: Callable[[str, int, int], None] | None = None) -> dict[str, list[dict]]:
    """Snapshot lines of every annotated document of `corpora`, by corpus name, sorted by
    file name. `workers`: processes (None: one per core; 0: in this process). `progress` is
    called with each finished file's corpus/name, the number done and the total."""
    from extractor.evaluate import gold_documents

    files = [(c.name, str(p)) for c in corpora for p in gold_documents(c)]
    corpus_of = dict((p, c) for c, p in files)
    lines: dict[str, dict[str, Any]] = {}
    total = len(files)

    def done(path: str, line: dict[str, Any]) -> None:
        lines[path] = line
        if progress:
            progress(f"{corpus_of[path]}/{Path(path).name}", len(lines), total)

    workers = (os.cpu_count() or 1) if workers is None else workers
    with unclocked():
        if workers <= 0 or total <= 1:
            for _, path in files:
                done(*_snapshot_job(path))
        else:
            with ProcessPoolExecutor(max_workers=min(workers, total)) as pool:
                # the largest files first, so the pool does not end waiting on one OCR
                order = sorted((p for _, p in files), key=lambda p: -Path(p).stat().st_size)
                for future in as_completed([pool.submit(_snapshot_job, p) for p in order]):
                    done(*future.result())
    result: dict[str, list[dict]] = {c.name: [] for c in corpora}
    for c, path in files:
        result[c].append(lines[path])
    return result


def snapshot_path(snapshots: Path, corpus: str) -> Path:
    return snapshots / f"{corpus}.jsonl"


def write_snapshot(path: Path, lines: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for line in sorted(lines, key=lambda d: d["document"]["source"]):
            out.write(json.dumps(line, ensure_ascii=False, sort_keys=False) + "\n")


def read_snapshot(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise SnapshotError(f"{path}: no snapshot of this corpus (make it with `vanban snapshot update "
                            f"{path.stem}`)")
    lines = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            line["document"]["source"]
        except (ValueError, KeyError, TypeError) as e:
            raise SnapshotError(f"{path}:{n}: not a snapshot line ({type(e).__name__}: {e})") from None
        lines.append(line)
    return lines


# --- comparison ------------------------------------------------------------------------

@dataclass
class Change:
    """One difference in one document: an item `added`, `removed` or `changed` in a section.
    `fields` holds (field, old, new) for a changed item; `item` the item (new one if any)."""

    section: str
    kind: str
    item: Any
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        d = {"section": self.section, "kind": self.kind, "item": self.item}
        if self.fields:
            d["fields"] = [{"field": f, "old": o, "new": n} for f, o, n in self.fields]
        return d


@dataclass
class DocumentDiff:
    source: str
    changes: list[Change]


@dataclass
class CorpusDiff:
    corpus: str
    documents: int
    differing: list[DocumentDiff]

    def counts(self) -> dict[str, int]:
        c = dict.fromkeys(MARK, 0)
        for d in self.differing:
            for ch in d.changes:
                c[ch.kind] += 1
        return c


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested dicts as dotted paths ("signer.name", "evidence.start"); lists stay whole."""
    if not isinstance(value, dict):
        return {prefix: value}
    out: dict[str, Any] = {}
    for k, v in value.items():
        out.update(flatten(v, f"{prefix}.{k}" if prefix else k))
    return out


def changed_fields(old: Any, new: Any) -> list[tuple[str, Any, Any]]:
    a, b = flatten(old), flatten(new)
    return [(k, a.get(k), b.get(k)) for k in list(a) + [k for k in b if k not in a] if a.get(k) != b.get(k)]


def _span(item: Any) -> tuple[int, int] | None:
    ev = item.get("evidence") if isinstance(item, dict) else None
    if isinstance(ev, dict) and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
        return ev["start"], ev["end"]
    return None


def _overlap(a: Any, b: Any) -> int:
    sa, sb = _span(a), _span(b)
    if not sa or not sb:
        return 0
    return max(0, min(sa[1], sb[1]) - max(sa[0], sb[0]))


def _unplaced(item: Any) -> str:
    """An item without its offsets: the same item when only the text before it changed."""
    if _span(item):
        item = {**item, "evidence": {k: v for k, v in item["evidence"].items() if k not in ("start", "end")}}
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def diff_items(section: str, old: list, new: list) -> list[Change]:
    """Items of one section paired, in this order: equal items; items equal but for their
    offsets (`moved`: the text before them changed); items on the same span (their fields
    changed); items whose spans overlap (a span grew or shrank, largest overlap first).
    What is left was removed or added."""
    old_left, new_left = dict.fromkeys(range(len(old))), dict.fromkeys(range(len(new)))
    pairs: list[tuple[int, int]] = []

    def take(i: int, j: int) -> None:
        pairs.append((i, j))
        del old_left[i], new_left[j]

    def pair_by(key: Callable[[Any], Any]) -> None:
        waiting: dict[Any, list[int]] = {}
        for j in new_left:
            k = key(new[j])
            if k is not None:
                waiting.setdefault(k, []).append(j)
        for i in list(old_left):
            js = waiting.get(key(old[i]))
            if js:
                take(i, js.pop(0))

    pair_by(lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    pair_by(_unplaced)
    pair_by(_span)
    if old_left and new_left:
        for score, i, j in sorted(((_overlap(old[i], new[j]), i, j) for i in old_left for j in new_left),
                                  key=lambda t: (-t[0], t[1], t[2])):
            if score > 0 and i in old_left and j in new_left:
                take(i, j)
    changes = []
    for i, j in pairs:
        if old[i] != new[j]:
            kind = "moved" if _unplaced(old[i]) == _unplaced(new[j]) else "changed"
            changes.append(Change(section, kind, new[j], changed_fields(old[i], new[j])))
    changes += [Change(section, "removed", old[i]) for i in old_left]
    changes += [Change(section, "added", new[j]) for j in new_left]
    return sorted(changes, key=lambda c: (_span(c.item) or (0, 0), c.kind))


def _sections(line: dict[str, Any]) -> dict[str, Any]:
    """A snapshot line's sections for comparison: committees without their members, and the
    members as a section of their own, each with its committee's name."""
    out: dict[str, Any] = {}
    for key, value in line.items():
        if key == "committees" and isinstance(value, list):
            out[key] = [{k: v for k, v in c.items() if k != "members"} for c in value]
            out["members"] = [{"committee": c.get("name"), **m} for c in value for m in c.get("members") or []]
        else:
            out[key] = value
    return out


def diff_document(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    a, b = _sections(old), _sections(new)
    changes: list[Change] = []
    for key in list(a) + [k for k in b if k not in a]:
        va, vb = a.get(key), b.get(key)
        if va == vb:
            continue
        if isinstance(va, list) or isinstance(vb, list):
            changes += diff_items(key, va or [], vb or [])
        else:
            changes.append(Change(key, "changed", vb, changed_fields(va, vb)))
    return changes


def diff_corpus(corpus: str, old: list[dict], new: list[dict]) -> CorpusDiff:
    olds = {d["document"]["source"]: d for d in old}
    news = {d["document"]["source"]: d for d in new}
    differing = []
    for source in sorted(set(olds) | set(news)):
        if source not in olds:
            changes = [Change("document", "added", news[source]["document"])]
        elif source not in news:
            changes = [Change("document", "removed", olds[source]["document"])]
        else:
            changes = diff_document(olds[source], news[source])
        if changes:
            differing.append(DocumentDiff(source, changes))
    return CorpusDiff(corpus, len(news), differing)


# --- report ----------------------------------------------------------------------------

def _short(value: Any, limit: int = 80) -> str:
    s = json.dumps(value, ensure_ascii=False)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def describe(change: Change) -> str:
    """One line: the mark, the section, where (evidence span and text) and what."""
    item = change.item
    where = ""
    if _span(item):
        where = f"@{item['evidence']['start']}-{item['evidence']['end']} {_short(item['evidence'].get('text'), 60)} "
    if change.kind == "changed":
        what = "; ".join(f"{f}: {_short(o)} → {_short(n)}" for f, o, n in change.fields)
    elif isinstance(item, dict):
        what = " ".join(f"{k}={_short(v)}" for k, v in flatten(item).items()
                        if v not in (None, [], "") and not k.startswith("evidence"))
    else:
        what = _short(item, 160)
    return f"  {MARK[change.kind]} {change.section:<11} {where}{what}"


def _counted(c: dict[str, int]) -> str:
    return ", ".join(f"{v} {k}" for k, v in c.items() if v)


def summary_line(diffs: list[CorpusDiff]) -> str:
    docs = sum(d.documents for d in diffs)
    differing = sum(len(d.differing) for d in diffs)
    if not differing:
        return f"snapshot: {len(diffs)} corpora, {docs} documents: no change"
    c = {k: sum(d.counts()[k] for d in diffs) for k in MARK}
    return f"snapshot: {len(diffs)} corpora, {docs} documents: {differing} differ ({_counted(c)})"


def report(diffs: list[CorpusDiff], *, stat: bool = False) -> Iterable[str]:
    """The lines of a diff: per document its changes (or only their count with `stat`),
    items that only moved counted in one line per section, per corpus a count, and the
    summary line last."""
    for cd in diffs:
        for dd in cd.differing:
            counts = {k: sum(ch.kind == k for ch in dd.changes) for k in MARK}
            yield f"{cd.corpus}/{dd.source}: " + " ".join(f"{MARK[k]}{v}" for k, v in counts.items() if v)
            if stat:
                continue
            moved: dict[str, int] = {}
            for ch in dd.changes:
                if ch.kind == "moved":
                    moved[ch.section] = moved.get(ch.section, 0) + 1
                else:
                    yield describe(ch)
            for section, n in moved.items():
                yield f"  {MARK['moved']} {section:<11} {n} items moved: the same, at other offsets"
        yield f"{cd.corpus}: {cd.documents} documents, {len(cd.differing)} differ" + (
            f" ({_counted(cd.counts())})" if cd.differing else "")
    yield summary_line(diffs)
