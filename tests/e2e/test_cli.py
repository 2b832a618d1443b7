"""The installed ``careerjournal`` command, run as a user would run it."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import careerjournal
from careerjournal.db.migrations import LATEST_VERSION
from careerjournal.db.store import Store


def _find_cli() -> Path | None:
    found = shutil.which("careerjournal")
    if found:
        return Path(found)
    candidate = Path(sys.executable).parent / "careerjournal"
    return candidate if candidate.exists() else None


CLI = _find_cli()
pytestmark = pytest.mark.skipif(
    CLI is None, reason="the careerjournal console script is not installed (pip install -e . first)"
)

JSON_KEYS = {"id", "created_at", "updated_at", "day", "title", "body", "tags", "mood", "shared"}


# -- helpers ----------------------------------------------------------------------------------------




def run(env: dict[str, str], *args: str, input: str | bytes | None = None, cwd: Path | None = None,
        extra_env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    full_env = {**env, **(extra_env or {})}
    binary = isinstance(input, bytes)
    return subprocess.run(
        [str(CLI), *args], input=input, capture_output=True, env=full_env, cwd=cwd, timeout=timeout,
        **({} if binary else {"text": True, "encoding": "utf-8"}),
    )


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result.stdout


def assert_user_error(result: subprocess.CompletedProcess) -> str:
    stderr = result.stderr if isinstance(result.stderr, str) else result.stderr.decode("utf-8", "replace")
    stdout = result.stdout if isinstance(result.stdout, str) else result.stdout.decode("utf-8", "replace")
    assert result.returncode == 1, f"exit {result.returncode}, stderr={stderr!r}"
    assert "Traceback" not in stderr and "Traceback" not in stdout
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected exactly one line on stderr, got {lines!r}"
    assert lines[0].startswith("careerjournal: "), lines[0]
    assert len(lines[0]) > len("careerjournal: ") + 5
    return lines[0]


def list_json(env: dict[str, str], db: Path, *args: str) -> list[dict]:
    return json.loads(ok(run(env, "--db", str(db), "list", "--json", *args)))


def fill(path: Path, rows: list[dict]) -> list[int]:
    with Store.open(path) as store:
        return [store.entries.add(**row).id for row in rows]


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# -- basics -----------------------------------------------------------------------------------------


def test_version(env: dict[str, str]) -> None:
    result = run(env, "--version")
    assert ok(result).strip() == f"careerjournal {careerjournal.__version__}"
    assert result.stderr == ""


def test_help_lists_the_commands(env: dict[str, str]) -> None:
    out = ok(run(env, "--help"))
    for command in ("add", "list", "backup"):
        assert f"  {command} " in out, f"{command} missing from --help"
    assert "--db" in out and "--demo" in out


def test_add_then_list_json(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    out = ok(run(env, "--db", str(db), "add", "hi", "--tag", "t"))
    assert "Added entry 1" in out and "private" in out
    entries = list_json(env, db)
    assert len(entries) == 1
    entry = entries[0]
    assert set(entry) == JSON_KEYS
    assert entry["id"] == 1
    assert entry["body"] == "hi"
    assert entry["title"] == ""
    assert entry["tags"] == ["t"]
    assert entry["mood"] is None
    assert entry["shared"] is False
    created = dt.datetime.fromisoformat(entry["created_at"])
    updated = dt.datetime.fromisoformat(entry["updated_at"])
    assert created.tzinfo is not None and created == updated
    assert abs((dt.datetime.now(dt.timezone.utc) - created).total_seconds()) < 120
    assert dt.date.fromisoformat(entry["day"]) == created.date()


def test_add_options_show_in_json(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    out = ok(run(env, "--db", str(db), "add", "body words", "--title", "The title", "--tag", "career",
                 "--tag", "#Partner", "--tag", "CAREER", "--mood", "4", "--shared"))
    assert "shared" in out
    ok(run(env, "--db", str(db), "add", "only a title follows", "--mood", "1"))
    newest, first = list_json(env, db)
    assert first["title"] == "The title"
    assert first["body"] == "body words"
    assert first["tags"] == ["career", "Partner"]
    assert first["mood"] == 4 and isinstance(first["mood"], int)
    assert first["shared"] is True
    assert newest["mood"] == 1
    assert newest["shared"] is False
    assert newest["tags"] == []


def test_add_reads_a_megabyte_from_stdin(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    line = "Tonight: [bold]x[/bold] 仕事と家庭 🎉 שלום <b>ok</b>\tend\n"
    body = line * (1024 * 1024 // len(line.encode()) + 1)
    assert len(body.encode()) >= 1024 * 1024
    ok(run(env, "--db", str(db), "add", "-", "--title", "piped", input=body))
    (entry,) = list_json(env, db)
    assert entry["title"] == "piped"
    assert entry["body"] == body


def test_list_filters(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    today = dt.date.today()
    rows = [
        {"body": "old new-year resolution", "day": dt.date(2025, 12, 31), "tags": ["plans"]},
        {"body": "ten days back", "day": today - dt.timedelta(days=10), "tags": ["work"]},
        {"body": "yesterday about relocation", "day": today - dt.timedelta(days=1), "tags": ["Work"]},
        {"body": "today about relocation and money", "day": today, "tags": ["money"]},
    ]
    old, ten, yesterday, now = fill(db, rows)

    def ids(*args: str) -> list[int]:
        return [e["id"] for e in list_json(env, db, *args)]

    assert ids() == [now, yesterday, ten, old]
    assert ids("--search", "relocation") == [now, yesterday]
    assert ids("--search", "relocation money") == [now]
    assert ids("-s", "[x] (NEAR AND") == []
    assert ids("--tag", "work") == [yesterday, ten]
    assert ids("--tag", "#WORK") == [yesterday, ten]
    assert ids("--since", "yesterday") == [now, yesterday]
    assert ids("--since", "2 weeks ago", "--until", "yesterday") == [yesterday, ten]
    assert ids("--until", "2025-12-31") == [old]
    assert ids("--limit", "1") == [now]
    assert ids("--search", "relocation", "--since", "today") == [now]


def test_limit_default_and_zero_means_all(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    fill(db, [{"body": f"entry {n}"} for n in range(60)])
    assert len(list_json(env, db)) == 50
    assert len(list_json(env, db, "--limit", "0")) == 60
    table = ok(run(env, "--db", str(db), "list", "--limit", "5"))
    assert "Showing 5 of 60" in table


def test_table_prints_markup_literally(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    titles = ["[bold]x[/bold]", "[/]", "[@click=app.quit]x[/]", "<script>alert(1)</script>"]
    for title in titles:
        ok(run(env, "--db", str(db), "add", f"body of {title}", "--title", title))
    result = run(env, "--db", str(db), "list")
    out = ok(result)
    for title in titles:
        assert title in out, f"{title!r} was not printed literally"
    assert result.stderr == ""


def test_table_on_an_empty_journal(env: dict[str, str], tmp_path: Path) -> None:
    out = ok(run(env, "--db", str(tmp_path / "x.db"), "list"))
    assert "No entries" in out
    assert json.loads(ok(run(env, "--db", str(tmp_path / "x.db"), "list", "--json"))) == []


# -- where the journal lives --------------------------------------------------------------------------


def test_env_var_is_honoured_and_db_overrides_it(env: dict[str, str], tmp_path: Path) -> None:
    from_env = tmp_path / "env" / "env.db"
    from_flag = tmp_path / "flag.db"
    extra = {"CAREERJOURNAL_DB": str(from_env)}
    ok(run(env, "add", "via env", extra_env=extra))
    ok(run(env, "--db", str(from_flag), "add", "via flag", extra_env=extra))
    assert [e["body"] for e in json.loads(ok(run(env, "list", "--json", extra_env=extra)))] == ["via env"]
    assert [e["body"] for e in list_json(env, from_flag)] == ["via flag"]
    assert not (Path(env["XDG_DATA_HOME"]) / "careerjournal" / "journal.db").exists()


def test_default_location_is_private(env: dict[str, str]) -> None:
    data_home = Path(env["XDG_DATA_HOME"])
    assert not data_home.exists()
    ok(run(env, "add", "in the default place"))
    path = data_home / "careerjournal" / "journal.db"
    assert path.is_file()
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600
    assert [e["body"] for e in json.loads(ok(run(env, "list", "--json")))] == ["in the default place"]


def test_default_folder_is_tightened(env: dict[str, str]) -> None:
    folder = Path(env["XDG_DATA_HOME"]) / "careerjournal"
    folder.mkdir(parents=True)
    os.chmod(folder, 0o755)
    ok(run(env, "list"))
    assert mode(folder) == 0o700


def test_missing_parent_folder_is_created(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "c.db"
    ok(run(env, "--db", str(db), "add", "deep"))
    assert db.is_file()
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700


# -- bad input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["--frobnicate"],
        ["list", "--bogus"],
        ["add", "x", "--mood", "9"],
        ["add", "x", "--mood", "0"],
        ["add", "x", "--mood", "abc"],
        ["list", "--since", "banana"],
        ["list", "--until", "99999999 years ago"],
        ["list", "--limit", "-1"],
        ["list", "--since", "today", "--until", "last week"],
        ["add", ""],
        ["add", "   \n\t "],
        ["add"],
    ],
    ids=lambda args: " ".join(args) or "empty",
)
def test_bad_input_is_one_line(env: dict[str, str], tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "x.db"
    assert_user_error(run(env, "--db", str(db), *args))
    if db.exists():
        assert list_json(env, db) == []


def test_empty_stdin_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert_user_error(run(env, "--db", str(db), "add", "-", input="\n\n"))
    assert list_json(env, db) == []


def make_damaged(path: Path) -> None:
    fill(path, [{"body": f"entry {n} " + "lorem ipsum dolor sit amet " * 15, "tags": [f"t{n % 5}"]}
                for n in range(200)])
    data = bytearray(path.read_bytes())
    start = (len(data) // 2) // 4096 * 4096
    data[start : start + 3 * 4096] = random.Random(7).randbytes(3 * 4096)
    path.write_bytes(bytes(data))


def make_too_new(path: Path) -> None:
    fill(path, [{"body": "from the future"}])
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    raw.commit()
    raw.close()


BAD_FILES = {
    "folder": lambda p: p.mkdir(),
    "one-byte": lambda p: p.write_bytes(b"x"),
    "text": lambda p: p.write_text("just some notes\n"),
    "damaged": make_damaged,
    "too-new": make_too_new,
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
@pytest.mark.parametrize("command", [["list"], ["add", "hello"]], ids=["list", "add"])
def test_bad_database_files(env: dict[str, str], tmp_path: Path, kind: str, command: list[str]) -> None:
    path = tmp_path / "bad.db"
    BAD_FILES[kind](path)
    before = None if path.is_dir() else path.read_bytes()
    line = assert_user_error(run(env, "--db", str(path), *command))
    if kind == "damaged":
        assert "damaged" in line
    if kind == "too-new":
        assert "newer" in line
    if before is not None:
        assert path.read_bytes() == before


def test_locked_database(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    fill(db, [{"body": "already here"}])
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        result = run(env, "--db", str(db), "add", "blocked", extra_env={"CAREERJOURNAL_BUSY_TIMEOUT_MS": "300"})
        elapsed = time.monotonic() - started
        line = assert_user_error(result)
        assert "busy" in line
        assert elapsed < 15
        # Reading still works while another program writes.
        assert [e["body"] for e in list_json(env, db)] == ["already here"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    ok(run(env, "--db", str(db), "add", "after"))
    assert [e["body"] for e in list_json(env, db)] == ["after", "already here"]


def test_multiline_date_is_still_one_line(env: dict[str, str], tmp_path: Path) -> None:
    assert_user_error(run(env, "--db", str(tmp_path / "x.db"), "list", "--since", "nope\nnever"))


def test_non_utf8_stdin_gets_a_real_sentence(env: dict[str, str], tmp_path: Path) -> None:
    result = run(env, "--db", str(tmp_path / "x.db"), "add", "-", input=b"caf\xe9 au lait\n")
    if result.returncode == 0:
        return
    line = assert_user_error(result)
    assert "unexpected problem" not in line


# -- backup -----------------------------------------------------------------------------------------------


def test_backup_default_and_explicit(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    for text in ("one", "two [bold]", "three 🎉"):
        ok(run(env, "--db", str(db), "add", text))
    expected = list_json(env, db)

    out = ok(run(env, "--db", str(db), "backup", cwd=tmp_path)).strip()
    assert out.startswith("Backed up to ")
    written = Path(out.removeprefix("Backed up to "))
    written = written if written.is_absolute() else tmp_path / written
    assert written.parent == tmp_path / "backups"
    assert written.is_file()
    assert mode(written) == 0o600
    assert mode(written.parent) == 0o700
    assert list_json(env, written) == expected

    dest = tmp_path / "elsewhere.db"
    out = ok(run(env, "--db", str(db), "backup", str(dest))).strip()
    assert out == f"Backed up to {dest}"
    assert mode(dest) == 0o600
    assert list_json(env, dest) == expected


def test_backup_onto_the_journal_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    ok(run(env, "--db", str(db), "add", "precious"))
    assert_user_error(run(env, "--db", str(db), "backup", str(db)))
    assert [e["body"] for e in list_json(env, db)] == ["precious"]


# -- pipes and the demo -----------------------------------------------------------------------------------


@pytest.fixture
def big_journal(tmp_path: Path) -> Path:
    db = tmp_path / "big.db"
    fill(db, [{"body": f"entry {n} " + "a fairly long line of journal text " * 30, "title": f"title {n}"}
              for n in range(300)])
    return db


@pytest.mark.parametrize("extra", [[], ["--json"]], ids=["table", "json"])
def test_broken_pipe_is_quiet(env: dict[str, str], big_journal: Path, extra: list[str]) -> None:
    process = subprocess.Popen(
        [str(CLI), "--db", str(big_journal), "list", "--limit", "0", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    head = process.stdout.read(200)
    assert head
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    code = process.wait(timeout=60)
    assert "Traceback" not in stderr
    assert "BrokenPipe" not in stderr
    assert stderr == ""
    assert code == 0


def test_demo_is_throw_away(env: dict[str, str], tmp_path: Path) -> None:
    entries = json.loads(ok(run(env, "--demo", "list", "--json", "--limit", "0")))
    assert len(entries) >= 10
    assert all(set(e) == JSON_KEYS for e in entries)
    assert any(e["shared"] for e in entries) and not all(e["shared"] for e in entries)
    data_home = Path(env["XDG_DATA_HOME"])
    left = [p for p in data_home.rglob("*")] if data_home.exists() else []
    assert left == [], f"demo left files in the data folder: {left}"
    assert list(Path(env["TMPDIR"]).iterdir()) == [], "demo left its temporary database behind"


# -- concurrency --------------------------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from careerjournal.db.store import Store
    path, worker, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with Store.open(path) as store:
        for n in range(count):
            store.entries.add(f"writer {worker} entry {n}")
    """
)


def test_eight_writers_lose_nothing(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "busy" / "journal.db"  # new file: the writers also race to create the schema
    workers, per_worker = 8, 50
    processes = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(w), str(per_worker)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for w in range(workers)
    ]
    failures = []
    for process in processes:
        _, err = process.communicate(timeout=120)
        if process.returncode != 0:
            failures.append(err.decode("utf-8", "replace")[-500:])
    assert not failures, failures
    with Store.open(db) as store:
        entries = store.entries.list()
        assert store.entries.count() == workers * per_worker
        assert store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    ids = [e.id for e in entries]
    assert len(set(ids)) == len(ids) == workers * per_worker
    assert {e.body for e in entries} == {f"writer {w} entry {n}" for w in range(workers) for n in range(per_worker)}


def test_concurrent_cli_adds_lose_nothing(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    ok(run(env, "--db", str(db), "list"))  # create it first; the race above covers creation

    def worker(w: int) -> list[subprocess.CompletedProcess]:
        return [run(env, "--db", str(db), "add", f"cli {w}-{n}") for n in range(5)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = [r for batch in pool.map(worker, range(4)) for r in batch]
    for result in results:
        ok(result)
    entries = list_json(env, db, "--limit", "0")
    assert len(entries) == 20
    assert len({e["id"] for e in entries}) == 20
    assert {e["body"] for e in entries} == {f"cli {w}-{n}" for w in range(4) for n in range(5)}


@pytest.mark.parametrize("kind", ["folder", "one-byte", "text", "too-new"])
def test_opening_the_app_on_a_bad_file_says_why_in_one_line(env: dict[str, str], tmp_path: Path, kind: str) -> None:
    """``careerjournal --db FILE`` (the app, not a subcommand) refuses before drawing anything."""
    path = tmp_path / "bad.db"
    BAD_FILES[kind](path)
    before = None if path.is_dir() else path.read_bytes()
    line = assert_user_error(run(env, "--db", str(path)))
    assert "bad.db" in line
    if before is not None:
        assert path.read_bytes() == before


def test_a_mistyped_option_still_gets_the_command_lines_answer(env: dict[str, str]) -> None:
    result = run(env, "--dmeo")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "--dmeo" in result.stderr and "--help" in result.stderr
    assert ")." not in result.stderr and ".." not in result.stderr  # one sentence, punctuated once


def test_an_older_journal_is_upgraded_once_with_a_line_saying_so(env: dict[str, str], tmp_path: Path) -> None:
    """Not on a terminal (a log), stderr gets a line before the upgrade and one after it, nothing between."""
    from tests.unit.test_word_count import make_version_1_journal

    db = tmp_path / "old.db"
    make_version_1_journal(db, [("Old title", "an entry from an older version")])
    first = run(env, "--db", str(db), "list", "--json")
    assert "Old title" in ok(first)
    before, after = first.stderr.splitlines()
    assert before.startswith("careerjournal: updating ") and after.startswith("careerjournal: journal updated in ")
    second = run(env, "--db", str(db), "list", "--json")
    assert "Old title" in ok(second) and second.stderr == ""
