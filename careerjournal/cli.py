"""The command line: ``careerjournal`` opens the app; subcommands work without it.

Start-up cost matters here (``--version`` must be instant), so this module
imports only click and the tiny core at the top; the store, Rich and Textual are
imported inside the functions that need them. Every error a user can cause
prints one sentence on stderr and exits 1, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from careerjournal import __version__
from careerjournal.errors import CareerJournalError, UsageError
from careerjournal.launch import PROG, Context, run_app, unexpected_problem

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import Console

    from careerjournal.db.store import Store


def _date(value: str | None) -> dt.date | None:
    from careerjournal.dates import parse_date

    return parse_date(value) if value else None


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH", help="Use this journal file (also $CAREERJOURNAL_DB).")
@click.option("--demo", is_flag=True, help="Use a throw-away journal filled with sample data.")
@click.version_option(__version__, "--version", prog_name=PROG, message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, db: str | None, demo: bool) -> None:
    """careerjournal: a private, keyboard-driven journal for balancing your
    career dreams and your relationship.

    Run it with no command to open the app. Everything stays in one local
    SQLite file; nothing leaves your machine unless you export it.
    """
    state = Context(db, demo)
    ctx.obj = state
    ctx.call_on_close(state.close)
    if ctx.invoked_subcommand is None:
        run_app(state)


@cli.command()
@click.argument("text")
@click.option("--title", default="", help="A short title.")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeat for more).")
@click.option("--mood", type=click.IntRange(1, 5), help="Your mood, 1 (low) to 5 (high).")
@click.option("--shared", is_flag=True, help="Mark the entry as shared (entries are private by default).")
@click.pass_obj
def add(state: Context, text: str, title: str, tags: tuple[str, ...], mood: int | None, shared: bool) -> None:
    """Add an entry. Use - as TEXT to read a long body from standard input."""
    body = _read_stdin() if text == "-" else text
    for value in (body, title, *tags):
        _require_utf8(value)
    if not body.strip() and not title.strip():
        raise UsageError("Nothing to add: the entry text is empty.")
    entry = state.store().entries.add(body, title=title, tags=tags, mood=mood, shared=shared)
    click.echo(f"Added entry {entry.id} ({'shared' if entry.shared else 'private'}).")


@cli.command(name="list")
@click.option("--search", "-s", metavar="WORDS", help="Full-text search in titles, bodies and tags.")
@click.option("--tag", metavar="TAG", help="Only entries with this tag.")
@click.option("--since", metavar="DATE", help="On or after this day (2026-11-02, yesterday, 3 days ago...).")
@click.option("--until", metavar="DATE", help="On or before this day.")
@click.option("--limit", "-n", type=click.IntRange(min=0), default=50, show_default=True,
              help="At most this many entries, newest first (0 for all).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@click.pass_obj
def list_entries(
    state: Context, search: str | None, tag: str | None, since: str | None, until: str | None, limit: int, as_json: bool
) -> None:
    """List entries, newest first."""
    from careerjournal.models import EntryQuery

    query = EntryQuery(search=search, tag=tag, since=_date(since), until=_date(until))
    if query.since and query.until and query.since > query.until:
        raise UsageError("--since is after --until, so no day can match; swap them.")
    # SQLite's quick_check runs on a thread while this reads and formats; the
    # output waits for it, so a damaged journal still gets only its sentence.
    store = state.store(check="background")
    with _checked(store):
        entries = store.entries.list(query, limit=limit or None)
        if as_json:
            from careerjournal.cli_output import entries_json

            text = entries_json(entries)
        else:
            from rich.console import Console

            from careerjournal.cli_output import print_entries_table

            # A page that isn't full holds every match: counting them again would only cost time.
            total = store.entries.count(query) if limit and len(entries) >= limit else len(entries)
            console = Console(highlight=False)
            with console.capture() as captured:
                print_entries_table(entries, total=total, search=search, console=console)
    if as_json:
        click.echo(text)
    else:
        _write(console, captured.get())


@contextmanager
def _checked(store: Store) -> Iterator[None]:
    """Wait for the store's background check on the way out, even after a failure:
    if the journal is damaged, that (not whatever reading it ran into) is the news."""
    try:
        yield
    except Exception:
        store.wait_for_check()
        raise
    store.wait_for_check()


def _write(console: Console, text: str) -> None:
    """Write what ``console`` captured, as its own print would have."""
    try:
        console.file.write(text)
        console.file.flush()
    except BrokenPipeError:
        console.on_broken_pipe()


@cli.command()
@click.argument("dest", required=False, metavar="[DEST]")
@click.pass_obj
def backup(state: Context, dest: str | None) -> None:
    """Write a consistent copy of the journal, even while the app is open.

    DEST is a file or a folder; by default a dated file in the backups folder
    beside the journal.
    """
    store = state.store()
    if dest is None:
        folder = store.path.parent / "backups"
        folder.mkdir(mode=0o700, exist_ok=True)
        target = folder
    else:
        target = Path(dest)
    written = store.backup(target)
    click.echo(f"Backed up to {written}")


def _read_stdin() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("The text on standard input is not UTF-8; convert it (e.g. with iconv) and try again.") from None


def _require_utf8(value: str) -> None:
    """Arguments with undecodable bytes arrive as lone surrogates, which SQLite can't store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError("The text is not valid UTF-8; convert it and try again.") from None


@cli.command()
@click.option("--owner", type=click.Choice(["me", "partner", "shared"]), help="Only goals with this owner.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a readable list.")
@click.pass_obj
def goals(state: Context, owner: str | None, as_json: bool) -> None:
    """List goals (yours, your partner's, shared) with steps and progress."""
    from careerjournal.cli_output import goals_json, print_goals
    from careerjournal.models import Owner

    store = state.store()
    found = store.goals.list(Owner(owner) if owner else None)
    if as_json:
        click.echo(goals_json(found, store.goals.wins()))
    else:
        print_goals(found, today=store.now().astimezone().date())


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of three lists.")
@click.pass_obj
def ledger(state: Context, as_json: bool) -> None:
    """Show the compromise ledger: what you'll give up, what you won't, what is open."""
    from careerjournal.cli_output import ledger_json, print_ledger

    store = state.store()
    items = store.ledger.list()
    if as_json:
        click.echo(ledger_json(items))
    else:
        print_ledger(items, today=store.now().astimezone().date())


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a readable summary.")
@click.pass_obj
def talk(state: Context, as_json: bool) -> None:
    """Show your partner's concerns, the self-check, the agenda and the balance check-ins."""
    from careerjournal.cli_output import print_talk, talk_json

    store = state.store()
    data = (store.talk.concerns(), store.talk.self_check(), store.talk.agenda(), store.talk.talks(),
            store.talk.checkins())
    if as_json:
        click.echo(talk_json(*data))
    else:
        print_talk(*data)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "text", "json"]), default="markdown",
              show_default=True, help="A summary for your partner (markdown, html, text) or a full JSON backup.")
@click.option("--output", "-o", metavar="FILE|-", help="Where to write ('-' for standard output); "
              "by default a dated file in your Documents (or home) folder.")
@click.option("--since", metavar="DATE", help="Only entries and check-ins on or after this day.")
@click.option("--until", metavar="DATE", help="Only entries and check-ins on or before this day.")
@click.option("--include-private", is_flag=True, help="Also include private entries (they are left out by default).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_obj
def export(state: Context, fmt: str, output: str | None, since: str | None, until: str | None,
           include_private: bool, force: bool) -> None:
    """Export a summary to share with your partner, or a JSON backup of everything.

    A summary holds only entries you marked shared, plus your goals, the
    ledger, open concerns, the agenda and the check-in trend.
    """
    from careerjournal.export import INCLUDE_PRIVATE_WARNING, SummaryOptions, export_to

    options = SummaryOptions(since=_date(since), until=_date(until), include_private=include_private)
    if options.since and options.until and options.since > options.until:
        raise UsageError("--since is after --until, so no day can match; swap them.")
    if include_private and fmt != "json":
        click.echo(f"{PROG}: {INCLUDE_PRIVATE_WARNING}", err=True)
    # SQLite's quick_check runs on a thread while the export reads and escapes;
    # nothing reaches standard output, and no file is put in place, before it
    # has passed, so a damaged journal still gets only its sentence.
    store = state.store(check="background")
    now = store.now()
    with _checked(store):
        if output == "-":
            with _StandardOutput(store) as out:
                export_to(store, fmt, options, now, out.write, errors=out.errors)
            return
        from careerjournal.export import default_export_folder, default_export_name, write_atomically

        def write(handle: BinaryIO) -> None:
            export_to(store, fmt, options, now, handle.write)
            store.wait_for_check()  # before the file is put in place

        target = Path(output) if output else default_export_folder() / default_export_name(fmt, now.astimezone().date())
        written = write_atomically(target, write, force=force)
    kind = "Backup" if fmt == "json" else "Summary"
    click.echo(f"{kind} written to {written}")


class _StandardOutput:
    """Standard output for an export written in pieces, held back until the journal's check has passed.

    Writes what ``click.echo(document)`` would: the same bytes, and a newline
    added only if the document lacks one (an export has no ANSI codes for
    click to strip: control characters are made visible). The pieces
    made while the check runs wait in memory; after that they go straight out.
    A UTF-8 stream on a system with ``\\n`` line endings (the usual case) gets
    the bytes as they are; any other stream gets text through click.
    """

    def __init__(self, store: Store) -> None:
        import codecs

        self.store = store
        stream = sys.stdout
        self.binary = getattr(stream, "buffer", None)
        encoding = getattr(stream, "encoding", None)
        if (self.binary is None or not encoding or codecs.lookup(encoding).name != "utf-8"
                or os.linesep != "\n"):
            self.binary = None
        if self.binary is not None:
            stream.flush()  # anything already written as text goes first
        self.errors = (getattr(stream, "errors", None) or "strict") if self.binary is not None else "surrogatepass"
        self.held: list[bytes] | None = []
        self.last = b""

    def __enter__(self) -> _StandardOutput:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is not None:
            return
        self.store.wait_for_check()
        self._release()
        if self.last != b"\n":
            self._out(b"\n")
        if self.binary is not None:
            self.binary.flush()
        else:
            sys.stdout.flush()

    def write(self, data: bytes) -> None:
        if not data:
            return
        self.last = data[-1:]
        if self.held is not None:
            if not self.store.check_finished():
                self.held.append(data)
                return
            self.store.wait_for_check()
            self._release()
        self._out(data)

    def _release(self) -> None:
        held, self.held = self.held, None
        for data in held or ():
            self._out(data)

    def _out(self, data: bytes) -> None:
        if self.binary is not None:
            self.binary.write(data)
        else:
            click.echo(data.decode("utf-8", self.errors), nl=False)


@cli.command(name="import")
@click.argument("file", metavar="FILE.json", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def import_backup(state: Context, file: Path) -> None:
    """Restore or merge a JSON backup. Importing the same file twice adds nothing."""
    from careerjournal.export import import_json

    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{file} does not exist; check the path.") from None
    except IsADirectoryError:
        raise UsageError(f"{file} is a folder; give the backup file.") from None
    except OSError as error:
        raise UsageError(f"{file} could not be read: {error.strerror or error}.") from None
    store = state.store()
    report = _import_with_progress(store, data)
    click.echo(report.sentence())


def _import_with_progress(store: Store, data: bytes):  # type: ignore[no-untyped-def]
    """Import, with a progress bar on stderr when it is big enough to notice."""
    from careerjournal.export import import_json

    if len(data) < 2_000_000 or not sys.stderr.isatty():
        return import_json(store, data)
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("Importing"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                  transient=True) as progress:
        task = progress.add_task("import", total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return import_json(store, data, progress=update)


@cli.command()
@click.argument("topic", required=False)
def guidance(topic: str | None) -> None:
    """Print a guidance topic (e.g. talk.do), or list every topic."""
    from rich.console import Console
    from rich.text import Text

    from careerjournal.guidance import SECTIONS, TOPICS, get_topic, related_topics

    console = Console(highlight=False)
    if topic is None or topic in SECTIONS:
        for section, title in SECTIONS.items():
            if topic not in (None, section):
                continue
            console.print(Text(title, style="bold underline"))
            for key, item in TOPICS.items():
                if key.split(".")[0] == section:
                    line = Text(f"  {key:<24}", style="cyan")
                    line.append(item.title, style="bold")
                    line.append(f"  {item.summary}", style="dim")
                    console.print(line)
            console.print()
        console.print(Text("Read one with: careerjournal guidance TOPIC", style="dim"))
        return
    if topic not in TOPICS:
        raise UsageError(f"There is no guidance topic called '{topic[:40]}'; run 'careerjournal guidance' for the list.")
    item = get_topic(topic)
    console.print(Text(item.title, style="bold"))
    console.print(Text(item.summary, style="italic"))
    console.print()
    for paragraph in item.body:
        console.print(Text(paragraph))
    related = related_topics(topic)
    if related:
        console.print()
        console.print(Text("Related: " + ", ".join(f"{other.key} ({other.title})" for other in related), style="dim"))


def _report(message: str) -> None:
    click.echo(f"{PROG}: {message}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and turn every user error into one line and exit code 1."""
    try:
        cli.main(args=argv, prog_name=PROG, standalone_mode=False)
    except CareerJournalError as error:
        _report(str(error))
        return 1
    except click.exceptions.Abort:
        _report("Stopped.")
        return 1
    except click.ClickException as error:
        message = error.format_message().strip()
        if not message.endswith((".", "?", "!", ")")):
            message += "."
        hint = " (see --help)" if isinstance(error, click.UsageError) else ""
        _report(message + hint)
        return 1
    except click.exceptions.Exit as done:
        return done.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # e.g. `careerjournal list | head`: the reader left; not an error.
        _quiet_broken_pipe()
        return 0
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    except Exception as error:  # noqa: BLE001 - last line of defence: no traceback, no private text
        if os.environ.get("CAREERJOURNAL_DEBUG"):
            raise
        _report(unexpected_problem(error))
        return 1
    return 0


def _quiet_broken_pipe() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass

