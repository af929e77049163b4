"""`vanban snapshot update|diff`: golden records of the annotated corpora and the difference
an edit makes (the logic is `extractor.snapshot`)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

snapshot_app = typer.Typer(help="Golden records of the annotated corpora (corpora/snapshots/) and the "
                           "difference an edit makes to them.", no_args_is_help=True)
err = Console(stderr=True, soft_wrap=True, highlight=False)

CorporaArg = typer.Argument(None, help="Corpora: folders of --root (dev, real, ...) or paths to folders; "
                            "default every annotated one except sealed/, incoming/ and archive/.")
RootOption = typer.Option(None, "--root", help="The corpora folder (default ./corpora, else the checkout's).")
SnapshotsOption = typer.Option(None, "--snapshots", help="Where snapshots are kept (default <root>/snapshots).")
WorkersOption = typer.Option(None, "--workers", "-w", help="Processes (default: one per core; 0: in this process).")
ProgressOption = typer.Option(True, "--progress/--no-progress", help="Show each finished file on standard error.")


def _extract(corpora: Optional[list[str]], root: Optional[Path], snapshots: Optional[Path],
             workers: Optional[int], progress: bool):
    from extractor import snapshot

    root = root or snapshot.default_root()
    try:
        chosen = snapshot.resolve_corpora(corpora or [], root)
    except snapshot.SnapshotError as e:
        err.print(f"[red]error:[/] {e}")
        raise typer.Exit(2) from None
    if not chosen:
        err.print(f"[red]error:[/] {root}: no annotated corpora here")
        raise typer.Exit(2)

    def show(name: str, done: int, total: int) -> None:
        err.print(f"[{done}/{total}] {name}")

    records = snapshot.extract_corpora(chosen, workers=workers, progress=show if progress else None)
    return records, snapshots or root / snapshot.SNAPSHOT_DIR


@snapshot_app.command()
def update(corpora: Optional[list[str]] = CorporaArg, root: Optional[Path] = RootOption,
           snapshots: Optional[Path] = SnapshotsOption, workers: Optional[int] = WorkersOption,
           progress: bool = ProgressOption) -> None:
    """Extract the annotated documents of each corpus and write their records as its snapshot,
    <snapshots>/<corpus>.jsonl (one document per line, sorted by file name)."""
    from extractor import snapshot

    records, where = _extract(corpora, root, snapshots, workers, progress)
    for corpus, lines in records.items():
        path = snapshot.snapshot_path(where, corpus)
        snapshot.write_snapshot(path, lines)
        errors = sum("error" in line for line in lines)
        err.print(f"{path}: {len(lines)} documents" + (f", {errors} failed to extract" if errors else ""))


@snapshot_app.command()
def diff(corpora: Optional[list[str]] = CorporaArg, root: Optional[Path] = RootOption,
         snapshots: Optional[Path] = SnapshotsOption, workers: Optional[int] = WorkersOption,
         progress: bool = ProgressOption,
         stat: bool = typer.Option(False, "--stat", help="Per document only the number of changes."),
         as_json: bool = typer.Option(False, "--json", help="One JSON object per differing document.")) -> None:
    """Extract again and print what differs from the snapshots: per document and section
    (document, legal_refs, dates, task_stats, people, committees, members, warnings) the items
    added (+), removed (-) and changed (~, with old → new per field), then a summary line.
    Exit status 1 when anything differs."""
    from extractor import snapshot

    records, where = _extract(corpora, root, snapshots, workers, progress)
    diffs = []
    try:
        for corpus, lines in records.items():
            old = snapshot.read_snapshot(snapshot.snapshot_path(where, corpus))
            diffs.append(snapshot.diff_corpus(corpus, old, lines))
    except snapshot.SnapshotError as e:
        err.print(f"[red]error:[/] {e}")
        raise typer.Exit(2) from None
    if as_json:
        for cd in diffs:
            for dd in cd.differing:
                print(json.dumps({"corpus": cd.corpus, "source": dd.source,
                                  "changes": [c.as_dict() for c in dd.changes]}, ensure_ascii=False))
        err.print(snapshot.summary_line(diffs))
    else:
        for line in snapshot.report(diffs, stat=stat):
            print(line)
    sys.stdout.flush()
    if any(cd.differing for cd in diffs):
        raise typer.Exit(1)
