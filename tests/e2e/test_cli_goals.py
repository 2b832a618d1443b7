"""``careerjournal goals``, run through the installed command as a user would."""

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
from careerjournal.models import GoalStatus, Horizon, Owner, ResourceKind


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

GOAL_KEYS = {"id", "title", "why", "owner", "horizon", "status", "target_date", "progress", "steps", "resources",
             "wins"}
STEP_KEYS = {"id", "text", "position", "done", "done_at"}
RESOURCE_KEYS = {"id", "kind", "title", "link", "notes"}
WIN_KEYS = {"id", "text", "celebrated", "created_at"}


# -- helpers (the same approach as tests/e2e/test_cli.py) ------------------------------------------------




def run(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *args], capture_output=True, env=env, timeout=timeout, text=True,
                          encoding="utf-8")


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result.stdout


def assert_user_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, f"exit {result.returncode}, stderr={result.stderr!r}"
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected exactly one line on stderr, got {lines!r}"
    assert lines[0].startswith("careerjournal: "), lines[0]
    assert len(lines[0]) > len("careerjournal: ") + 5
    return lines[0]


def goals_json(env: dict[str, str], db: Path, *args: str) -> list[dict[str, Any]]:
    return json.loads(ok(run(env, "--db", str(db), "goals", "--json", *args)))


def line_with(output: str, text: str) -> str:
    found = [line for line in output.splitlines() if text in line]
    assert len(found) == 1, f"{text!r} should be on exactly one line of:\n{output}"
    return found[0]


@pytest.fixture
def seeded(tmp_path: Path) -> dict[str, Any]:
    """A journal with goals for all three owners, steps, a resource and wins."""
    path = tmp_path / "goals.db"
    today = dt.date.today()
    with Store.open(path) as store:
        lead = store.goals.add("Lead a team", why="I like coaching.", horizon=Horizon.LONG,
                               target_date=today + dt.timedelta(days=365))
        first = store.goals.add_step(lead.id, "Ask for mentoring")
        store.goals.add_step(lead.id, "Lead the Q1 planning")
        store.goals.set_step_done(first.id, True)
        store.goals.add_resource(lead.id, ResourceKind.MENTOR, "Priya", link="https://example.org", notes="monthly")
        win = store.goals.add_win("Priya said yes", goal_id=lead.id, step_id=first.id)
        store.goals.set_celebrated(win.id)
        store.goals.add_win("A win without a goal")
        overdue = store.goals.add("Finish the certificate", target_date=dt.date(2001, 1, 1))
        markup = store.goals.add("[bold]x[/bold]", status=GoalStatus.PAUSED)
        bracket = store.goals.add("[/]", target_date=dt.date(2001, 1, 1), status=GoalStatus.DONE)
        course = store.goals.add("Start the design course", owner=Owner.PARTNER,
                                 target_date=today + dt.timedelta(days=60))
        evenings = store.goals.add("Protect two evenings a week", owner=Owner.SHARED)
        trashed = store.goals.add("Trashed goal", owner=Owner.PARTNER)
        store.goals.delete(trashed.id)
    return {"path": path, "lead": lead.id, "overdue": overdue.id, "markup": markup.id, "bracket": bracket.id,
            "course": course.id, "evenings": evenings.id, "trashed": trashed.id, "win": win.id}


# -- tests ----------------------------------------------------------------------------------------------


def test_goals_on_an_empty_journal(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    result = run(env, "--db", str(db), "goals")
    out = ok(result)
    assert out.strip().startswith("No goals yet")
    assert len(out.strip().splitlines()) == 1
    assert result.stderr == ""
    assert goals_json(env, db) == []


def test_goals_json(env: dict[str, str], seeded: dict[str, Any]) -> None:
    goals = goals_json(env, seeded["path"])
    by_id = {goal["id"]: goal for goal in goals}
    assert seeded["trashed"] not in by_id
    assert [goal["id"] for goal in goals] == [seeded[k] for k in ("lead", "overdue", "markup", "bracket", "course",
                                                                 "evenings")]
    for goal in goals:
        assert set(goal) == GOAL_KEYS
        assert goal["owner"] in {"me", "partner", "shared"}
        assert goal["horizon"] in {"short", "long"}
        assert goal["status"] in {"active", "paused", "done", "dropped"}

    lead = by_id[seeded["lead"]]
    assert lead["title"] == "Lead a team" and lead["why"] == "I like coaching."
    assert (lead["owner"], lead["horizon"], lead["status"]) == ("me", "long", "active")
    assert dt.date.fromisoformat(lead["target_date"]) > dt.date.today()
    assert lead["progress"] == 0.5
    assert [set(step) for step in lead["steps"]] == [STEP_KEYS, STEP_KEYS]
    done, todo = lead["steps"]
    assert (done["text"], done["position"], done["done"]) == ("Ask for mentoring", 0, True)
    assert dt.datetime.fromisoformat(done["done_at"]).tzinfo is not None
    assert (todo["text"], todo["position"], todo["done"], todo["done_at"]) == ("Lead the Q1 planning", 1, False, None)
    (resource,) = lead["resources"]
    assert set(resource) == RESOURCE_KEYS
    assert resource["kind"] == "mentor" and resource["title"] == "Priya"
    assert resource["link"] == "https://example.org" and resource["notes"] == "monthly"
    (win,) = lead["wins"]
    assert set(win) == WIN_KEYS
    assert (win["id"], win["text"], win["celebrated"]) == (seeded["win"], "Priya said yes", True)
    assert dt.datetime.fromisoformat(win["created_at"]).tzinfo is not None

    plain = by_id[seeded["evenings"]]
    assert plain["progress"] is None
    assert plain["steps"] == [] and plain["resources"] == [] and plain["wins"] == []
    assert plain["target_date"] is None and plain["why"] == ""
    assert by_id[seeded["markup"]]["title"] == "[bold]x[/bold]"
    assert by_id[seeded["bracket"]]["title"] == "[/]"
    assert by_id[seeded["overdue"]]["target_date"] == "2001-01-01"


def test_goals_owner_filter(env: dict[str, str], seeded: dict[str, Any]) -> None:
    assert [g["id"] for g in goals_json(env, seeded["path"], "--owner", "partner")] == [seeded["course"]]
    assert [g["id"] for g in goals_json(env, seeded["path"], "--owner", "shared")] == [seeded["evenings"]]
    mine = goals_json(env, seeded["path"], "--owner", "me")
    assert {g["owner"] for g in mine} == {"me"} and len(mine) == 4
    out = ok(run(env, "--db", str(seeded["path"]), "goals", "--owner", "partner"))
    assert "My partner's goals" in out and "Start the design course" in out
    assert "My goals" not in out and "Our shared goals" not in out and "Lead a team" not in out


def test_goals_unknown_owner_is_one_line(env: dict[str, str], seeded: dict[str, Any]) -> None:
    result = run(env, "--db", str(seeded["path"]), "goals", "--owner", "nobody")
    line = assert_user_error(result)
    assert "nobody" in line or "--owner" in line
    assert result.stdout == ""


def test_goals_readable_output(env: dict[str, str], seeded: dict[str, Any]) -> None:
    out = ok(run(env, "--db", str(seeded["path"]), "goals"))
    headings = [line.strip() for line in out.splitlines() if line.strip() in
                {"My goals", "My partner's goals", "Our shared goals"}]
    assert headings == ["My goals", "My partner's goals", "Our shared goals"]
    # User text is shown literally, never as markup.
    markup = line_with(out, "[bold]x[/bold]")
    assert "paused" in markup
    bracket = line_with(out, "[/]")
    assert "done" in bracket and "overdue" not in bracket  # a finished goal is never overdue
    # An active goal whose target date has passed is marked; future ones are not.
    overdue = line_with(out, "Finish the certificate")
    assert "overdue" in overdue and "2001-01-01" in overdue
    assert "overdue" not in line_with(out, "Lead a team")
    assert "overdue" not in line_with(out, "Start the design course")
    assert "1/2" in line_with(out, "Lead a team")
    assert "Ask for mentoring" in out and "Lead the Q1 planning" in out
    assert "Trashed goal" not in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_demo_goals_shows_three_owner_headings(env: dict[str, str]) -> None:
    out = ok(run(env, "--demo", "goals"))
    for heading in ("My goals", "My partner's goals", "Our shared goals"):
        assert heading in out
    assert out.index("My goals") < out.index("My partner's goals") < out.index("Our shared goals")
