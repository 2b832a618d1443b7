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
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from careerjournal.dates import date_or_none
from careerjournal.errors import UsageError
from careerjournal.markdown_plain import ORDINARY_ASCII, SEPARATOR, WIDE_OR_C1_UTF8
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


# The views below are named tuples: as frozen as a dataclass, and about six times
# quicker to define, which every ``careerjournal export`` pays for at start-up.


class StepView(NamedTuple):
    text: str
    done: bool


class ResourceView(NamedTuple):
    label: str
    title: str
    link: str


class GoalView(NamedTuple):
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


class LedgerItemView(NamedTuple):
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


class LedgerColumnView(NamedTuple):
    heading: str
    items: tuple[LedgerItemView, ...]


class ConcernView(NamedTuple):
    label: str
    heard: str


class AgendaItemView(NamedTuple):
    text: str
    done: bool


class CheckInView(NamedTuple):
    day: dt.date
    scores: tuple[int, int, int, int]


class SignTrend(NamedTuple):
    label: str
    first: int
    latest: int

    @property
    def words(self) -> str:
        if self.first == self.latest:
            return f"steady at {self.latest} of 5"
        direction = "up" if self.latest > self.first else "down"
        return f"{direction} from {self.first} to {self.latest}"


class EntryView(NamedTuple):
    day: dt.date
    title: str
    body: str
    tags: tuple[str, ...]


#: Every whitespace character outside ASCII, as ``str.split`` sees it (a test checks the list).
WIDE_SPACES = frozenset("\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                        "\u2028\u2029\u202f\u205f\u3000")
#: C1 control characters (U+0080..U+009F), which ``textsafe.visible`` replaces.
C1_CONTROLS = frozenset(map(chr, range(0x80, 0xA0)))
NOTABLE_ASCII = frozenset(map(chr, range(128))) - ORDINARY_ASCII
_NOT_NOTABLE = bytes(sorted({*range(256)} - {ord(c) for c in NOTABLE_ASCII}))
_ASCII = bytes(range(128))


def _byte_classes(space: str, notable_space: str, notable: str, other: str) -> bytes:
    """A translate table putting every byte in one of four classes (NUL counts as other)."""
    classes = []
    for code in range(256):
        char = chr(code)
        spacing = code < 128 and char.isspace()
        if char in NOTABLE_ASCII and code:
            classes.append(notable_space if spacing else notable)
        else:
            classes.append(space if spacing else other)
    return bytes.maketrans(bytes(range(256)), "".join(classes).encode("ascii"))


#: ``" "`` for a space, tab or newline, ``"~"`` for the other ASCII whitespace (all
#: control characters), ``"!"`` for the other notable characters, ``"x"`` for the rest.
_CLASSES = _byte_classes(" ", "~", "!", "x")
#: Just whitespace (``" "``) or not (``"x"``), for counting words.
_SPACE_OR_WORD = _byte_classes(" ", " ", "x", "x")
#: The same tables for ``str.translate``, whose ASCII-to-ASCII path is as quick as bytes'.
_CLASSES_TEXT = str.maketrans(dict(zip(map(chr, range(128)), _CLASSES[:128].decode("ascii"))))
_SPACE_OR_WORD_TEXT = str.maketrans(dict(zip(map(chr, range(128)), _SPACE_OR_WORD[:128].decode("ascii"))))


class TextBatch:
    """Many texts joined into one string, so a few C-level calls can look at all of them.

    A partner summary of a whole journal holds 100,000 bodies. Anything done per
    text in Python (a ``split``, a regex search, a dozen ``in`` tests) costs about
    a microsecond per call, which adds up to most of a second; the same work done
    by one ``str``/``bytes`` method over the joined text runs in C. The texts are
    framed by :data:`SEPARATOR` (a NUL on a line of its own) before the first and
    after each text, so every text begins on a line start and ends at a line end;
    a NUL typed by the user is reported by :attr:`user_nul` so a caller that
    splits on the separator can deal with it first.
    """

    SEPARATOR = SEPARATOR
    #: Texts per batch when there are many (see :meth:`split`).
    SIZE = 1000

    def __init__(self, texts: Sequence[str], positions: Sequence[int] | None = None) -> None:
        self.texts = texts
        #: Where each text sits in the sequence this batch was taken from (see :meth:`split`).
        self.positions: Sequence[int] = range(len(texts)) if positions is None else positions

    @classmethod
    def split(cls, texts: Sequence[str], size: int = SIZE) -> list[TextBatch]:
        """``texts`` as batches of at most ``size``, plain-ASCII texts apart from the others.

        One emoji makes a whole joined string four bytes a character, and every
        pass over it four times the work, so texts beyond ASCII are batched
        together (``str.isascii`` is constant-time), and batches are small
        enough to stay in the processor's cache between passes.
        """
        wide = [index for index, ascii in enumerate(map(str.isascii, texts)) if not ascii]
        if not wide:
            return [cls(texts[start:start + size], range(start, min(start + size, len(texts))))
                    for start in range(0, len(texts), size)]
        narrow = sorted(set(range(len(texts))).difference(wide))
        return [cls([texts[index] for index in chunk], chunk)
                for positions in (narrow, wide) for chunk in (positions[start:start + size]
                                                              for start in range(0, len(positions), size))]

    @cached_property
    def framed(self) -> str:
        """``SEPARATOR`` + each text + ``SEPARATOR``, in one string."""
        return self.SEPARATOR.join(["", *self.texts, ""])

    @cached_property
    def utf8(self) -> bytes:
        return self.framed.encode("utf-8", "surrogatepass")

    @cached_property
    def wide(self) -> frozenset[str]:
        """Which whitespace characters beyond ASCII (:data:`WIDE_SPACES`) and C1 controls occur."""
        if self.framed.isascii():  # constant time for an ASCII string
            return frozenset()
        beyond = self.utf8.translate(None, _ASCII)  # a character's bytes stay together, so no false matches
        return frozenset(match.decode("utf-8") for match in set(WIDE_OR_C1_UTF8.findall(beyond)))

    @cached_property
    def _spaced(self) -> bytes:
        """:attr:`utf8` with every wide space as one ``b" "``, so ASCII classes can tell words apart."""
        data = self.utf8
        for space in self.wide & WIDE_SPACES:
            data = data.replace(space.encode("utf-8"), b" ")
        return data

    @cached_property
    def _classes(self) -> str:
        """Every character as its class (see :data:`_CLASSES`), as ASCII text: one pass in C."""
        if self.framed.isascii():  # no need to encode first
            return self.framed.translate(_CLASSES_TEXT)
        return self._spaced.translate(_CLASSES).decode("ascii")

    @cached_property
    def notable_ascii(self) -> frozenset[str]:
        """Which of :data:`NOTABLE_ASCII` occur in the texts (the separators' NULs left out)."""
        if "!" not in self._classes and "~" not in self._classes:
            return frozenset()  # the usual case, told by two memchr calls
        # Deleting every other byte leaves just the notable ones: little to look at.
        return frozenset(map(chr, set(self.utf8.translate(None, _NOT_NOTABLE)))) - {"\x00"}

    @cached_property
    def user_nul(self) -> bool:
        """True when a text itself contains a NUL (so splitting on the separator would go wrong)."""
        return any(map(operator.contains, self.texts, repeat("\x00")))

    @cached_property
    def word_count(self) -> int:
        """``sum(len(text.split()) for text in texts)``, without making a string per word.

        With whitespace as ``" "`` every word starts right after one, so counting
        ``" x"`` (and ``" !"``) counts the words: a translate and a count in C
        instead of nine million small strings. Each separator's NUL counts as a
        word of its own, so those are taken off.
        """
        classes = self._classes
        if "~" in classes:  # a control character that is also whitespace: two classes will do
            classes = (self.framed.translate(_SPACE_OR_WORD_TEXT) if self.framed.isascii()
                       else self._spaced.translate(_SPACE_OR_WORD).decode("ascii"))
        words = classes.count(" x") + (classes.count(" !") if "!" in classes else 0)
        return words - (len(self.texts) + 1)


class EntryColumns(Sequence[EntryView]):
    """The included entries, oldest first, kept as four columns rather than an object each.

    A whole-journal export holds 100,000 entries: an object per entry costs
    about a microsecond to build, and the Markdown writer works on whole columns
    anyway (see :class:`TextBatch`). Iterating still yields :class:`EntryView` objects,
    which is what the HTML and text writers use.
    """

    def __init__(self, days: Sequence[dt.date] = (), titles: Sequence[str] = (), bodies: Sequence[str] = (),
                 tags: Sequence[tuple[str, ...]] = (), words: int | None = None) -> None:
        if not len(days) == len(titles) == len(bodies) == len(tags):
            raise ValueError("every column needs one value per entry")
        self.days, self.titles, self.bodies, self.tags = days, titles, bodies, tags
        #: Their words when the journal already knows them (its stored counts); None: count them here.
        self._words = words

    def __len__(self) -> int:
        return len(self.days)

    @overload
    def __getitem__(self, index: int) -> EntryView: ...

    @overload
    def __getitem__(self, index: slice) -> EntryColumns: ...

    def __getitem__(self, index: int | slice) -> EntryView | EntryColumns:
        if isinstance(index, slice):
            return EntryColumns(self.days[index], self.titles[index], self.bodies[index], self.tags[index])
        return EntryView(self.days[index], self.titles[index], self.bodies[index], self.tags[index])

    def __iter__(self) -> Iterator[EntryView]:
        return map(EntryView, self.days, self.titles, self.bodies, self.tags)

    def __repr__(self) -> str:
        return f"EntryColumns({len(self)} entries)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    @cached_property
    def body_batches(self) -> list[TextBatch]:
        return TextBatch.split(self.bodies)

    @cached_property
    def word_count(self) -> int:
        """Words in the titles and bodies, as ``len(text.split())`` counts them (see ``entry_words``)."""
        if self._words is not None:
            return self._words
        title_words = {title: len(title.split()) for title in set(self.titles)}
        return sum(map(title_words.__getitem__, self.titles)) + sum(batch.word_count for batch in self.body_batches)


class EntryChunk(NamedTuple):
    """A run of entries as the Markdown writer takes them: bodies already UTF-8.

    Days and tags may come as the journal stores them (ISO text, JSON text), with
    ``day_of`` and ``tags_of`` to read them: the writer then reads each distinct
    one once, instead of every row's.
    """

    days: Sequence[Any]
    titles: Sequence[str]
    tags: Sequence[Any]
    bodies: Sequence[bytes]
    #: The date of a ``days`` item (None: they are dates).
    day_of: Callable[[Any], dt.date] | None = None
    #: The tag tuples of some ``tags`` items, by item (None: they are tuples).
    tags_of: Callable[[Iterable[Any]], dict[Any, tuple[str, ...]]] | None = None
    #: Which bodies the journal knows need no escaping (None: none known; see ``entries.plain_md``).
    plain: Sequence[Any] | None = None


#: Entries read (and written) at a time when a summary streams them.
STREAM_CHUNK = 5000


class EntryStream:
    """The included entries of a summary that is written while it is read.

    A whole journal is 100,000 entries and tens of megabytes: holding all of it
    (and the whole document) costs hundreds of megabytes, and counting its words
    costs more than writing it. Here the count and the words come from one SQL
    query (the stored word counts), and the entries from :meth:`chunks`, a few
    thousand at a time. Read it inside :meth:`Store.snapshot`, so the entries
    written are the ones counted.
    """

    def __init__(self, store: Store, query: EntryQuery, today: dt.date, chunk_size: int | None = None) -> None:
        self.store, self.query, self.today = store, query, today
        self.chunk_size = chunk_size or STREAM_CHUNK

    @cached_property
    def _totals(self) -> tuple[int, int]:
        return self.store.entries.export_totals(self.query)

    def __len__(self) -> int:
        return self._totals[0]

    @property
    def word_count(self) -> int:
        return self._totals[1]

    def __repr__(self) -> str:
        return f"EntryStream({self.query!r})"

    def chunks(self) -> Iterator[EntryChunk]:
        """The entries, oldest first, as :class:`EntryChunk` runs of stored text (bodies as UTF-8 bytes)."""
        from careerjournal.db.entries import decode_tag_texts

        today = self.today

        def day_of(text: str) -> dt.date:
            return date_or_none(text) or today

        for rows in self.store.entries.export_rows(self.query, self.chunk_size):
            yield EntryChunk(rows.days, rows.titles, rows.tags, rows.bodies, day_of, decode_tag_texts, rows.plain)

    def __iter__(self) -> Iterator[EntryView]:
        """The entries as :class:`EntryView` objects (for writers that take them one by one)."""
        from careerjournal.db.entries import decode_tag_texts

        for rows in self.store.entries.export_rows(self.query, self.chunk_size):
            tags = decode_tag_texts(rows.tags)
            yield from map(EntryView, [date_or_none(day) or self.today for day in rows.days], rows.titles,
                           [body.decode("utf-8") for body in rows.bodies], map(tags.__getitem__, rows.tags))


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
    entries: Sequence[EntryView] | EntryStream = field(default_factory=EntryColumns)

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
        if isinstance(self.entries, (EntryColumns, EntryStream)):
            return self.entries.word_count  # stored by the journal, or counted over all bodies at once
        from careerjournal.db.entries import entry_words

        return sum(entry_words(entry.title, entry.body) for entry in self.entries)

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


def collect(store: Store, options: SummaryOptions, now: dt.datetime, *, stream: bool = False) -> Summary:
    """Read what the author chose to share; the only place that decides what goes out.

    With ``stream`` the entries are an :class:`EntryStream`, read while the
    summary is written (the caller holds :meth:`Store.snapshot` meanwhile).
    """
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
        if stream:
            data["entries"] = EntryStream(store, query, today)
        else:
            with store.snapshot():  # the stored word counts of exactly these rows
                days, titles, tags, bodies, shared = store.entries.export_columns(query)
                count, words = store.entries.export_totals(query)
            if not options.include_private and (len(shared) != len(bodies) or not all(shared)):
                # Belt and braces: the query already asks for shared = 1.
                keep = [i for i, flag in enumerate(shared) if flag == 1]
                days, titles, tags, bodies = ([column[i] for i in keep] for column in (days, titles, tags, bodies))
            # Days repeat (a few thousand in 100,000 entries): parse each once.
            dates = {text: date_or_none(text) or today for text in set(days)}
            data["entries"] = EntryColumns(tuple(map(dates.__getitem__, days)), titles, bodies, tags,
                                           words=words if count == len(bodies) else None)
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
