"""build_agenda: what the next conversation should cover, in the right order, without repeats.

Why: the Talk pane's `g` key and anything that summarises a talk rely on this one pure
function; it must put the partner's worries first and never repeat or resurrect settled items.
"""

from __future__ import annotations

import re
import subprocess
import sys

from careerjournal.guidance import DOS_AND_DONTS, build_agenda
from careerjournal.guidance.agenda import merge_agenda, point_key
from careerjournal.models import (
    AgendaPoint,
    Concern,
    ConcernReason,
    Goal,
    GoalStatus,
    LedgerColumn,
    LedgerItem,
    LedgerStatus,
    Owner,
)


def concern(heard: str, *, addressed: bool = False, reason: ConcernReason = ConcernReason.SAFETY) -> Concern:
    return Concern(id=None, reason=reason, heard=heard, addressed=addressed)


def item(text: str, column: LedgerColumn = LedgerColumn.COMPROMISE,
         status: LedgerStatus = LedgerStatus.IDEA) -> LedgerItem:
    return LedgerItem(id=None, text=text, column=column, status=status)


def goal(title: str, owner: Owner = Owner.ME, status: GoalStatus = GoalStatus.ACTIVE) -> Goal:
    return Goal(id=None, title=title, owner=owner, status=status)


def test_order_is_concerns_then_ledger_then_goals() -> None:
    points = build_agenda(
        [concern("You'd be away too much"), concern("It sounds risky")],
        [item("Travel two nights a week", LedgerColumn.COMPROMISE), item("Friday drinks", LedgerColumn.GIVE_UP),
         item("Sunday mornings", LedgerColumn.KEEP)],
        [goal("Lead a team"), goal("Protect our evenings", Owner.SHARED)],
    )
    assert [p.source for p in points] == ["concern", "concern", "ledger", "ledger", "ledger", "goal", "goal"]
    assert points[0].text == "Their worry: You'd be away too much"
    assert points[1].text == "Their worry: It sounds risky"
    assert points[2].text == "Talk about: Travel two nights a week (compromise)"
    assert points[3].text == "Talk about: Friday drinks (give up)"
    assert points[4].text == "Talk about: Sunday mornings (keep)"
    assert points[5].text == "My goal: Lead a team"
    assert points[6].text == "Our shared goal: Protect our evenings"
    assert not any(p.done for p in points)


def test_addressed_concerns_and_agreed_items_are_left_out() -> None:
    points = build_agenda(
        [concern("Settled already", addressed=True), concern("Still open")],
        [item("Agreed", status=LedgerStatus.AGREED), item("Discussed", status=LedgerStatus.DISCUSSED),
         item("Just an idea", status=LedgerStatus.IDEA)],
        [],
    )
    texts = [p.text for p in points]
    assert texts == ["Their worry: Still open", "Talk about: Discussed (compromise)",
                     "Talk about: Just an idea (compromise)"]


def test_only_active_goals_that_are_mine_or_shared() -> None:
    points = build_agenda([], [], [
        goal("Mine, active"), goal("Shared, active", Owner.SHARED), goal("Partner's", Owner.PARTNER),
        goal("Paused", status=GoalStatus.PAUSED), goal("Done", status=GoalStatus.DONE),
        goal("Dropped", Owner.SHARED, GoalStatus.DROPPED),
    ])
    assert [p.text for p in points] == ["My goal: Mine, active", "Our shared goal: Shared, active"]


def test_no_duplicates_even_when_spacing_or_case_differs() -> None:
    points = build_agenda(
        [concern("Too  much travel"), concern("too much TRAVEL"), concern("Too much travel")],
        [item("Evenings"), item("evenings")],
        [goal("Lead a team"), goal("Lead  a team")],
    )
    assert [p.text for p in points] == ["Their worry: Too much travel", "Talk about: Evenings (compromise)",
                                        "My goal: Lead a team"]


def test_empty_inputs_give_an_empty_agenda() -> None:
    assert build_agenda([], [], []) == []


def test_user_text_is_kept_literally() -> None:
    hostile = "[bold]x[/bold] [@click=app.quit]q[/] <b>"
    points = build_agenda([concern(hostile)], [item(hostile)], [goal(hostile)])
    assert all(hostile in p.text for p in points)


def test_merge_keeps_existing_points_and_appends_only_new_ones() -> None:
    existing = [AgendaPoint("My own point", "mine", True), AgendaPoint("Talk about: Evenings (compromise)", "ledger")]
    built = build_agenda([concern("Too far")], [item("evenings")], [])
    merged = merge_agenda(existing, built)
    assert merged[:2] == existing  # order, ticks and wording kept
    assert [p.text for p in merged[2:]] == ["Their worry: Too far"]
    assert point_key("  A  b ") == point_key("a B")


def test_dos_and_donts_are_short_plain_and_both_kinds() -> None:
    assert DOS_AND_DONTS
    kinds = {kind for kind, _ in DOS_AND_DONTS}
    assert kinds == {"do", "dont"}
    for _, text in DOS_AND_DONTS:
        assert text.strip() == text and text
        assert not re.search(r"[\[\]]", text), text
        assert len(text) <= 20, text  # two columns fit beside the agenda at 100 columns
    assert len({text for _, text in DOS_AND_DONTS}) == len(DOS_AND_DONTS)


def test_agenda_module_does_not_import_textual() -> None:
    code = ("import sys, careerjournal.guidance.agenda; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_merge_never_drops_existing_points_even_repeated_ones() -> None:
    existing = [AgendaPoint("Same", "mine"), AgendaPoint("same", "mine", True)]
    merged = merge_agenda(existing, [AgendaPoint("SAME", "concern"), AgendaPoint("New", "goal"),
                                     AgendaPoint("new", "goal")])
    assert merged == [*existing, AgendaPoint("New", "goal")]
