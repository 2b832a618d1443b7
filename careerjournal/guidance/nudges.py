"""Nudges: short, kind prompts computed from the user's own data.

Pure functions: ``compute_nudges(data, today)`` looks at a snapshot of the
journal and returns what deserves a gentle word, each with a stable key (so a
dismissal is remembered and a dismissed nudge stays gone) and the guidance
topic it points to. No I/O here; the store gathers :class:`NudgeData`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from careerjournal.guidance.balance import LOPSIDED_MIN
from careerjournal.models import (
    CheckIn,
    Goal,
    GoalStatus,
    LedgerColumn,
    LedgerItem,
    LifeArea,
    Owner,
    SelfCheckAnswer,
    Talk,
    Win,
)

#: Days without an entry before the journal nudges.
QUIET_DAYS = 3


@dataclass(frozen=True)
class Nudge:
    key: str
    """Stable identity: dismissing stores this key."""
    message: str
    topic: str
    """The guidance topic key to open for more."""


@dataclass(frozen=True)
class NudgeData:
    """A snapshot of what the nudges look at."""

    ledger: tuple[LedgerItem, ...] = ()
    goals: tuple[Goal, ...] = ()
    wins: tuple[Win, ...] = ()
    talks: tuple[Talk, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    self_check: dict[str, SelfCheckAnswer] = field(default_factory=dict)
    last_entry_day: dt.date | None = None
    entry_count: int = 0


def lopsided_ledger(data: NudgeData, today: dt.date) -> Iterable[Nudge]:
    give = sum(item.column == LedgerColumn.GIVE_UP for item in data.ledger)
    keep = sum(item.column == LedgerColumn.KEEP for item in data.ledger)
    if give >= LOPSIDED_MIN and keep == 0:
        yield Nudge("ledger.only_give_up", f"Your ledger has {give} give-ups and no non-negotiables. "
                    "What won't you give up?", "compromise.balance")
    elif keep >= LOPSIDED_MIN and give == 0:
        yield Nudge("ledger.only_keep", f"Your ledger has {keep} non-negotiables and nothing you'd give up. "
                    "Is there anything you could let go of?", "compromise.balance")


def revisit_due(data: NudgeData, today: dt.date) -> Iterable[Nudge]:
    for item in data.ledger:
        if item.revisit_on is not None and item.revisit_on <= today:
            yield Nudge(f"ledger.revisit.{item.id}.{item.revisit_on.isoformat()}",
                        f"Time to revisit “{_short(item.text)}”: circumstances may have changed.",
                        "compromise.timing")


def goals_without_steps(data: NudgeData, today: dt.date) -> Iterable[Nudge]:
    for goal in data.goals:
        if goal.status == GoalStatus.ACTIVE and not goal.steps:
            yield Nudge(f"goal.no_steps.{goal.id}",
                        f"“{_short(goal.title)}” has no steps yet. What is one small thing you could do first?",
                        "support.goals")


def uncelebrated_partner_wins(data: NudgeData, today: dt.date) -> Iterable[Nudge]:
    partner_goals = {goal.id: goal for goal in data.goals if goal.owner == Owner.PARTNER}
    for win in data.wins:
        if win.goal_id in partner_goals and not win.celebrated:
            yield Nudge(f"win.celebrate.{win.id}",
                        f"Your partner's win, “{_short(win.text)}”, hasn't been celebrated yet.",
                        "support.celebrate")


def checkin_after_talk(data: NudgeData, today: dt.date) -> Iterable[Nudge]:
    if not data.talks:
        return
    last = max(data.talks, key=lambda talk: (talk.day, talk.id or 0))
    if not any(checkin.day >= last.day for checkin in data.checkins):
        yield Nudge(f"talk.checkin.{last.id}",
                    f"You talked on {last.day.strftime('%d %B')}. How did it leave you both? Record a check-in.",
                    "compromise.signs")


def moving_without_relocation(data: NudgeData, today: dt.date) -> Iterable[Nudge]:
    moving = data.self_check.get("moving")
    if moving is not None and moving.answer and not any(item.area == LifeArea.RELOCATION for item in data.ledger):
        yield Nudge("selfcheck.moving.no_relocation",
                    "Your next step might mean moving, but your ledger says nothing about relocation yet.",
                    "compromise.three_lists")


def quiet_journal(data: NudgeData, today: dt.date) -> Iterable[Nudge]:
    if data.last_entry_day is None:
        if data.entry_count == 0:
            yield Nudge("journal.first", "Your journal is empty. Ten quiet minutes tonight is a good start.",
                        "career.self")
        return
    gap = (today - data.last_entry_day).days
    if gap >= QUIET_DAYS:
        yield Nudge(f"journal.gap.{data.last_entry_day.isoformat()}",
                    f"It's been {gap} days since your last entry. Even a few lines help.", "career.self")


RULES: tuple[Callable[[NudgeData, dt.date], Iterable[Nudge]], ...] = (
    lopsided_ledger,
    revisit_due,
    uncelebrated_partner_wins,
    checkin_after_talk,
    moving_without_relocation,
    goals_without_steps,
    quiet_journal,
)


def compute_nudges(data: NudgeData, today: dt.date, dismissed: Iterable[str] = ()) -> list[Nudge]:
    """Every nudge that applies and hasn't been dismissed, most important first."""
    gone = set(dismissed)
    return [nudge for rule in RULES for nudge in rule(data, today) if nudge.key not in gone]


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
