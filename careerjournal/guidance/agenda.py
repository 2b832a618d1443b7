"""The conversation agenda: what to raise, gathered from your own notes.

Why this is pure Python: the Talk pane, the exports and the tests all need the same
answer to "what is still open between us?", and none of them should need a terminal
to get it. The order is deliberate: their worries first (listening comes before
explaining), then the ledger items you haven't agreed on yet, then the goals you want
them to be part of.
"""

from __future__ import annotations

from collections.abc import Iterable

from careerjournal.models import (
    AgendaPoint,
    Concern,
    Goal,
    GoalStatus,
    LedgerColumn,
    LedgerItem,
    LedgerStatus,
    Owner,
)

__all__ = ["DOS_AND_DONTS", "build_agenda", "merge_agenda", "point_key"]

#: How a ledger column reads inside an agenda point.
_COLUMN_WORDS = {
    LedgerColumn.GIVE_UP: "give up",
    LedgerColumn.KEEP: "keep",
    LedgerColumn.COMPROMISE: "compromise",
}

DOS_AND_DONTS: tuple[tuple[str, str], ...] = (
    ("do", "Listen first"),
    ("do", "Honour their worries"),
    ("do", "Share your dream"),
    ("do", "Say why it matters"),
    ("do", "Decide together"),
    ("do", "Know your limits"),
    ("dont", "Argue back"),
    ("dont", "Get defensive"),
    ("dont", "Brush worries aside"),
    ("dont", "Issue ultimatums"),
    ("dont", "Give up your dream"),
)
"""A glanceable checklist for the conversation: ``("do" | "dont", text)``, in our own words.

Drawn from the ``talk.do`` and ``talk.dont`` topics (the sidebar has the longer, gentler
version); plain text, no brackets, each at most 20 characters so two columns fit beside
or below the agenda in a narrow terminal.
"""


def point_key(text: str) -> str:
    """Two points are the same point when they differ only in case or spacing."""
    return " ".join(text.split()).casefold()


def _concern_point(concern: Concern) -> AgendaPoint:
    return AgendaPoint(text=f"Their worry: {' '.join(concern.heard.split())}", source="concern")


def _ledger_point(item: LedgerItem) -> AgendaPoint:
    words = _COLUMN_WORDS.get(LedgerColumn(item.column), str(item.column))
    return AgendaPoint(text=f"Talk about: {' '.join(item.text.split())} ({words})", source="ledger")


def _goal_point(goal: Goal) -> AgendaPoint:
    lead = "Our shared goal" if goal.owner == Owner.SHARED else "My goal"
    return AgendaPoint(text=f"{lead}: {' '.join(goal.title.split())}", source="goal")


def build_agenda(
    concerns: Iterable[Concern], ledger_items: Iterable[LedgerItem], goals: Iterable[Goal]
) -> list[AgendaPoint]:
    """Points for the next conversation, most important first, without repeats.

    - open (not yet addressed) concerns, as given;
    - ledger items that are not agreed yet (ideas and things only discussed);
    - active goals that are mine or shared (a partner's own goals are theirs to raise).
    """
    candidates: list[AgendaPoint] = []
    candidates += [_concern_point(c) for c in concerns if not c.addressed and c.heard.strip()]
    candidates += [_ledger_point(i) for i in ledger_items if i.status != LedgerStatus.AGREED and i.text.strip()]
    candidates += [
        _goal_point(g) for g in goals
        if g.status == GoalStatus.ACTIVE and g.owner in (Owner.ME, Owner.SHARED) and g.title.strip()
    ]
    return merge_agenda([], candidates)


def merge_agenda(existing: Iterable[AgendaPoint], new: Iterable[AgendaPoint]) -> list[AgendaPoint]:
    """The existing points exactly as they are (order, ticks, your wording), then the new ones not already there."""
    result = list(existing)
    seen = {point_key(point.text) for point in result}
    for point in new:
        key = point_key(point.text)
        if key and key not in seen:
            seen.add(key)
            result.append(point)
    return result
