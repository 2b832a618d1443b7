"""``careerjournal ledger`` and ``careerjournal talk``, run through the installed command as a user would."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from careerjournal.db.store import Store
from careerjournal.guidance import BALANCE_SIGNS, SELF_CHECK_QUESTIONS
from careerjournal.models import AgendaPoint, ConcernReason, LedgerColumn, LedgerStatus, LifeArea


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

ITEM_KEYS = {"id", "text", "column", "area", "status", "revisit_on", "notes", "position", "created_at", "updated_at"}
TALK_KEYS = {"concerns", "self_check", "agenda", "talks", "checkins"}
COLUMN_HEADINGS = ("I'll give up", "I won't give up", "Open to compromise")


# -- helpers (the same approach as tests/e2e/test_cli.py) ------------------------------------------------




def run(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *args], capture_output=True, env=env, timeout=timeout, text=True,
                          encoding="utf-8")


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result.stdout


def line_with(output: str, text: str) -> str:
    found = [line for line in output.splitlines() if text in line]
    assert len(found) == 1, f"{text!r} should be on exactly one line of:\n{output}"
    return found[0]


def heading_index(output: str, heading: str) -> int:
    lines = output.splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith(heading + " (")]
    assert len(found) == 1, f"heading {heading!r} should appear once in:\n{output}"
    return found[0]


@pytest.fixture
def ledger_db(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "ledger.db"
    with Store.open(path) as store:
        drinks = store.ledger.add("Friday drinks", LedgerColumn.GIVE_UP, area=LifeArea.EVENINGS,
                                  status=LedgerStatus.AGREED)
        markup = store.ledger.add("[bold]x[/bold]", LedgerColumn.GIVE_UP)
        click = store.ledger.add("[@click=app.quit]x[/]", LedgerColumn.GIVE_UP, revisit_on=dt.date(2001, 1, 1))
        sunday = store.ledger.add("Sunday mornings", LedgerColumn.KEEP, area=LifeArea.TIME_TOGETHER,
                                  notes="non-negotiable")
        travel = store.ledger.add("Travel cap 🎉", LedgerColumn.COMPROMISE, area=LifeArea.TRAVEL,
                                  status=LedgerStatus.DISCUSSED, revisit_on=dt.date(2999, 1, 2))
        gone = store.ledger.add("Deleted item", LedgerColumn.KEEP)
        store.ledger.delete(gone.id)
    return {"path": path, "drinks": drinks.id, "markup": markup.id, "click": click.id, "sunday": sunday.id,
            "travel": travel.id, "gone": gone.id}


# -- ledger ----------------------------------------------------------------------------------------------


def test_ledger_on_an_empty_journal(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    result = run(env, "--db", str(db), "ledger")
    out = ok(result)
    assert len(out.strip().splitlines()) == 1
    assert out.strip().startswith("The ledger is empty")
    assert result.stderr == ""
    data = json.loads(ok(run(env, "--db", str(db), "ledger", "--json")))
    assert data == {"columns": {"give_up": [], "keep": [], "compromise": []},
                    "counts": {"give_up": 0, "keep": 0, "compromise": 0}, "warning": None}


def test_ledger_readable(env: dict[str, str], ledger_db: dict[str, Any]) -> None:
    result = run(env, "--db", str(ledger_db["path"]), "ledger")
    out = ok(result)
    assert result.stderr == ""
    give, keep, compromise = (heading_index(out, heading) for heading in COLUMN_HEADINGS)
    assert give < keep < compromise
    lines = out.splitlines()
    assert lines[give] == "I'll give up (3)"
    assert lines[keep] == "I won't give up (1)"
    assert lines[compromise] == "Open to compromise (1)"
    # every item sits under its own heading, literally
    for text, start, end in (("Friday drinks", give, keep), ("[bold]x[/bold]", give, keep),
                             ("[@click=app.quit]x[/]", give, keep), ("Sunday mornings", keep, compromise),
                             ("Travel cap 🎉", compromise, len(lines))):
        index = next(i for i, line in enumerate(lines) if text in line)
        assert start < index < end, (text, out)
    assert "evenings · agreed" in line_with(out, "Friday drinks")
    assert "revisit now" in line_with(out, "[@click=app.quit]x[/]")
    assert "revisit 2999-01-02" in line_with(out, "Travel cap")
    assert "discussed" in line_with(out, "Travel cap")
    assert "Deleted item" not in out
    assert "\x1b" not in out
    # 3 give-ups vs 1 keep: the ratio rule warns, in one line
    assert "give-ups" in out.strip().splitlines()[-1]


def test_ledger_json(env: dict[str, str], ledger_db: dict[str, Any]) -> None:
    result = run(env, "--db", str(ledger_db["path"]), "ledger", "--json")
    data = json.loads(ok(result))
    assert set(data) == {"columns", "counts", "warning"}
    assert set(data["columns"]) == {"give_up", "keep", "compromise"}
    assert data["counts"] == {"give_up": 3, "keep": 1, "compromise": 1}
    assert [i["id"] for i in data["columns"]["give_up"]] == [ledger_db[k] for k in ("drinks", "markup", "click")]
    assert [i["text"] for i in data["columns"]["give_up"]] == ["Friday drinks", "[bold]x[/bold]",
                                                               "[@click=app.quit]x[/]"]
    for column, items in data["columns"].items():
        for item in items:
            assert set(item) == ITEM_KEYS
            assert item["column"] == column
    [sunday] = data["columns"]["keep"]
    assert sunday["id"] == ledger_db["sunday"]
    assert (sunday["area"], sunday["status"], sunday["notes"], sunday["revisit_on"]) == (
        "time_together", "idea", "non-negotiable", None)
    [travel] = data["columns"]["compromise"]
    assert (travel["text"], travel["area"], travel["status"], travel["revisit_on"]) == (
        "Travel cap 🎉", "travel", "discussed", "2999-01-02")
    assert isinstance(data["warning"], str) and "give-ups" in data["warning"] and "\n" not in data["warning"]
    assert all(i["id"] != ledger_db["gone"] for items in data["columns"].values() for i in items)


def test_ledger_json_warning_when_one_sided(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "lopsided.db"
    with Store.open(path) as store:
        for text in ("drinks", "overtime", "gym"):
            store.ledger.add(text, LedgerColumn.GIVE_UP)
    data = json.loads(ok(run(env, "--db", str(path), "ledger", "--json")))
    assert data["counts"] == {"give_up": 3, "keep": 0, "compromise": 0}
    assert "give up 3 things" in data["warning"]


# -- talk ------------------------------------------------------------------------------------------------


@pytest.fixture
def talk_db(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "talk.db"
    with Store.open(path) as store:
        open_concern = store.talk.add_concern(ConcernReason.INCONVENIENCED, "School runs [bold]x[/bold] fall on Sam")
        done = store.talk.add_concern(ConcernReason.THREATENED, "The job always comes first")
        store.talk.update_concern(done.id, addressed=True)
        store.talk.answer_self_check("travel", True)
        store.talk.answer_self_check("late_nights", False)
        store.talk.save_agenda([AgendaPoint(text="Agree on travel", source="mine", done=False)])
        talk = store.talk.start_talk(dt.date(2026, 11, 1), [AgendaPoint(text="Evenings", source="theirs", done=True)],
                                     notes="Kitchen table")
        store.talk.save_agenda([AgendaPoint(text="Next: [/] holidays", source="mine", done=False)])
        store.talk.add_checkin(dt.date(2026, 11, 2), heard=3, part_of_plan=2, no_winner=4, respected=5,
                               note="ok", talk_id=talk.id)
        store.talk.add_checkin(dt.date(2026, 11, 9), heard=4, part_of_plan=4, no_winner=4, respected=4)
    return {"path": path, "open": open_concern.id, "done": done.id, "talk": talk.id}


def test_talk_on_an_empty_journal(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    out = ok(run(env, "--db", str(db), "talk"))
    assert "None noted yet" in out and "No check-ins yet" in out
    data = json.loads(ok(run(env, "--db", str(db), "talk", "--json")))
    assert data == {"concerns": [], "self_check": {}, "agenda": [], "talks": [], "checkins": []}


def test_talk_readable(env: dict[str, str], talk_db: dict[str, Any]) -> None:
    result = run(env, "--db", str(talk_db["path"]), "talk")
    out = ok(result)
    assert result.stderr == ""
    assert "Partner's concerns" in out
    assert line_with(out, "School runs [bold]x[/bold] fall on Sam").lstrip().startswith("open")
    assert line_with(out, "The job always comes first").lstrip().startswith("addressed")
    questions = dict(SELF_CHECK_QUESTIONS)
    assert line_with(out, questions["travel"]).lstrip().startswith("yes")
    assert line_with(out, questions["late_nights"]).lstrip().startswith("no")
    assert line_with(out, questions["moving"]).lstrip().startswith("—")
    assert "Next: [/] holidays" in out
    assert "Talks: 1, last on 2026-11-01" in out
    for key, label in BALANCE_SIGNS:
        assert "latest" in line_with(out, label)
    assert "latest 4/5" in line_with(out, dict(BALANCE_SIGNS)["heard"])


def test_talk_json(env: dict[str, str], talk_db: dict[str, Any]) -> None:
    data = json.loads(ok(run(env, "--db", str(talk_db["path"]), "talk", "--json")))
    assert set(data) == TALK_KEYS
    concerns = {c["id"]: c for c in data["concerns"]}
    assert concerns[talk_db["open"]]["reason"] == "why.inconvenienced"
    assert concerns[talk_db["open"]]["heard"] == "School runs [bold]x[/bold] fall on Sam"
    assert concerns[talk_db["open"]]["addressed"] is False
    assert concerns[talk_db["done"]]["addressed"] is True
    assert {k: v["answer"] for k, v in data["self_check"].items()} == {"travel": True, "late_nights": False}
    assert data["agenda"] == [{"text": "Next: [/] holidays", "source": "mine", "done": False}]
    [talk] = data["talks"]
    assert (talk["id"], talk["day"], talk["notes"]) == (talk_db["talk"], "2026-11-01", "Kitchen table")
    assert talk["agenda"] == [{"text": "Evenings", "source": "theirs", "done": True}]
    assert [c["day"] for c in data["checkins"]] == ["2026-11-02", "2026-11-09"]
    first = data["checkins"][0]
    assert (first["heard"], first["part_of_plan"], first["no_winner"], first["respected"], first["note"],
            first["talk_id"]) == (3, 2, 4, 5, "ok", talk_db["talk"])
    assert data["checkins"][1]["talk_id"] is None


# -- the demo --------------------------------------------------------------------------------------------


def test_demo_ledger_and_talk(env: dict[str, str]) -> None:
    ledger = ok(run(env, "--demo", "ledger"))
    for heading in COLUMN_HEADINGS:
        heading_index(ledger, heading)
    talk = ok(run(env, "--demo", "talk"))
    assert "Partner's concerns" in talk and "Balance check-ins" in talk
    data = json.loads(ok(run(env, "--demo", "ledger", "--json")))
    assert sum(data["counts"].values()) > 0
    assert list(Path(env["TMPDIR"]).iterdir()) == [], "demo left its temporary database behind"
