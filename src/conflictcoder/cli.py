"""The `conflictcoder` command. It only maps arguments onto the library and errors onto exit codes:
0 all went well, 1 some input could not be coded (the rest was), 2 the run could not go on.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import typer

from . import errors
from .settings import Options

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Code news articles into ACLED-style political-violence events, offline.")

DEFAULT_DB = "conflictcoder.duckdb"  # or a postgresql:// URL


FORMAT_HELP = ("jsonl, csv (ACLED's 31 columns, then the record's), acled-csv (exactly ACLED's 31), "
               "ucdp-csv, geojson or parquet; default: from -o's extension, else jsonl.")
PARTITION_HELP = "Parquet to a directory (-o DIR): partition by 'month' (month=YYYY-MM) or 'day' (day=YYYY-MM-DD)."


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def version_callback(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"conflictcoder {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Code news articles into ACLED-style political-violence events, offline."""


def code_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one -o's extension names (OptionsError when neither works)."""
    from .export import format_for

    try:
        return format_for(fmt, output)
    except ValueError as exc:
        raise errors.OptionsError(str(exc)) from exc


def output_format(fmt: str | None, output: Path | None) -> str:
    try:
        return code_format(fmt, output)
    except errors.OptionsError as exc:
        fail(str(exc))


@app.command()
def code(
    inputs: list[Path] = typer.Argument(..., help=".txt/.html files, directories of them, or .jsonl files."),
    meta: Optional[Path] = typer.Option(None, "--meta", help="JSONL of {doc_id or file, published, source, url, title}."),
    db: str = typer.Option(DEFAULT_DB, "--db", help="The store to write into: a DuckDB file or a postgresql:// URL."),
    no_db: bool = typer.Option(False, "--no-db", help="Do not store; only write the events out."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (default: standard output)."),
    max_bytes: int = typer.Option(Options().max_text_bytes, "--max-bytes", help="Largest article accepted, in bytes."),
    time_limit: float = typer.Option(Options().doc_time_limit_s, "--time-limit", help="Seconds one document may take (0: no limit); over it, it is reported and the run goes on."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    workers: int = typer.Option(0, "--workers", "-w", help="Processes to code on (0: every available core)."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Code on the Dask cluster at this scheduler address (tcp://HOST:8786)."),
    no_relevance_filter: bool = typer.Option(False, "--no-relevance-filter", help="Parse every article, even those with no sign of violence."),
    no_detector: bool = typer.Option(False, "--no-detector", help="Keep every candidate the patterns propose, typed by them (measures what the trained detector adds)."),
    partition: str = typer.Option("month", "--partition", help=PARTITION_HELP),
    per_report: bool = typer.Option(False, "--per-report", help="With --no-db: one record per event per document, not merged across documents."),
) -> None:
    """Code articles into events, store them, and write them out.

    Exit codes: 0 every input was coded; 1 some inputs could not be (each is listed with its
    reason; the rest was coded and written); 2 the run could not proceed (bad options, an
    unwritable store or output, a full disk)."""
    try:
        fmt = code_format(fmt, output)
        check_code_options(inputs, meta, fmt, output, partition, workers, per_report, no_db, max_bytes, time_limit)
    except errors.OptionsError as exc:
        fail(str(exc))
    options = Options(max_text_bytes=max_bytes, relevance_filter=not no_relevance_filter,
                      doc_time_limit_s=time_limit, detector=not no_detector)
    run = CodeRun(db=None if no_db else db, per_report=per_report)
    try:
        prepare_gazetteer(quiet)
        run.open()
        from .pipeline import code_paths

        for result in with_progress(code_paths(inputs, meta, options, workers=workers, dask=dask),
                                    count_inputs(inputs), quiet):
            run.add(result)
        records = run.records()
        if output is not None or fmt == "parquet":
            export_records(records, fmt, output, partition=partition)
        else:
            export_records(records, fmt, stream=sys.stdout)
    except errors.ConflictCoderError as exc:
        run.close()
        if not quiet:
            summarise(run.n_docs, None, run.failures, run.db, run.warnings)
        fail(f"{exc} The run stopped: {run.n_docs} documents were coded before it.")
    except OSError as exc:  # the output cannot be written: a full disk, a read-only folder
        run.close()
        fail(f"cannot write {output or 'the output'}: {exc.strerror or exc}. The run stopped "
             f"after coding {run.n_docs} documents{' (they are in the store)' if run.db else ''}.")
    finally:
        run.close()
    if not quiet:
        summarise(run.n_docs, records, run.failures, run.db, run.warnings, run.undated)
    if run.failures:
        raise typer.Exit(1)


def export_records(records, fmt, path=None, **kwargs):
    from .export import export_records as write

    return write(records, fmt, path, **kwargs)


class CodeRun:
    """What one `code` run has done: documents coded, failures, warnings, the store or the
    in-memory merge of its events."""

    def __init__(self, db: str | None, per_report: bool):
        self.db, self.per_report = db, per_report
        self.store = None
        self.failures: list = []
        self.warnings: Counter = Counter()
        self.n_docs = 0
        self.undated = 0  # documents coded without a publication date
        self.run_ids: list[str] = []
        self.per_doc: list[dict] = []
        self.merger = None

    def open(self) -> None:
        if self.db is not None:
            from .store import open_store

            self.store = open_store(self.db)
        elif not self.per_report:
            from .merge_across import CrossDocMerger

            self.merger = CrossDocMerger()

    def add(self, result) -> None:
        from .records import Failure

        failure = result if isinstance(result, Failure) else result.failure
        if failure is None:
            try:
                self.save(result)
                self.warnings.update(code for code, _ in result.document.warnings)
                self.undated += result.clean is not None and result.clean.published is None
                return
            except errors.DocumentNotStored as exc:
                failure = Failure(result.document.path or result.document.doc_id, exc.code, exc.message,
                                  result.document.doc_id, "store")
        self.failures.append(failure)
        if self.store is not None:
            self.store.record_failure(failure)

    def save(self, result) -> None:
        if self.store is not None:
            from .service import clean_text, save_document

            self.run_ids.extend(save_document(self.store, result.document, result.events,
                                                     clean_text(result)))
        elif self.per_report:
            self.per_doc.extend(e.to_record() for e in result.events)
        else:
            self.merger.add_document(result.document.doc_id, result.events)
        self.n_docs += 1

    def records(self) -> list[dict]:
        if self.store is not None:
            return self.store.records_for(self.run_ids)
        if self.per_report:
            return self.per_doc
        return [e.to_record() for e in self.merger.events()]

    def close(self) -> None:
        if self.store is not None:
            store, self.store = self.store, None
            try:
                store.close()
            except Exception:  # noqa: BLE001 - a store that failed may fail to close; nothing to save
                pass


def check_code_options(inputs: list[Path], meta: Path | None, fmt: str, output: Path | None, partition: str,
                       workers: int, per_report: bool, no_db: bool, max_bytes: int, time_limit: float) -> None:
    """Refuse, before any coding, arguments that cannot work (an OptionsError, exit 2)."""
    import stat

    from .export import FORMATS, is_parquet_file_target, not_partitions

    def refuse(message: str) -> None:
        raise errors.OptionsError(message)

    if fmt not in FORMATS:
        refuse(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if partition not in ("day", "month"):
        refuse(f"unknown partition {partition!r}; choose day or month")
    if workers < 0:
        refuse("--workers must be 0 (every core) or more")
    if max_bytes <= 0:
        refuse("--max-bytes must be over 0")
    if time_limit < 0:
        refuse("--time-limit must be 0 (no limit) or more")
    if per_report and not no_db:
        refuse("--per-report needs --no-db: the store always merges reports of one event")
    if fmt == "parquet" and output is None:
        refuse("--format parquet needs -o FILE.parquet or -o DIR")
    if output is not None:
        dataset = fmt == "parquet" and not is_parquet_file_target(output)
        if output.is_dir() and not dataset:
            refuse(f"-o {shown(output)} is a directory; give a file name")
        strangers = not_partitions(output) if dataset and output.is_dir() else []
        if strangers:
            refuse(f"-o {shown(output)} is a directory holding files that are not Parquet partitions "
                   f"({shown(strangers[0])}); give an empty or new directory, or a file name")
        if output.exists() and not output.is_dir() and dataset:
            refuse(f"-o {shown(output)} is a file; give a directory (or FILE.parquet) for parquet")
        if not output.exists() and output.parent.exists() and not output.parent.is_dir():
            refuse(f"-o {shown(output)}: {shown(output.parent)} is not a directory")
    for path in inputs + ([meta] if meta else []):
        try:
            mode = path.stat().st_mode
        except OSError:
            continue  # missing inputs are reported in the run, with the rest coded
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            refuse(f"{shown(path)} is not a regular file or a directory (a FIFO or a device would block)")
    if meta is not None and not meta.is_file():
        refuse(f"--meta {shown(meta)} is not a file")


def shown(value) -> str:
    """A name as it may be printed: control characters (a newline in a file name would fake a
    line of the summary) and undecodable bytes escaped."""
    text = str(value)
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no file name gave
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def prepare_gazetteer(quiet: bool) -> None:
    """Build the gazetteer index on first use, with a progress bar (it takes a few seconds)."""
    from .resolve.gazetteer import Gazetteer, index_ready

    if index_ready():
        return
    if quiet:
        Gazetteer.open().close()
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn("building the gazetteer index (once)"), BarColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("gazetteer", total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        Gazetteer.open(progress=tick).close()


def count_inputs(inputs: list[Path]) -> int | None:
    total = 0
    for path in inputs:
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file())
        elif path.suffix.lower() in (".jsonl", ".gz", ".ndjson", ".warc"):
            return None  # unknown without reading it
        else:
            total += 1
    return total


def with_progress(results, total: int | None, quiet: bool):
    if quiet or (total is not None and total <= Options().progress_threshold):
        yield from results
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.console import Console

    columns = [TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("coding", total=total)
        for result in results:
            progress.advance(task)
            yield result


def summarise(n_docs: int, records: list[dict] | None, failures, db: str | None,
              warnings: Counter | None = None, undated: int = 0) -> None:
    where = f" into {shown(db)}" if db else ""
    events = f"{len(records)} events" if records is not None else "events not written"
    typer.echo(f"coded {n_docs} documents: {events}{where}", err=True)
    if undated:
        typer.echo(f"{undated} of them had no publication date (none in the metadata, the page, the text or the URL): "
                   "their relative dates ('on Tuesday') could not be resolved", err=True)
    if warnings:
        typer.echo("warnings: " + ", ".join(f"{WARNING_NAMES.get(c, c)} {n}" for c, n in sorted(warnings.items())), err=True)
    if failures:
        reasons = Counter(f"{f.code} {f.stage}" for f in failures)
        typer.echo(f"{len(failures)} inputs could not be coded (by code and stage: "
                   f"{', '.join(f'{c}: {n}' for c, n in sorted(reasons.items()))}):", err=True)
        for f in failures[:SHOWN_FAILURES]:
            typer.echo(f"  {shown(f.where)}: [{f.code}] ({f.stage}) {shown(f.reason)}", err=True)
        if len(failures) > SHOWN_FAILURES:
            rest = " (every one is in the store's failures table)" if db else ""
            typer.echo(f"  ... and {len(failures) - SHOWN_FAILURES} more{rest}", err=True)


SHOWN_FAILURES = 100
WARNING_NAMES = {errors.W_PUBLISHED_RANGE: "W01 publication dates out of range ignored",
                 errors.W_BYTES_REPLACED: "W02 documents with undecodable bytes replaced",
                 errors.W_COUNT_CLAMPED: "W03 counts clamped"}


def open_reader(db: str):
    """The store, opened for reading (StoreMissing, StoreBusy, StoreError say why not)."""
    from .store import open_store

    return open_store(db, read_only=True)


# The filters `show`, `export`, `stats` and `serve`'s GET /events share (store/filters.py).
F_COUNTRY = typer.Option(None, "--country", help="ISO3 code or country name.")
F_ADMIN1 = typer.Option(None, "--admin1", help="First-order region, as stored (any case).")
F_SINCE = typer.Option(None, "--since", help="Events on or after this day (YYYY-MM-DD).")
F_UNTIL = typer.Option(None, "--until", help="Events on or before this day (YYYY-MM-DD).")
F_TYPE = typer.Option(None, "--type", help="ACLED event type, e.g. 'Battles'.")
F_SUB_TYPE = typer.Option(None, "--sub-type", help="ACLED sub-event type, e.g. 'Armed clash'.")
F_ACTOR = typer.Option(None, "--actor", help="A part of actor1 or actor2 (any case).")
F_MIN_FATALITIES = typer.Option(None, "--min-fatalities", help="At least this many killed.")
F_BBOX = typer.Option(None, "--bbox", help="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT.")
F_MIN_CONFIDENCE = typer.Option(None, "--min-confidence", help="Confidence at least this (0-1).")
F_WHERE = typer.Option(None, "--where", help="A SQL condition on the events table, e.g. \"n_docs > 1\".")


def make_filters(**kw):
    from .store.filters import Filters

    try:
        return Filters.of(**kw)
    except errors.ConflictCoderError as exc:
        fail(str(exc))


@app.command("export")
def export_cmd(
    db: str = typer.Option(DEFAULT_DB, "--db", help="The store to read: a DuckDB file or a postgresql:// URL."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (default: standard output)."),
    ids: Optional[list[str]] = typer.Option(None, "--id", help="Only this event (repeatable); an id merged into another finds the survivor."),
    excel: bool = typer.Option(False, "--excel", help="CSV with a UTF-8 byte order mark, for spreadsheets."),
    partition: str = typer.Option("month", "--partition", help=PARTITION_HELP),
    country: Optional[str] = F_COUNTRY, admin1: Optional[str] = F_ADMIN1, since: Optional[str] = F_SINCE,
    until: Optional[str] = F_UNTIL, event_type: Optional[str] = F_TYPE, sub_type: Optional[str] = F_SUB_TYPE,
    actor: Optional[str] = F_ACTOR, min_fatalities: Optional[int] = F_MIN_FATALITIES, bbox: Optional[str] = F_BBOX,
    min_confidence: Optional[float] = F_MIN_CONFIDENCE, where: Optional[str] = F_WHERE,
    reviewed_only: bool = typer.Option(False, "--reviewed-only", help="Only events an analyst accepted."),
) -> None:
    """Write the stored events out (all, or those the filters keep); events an analyst rejected
    are left out."""
    from .export import export_records

    fmt = output_format(fmt, output)
    filters = make_filters(country=country, admin1=admin1, since=since, until=until, event_type=event_type,
                           sub_event_type=sub_type, actor=actor, min_fatalities=min_fatalities, bbox=bbox,
                           min_confidence=min_confidence, where=where, review="accepted" if reviewed_only else None)
    try:
        with open_reader(db) as store:
            records = store.records_for(ids) if ids else store.records(filters)
            n = export_records(records, fmt, output, stream=None if output else sys.stdout, partition=partition,
                               excel=excel)
    except (errors.ConflictCoderError, ValueError) as exc:
        fail(str(exc))
    except typer.Exit:
        raise
    except Exception as exc:  # a driver's error on an analyst's --where
        fail(f"the query failed: {str(exc).strip()}")
    typer.echo(f"exported {n} events", err=True)


@app.command()
def stats(
    db: str = typer.Option(DEFAULT_DB, "--db", help="The store to read: a DuckDB file or a postgresql:// URL."),
    by: str = typer.Option("month,country,type", "--by", help="Group by month, country, type, sub_type (comma-separated: one table each)."),
    as_csv: bool = typer.Option(False, "--csv", help="CSV (group, key, events, fatalities) instead of tables."),
    country: Optional[str] = F_COUNTRY, admin1: Optional[str] = F_ADMIN1, since: Optional[str] = F_SINCE,
    until: Optional[str] = F_UNTIL, event_type: Optional[str] = F_TYPE, sub_type: Optional[str] = F_SUB_TYPE,
    actor: Optional[str] = F_ACTOR, min_fatalities: Optional[int] = F_MIN_FATALITIES, bbox: Optional[str] = F_BBOX,
    min_confidence: Optional[float] = F_MIN_CONFIDENCE, where: Optional[str] = F_WHERE,
) -> None:
    """Counts of events and fatalities by month, country and type."""
    import csv

    filters = make_filters(country=country, admin1=admin1, since=since, until=until, event_type=event_type,
                           sub_event_type=sub_type, actor=actor, min_fatalities=min_fatalities, bbox=bbox,
                           min_confidence=min_confidence, where=where)
    groups = [g.strip() for g in by.split(",") if g.strip()]
    try:
        with open_reader(db) as store:
            tables = {g: store.stats(filters, g) for g in groups}
    except errors.ConflictCoderError as exc:
        fail(str(exc))
    except typer.Exit:
        raise
    except Exception as exc:  # a driver's error on an analyst's --where
        fail(f"the query failed: {str(exc).strip()}")
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["group", "key", "events", "fatalities"])
        for g, rows in tables.items():
            for r in rows:
                writer.writerow([g, stat_key(r), r["events"], r["fatalities"]])
        return
    from rich.console import Console
    from rich.table import Table

    console = Console() if Console().is_terminal else Console(width=160)
    for g, rows in tables.items():
        table = Table(title=f"by {g}")
        for col in (g, "events", "fatalities"):
            table.add_column(col, justify="left" if col == g else "right")
        for r in rows:
            table.add_row(stat_key(r), str(r["events"]), str(r["fatalities"]))
        console.print(table)


def stat_key(row: dict) -> str:
    keys = [v for k, v in row.items() if k not in ("events", "fatalities")]
    if len(keys) == 2:  # iso3, country
        return f"{keys[0] or '?'} {keys[1] or ''}".strip()
    return str(keys[0]) if keys[0] is not None else "(none)"


@app.command()
def codebook(
    ucdp: bool = typer.Option(False, "--ucdp", help="The UCDP export's columns instead."),
    markdown: bool = typer.Option(False, "--markdown", help="A Markdown table."),
) -> None:
    """Print every exported column: its name, type, meaning and codes."""
    from .codebook import fields, ucdp_fields

    rows = ucdp_fields() if ucdp else fields()
    if markdown:
        typer.echo("| column | type | meaning | codes |\n|---|---|---|---|")
        for f in rows:
            typer.echo(f"| `{f.name}` | {f.type} | {f.meaning} | {f.codes} |")
        return
    for f in rows:
        typer.echo(f"{f.name}  ({f.type})\n    {f.meaning}" + (f"\n    codes: {f.codes}" if f.codes else ""))


@app.command()
def show(
    db: str = typer.Option(DEFAULT_DB, "--db", help="The store to read: a DuckDB file or a postgresql:// URL."),
    limit: int = typer.Option(50, "--limit", help="Rows to show."),
    sort: str = typer.Option("event_date", "--sort", help="event_date, fatalities, confidence or event_id; '-' before it for descending."),
    country: Optional[str] = F_COUNTRY, admin1: Optional[str] = F_ADMIN1, since: Optional[str] = F_SINCE,
    until: Optional[str] = F_UNTIL, event_type: Optional[str] = F_TYPE, sub_type: Optional[str] = F_SUB_TYPE,
    actor: Optional[str] = F_ACTOR, min_fatalities: Optional[int] = F_MIN_FATALITIES, bbox: Optional[str] = F_BBOX,
    min_confidence: Optional[float] = F_MIN_CONFIDENCE, where: Optional[str] = F_WHERE,
) -> None:
    """Print a table of the stored events (all, or those the filters keep)."""
    from rich.console import Console
    from rich.table import Table

    filters = make_filters(country=country, admin1=admin1, since=since, until=until, event_type=event_type,
                           sub_event_type=sub_type, actor=actor, min_fatalities=min_fatalities, bbox=bbox,
                           min_confidence=min_confidence, where=where)
    try:
        with open_reader(db) as store:
            counts = store.counts()
            shown, _ = store.page(filters, limit, sort)
            matching = store.count(filters)
    except errors.ConflictCoderError as exc:
        fail(str(exc))
    except typer.Exit:
        raise
    except Exception as exc:  # a driver's error on an analyst's --where
        fail(f"the query failed: {str(exc).strip()}")
    title = f"{counts['events']} events from {counts['documents']} documents ({db})"
    if matching != counts["events"]:
        title += f", {matching} match"
    table = Table(title=title)
    for col in ("date", "sub-event type", "actor1", "actor2", "location", "iso3", "killed", "docs"):
        table.add_column(col, overflow="fold", no_wrap=col in ("date", "iso3", "killed"))
    for r in shown:
        docs = sorted({s["doc_id"] for s in r.get("sources", [])})
        table.add_row(str(r.get("event_date") or ""), r["sub_event_type"],
                      r.get("actor1") or "", r.get("actor2") or "",
                      r.get("location") or "", r.get("iso3") or "", str(r.get("fatalities") or 0),
                      ", ".join(docs))
    console = Console()
    if not console.is_terminal:
        console = Console(width=160)  # a pipe or a log: no terminal width to fit
    console.print(table)


@app.command()
def history(
    event_id: str = typer.Argument(..., help="An event id, or an id that was merged into another event."),
    db: str = typer.Option(DEFAULT_DB, "--db", help="The store to read: a DuckDB file or a postgresql:// URL."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole history as JSON."),
) -> None:
    """Show the reports (document, outlet, published, sentence) and merges behind an event."""
    try:
        with open_reader(db) as store:
            h = store.history(event_id)
    except errors.ConflictCoderError as exc:
        fail(str(exc))
    if h is None:
        fail(f"no event {event_id} in {db}", code=1)
    if as_json:
        typer.echo(json.dumps(h, indent=2, ensure_ascii=False, default=str))
        return
    if h["event_id"] is None:
        typer.echo(f"{event_id}: no longer in the store (its reports were recoded away)")
    else:
        r = h["record"]
        if h["alias_of"]:
            typer.echo(f"{event_id} was merged into {h['event_id']}")
        typer.echo(f"{h['event_id']}: {r['sub_event_type']}, {r.get('location') or '?'} {r.get('iso3') or ''}, "
                   f"{r.get('event_date') or 'undated'}, {r.get('fatalities') or 0} killed")
        if h["aliases"]:
            typer.echo(f"also known as: {', '.join(h['aliases'])}")
        typer.echo(f"{len(h['reports'])} report(s):")
        for rep in h["reports"]:
            typer.echo(f"  {rep['doc_id']}  {rep['source'] or '?'}  {rep['published'] or '?'}  ({rep['doc_event_id']})")
            for sentence in rep["sentences"]:
                typer.echo(f"      \"{sentence}\"")
    if h.get("reviews"):
        typer.echo("reviews:")
        for rv in h["reviews"]:
            edits = ", ".join(f"{k}={v}" for k, v in rv["fields"].items())
            typer.echo(f"  {rv['at']}  {rv['action']:<8} by {rv['reviewer']}" + (f"  {edits}" if edits else "")
                       + (f"  ({rv['note']})" if rv.get("note") else ""))
    typer.echo("merges:")
    for entry in h["log"]:
        other = f" {entry['other_id']}" if entry["other_id"] else ""
        doc = f" from {entry['doc_id']}" if entry["doc_id"] else ""
        typer.echo(f"  {entry['at']}  {entry['action']:<8} {entry['event_id']}{other}{doc}")


@app.command("eval")
def eval_cmd(
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold events (JSONL)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Predicted events (JSONL), as `code` writes them."),
    negatives: Optional[Path] = typer.Option(None, "--negatives", help="What must not be coded (JSONL)."),
    benchmark: Optional[str] = typer.Option(None, "--benchmark", "-b",
                                            help="Code and score a development set: muc4, isaf, case2021, satp, bbc, geovirus, trnews."),
    shared: Path = typer.Option(Path("../shared"), "--shared", help="The folder holding benchmarks/ (for --benchmark)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N texts of the benchmark."),
    pred_out: Optional[Path] = typer.Option(None, "--pred-out", help="Also write the benchmark predictions here (JSONL)."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole result as JSON."),
    no_detector: bool = typer.Option(False, "--no-detector", help="Code the benchmark with the patterns alone (no trained detector)."),
) -> None:
    """Score events against gold (shared/tools/score_events.py rules), or run a benchmark adapter."""
    try:
        if benchmark is not None:
            from .bench import run_benchmark

            prepare_gazetteer(as_json)
            options = Options(detector=not no_detector)
            result = run_benchmark(benchmark, shared, limit=limit, pred_out=pred_out, options=options)
        elif gold is None or pred is None:
            fail("give --gold and --pred, or --benchmark NAME")
            return
        else:
            from .evaluate import score_files

            result = score_files(gold, pred, negatives)
    except errors.ConflictCoderError as exc:
        fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        typer.echo(f"{key}: {value}")
    if benchmark is None:
        typer.echo(f"f1={result['f1']} recall={result['recall']} precision={result['precision']} "
                   f"negatives_violated={result['negatives_violated']}")


@app.command()
def places(
    inputs: list[Path] = typer.Argument(..., help=".txt/.html files, directories, or .jsonl files."),
    meta: Optional[Path] = typer.Option(None, "--meta", help="JSONL metadata keyed by doc_id or file."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output JSONL (default: standard output)."),
) -> None:
    """Write every place mention found, resolved to GeoNames, as JSONL."""
    from .export import atomic_path
    from .pipeline import place_records

    try:
        prepare_gazetteer(False)
        rows = place_records(inputs, meta)
        if output is None:
            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            return
        with atomic_path(output) as tmp, open(tmp, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    except errors.ConflictCoderError as exc:
        fail(str(exc))


@app.command()
def watch(
    directory: Optional[Path] = typer.Argument(None, help="The directory to watch for new article files."),
    feed: list[str] = typer.Option([], "--feed", help="An RSS or Atom feed to poll (repeat for several)."),
    db: str = typer.Option(DEFAULT_DB, "--db", help="The store to write into: a DuckDB file or a postgresql:// URL."),
    interval: float = typer.Option(300, "--interval", help="Seconds between polls of the feeds."),
    once: bool = typer.Option(False, "--once", help="Take in what is new now, then stop."),
    rounds: Optional[int] = typer.Option(None, "--rounds", help="Stop after this many polls, or batches of new files."),
    max_bytes: int = typer.Option(Options().max_text_bytes, "--max-bytes", help="Largest article accepted, in bytes."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No line a round."),
) -> None:
    """Code new files in DIRECTORY as they arrive, or new items of --feed URLs as they appear.
    What was taken in is kept in the store: a restart codes only what is new."""
    from .store import open_store
    from .watch import watch_dir, watch_feeds

    if (directory is None) == (not feed):
        fail("give a directory to watch or --feed URL (one or the other)")
    if rounds is not None and rounds < 0:
        fail("--rounds must be 0 or more")
    options = Options(max_text_bytes=max_bytes)
    store = None
    failed = False
    try:
        prepare_gazetteer(quiet)
        store = open_store(db)
        if directory is not None:
            loop = watch_dir(store, directory, options, rounds=0 if once else rounds)
        else:
            loop = watch_feeds(store, feed, options, interval=interval, rounds=1 if once else rounds)
        for report in loop:
            failed = failed or bool(report.failures or report.unreachable)
            if not quiet:
                say_round(report)
    except KeyboardInterrupt:
        pass
    except errors.ConflictCoderError as exc:
        fail(str(exc))
    finally:
        if store is not None:
            store.close()
    if failed:
        raise typer.Exit(1)


def say_round(report) -> None:
    typer.echo(f"coded {report.documents} documents: {len(report.event_ids)} events"
               f" ({report.seen_before} taken in before)", err=True)
    for f in report.failures:
        typer.echo(f"  {f.where}: [{f.code}] {f.reason}", err=True)
    for f in report.unreachable:
        typer.echo(f"  {f.where}: [{f.code}] {f.reason} (tried again next time)", err=True)


@app.command()
def serve(
    db: str = typer.Option(DEFAULT_DB, "--db", help="The store to serve: a DuckDB file or a postgresql:// URL."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    token: Optional[str] = typer.Option(None, "--token", envvar="CONFLICTCODER_TOKEN",
                                        help="Token POST /documents needs (Authorization: Bearer TOKEN); "
                                             "without one the API is read-only."),
) -> None:
    """Serve the store over a REST API (OpenAPI at /docs)."""
    import uvicorn

    from .api import create_app

    try:
        api = create_app(db, token=token)
    except errors.ConflictCoderError as exc:
        fail(str(exc))
    typer.echo(f"serving {db} at http://{host}:{port} (API docs at /docs)"
               + ("" if token else "; read-only: no --token"), err=True)
    uvicorn.run(api, host=host, port=port, log_level="warning", access_log=False, **fast_server())


def fast_server() -> dict:
    """uvicorn's C parser and event loop where installed (httptools, uvloop), else its own."""
    import importlib.util

    fast = {}
    if importlib.util.find_spec("httptools"):
        fast["http"] = "httptools"
    if importlib.util.find_spec("uvloop"):
        fast["loop"] = "uvloop"
    return fast


def main() -> None:
    app()


if __name__ == "__main__":
    main()
