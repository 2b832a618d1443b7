"""What goes into a summary for a partner, decided in one place.

:func:`collect` reads the store and returns a frozen :class:`Summary` holding
exactly the data that will be written; the Markdown, HTML and text writers only
format it. Keeping the decision here means the privacy rule is enforced once:

* an entry goes out only when its ``shared`` flag is exactly ``True`` (unless the
  author ticks *include private entries*); its title, body and tags come with it;
* counts and word totals are computed over the included entries only;
* drafts, self-check answers, trashed rows and free-text notes written after a
  talk or check-in are never read here;
* the period (``since``/``until``) limits entries (by their ``day``), check-ins and
  talks; goals, the ledger, open concerns and the agenda are shown as they stand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from careerjournal.errors import UsageError
from careerjournal.models import (
    ConcernReason,
    EntryQuery,
    Goal,
    GoalStatus,
    LedgerColumn,
    LedgerStatus,
    LifeArea,
    Owner,
    ResourceKind,
    Win,
)

if TYPE_CHECKING:
    from careerjournal.db.store import Store

#: Section ids in the order they appear, with the label the export dialog shows for each.
SECTION_TITLES: dict[str, str] = {
    "goals_shared": "Shared goals and my partner's goals",
    "goals_mine": "My own goals",
    "ledger": "Compromise ledger (three columns)",
    "talk": "Open concerns and the talk agenda",
    "checkins": "Balance check-in trend",
    "entries": "Journal entries marked shared",
}
ALL_SECTIONS: frozenset[str] = frozenset(SECTION_TITLES)

#: Headings inside the summary itself, written to the partner.
HEADINGS: dict[str, str] = {
    "goals_shared": "Our goals, and yours",
    "goals_mine": "My goals",
    "ledger": "Give and take",
    "talk": "What we might talk about",
    "checkins": "How our talks have felt",
    "entries": "From my journal",
}
SUBHEADINGS = {
    "shared": "Goals we share",
    "partner": "Your goals",
    "concerns": "What I've heard from you",
    "agenda": "What I'd like us to talk about",
    "talks": "Our talks",
}
INTROS = {
    "ledger": "Three lists I keep so I'm honest with myself about where my limits are.",
    "checkins": "After each talk I score four signs of a fair compromise from 1 to 5.",
}
EMPTY = {
    "goals_shared": "No shared goals or goals of yours written down yet.",
    "goals_mine": "No goals of my own written down yet.",
    "ledger": "Nothing in the ledger yet.",
    "talk": "Nothing on the list yet.",
    "checkins": "No check-ins in this period.",
    "entries": "No shared entries in this period.",
}
CLOSING = "Thank you for reading. Whatever you make of it, I'd like us to work it out together."
TITLE = "A note from my journal"
#: For the dialog's "include private entries" switch and the CLI's --include-private.
INCLUDE_PRIVATE_WARNING = "Private entries will be included: whoever reads this export will see them."

LEDGER_HEADINGS = {
    LedgerColumn.GIVE_UP: "What I'm willing to give up",
    LedgerColumn.KEEP: "What I won't give up",
    LedgerColumn.COMPROMISE: "Where I'm open to compromise",
}
LEDGER_STATUS = {
    LedgerStatus.IDEA: "just an idea so far",
    LedgerStatus.DISCUSSED: "we've talked about it",
    LedgerStatus.AGREED: "we've agreed",
}
#: The five reasons, said to the partner rather than about them.
CONCERN_LABELS = {
    ConcernReason.THREATENED: "Feeling you come second to my work",
    ConcernReason.INCONVENIENCED: "My busy weeks landing on you",
    ConcernReason.JEALOUS: "How your own work is going",
    ConcernReason.SAFETY: "Worry about my safety or wellbeing",
    ConcernReason.DISMISSIVE: "How much my work matters to us",
}
RESOURCE_LABELS = {
    ResourceKind.COURSE: "Course", ResourceKind.WORKSHOP: "Workshop", ResourceKind.NETWORKING: "Networking",
    ResourceKind.MENTOR: "Mentor", ResourceKind.COACH: "Coach", ResourceKind.BOOK: "Book",
    ResourceKind.HANDS_ON: "Hands-on", ResourceKind.OTHER: "Resource",
}
SIGN_LABELS: tuple[tuple[str, str], ...] = (
    ("heard", "We both feel heard"),
    ("part_of_plan", "We both feel part of the plan"),
    ("no_winner", "Nobody feels like the winner or the loser"),
    ("respected", "We both feel respected and secure"),
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: dt.date, *, weekday: bool = False) -> str:
    """``22 November 2026`` (locale-independent, so golden files stay stable)."""
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def join_and(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1] if parts else ""


@dataclass(frozen=True)
class SummaryOptions:
    """What the author chose in the export dialog or on the command line."""

    since: dt.date | None = None
    until: dt.date | None = None
    include_private: bool = False
    sections: frozenset[str] = ALL_SECTIONS


@dataclass(frozen=True)
class StepView:
    text: str
    done: bool


@dataclass(frozen=True)
class ResourceView:
    label: str
    title: str
    link: str


@dataclass(frozen=True)
class GoalView:
    title: str
    why: str
    owner: Owner
    horizon_label: str
    status: GoalStatus
    target_date: dt.date | None
    steps: tuple[StepView, ...] = ()
    resources: tuple[ResourceView, ...] = ()
    wins: tuple[str, ...] = ()

    @property
    def done_steps(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def percent(self) -> int | None:
        """Whole-number progress, ``None`` when the goal has no steps."""
        return round(100 * self.done_steps / len(self.steps)) if self.steps else None

    @property
    def facts(self) -> str:
        """``long-term · by 22 November 2027 · 1 of 3 steps done``: no user text in it."""
        parts = [self.horizon_label]
        if self.status is not GoalStatus.ACTIVE:
            parts.append({"paused": "paused", "done": "done 🎉", "dropped": "set aside"}[self.status.value])
        if self.target_date:
            parts.append(f"by {long_date(self.target_date)}")
        if self.steps:
            parts.append(f"{self.done_steps} of {len(self.steps)} step{'' if len(self.steps) == 1 else 's'} done")
        text = " · ".join(parts)
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class LedgerItemView:
    text: str
    area: str
    status: str
    revisit_on: dt.date | None
    notes: str

    @property
    def facts(self) -> str:
        parts = [self.area, self.status]
        if self.revisit_on:
            parts.append(f"let's look again on {long_date(self.revisit_on)}")
        return " · ".join(parts)


@dataclass(frozen=True)
class LedgerColumnView:
    heading: str
    items: tuple[LedgerItemView, ...]


@dataclass(frozen=True)
class ConcernView:
    label: str
    heard: str


@dataclass(frozen=True)
class AgendaItemView:
    text: str
    done: bool


@dataclass(frozen=True)
class CheckInView:
    day: dt.date
    scores: tuple[int, int, int, int]


@dataclass(frozen=True)
class SignTrend:
    label: str
    first: int
    latest: int

    @property
    def words(self) -> str:
        if self.first == self.latest:
            return f"steady at {self.latest} of 5"
        direction = "up" if self.latest > self.first else "down"
        return f"{direction} from {self.first} to {self.latest}"


@dataclass(frozen=True)
class EntryView:
    day: dt.date
    title: str
    body: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    """Exactly what a partner summary will contain; writers add wording, never data."""

    today: dt.date
    since: dt.date | None
    until: dt.date | None
    include_private: bool
    sections: tuple[str, ...]
    shared_goals: tuple[GoalView, ...] = ()
    partner_goals: tuple[GoalView, ...] = ()
    my_goals: tuple[GoalView, ...] = ()
    ledger: tuple[LedgerColumnView, ...] = ()
    concerns: tuple[ConcernView, ...] = ()
    agenda: tuple[AgendaItemView, ...] = ()
    talk_days: tuple[dt.date, ...] = ()
    checkins: tuple[CheckInView, ...] = ()
    entries: tuple[EntryView, ...] = field(default=())

    def has(self, section: str) -> bool:
        return section in self.sections

    def is_empty(self, section: str) -> bool:
        """True when an included section has nothing to show (writers print a kind note)."""
        return not {
            "goals_shared": self.shared_goals or self.partner_goals,
            "goals_mine": self.my_goals,
            "ledger": any(column.items for column in self.ledger),
            "talk": self.concerns or self.agenda or self.talk_days,
            "checkins": self.checkins,
            "entries": self.entries,
        }[section]

    @property
    def entry_count(self) -> int:
        return len(self.entries)

    @property
    def word_count(self) -> int:
        return sum(len(entry.title.split()) + len(entry.body.split()) for entry in self.entries)

    @property
    def trends(self) -> tuple[SignTrend, ...]:
        if not self.checkins:
            return ()
        first, latest = self.checkins[0].scores, self.checkins[-1].scores
        return tuple(SignTrend(label, first[i], latest[i]) for i, (_, label) in enumerate(SIGN_LABELS))

    @property
    def period(self) -> str:
        end = self.until or self.today
        if self.since:
            return f"from {long_date(self.since)} to {long_date(end)}"
        return f"everything up to {long_date(end)}"

    def opening(self) -> tuple[str, ...]:
        """The first paragraphs, in the author's voice: what this is and what it holds."""
        privately = self.include_private and "entries" in self.sections
        note = ("This copy also includes journal entries I had kept private, not only the ones I marked to share."
                if privately else
                "It holds only what I chose to share with you; everything else in my journal stays private.")
        if "entries" in self.sections:
            count, words = self.entry_count, self.word_count
            note += (f" There {'is' if count == 1 else 'are'} {count} journal {'entry' if count == 1 else 'entries'}"
                     f" in it ({words:,} word{'' if words == 1 else 's'}).")
        return (
            "I put this together from my journal so you can see where I am with work, with us, and with the "
            "choices in between. It isn't a decision, just a starting point for talking, and I'd love to "
            "hear what you think.",
            f"It covers {self.period}. Goals and lists show where things stand as I write this.",
            note,
        )


def collect(store: Store, options: SummaryOptions, now: dt.datetime) -> Summary:
    """Read what the author chose to share; the only place that decides what goes out."""
    today = now.astimezone().date()
    unknown = set(options.sections) - ALL_SECTIONS
    if unknown:
        raise UsageError(f"There is no summary section called {sorted(unknown)[0]}.")
    if options.since and options.until and options.since > options.until:
        raise UsageError("The start of the period is after its end; swap the dates.")
    sections = tuple(s for s in SECTION_TITLES if s in options.sections)
    data: dict[str, object] = {}
    if "goals_shared" in sections or "goals_mine" in sections:
        goals = store.goals.list()
        wins = store.goals.wins()
        views = {owner: tuple(_goal_view(g, wins) for g in goals if g.owner == owner) for owner in Owner}
        if "goals_shared" in sections:
            data["shared_goals"], data["partner_goals"] = views[Owner.SHARED], views[Owner.PARTNER]
        if "goals_mine" in sections:
            data["my_goals"] = views[Owner.ME]
    if "ledger" in sections:
        items = store.ledger.list()
        data["ledger"] = tuple(
            LedgerColumnView(LEDGER_HEADINGS[column], tuple(
                LedgerItemView(item.text, _area(item.area), LEDGER_STATUS[item.status], item.revisit_on, item.notes)
                for item in items if item.column == column
            ))
            for column in LedgerColumn
        )
    if "talk" in sections:
        data["concerns"] = tuple(ConcernView(CONCERN_LABELS[c.reason], c.heard)
                                 for c in reversed(store.talk.concerns()) if not c.addressed)
        data["agenda"] = tuple(AgendaItemView(p.text, p.done) for p in store.talk.agenda() if p.text.strip())
        data["talk_days"] = tuple(sorted(t.day for t in store.talk.talks() if _within(t.day, options)))
    if "checkins" in sections:
        data["checkins"] = tuple(
            CheckInView(c.day, (c.heard, c.part_of_plan, c.no_winner, c.respected))
            for c in store.talk.checkins() if _within(c.day, options)
        )
    if "entries" in sections:
        query = EntryQuery(since=options.since, until=options.until,
                           shared=None if options.include_private else True)
        entries = store.entries.list(query)
        # Belt and braces: the query already asks for shared = 1.
        data["entries"] = tuple(
            EntryView(e.day or today, e.title, e.body, e.tags)
            for e in reversed(entries) if options.include_private or e.shared is True
        )
    return Summary(today=today, since=options.since, until=options.until, include_private=options.include_private,
                   sections=sections, **data)  # type: ignore[arg-type]


def _within(day: dt.date, options: SummaryOptions) -> bool:
    return (options.since is None or day >= options.since) and (options.until is None or day <= options.until)


def _area(area: LifeArea) -> str:
    return area.value.replace("_", " ").capitalize()


def _goal_view(goal: Goal, wins: list[Win]) -> GoalView:
    return GoalView(
        title=goal.title, why=goal.why, owner=goal.owner,
        horizon_label="long-term" if goal.horizon.value == "long" else "short-term", status=goal.status,
        target_date=goal.target_date,
        steps=tuple(StepView(step.text, step.done) for step in goal.steps),
        resources=tuple(ResourceView(RESOURCE_LABELS[r.kind], r.title, r.link) for r in goal.resources),
        wins=tuple(win.text for win in sorted(wins, key=lambda w: (w.created_at is None, w.created_at))
                   if win.goal_id == goal.id),
    )
