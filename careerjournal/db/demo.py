"""Believable sample data for ``careerjournal --demo``, screenshots and tests.

The story: over about three months the writer sees a regional lead role posted,
applies, talks it through with their partner Sam, and tonight gets the offer.
Sam has a goal of their own (a landscape design course), and the two of them
share one (protecting evenings).

Deterministic: every date is placed relative to the store's clock, and the
evening reflections that fill the gaps between the hand-written entries are
chosen by ``random.Random(seed)``, so a frozen clock and the same seed give
the same journal every time (snapshot tests rely on that). Everything is
written through the repositories (they validate) inside one transaction, so
filling a journal stays quick.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from careerjournal.guidance import build_agenda
from careerjournal.models import (
    AgendaPoint,
    ConcernReason,
    GoalStatus,
    Horizon,
    LedgerColumn,
    LedgerStatus,
    LifeArea,
    Owner,
    ResourceKind,
)

if TYPE_CHECKING:
    from careerjournal.db.store import Store

DEFAULT_SEED = 2026
#: Roughly how far back the journal goes (the "a year ago" entry aside).
SPAN_DAYS = 92

# (days ago, hour, title, body, tags, mood, shared): the heart of the story, placed by hand.
DEMO_ENTRIES: tuple[tuple[int, int, str, str, tuple[str, ...], int | None, bool], ...] = (
    (0, 21, "The offer came through",
     "The regional lead role is mine if I want it. Two nights a week in Leeds, more in the first quarter.\n\n"
     "I was grinning on the train, then I pictured telling Sam and my stomach dropped. "
     "I want this, and I don't want Sam to feel like the price of it.",
     ("career", "offer"), 4, False),
    (1, 22, "",
     "Sam asked how the interview went and I gave a one-word answer. Why do I do that? "
     "I think I'm afraid that sounding excited will sound like I've already decided.",
     ("partner",), 3, False),
    (2, 20, "What I won't give up",
     "Writing it down so it's real:\n\n- Sunday mornings together, no laptop.\n- Being home for Mia's bedtime at least three nights a week.\n"
     "- Growing into leading a team. That one is mine and I'm allowed to want it.",
     ("compromise", "ledger"), 4, True),
    (3, 21, "Tired",
     "Late night again. Cancelled dinner with Sam's sister for a deck nobody will read. "
     "That's exactly the pattern Sam worries about, and tonight I proved the point.",
     ("work", "balance"), 2, False),
    (5, 19, "Sam's side of it",
     "Sam said something I keep coming back to: 'I'm not against the job, I'm against being the one who absorbs it.' "
     "It isn't jealousy. It's the school runs and the evenings falling on one person.",
     ("partner", "why"), 3, True),
    (6, 21, "Mentor coffee",
     "Priya spent an hour with me. Her advice: ask for the travel to be front-loaded and then capped, in writing. "
     "She also said the people who burn out are the ones who never say what they need.",
     ("mentor", "career"), 5, False),
    (8, 22, "[x] asked for a raise",
     "Ticked the box I've been avoiding for a year. The answer was 'let's talk in the spring', which is not a no. "
     "Told Sam and we celebrated with terrible takeaway.",
     ("career", "win"), 4, True),
    (10, 20, "",
     "Quiet evening. We walked to the canal and didn't talk about work at all. I forget how much I need that.",
     ("us",), 5, False),
    (12, 21, "Sam's course",
     "Sam finally looked at the landscape design course. I want to help properly this time: "
     "find the open evening, cover bedtime on Thursdays so there's time to study.",
     ("support", "partner"), 4, True),
    (15, 22, "Self-check",
     "Honest answers: travel yes, late nights yes, entertaining clients sometimes, cancelled plans yes, moving no. "
     "Four out of five. No wonder Sam feels second place some weeks.",
     ("why", "self-check"), 2, False),
    (20, 21, "A good talk",
     "We sat at the kitchen table with a list each. Nobody raised their voice. We agreed I'd try the role for six months "
     "and we'd check in monthly. I felt heard. I think Sam did too.",
     ("talk", "compromise"), 5, True),
    (27, 20, "Strengths",
     "What energises me: untangling messy projects, coaching the new starters. What drains me: status meetings. "
     "The new role is more of the first. That matters.",
     ("career", "reflection"), 4, False),
    (35, 21, "",
     "Mia asked why I'm always on the phone. Ouch. Phone in the drawer from 6 to 8 starting tomorrow.",
     ("family", "balance"), 2, False),
    (SPAN_DAYS - 1, 21, "Starting this journal",
     "Trying to think before I react. The job question isn't going away, so I'd rather face it on paper first.",
     ("start",), 3, False),
    (365, 21, "A year ago",
     "Sam's birthday. We talked about where we'd like to be in five years and neither of us said the same city.",
     ("us",), 3, False),
)

# Shorter evening reflections, in story order: (title, body, tags, mood, shared).
# The seed picks most of each pool and the evenings they land on; order is kept,
# and the reflections that move the story on (PLOT) are always there.
Reflection = tuple[str, str, tuple[str, ...], int | None, bool]
PLOT = frozenset({"The posting", "Asked Priya", "Priya said yes", "Applied", "Shortlisted",
                  "Second interview booked", "Interview prep"})

BEFORE_APPLYING: tuple[Reflection, ...] = (
    ("The posting",
     "A regional lead role went up on the intranet today. I read it three times on the bus and said nothing at dinner.",
     ("career",), 3, False),
    ("",
     "Mentioned the posting to Sam, half joking. Sam laughed, then went quiet over the washing-up. "
     "I noticed and didn't ask. I should have asked.",
     ("partner",), 2, False),
    ("Why I want it",
     "It isn't mostly the money. I want to be the one who sets the direction instead of tidying up after it.",
     ("career", "reflection"), 4, False),
    ("",
     "Parents' evening. Mia's teacher says she looks after the new children in her class. "
     "Sam and I held hands in the corridor like teenagers.",
     ("family", "us"), 5, True),
    ("Sunday list",
     "Meant to: ring Mum, fix the shed door, read the job description properly. Managed one of three. It was Mum.",
     ("family",), 3, False),
    ("",
     "Worked out the Leeds trains. Two nights away means about eight hours of travel a week. "
     "That's a whole working day, every week, that comes from somewhere.",
     ("career", "travel"), 3, False),
    ("Asked Priya",
     "Emailed Priya to ask whether she'd mentor me. Pressed send before I could talk myself out of it.",
     ("mentor",), 4, False),
    ("Priya said yes",
     "First coffee next month. I feel lighter than I have in weeks.",
     ("mentor", "career"), 4, False),
    ("",
     "Sam's week was rotten: the new manager pulled every deadline forward. I listened instead of fixing. "
     "It helped more than advice would have.",
     ("partner", "support"), 3, True),
    ("",
     "Can't sleep. Going through what would change if I got it. Mostly Tuesdays and Wednesdays. Mostly Sam.",
     ("balance",), 2, False),
    ("Applied",
     "Application in. I told Sam before I pressed submit this time, not after. Sam said good luck and meant it.",
     ("career", "partner"), 4, False),
)

WAITING: tuple[Reflection, ...] = (
    ("",
     "Someone at lunch asked if I'd gone for the lead role and I said yes out loud for the first time. Nobody laughed.",
     ("career",), 4, False),
    ("",
     "Pancakes on a Wednesday for no reason at all. Mia declared it a holiday.",
     ("family",), 5, True),
    ("Shortlisted",
     "I'm on the shortlist. Second interview in a few weeks. I want to tell everyone and no one.",
     ("career",), 4, False),
    ("",
     "Snapped at Sam about the bins. It wasn't about the bins. Said sorry before bed.",
     ("partner",), 2, False),
    ("Sam's garden sketches",
     "Found Sam's notebook on the table: page after page of planting plans for our back garden. "
     "They're really good. I said so and Sam went pink.",
     ("partner", "support"), 4, True),
    ("Bedtime",
     "Two chapters of the dragon book with Mia. Somebody fell asleep mid-sentence, and it wasn't her.",
     ("family",), 5, False),
    ("",
     "A whole day of status meetings. If the new job has fewer of these, that alone is a win.",
     ("work",), 2, False),
    ("Reading",
     "Started the book on dual-career couples that Priya mentioned. "
     "The chapter about taking turns at being the 'lead' career stung in a useful way.",
     ("reading", "compromise"), 4, False),
    ("",
     "Left the laptop at work on purpose. Strange for an hour, then lovely.",
     ("balance",), 4, False),
    ("Second interview booked",
     "The date is set. I told Sam within the hour. That's the new rule: no more news saved up for later.",
     ("career", "partner"), 4, False),
    ("",
     "Sam's sister came for the rescheduled dinner. I was there for all of it, phone in the other room. "
     "A small repair.",
     ("family", "balance"), 4, True),
    ("What worries me",
     "Not the work itself. The drive home late on a Thursday, the dark motorway, how tired I'd be. "
     "Sam worries about that too and I brushed it off.",
     ("why", "travel"), 3, False),
    ("",
     "Tea, a film, bed by ten. Nothing to report and that's the point.",
     ("us",), 4, False),
    ("",
     "Work ran over and I missed Mia's swimming. Sam covered without a word, which somehow felt worse than a word.",
     ("balance", "family"), 2, False),
    ("Listening",
     "Tried Priya's trick: say back what Sam said before I answer. Slower, but Sam got to finish the sentences "
     "I usually interrupt.",
     ("partner", "talk"), 4, False),
    ("",
     "Rain all day, so board games. Mia cheats at all of them and we let her.",
     ("family",), 5, False),
    ("",
     "Sam asked, gently, whether I'd still want the job if it were in Leeds full time. I don't know. "
     "That is worth knowing.",
     ("relocation", "why"), 3, False),
    ("Saying no",
     "Turned down a six o'clock Friday meeting. Nothing bad happened. Writing it here so I believe it next time.",
     ("work", "balance"), 4, False),
    ("",
     "Mia got her first swimming badge. Sam filmed it, I cheered too loudly, and she pretended not to know us.",
     ("family",), 5, True),
    ("Money talk",
     "Went through the budget. The raise with the new role would pay for Sam's course and then some. "
     "That feels like a fairer way to see it.",
     ("money", "compromise"), 4, True),
    ("",
     "We planned next summer's holiday and both picked the same week without asking each other. Small sign, good sign.",
     ("us", "travel"), 5, True),
    ("",
     "A note from Sam in my bag this morning: 'Go and get them.' It's in my wallet now.",
     ("us",), 5, False),
    ("",
     "Heavy week. Listing what I'm grateful for instead of scrolling: Sam, Mia, a job I mostly like, Priya's patience.",
     ("reflection",), 3, False),
    ("Interview prep",
     "Practised answers out loud in the car. 'Tell me about leading through change.' "
     "I have better stories than I thought.",
     ("career",), 4, False),
    ("",
     "Too tired for much. Tomorrow.",
     ("tired",), None, False),
)


def fill_demo(store: Store, seed: int = DEFAULT_SEED) -> None:
    """Fill an empty store with the sample journal (does nothing if it has entries).

    The same clock reading and seed always give the same journal.
    """
    if store.entries.count():
        return
    now = store.now().astimezone()
    rng = random.Random(seed)
    rows = _all_entries(rng)
    written = {row[3]: row[0] for row in rows if row[3]}  # title -> days ago, so goals follow the story
    with store.transaction():  # one commit: quick, and all or nothing
        for days_ago, hour, minute, title, body, tags, mood, shared in rows:
            moment = _evening(now, days_ago, hour, minute)
            store.entries.add(body, title=title, tags=tags, mood=mood, shared=shared, created_at=moment,
                              day=moment.date())
        _fill_goals(store, now, written)
        _fill_ledger(store, now)
        _fill_talk(store, now)


def _all_entries(rng: random.Random) -> list[tuple[int, int, int, str, str, tuple[str, ...], int | None, bool]]:
    """The hand-written entries plus reflections on evenings the seed picks, oldest first."""
    rows = [(days, hour, days % 60, title, body, tags, mood, shared)
            for days, hour, title, body, tags, mood, shared in DEMO_ENTRIES]
    taken = {row[0] for row in rows}
    for pool, keep, nearest, furthest in ((BEFORE_APPLYING, 9, 60, SPAN_DAYS - 3), (WAITING, 22, 4, 57)):
        plot = [index for index, reflection in enumerate(pool) if reflection[0] in PLOT]
        others = [index for index in range(len(pool)) if index not in plot]
        chosen = sorted(plot + rng.sample(others, keep - len(plot)))
        free = [days for days in range(nearest, furthest + 1) if days not in taken]
        days_list = sorted(rng.sample(free, keep), reverse=True)  # oldest evening gets the earliest reflection
        for index, days in zip(chosen, days_list, strict=True):
            title, body, tags, mood, shared = pool[index]
            rows.append((days, rng.randint(19, 23), rng.randrange(60), title, body, tags, mood, shared))
            taken.add(days)
    rows.sort(key=lambda row: (-row[0], row[1], row[2]))
    return rows


def _evening(now: dt.datetime, days_ago: int, hour: int = 21, minute: int = 0) -> dt.datetime:
    """That evening at ``hour:minute``; never later than now (a demo opened at breakfast)."""
    moment = (now - dt.timedelta(days=days_ago)).replace(hour=hour, minute=minute, second=0, microsecond=0)
    return min(moment, now)


@contextmanager
def _written(store: Store, moment: dt.datetime) -> Iterator[None]:
    """Let the repositories stamp what they write with ``moment`` instead of now."""
    saved: Callable[[], dt.datetime] = store.clock
    store.clock = lambda: moment
    try:
        yield
    finally:
        store.clock = saved


def _fill_goals(store: Store, now: dt.datetime, written: dict[str, int]) -> None:
    today = now.date()
    mentored, applied = written["Priya said yes"], written["Applied"]
    goals = store.goals
    with _written(store, _evening(now, 85)):
        raise_goal = goals.add("Ask for a raise", why="A year of doing the senior job on the junior salary.",
                               owner=Owner.ME, horizon=Horizon.SHORT)
        raise_step = goals.add_step(raise_goal.id, "Write down what I've delivered this year")
        ask_step = goals.add_step(raise_goal.id, "Book the conversation with my manager")
        lead = goals.add("Lead a team by next summer", why="I light up when I coach people.", owner=Owner.ME,
                         horizon=Horizon.LONG, target_date=today.replace(year=today.year + 1, month=7, day=1))
        mentor_step = goals.add_step(lead.id, "Ask Priya for mentoring")
        apply_step = goals.add_step(lead.id, "Apply for the regional lead role")
        goals.add_step(lead.id, "Lead the Q1 planning")
        goals.add_step(lead.id, "Take the leadership course")
        goals.add_resource(lead.id, ResourceKind.MENTOR, "Priya (my old manager)", notes="Coffee once a month")
        goals.add_resource(lead.id, ResourceKind.COURSE, "First-time managers, six evening sessions")
        goals.add_resource(lead.id, ResourceKind.HANDS_ON, "Coaching the two new starters")
    with _written(store, _evening(now, mentored, 22)):
        goals.set_step_done(mentor_step.id, True)
    with _written(store, _evening(now, applied, 22)):
        goals.set_step_done(apply_step.id, True)
        goals.add_win("Sent the application and told Sam first", goal_id=lead.id, step_id=apply_step.id)

    with _written(store, _evening(now, 30)):
        shared = goals.add("Protect two evenings a week", why="So the job doesn't eat us.", owner=Owner.SHARED,
                           horizon=Horizon.SHORT, target_date=today + dt.timedelta(days=40))
        pick_step = goals.add_step(shared.id, "Choose the two evenings together")
        phone_step = goals.add_step(shared.id, "Phones in the drawer from 6 to 8")
        goals.add_step(shared.id, "Look back at how it went after a month")
        goals.add_resource(shared.id, ResourceKind.BOOK, "Couples That Work (Jennifer Petriglieri)")
        goals.add_resource(shared.id, ResourceKind.WORKSHOP, "Evening workshop on work and home, at the library")
    with _written(store, _evening(now, 28)):
        goals.set_step_done(pick_step.id, True)
    with _written(store, _evening(now, 25)):
        goals.set_step_done(phone_step.id, True)

    with _written(store, _evening(now, 12)):
        course = goals.add("Start the landscape design course", why="Sam's been putting this off for years.",
                           owner=Owner.PARTNER, horizon=Horizon.SHORT, target_date=today + dt.timedelta(days=60))
        find_step = goals.add_step(course.id, "Find the date of the open evening")
        booked_step = goals.add_step(course.id, "Book a place at the open evening")
        goals.add_step(course.id, "Enrol before the January deadline")
        goals.add_step(course.id, "Keep Thursday evenings free for study (I do bedtime)")
        goals.add_resource(course.id, ResourceKind.COURSE, "Garden design certificate, college evening class")
        goals.add_resource(course.id, ResourceKind.NETWORKING, "Open studio day for local garden designers")
        goals.add_resource(course.id, ResourceKind.HANDS_ON, "Redesign our back garden as a practice project")
    with _written(store, _evening(now, 11)):
        goals.set_step_done(find_step.id, True)

    with _written(store, _evening(now, 9)):
        goals.set_step_done(raise_step.id, True)
    with _written(store, _evening(now, 8)):
        goals.set_step_done(ask_step.id, True)
        goals.update(raise_goal.id, status=GoalStatus.DONE)
        won = goals.add_win("Asked for the raise at last", goal_id=raise_goal.id, step_id=ask_step.id)
        goals.set_celebrated(won.id)
    with _written(store, _evening(now, 7)):
        goals.add_win("Four weeks of phone-free evenings", goal_id=shared.id, step_id=phone_step.id)
    with _written(store, _evening(now, 4)):
        goals.set_step_done(booked_step.id, True)
        goals.add_win("Sam booked a place at the open evening", goal_id=course.id, step_id=booked_step.id)
    with _written(store, _evening(now, 0)):
        goals.add_win("Offered the regional lead role", goal_id=lead.id)


# (days ago written, text, column, area, status, revisit in days from today or None, notes)
LEDGER: tuple[tuple[int, str, LedgerColumn, LifeArea, LedgerStatus, int | None, str], ...] = (
    (40, "Friday drinks with the team", LedgerColumn.GIVE_UP, LifeArea.EVENINGS, LedgerStatus.AGREED, None,
     "Once a month is plenty."),
    (40, "Some weekend overtime in launch month", LedgerColumn.GIVE_UP, LifeArea.TIME_TOGETHER,
     LedgerStatus.DISCUSSED, -2, "Only if Sam gets a full free weekend afterwards."),
    (18, "Thursday squash, for the first six months", LedgerColumn.GIVE_UP, LifeArea.EVENINGS, LedgerStatus.IDEA,
     None, ""),
    (40, "Sunday mornings together", LedgerColumn.KEEP, LifeArea.TIME_TOGETHER, LedgerStatus.AGREED, None,
     "No laptop, no phone."),
    (40, "Bedtime three nights a week", LedgerColumn.KEEP, LifeArea.CHILDCARE, LedgerStatus.DISCUSSED, None, ""),
    (2, "Growing into leading a team", LedgerColumn.KEEP, LifeArea.CAREER_STEP, LedgerStatus.IDEA, None, ""),
    (40, "Travel capped at two nights a week", LedgerColumn.COMPROMISE, LifeArea.TRAVEL, LedgerStatus.DISCUSSED, 38,
     "Priya says ask for it in writing."),
    (20, "Who does the school run on my Leeds days", LedgerColumn.COMPROMISE, LifeArea.CHILDCARE,
     LedgerStatus.DISCUSSED, 14, "Sam's mum offered Tuesdays."),
    (20, "Some of the raise goes towards Sam's studies", LedgerColumn.COMPROMISE, LifeArea.MONEY, LedgerStatus.AGREED,
     None, ""),
    (15, "Moving north once Mia starts secondary school", LedgerColumn.COMPROMISE, LifeArea.RELOCATION,
     LedgerStatus.IDEA, 700, "Not now. Worth asking again in two years."),
)


def _fill_ledger(store: Store, now: dt.datetime) -> None:
    today = now.date()
    for days_ago, text, column, area, status, revisit, notes in LEDGER:
        with _written(store, _evening(now, days_ago)):
            store.ledger.add(text, column, area=area, status=status, notes=notes,
                             revisit_on=today + dt.timedelta(days=revisit) if revisit is not None else None)


def _fill_talk(store: Store, now: dt.datetime) -> None:
    today = now.date()
    talk = store.talk
    concerns = (
        (45, ConcernReason.THREATENED, "Sam worries the job will always come first.", True),
        (38, ConcernReason.SAFETY, "Sam doesn't want me driving back from Leeds late at night.", False),
        (21, ConcernReason.JEALOUS, "Sam's own work has stalled, and watching mine move stings a little.", True),
        (5, ConcernReason.INCONVENIENCED, "Evenings and school runs would fall on Sam.", False),
    )
    for days_ago, reason, heard, addressed in concerns:
        with _written(store, _evening(now, days_ago)):
            concern = talk.add_concern(reason, heard)
            if addressed:
                talk.update_concern(concern.id, addressed=True)
    with _written(store, _evening(now, 15, 22)):
        for question, answer in (("travel", True), ("late_nights", True), ("clients", True),
                                 ("cancelled_plans", True), ("moving", False)):
            talk.answer_self_check(question, answer)

    talks = (
        (50, [AgendaPoint("Where things stand with my application", "mine", True),
              AgendaPoint("Their worry: the job will always come first", "concern", True)],
         "Tense. We stopped halfway and finished the next morning.", (3, 2, 2, 3), "We both went quiet."),
        (20, [AgendaPoint("Talk about: Travel capped at two nights a week (compromise)", "ledger", True),
              AgendaPoint("Sunday mornings stay ours", "mine", True),
              AgendaPoint("Sam's course: how I can help", "mine", True)],
         "Kitchen table, a list each.", (4, 4, 3, 4), "Better. Sam laughed twice."),
    )
    for days_ago, points, notes, scores, note in talks:
        day = today - dt.timedelta(days=days_ago)
        with _written(store, _evening(now, days_ago, 22)):
            record = talk.start_talk(day, points, notes=notes)
            heard, part_of_plan, no_winner, respected = scores
            talk.add_checkin(day, heard=heard, part_of_plan=part_of_plan, no_winner=no_winner, respected=respected,
                             note=note, talk_id=record.id)

    # The agenda being prepared for the next talk, after the offer.
    gathered = build_agenda(talk.concerns(), store.ledger.list(), store.goals.list())
    talk.save_agenda([AgendaPoint("The offer: what the first three months would look like", "mine")] + gathered[:4])
