"""The `vanban` command line: extract, evaluate, schema, batch, serve, query, export."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console

import api.cli_help  # noqa: F401 - help screens in Unix style (PATH..., --format FORMAT)

app = typer.Typer(
    help="Structured records from Vietnamese administrative documents: legal references, dates, "
    "task statistics, committees and people.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True, highlight=False)

DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".pdf", ".docx", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def _expand(paths: list[str]) -> Iterator[str]:
    """Files named, files inside folders (recursively, documents only), or "-" for stdin."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES and not f.name.startswith("."):
                    yield str(f)
        else:
            yield p


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Files, folders (searched recursively) or - for standard input."),
    format: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT", show_default=False,
                                         help="summary: a few readable lines per document; json: one indented "
                                         "object per document (a list when several); jsonl: one compact object per "
                                         "line. Default: summary on a terminal, json otherwise."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    with_text: bool = typer.Option(False, "--with-text", help="Include the normalized text that evidence offsets refer to."),
) -> None:
    """Extract the records of documents (text, HTML, PDF, DOCX; chosen by content).

    A file that cannot be read is reported on standard error and the others still
    come out; the exit status is 1 when any failed.
    """
    from extractor.pipeline import extract as extract_file, extract_bytes
    from extractor.readers import ReadError, read_stdin

    if format is None:  # people read a terminal; scripts read what is piped or written to a file
        format = "summary" if output is None and sys.stdout.isatty() else "json"
    if format not in ("summary", "json", "jsonl"):
        raise typer.BadParameter("must be summary, json or jsonl", param_hint="--format")
    files = list(_expand(paths))
    if not files:
        err.print("[red]error:[/] no documents found in the given paths")
        raise typer.Exit(2)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    out_console = Console(file=out, highlight=False, soft_wrap=False)
    failed = 0
    records: list = []
    try:
        for f in files:
            try:
                keep_text = with_text or format == "summary"  # a summary names an untitled text by its start
                if f == "-":
                    record = extract_bytes(read_stdin(), "-", with_text=keep_text)
                else:
                    record = extract_file(f, with_text=keep_text)
            except ReadError as e:
                failed += 1
                err.print(f"[red]error:[/] {e}", highlight=False)
                continue
            except Exception as e:  # noqa: BLE001 - one file's bug must not lose the others
                failed += 1
                err.print(f"[red]error:[/] {f}: unexpected {type(e).__name__}: {e}", highlight=False)
                continue
            if format == "summary":
                from api.summary import print_summary

                if records:
                    out_console.print()
                print_summary(record, out_console, record.text)
                records.append(None)
                continue
            data = record.model_dump(mode="json", exclude_none=False)
            if not with_text:
                data.pop("text", None)
            if format == "jsonl":
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
                out.flush()
            else:
                records.append(data)
        if format == "json" and records:
            out.write(json.dumps(records[0] if len(records) == 1 and len(files) == 1 else records,
                                 ensure_ascii=False, indent=1) + "\n")
    finally:
        if output:
            out.close()
    if failed:
        err.print(f"{failed} of {len(files)} documents failed")
        raise typer.Exit(1)


@app.command()
def evaluate(
    directory: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of documents with <stem>.gold.json beside them."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every missed and extra item."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", help="Score this JSONL of records instead of extracting."),
) -> None:
    """Score the extractor on a folder of documents with gold files.

    Extracts every document that has a `<stem>.gold.json` beside it and prints
    precision, recall and F1 per section and the attribute accuracies, by the
    matching rules of docs/records.md."""
    from extractor.evaluate import gold_documents, score
    from extractor.pipeline import extract as extract_file

    started = time.perf_counter()
    if predictions:
        preds = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        preds = []
        for f in gold_documents(directory):
            try:
                preds.append(extract_file(f).model_dump(mode="json"))
            except Exception as e:  # noqa: BLE001 - report and score the rest
                err.print(f"[red]error:[/] {f}: {e}")
    report = score(directory, preds)
    elapsed = time.perf_counter() - started
    if verbose:
        for name, section, what, key in report.errors:
            print(f"{name}\t{section}\t{what}\t{key}")
    figures = report.as_dict()
    if as_json:
        print(json.dumps(figures, ensure_ascii=False))
        return
    from rich.table import Table

    console = Console()
    table = Table(title=f"{figures['documents']} documents, {elapsed:.1f} s")
    for col in ("section", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="right" if col != "section" else "left")
    for s in ("legal_refs", "dates", "task_stats", "members", "people"):
        v = figures[s]
        table.add_row(s, f"{v['p']:.3f}", f"{v['r']:.3f}", f"{v['f1']:.3f}", str(v["tp"]), str(v["fp"]), str(v["fn"]))
    table.add_row("macro F1", "", "", f"{figures['macro_f1']:.3f}", "", "", "")
    console.print(table)
    attrs = Table(title="attribute accuracy")
    attrs.add_column("attribute")
    attrs.add_column("acc", justify="right")
    attrs.add_column("n", justify="right")
    for k, v in figures.items():
        if isinstance(v, dict) and "acc" in v:
            attrs.add_row(k, "-" if v["acc"] is None else f"{v['acc']:.3f}", str(v["n"]))
    console.print(attrs)
    if figures["missing_predictions"]:
        err.print(f"[yellow]no prediction for:[/] {', '.join(figures['missing_predictions'])}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    from models.records import Record

    print(json.dumps(Record.model_json_schema(), ensure_ascii=False, indent=1))


# --- store commands (serve, query): see issue "Store, query, HTTP service" ---

@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", "-p", help="Port to listen on."),
    db: Optional[str] = typer.Option(None, "--db", help="Store URL or SQLite path (default $VANBAN_DB or the user's data folder)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Extractions at once (default $VANBAN_WORKERS or 2)."),
) -> None:
    """Run the HTTP service and the web page.

    The page is at http://HOST:PORT/, the API reference at /docs. Settings from the environment: VANBAN_DB, VANBAN_TOKEN (writes then need
    `Authorization: Bearer <token>`), VANBAN_READ_TOKEN_REQUIRED, VANBAN_MAX_UPLOAD_BYTES,
    VANBAN_MAX_PDF_PAGES, VANBAN_EXTRACT_TIMEOUT."""
    import uvicorn
    from pydantic import ValidationError

    from api.app import create_app
    from api.settings import Settings

    overrides = {k: v for k, v in (("db", db), ("workers", workers)) if v is not None}
    try:
        settings = Settings(**overrides)
    except ValidationError as e:
        err.print(f"[red]error:[/] {e.errors()[0]['msg']}", highlight=False)
        raise typer.Exit(2) from None
    err.print(f"vanban: writes {'need the token' if settings.token_value else 'are open (no VANBAN_TOKEN set)'}; "
              f"the page will be at http://{host}:{port}/", highlight=False)
    if not settings.token_value and host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/] listening on {host} without VANBAN_TOKEN: anyone who reaches it "
                  "can upload and delete documents", highlight=False)
    try:
        service = create_app(settings)
    except Exception as e:  # noqa: BLE001 - e.g. a store URL that does not open: say so, no traceback
        err.print(f"[red]error:[/] cannot start: {type(e).__name__}: {e}", highlight=False)
        raise typer.Exit(2) from None
    uvicorn.run(service, host=host, port=port, log_level="info", access_log=False, timeout_graceful_shutdown=5)


from api.query_cli import query_app  # noqa: E402 - `vanban query people|refs|committees|documents|tasks`

app.add_typer(query_app, name="query")

from api.snapshot_cli import snapshot_app  # noqa: E402 - `vanban snapshot update|diff`

app.add_typer(snapshot_app, name="snapshot")


# --- batch commands (batch, export): see issue "Batch processing of archives" ---

@app.command()
def batch(
    inputs: list[Path] = typer.Argument(..., help="Folders (recursive), zip/tar archives, JSONL(.gz) with a text "
                                        "or html field, WARC files; chosen by content."),
    db: Optional[str] = typer.Option(None, "--db", help="Store URL or SQLite path (default $VANBAN_DB or the user's data folder)."),
    no_store: bool = typer.Option(False, "--no-store", help="Do not write a store (records only go to --output)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Worker processes (default: all cores; 0: in this process)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Also write the records here as JSONL."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Failures as JSONL (id, source, reason); "
                                          "default <output>.errors.jsonl, else vanban-errors.jsonl."),
    timeout: float = typer.Option(300.0, "--timeout", help="Seconds one document may take before it is given up "
                                  "(above the readers' own limits: VANBAN_MAX_SECONDS + VANBAN_OCR_TIMEOUT)."),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, tcp://HOST:PORT."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on standard error."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as one JSON object on standard output."),
) -> None:
    """Extract whole archives into the store, in parallel.

    Run again to resume (stored documents are skipped). Failures never stop the batch: they go to
    the store and the errors file. Ctrl-C stops cleanly once what is extracted is written.
    Exit status: 0 when at least one document was extracted or skipped as stored (failures of
    some are in the errors file), 1 when every document failed, 130 when interrupted."""
    from extractor.batch import Batch, make_engine
    from extractor.batch.progress import BatchProgress, print_summary

    if no_store and not output:
        raise typer.BadParameter("--no-store needs --output", param_hint="--no-store")
    for p in inputs:
        if not p.exists():
            raise typer.BadParameter(f"{p}: no such file or folder", param_hint="INPUTS")
    try:
        runner = make_engine(engine, workers=workers, timeout=timeout or None, scheduler=scheduler)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--engine") from None
    store = None
    if not no_store:
        from models.store import Store

        store = Store(db)
    errors = errors or (output.with_name(output.name.removesuffix(".jsonl") + ".errors.jsonl") if output else Path("vanban-errors.jsonl"))
    out = output.open("w", encoding="utf-8") if output else None
    bar = BatchProgress(err) if progress else None
    try:
        if bar:
            bar.__enter__()
        run = Batch(runner, store=store, output=out, errors=errors, progress=bar)
        try:
            summary = run.run(inputs)
        except KeyboardInterrupt:  # a second Ctrl-C: the document being written was rolled back
            summary = run.summary
            summary.interrupted = True
    finally:
        if bar:
            bar.__exit__(None, None, None)
        if out:
            out.close()
        if store:
            store.close()
    if as_json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        print_summary(summary, err)
        if summary.failed:
            err.print(f"failures written to {errors}")
    if summary.interrupted:
        raise typer.Exit(130)
    if summary.failed and not summary.extracted and not summary.skipped:
        raise typer.Exit(1)   # nothing came out: a script must see it


@app.command()
def export(
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet."),
    kind: str = typer.Option("documents", "--kind", "-k", help="documents, legal_refs, dates, task_stats, "
                             "committees, members, people, or records (whole records, jsonl)."),
    db: Optional[str] = typer.Option(None, "--db", help="Store URL or SQLite path (default $VANBAN_DB)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (needed for parquet) instead of standard output."),
) -> None:
    """Export one record kind from the store as rows.

    One row per item, with its document's id and source and its evidence."""
    from extractor.batch.export import export as export_rows
    from models.store import Store

    with Store(db) as store:
        try:
            n = export_rows(store, kind, format, out=None if output else sys.stdout,
                            path=str(output) if output else None)
        except ValueError as e:
            raise typer.BadParameter(str(e)) from None
    err.print(f"{n} {kind} rows" + (f" written to {output}" if output else ""))


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
