"""What keeps ``careerjournal export`` quick at 100,000 entries, and the promises it keeps while quick.

- A Markdown summary is read, escaped and written a chunk of entries at a time
  (:class:`EntryStream`): any chunk size gives the same document, and the
  entries section is exactly the one-entry-at-a-time rule.
- Plain bodies go out as the journal's own UTF-8 bytes (:func:`escape_utf8_blocks`),
  which must equal escaping each one.
- SQLite's quick_check runs beside the export: a damaged journal still prints
  nothing but its sentence, and no file is put in place.
- Standard output gets exactly what ``click.echo`` of the whole document gave.
- Private entries stay out unless asked for.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import random
import subprocess
import sys
from pathlib import Path

import pytest

from careerjournal.db.store import Store
from careerjournal.export import SummaryOptions, collect, export_to, render, write_atomically
from careerjournal.export import summary as summary_module
from careerjournal.export.markdown import escape_block, escape_utf8_blocks
from careerjournal.export.summary import EntryStream, TextBatch
from careerjournal.models import EntryQuery
from tests.unit.test_markdown_literal import entries_one_at_a_time

DAMAGED = "is damaged and cannot be opened; restore it from a backup."
PIECES = ["a", "Zz", " ", "  ", "\t", "\n", "\n", "\n\n", "\r", "\r\n", "\x00", "\x07", "\x1b", "\x85", "\x9b", "\xa0",
          "\u3000", "\u2028", "#", "-", "+", "=", ">", ":", "1", "23", ".", ")", "*", "_", "`", "[", "]", "<", "&",
          "|", "~", "$", "{", "}", "^", "\\", "!", "(", "www.", "WwW.", "://", "http://x_y", "é", "🎉", "\u202e",
          "Plain words here.", "Another sentence!"]
PROSE = ["Today was calm.", "We talked, and it helped!", "Is it (really) 50% done?", "Sam's plan: rest; then go.",
         "Café with Zoë, then the naïve plan.", "It’s “fine”, she said…", "Proud of us 🎉💪", "שלום, مرحبا",
         "東京の仕事", "A long dash — and on."]


def random_text(rng: random.Random, plain: bool) -> str:
    if plain:
        return "\n\n".join(" ".join(rng.choice(PROSE) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 3)))
    return "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 16)))


def cli(*args: str) -> tuple[int, str, str]:
    from careerjournal.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


# -- escaping UTF-8 bodies -------------------------------------------------------------------------


def test_utf8_bodies_escape_exactly_as_each_text_does(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(20261123)
    for size in (1, 3, 1000):
        monkeypatch.setattr(TextBatch, "SIZE", size)
        for _ in range(400):
            texts = [random_text(rng, plain=rng.random() < 0.6) for _ in range(rng.randrange(0, 9))]
            bodies = [text.encode("utf-8") for text in texts]
            assert escape_utf8_blocks(bodies) == [escape_block(text).encode("utf-8") for text in texts], texts


def test_plain_bodies_go_out_as_the_same_bytes() -> None:
    bodies = [b"Today was calm.\n\nWe talked, and it helped!", b"", b"One more line? Yes."]
    escaped = escape_utf8_blocks(bodies)
    assert all(out is body for out, body in zip(escaped, bodies))


def test_prose_beyond_ascii_goes_out_as_the_same_bytes() -> None:
    """Accents, curly quotes, emoji and other scripts need no escaping: they aren't decoded at all."""
    texts = ["Café with Zoë.\n\nIt’s “fine”…", "Proud of us 🎉", "שלום, مرحبا", "東京の仕事 — done"]
    bodies = [text.encode("utf-8") for text in texts]
    escaped = escape_utf8_blocks(bodies)
    assert escaped == [escape_block(text).encode("utf-8") for text in texts]
    assert all(out is body for out, body in zip(escaped, bodies))


@pytest.mark.parametrize("text", ["caf\xe9 \xa0 no-break", "em\u2003space line\n\u2003\nnext", "C1 \x85 next line",
                                  "line\u2028separator"])
def test_wide_spaces_and_c1_controls_beyond_ascii_still_get_escaped(text: str) -> None:
    bodies = [b"Plain before.", text.encode("utf-8"), "Plain after, café.".encode("utf-8")]
    assert escape_utf8_blocks(bodies) == [escape_block(b.decode("utf-8")).encode("utf-8") for b in bodies]


def test_only_the_bodies_that_need_escaping_are_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    """One ``*`` among a thousand plain bodies sends that one body down the slow path, not the batch."""
    from careerjournal.export import markdown

    seen: list[str] = []
    real = markdown.escape_many

    def spy(batches):  # type: ignore[no-untyped-def]
        for batch in batches:
            seen.extend(batch.texts)
        return real(batches)

    monkeypatch.setattr(markdown, "escape_many", spy)
    texts = [f"Plain day {n}, café and 🎉." for n in range(2500)]
    for index, special in ((7, "a *bold* claim"), (1000, "- a list"), (1999, "tab\t\nx"), (2499, "snake_case")):
        texts[index] = special
    escaped = escape_utf8_blocks([text.encode("utf-8") for text in texts])
    assert seen == ["a *bold* claim", "- a list", "tab\t\nx", "snake_case"]
    assert escaped == [escape_block(text).encode("utf-8") for text in texts]


@pytest.mark.parametrize("text", ["- starts a list", "1. numbered", "  indented", "a\nsingle break", "trailing \n\nx",
                                  "\n\nblank first", "blank last\n", "a\n\n\nrun", "tab\t\nx", "#", "é", "\x00",
                                  "x\r\ny", "ok\n\n+ plus", "9) nine"])
def test_every_kind_of_line_work_is_noticed_in_a_plain_batch(text: str) -> None:
    bodies = [b"Plain before.", text.encode("utf-8"), b"Plain after."]
    assert escape_utf8_blocks(bodies)[1] == escape_block(text).encode("utf-8")


def test_a_body_that_is_not_utf8_gets_a_sentence() -> None:
    from careerjournal.errors import DatabaseError

    with pytest.raises(DatabaseError):
        escape_utf8_blocks([b"fine", b"\xff\xfe not text"])


# -- the streamed summary --------------------------------------------------------------------------


def fill_tricky(store: Store, clock, count: int = 90) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    for number in range(count):
        plain = rng.random() < 0.5
        body = random_text(rng, plain) or "-"
        title = rng.choice(["", "", "Evening", "# Title *x*", "C# and F#", "🎉 done", random_text(rng, False)[:20]])
        tags = rng.choice([[], ["career"], ["career", "win"], ["a_b", "#x"], [random_text(rng, False)[:10] or "t"]])
        day = clock.now.date() - dt.timedelta(days=rng.randrange(0, 40))  # not in the order written
        store.entries.add(body, title=title, tags=tags, shared=rng.random() < 0.6, day=day)
        if number % 11 == 0:
            with store.transaction() as db:  # an empty body, as only raw SQL can write it
                db.execute("UPDATE entries SET body = '', words = NULL WHERE id = (SELECT max(id) FROM entries)")
        clock.advance(minutes=7)


@pytest.mark.parametrize("options", [SummaryOptions(), SummaryOptions(include_private=True),
                                     SummaryOptions(include_private=True, since=dt.date(2026, 10, 20),
                                                    until=dt.date(2026, 11, 10))],
                         ids=["shared", "private", "period"])
def test_any_chunk_size_gives_the_same_document(store: Store, clock, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                options: SummaryOptions) -> None:
    fill_tricky(store, clock)
    reference = render(store, "markdown", options, store.now())
    section = reference.split("## From my journal\n\n", 1)[1].rsplit("*Thank you", 1)[0]
    assert section == entries_one_at_a_time(collect(store, options, store.now()).entries) + "\n"
    summary = collect(store, options, store.now())
    count, words = summary.entry_count, summary.word_count
    assert count and f"There are {count} journal entries in it ({words:,} words)." in reference
    # The in-memory writer (what the app and tests build) gives the same document.
    from careerjournal.export.markdown import to_markdown

    assert to_markdown(summary) == reference
    for chunk, batch in ((1, 1), (2, 3), (7, 2), (13, 1000)):
        monkeypatch.setattr(summary_module, "STREAM_CHUNK", chunk)
        monkeypatch.setattr(TextBatch, "SIZE", batch)
        assert render(store, "markdown", options, store.now()) == reference, (chunk, batch)
        parts: list[bytes] = []
        export_to(store, "markdown", options, store.now(), parts.append)
        assert len(parts) > 2 and b"".join(parts) == reference.encode("utf-8")


def test_the_stream_reads_its_entries_in_chunks_in_one_snapshot(store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    fill_tricky(store, clock, count=25)
    stream = EntryStream(store, EntryQuery(), clock.now.date(), chunk_size=4)
    with store.snapshot():
        chunks = list(stream.chunks())
        assert len(stream) == sum(len(chunk.bodies) for chunk in chunks) == 25
    assert [len(chunk.bodies) for chunk in chunks] == [4] * 6 + [1]
    assert [view.body for view in stream] == [view.body for view in collect(
        store, SummaryOptions(include_private=True), store.now()).entries]


def test_an_empty_journal_streams_a_kind_short_summary(store: Store) -> None:
    text = render(store, "markdown", SummaryOptions(), store.now())
    assert "There are 0 journal entries in it (0 words)." in text and "*No shared entries in this period.*" in text


# -- the command line ------------------------------------------------------------------------------


def make_journal(path: Path, entries: int = 200) -> None:
    with Store.open(path) as store:
        for n in range(entries):
            store.entries.add(f"entry {n} mentor " + "the quick brown fox jumps over the lazy dog " * 12,
                              title=f"title {n}", tags=[f"tag{n % 7}"], shared=n % 3 == 0,
                              day=dt.date(2026, 1, 1) + dt.timedelta(days=n % 300))
            if n % 50 == 0:
                store.entries.add(f"PRIVATE-{n} *secret* [x]", title=f"Private {n}", shared=False)


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    start = (len(data) // 2) // 4096 * 4096
    data[start : start + 3 * 4096] = random.Random(20261122).randbytes(3 * 4096)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("private", [False, True], ids=["shared", "include-private"])
def test_standard_output_is_the_rendered_document(tmp_path: Path, private: bool) -> None:
    db = tmp_path / "journal.db"
    make_journal(db)
    args = ["--db", str(db), "export", "--output", "-", *(["--include-private"] if private else [])]
    with Store.open(db) as store:
        expected = render(store, "markdown", SummaryOptions(include_private=private), store.now())
    # A text stream without a binary buffer (as here) gets the text through click...
    code, out, err = cli(*args)
    assert code == 0 and out == expected
    assert ("PRIVATE-" in out) is private and ("Private entries will be included" in err) is private
    # ...a real one gets the same bytes written straight to it.
    result = subprocess.run([sys.executable, "-m", "careerjournal", *args], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected.encode("utf-8")


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_a_damaged_journal_exports_nothing(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "journal.db"
    make_journal(db)
    damage(db)
    before = db.read_bytes()
    code, out, err = cli("--db", str(db), "export", "--format", fmt, "--output", "-")
    assert (code, out) == (1, "")
    assert err == f"careerjournal: {db} {DAMAGED}\n"
    target = tmp_path / "out" / "summary.txt"
    target.parent.mkdir()
    code, out, err = cli("--db", str(db), "export", "--format", fmt, "--output", str(target))
    assert (code, out) == (1, "")
    assert err == f"careerjournal: {db} {DAMAGED}\n"
    assert list(target.parent.iterdir()) == []  # no file, and no temporary file left behind
    assert db.read_bytes() == before


def test_a_damaged_journal_wins_over_an_existing_output_file(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    make_journal(db)
    damage(db)
    target = tmp_path / "summary.md"
    target.write_text("old")
    code, _, err = cli("--db", str(db), "export", "--output", str(target))
    assert code == 1 and err == f"careerjournal: {db} {DAMAGED}\n"
    assert target.read_text() == "old"


def test_the_output_file_is_the_document_and_private(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    make_journal(db)
    target = tmp_path / "summary.md"
    code, out, _ = cli("--db", str(db), "export", "--output", str(target))
    assert code == 0 and out == f"Summary written to {target}\n"
    with Store.open(db) as store:
        assert target.read_bytes() == render(store, "markdown", SummaryOptions(), store.now()).encode("utf-8")
    assert target.stat().st_mode & 0o777 == 0o600
    assert b"PRIVATE-" not in target.read_bytes()


def test_a_failure_while_writing_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"

    def produce(handle) -> None:  # type: ignore[no-untyped-def]
        handle.write(b"half a document")
        raise RuntimeError("the journal went away")

    with pytest.raises(RuntimeError):
        write_atomically(target, produce, force=False)
    assert list(tmp_path.iterdir()) == []
    target.write_text("old")
    with pytest.raises(RuntimeError):
        write_atomically(target, produce, force=True)
    assert list(tmp_path.iterdir()) == [target] and target.read_text() == "old"


class FakeStore:
    """Just the check a standard-output export waits for."""

    def __init__(self) -> None:
        self.finished = False
        self.error: Exception | None = None

    def check_finished(self) -> bool:
        return self.finished

    def wait_for_check(self) -> None:
        self.finished = True
        if self.error is not None:
            raise self.error


def test_standard_output_waits_for_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    from careerjournal.cli import _StandardOutput

    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    store = FakeStore()
    with _StandardOutput(store) as stream:  # type: ignore[arg-type]
        stream.write(b"first ")
        stream.write(b"second ")
        assert out.getvalue() == ""  # held while the check runs
        store.finished = True
        stream.write(b"third")
        assert out.getvalue() == "first second third"
    assert out.getvalue() == "first second third\n"  # a newline only because the document lacked one

    out.truncate(0), out.seek(0)
    failing = FakeStore()
    failing.error = RuntimeError("damaged")
    with pytest.raises(RuntimeError):
        with _StandardOutput(failing) as stream:  # type: ignore[arg-type]
            stream.write(b"private text\n")
    assert out.getvalue() == ""


# -- the word total's index ------------------------------------------------------------------------


@pytest.mark.parametrize("analyzed", [False, True])
def test_the_word_total_reads_only_its_covering_index(store: Store, clock, analyzed: bool) -> None:  # type: ignore[no-untyped-def]
    fill_tricky(store, clock, count=40)
    if analyzed:
        store.conn.execute("ANALYZE")
    conn = store.conn
    for shared in ("", " AND e.shared = 1", " AND e.day >= '2026-11-01' AND e.shared = 1"):
        plan = " ".join(row[3] for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT count(*), ifnull(sum(e.words), 0), count(e.words) "
            f"FROM entries e INDEXED BY entries_words WHERE e.deleted_at IS NULL{shared}"))
        assert "COVERING INDEX entries_words" in plan, plan
    # The lists and searches keep the index they were built for.
    for where in ("", " AND e.shared = 1", " AND e.day >= '2026-11-01'", " AND e.mood = 3"):
        plan = " ".join(row[3] for row in conn.execute(
            f"EXPLAIN QUERY PLAN SELECT e.id FROM entries e WHERE e.deleted_at IS NULL{where} "
            "ORDER BY e.day DESC, e.created_at DESC, e.id DESC"))
        assert "entries_words" not in plan, plan
