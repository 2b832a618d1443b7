"""Goals, the compromise ledger and the talk: their enums and frozen dataclasses.

Split from :mod:`careerjournal.models` (which re-exports every name here) so the
journal can open without creating these classes; see ``models.__getattr__``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Owner(StrEnum):
    """Whose goal it is: support runs both ways, so the partner's goals live here too."""

    ME = "me"
    PARTNER = "partner"
    SHARED = "shared"


class Horizon(StrEnum):
    SHORT = "short"
    LONG = "long"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"
    DROPPED = "dropped"


class ResourceKind(StrEnum):
    COURSE = "course"
    WORKSHOP = "workshop"
    NETWORKING = "networking"
    MENTOR = "mentor"
    COACH = "coach"
    BOOK = "book"
    HANDS_ON = "hands_on"
    OTHER = "other"


class LedgerColumn(StrEnum):
    """The three lists of the compromise ledger."""

    GIVE_UP = "give_up"
    KEEP = "keep"
    COMPROMISE = "compromise"

    @property
    def label(self) -> str:
        return LEDGER_COLUMN_LABELS[self]


LEDGER_COLUMN_LABELS = {
    LedgerColumn.GIVE_UP: "I'll give up",
    LedgerColumn.KEEP: "I won't give up",
    LedgerColumn.COMPROMISE: "Open to compromise",
}


class LifeArea(StrEnum):
    TIME_TOGETHER = "time_together"
    TRAVEL = "travel"
    EVENINGS = "evenings"
    RELOCATION = "relocation"
    HOUSEHOLD = "household"
    CHILDCARE = "childcare"
    MONEY = "money"
    CAREER_STEP = "career_step"
    OTHER = "other"


class LedgerStatus(StrEnum):
    """Where a ledger item stands between the two of you: idea -> discussed -> agreed."""

    IDEA = "idea"
    DISCUSSED = "discussed"
    AGREED = "agreed"

    def next(self) -> LedgerStatus:
        order = list(LedgerStatus)
        return order[(order.index(self) + 1) % len(order)]


class ConcernReason(StrEnum):
    """The five reasons a partner may resist, keyed like the guidance topics."""

    THREATENED = "why.threatened"
    INCONVENIENCED = "why.inconvenienced"
    JEALOUS = "why.jealous"
    SAFETY = "why.safety"
    DISMISSIVE = "why.dismissive"


SCORE_RANGE = range(1, 6)


@dataclass(frozen=True, slots=True)
class Step:
    id: int | None
    goal_id: int
    text: str
    position: int = 0
    done: bool = False
    done_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Resource:
    id: int | None
    goal_id: int
    kind: ResourceKind
    title: str
    link: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Win:
    id: int | None
    text: str
    goal_id: int | None = None
    step_id: int | None = None
    celebrated: bool = False
    entry_id: int | None = None
    created_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Goal:
    id: int | None
    title: str
    owner: Owner = Owner.ME
    horizon: Horizon = Horizon.SHORT
    status: GoalStatus = GoalStatus.ACTIVE
    why: str = ""
    target_date: dt.date | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    steps: tuple[Step, ...] = field(default=())
    resources: tuple[Resource, ...] = field(default=())

    @property
    def progress(self) -> float | None:
        """Done steps over all steps; ``None`` (never NaN) when there are no steps."""
        if not self.steps:
            return None
        return sum(step.done for step in self.steps) / len(self.steps)


@dataclass(frozen=True, slots=True)
class LedgerItem:
    id: int | None
    text: str
    column: LedgerColumn
    area: LifeArea = LifeArea.OTHER
    status: LedgerStatus = LedgerStatus.IDEA
    revisit_on: dt.date | None = None
    notes: str = ""
    position: int = 0
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Concern:
    id: int | None
    reason: ConcernReason
    heard: str
    addressed: bool = False
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A balance check-in after a talk: the four signs of a fair compromise, each 1-5."""

    id: int | None
    day: dt.date
    heard: int
    part_of_plan: int
    no_winner: int
    respected: int
    note: str = ""
    talk_id: int | None = None
    created_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class SelfCheckAnswer:
    """The latest yes/no to one of the why.threatened self-check questions."""

    question: str
    answer: bool
    answered_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class AgendaPoint:
    """One point to raise in a conversation; ``source`` says where it came from."""

    text: str
    source: str = "mine"  # "concern", "ledger", "goal", "guidance" or "mine"
    done: bool = False


@dataclass(frozen=True, slots=True)
class Talk:
    """A conversation that happened, with the agenda it followed."""

    id: int | None
    day: dt.date
    agenda: tuple[AgendaPoint, ...] = ()
    notes: str = ""
    created_at: dt.datetime | None = None
