"""Nudges: each rule fires on crafted data, stays quiet when it shouldn't, and dismissals stick.

Why: nudges are the part of the guidance computed from the user's own data (issue 6, item 3).
A rule that fires wrongly nags; one that never fires is dead weight; an unstable key would
bring a dismissed nudge back. The rules are pure, so most of this runs on hand-built
``NudgeData``; the last part goes through ``NudgeRepo`` and a real database file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from careerjournal.db.store import Store
from careerjournal.guidance import TOPICS
from careerjournal.guidance.balance import LOPSIDED_MIN
from careerjournal.guidance.nudges import QUIET_DAYS, RULES, Nudge, NudgeData, compute_nudges
from careerjournal.models import (
    CheckIn,
    Goal,
    GoalStatus,
    LedgerColumn,
    LedgerItem,
    LifeArea,
    Owner,
    SelfCheckAnswer,
    Step,
    Talk,
    Win,
)
from tests.conftest import FROZEN_NOW

TODAY = FROZEN_NOW.date()
G, K, C = LedgerColumn.GIVE_UP, LedgerColumn.KEEP, LedgerColumn.COMPROMISE

#: An entry yesterday: keeps the quiet-journal rule out of the way of the others.
WRITING = {"last_entry_day": TODAY - dt.timedelta(days=1), "entry_count": 5}


def data(**fields) -> NudgeData:  # type: ignore[no-untyped-def]
    return NudgeData(**{**WRITING, **fields})


def item(n: int, column: LedgerColumn = G, *, area: LifeArea = LifeArea.OTHER,
         revisit_on: dt.date | None = None, text: str | None = None) -> LedgerItem:
    return LedgerItem(id=n, text=text or f"item {n}", column=column, area=area, revisit_on=revisit_on)


def items(give: int = 0, keep: int = 0, compromise: int = 0) -> tuple[LedgerItem, ...]:
    columns = [G] * give + [K] * keep + [C] * compromise
    return tuple(item(n, column) for n, column in enumerate(columns, start=1))


def goal(n: int, *, owner: Owner = Owner.ME, status: GoalStatus = GoalStatus.ACTIVE, steps: int = 0,
         title: str | None = None) -> Goal:
    return Goal(id=n, title=title or f"goal {n}", owner=owner, status=status,
                steps=tuple(Step(id=n * 10 + i, goal_id=n, text=f"step {i}") for i in range(steps)))


def checkin(n: int, day: dt.date) -> CheckIn:
    return CheckIn(id=n, day=day, heard=4, part_of_plan=4, no_winner=4, respected=4)


def moving(answer: bool) -> dict[str, SelfCheckAnswer]:
    return {"moving": SelfCheckAnswer(question="moving", answer=answer)}


def keys(nudges: list[Nudge]) -> list[str]:
    return [nudge.key for nudge in nudges]


def fired(d: NudgeData, today: dt.date = TODAY, dismissed: tuple[str, ...] = ()) -> list[str]:
    return keys(compute_nudges(d, today, dismissed))


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def test_a_calm_journal_has_no_nudges() -> None:
    calm = data(ledger=items(give=2, keep=2, compromise=1),
                goals=(goal(1, steps=2), goal(2, owner=Owner.PARTNER, steps=1)),
                wins=(Win(id=1, text="shipped", goal_id=2, celebrated=True),),
                talks=(Talk(id=1, day=TODAY - days(3)),), checkins=(checkin(1, TODAY - days(2)),),
                self_check=moving(False))
    assert fired(calm) == []


# -- lopsided ledger ----------------------------------------------------------------------------


@pytest.mark.parametrize("give", [LOPSIDED_MIN, LOPSIDED_MIN + 4])
def test_only_give_ups_fires(give: int) -> None:
    nudges = compute_nudges(data(ledger=items(give=give, compromise=2)), TODAY)
    assert keys(nudges) == ["ledger.only_give_up"]
    assert nudges[0].topic == "compromise.balance"
    assert str(give) in nudges[0].message


def test_only_keeps_fires() -> None:
    nudges = compute_nudges(data(ledger=items(keep=LOPSIDED_MIN)), TODAY)
    assert keys(nudges) == ["ledger.only_keep"]
    assert nudges[0].topic == "compromise.balance"


@pytest.mark.parametrize("ledger", [
    items(give=LOPSIDED_MIN - 1),
    items(keep=LOPSIDED_MIN - 1),
    items(give=LOPSIDED_MIN + 2, keep=1),
    items(give=1, keep=LOPSIDED_MIN + 2),
    items(give=3, keep=3),
    items(compromise=6),
    (),
], ids=["few-give", "few-keep", "give-with-one-keep", "keep-with-one-give", "balanced", "only-compromise",
        "empty"])
def test_lopsided_stays_quiet(ledger: tuple[LedgerItem, ...]) -> None:
    assert not [key for key in fired(data(ledger=ledger)) if key.startswith("ledger.only_")]


# -- revisit dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("when", [TODAY - days(30), TODAY - days(1), TODAY])
def test_revisit_due_fires_on_and_after_the_date(when: dt.date) -> None:
    nudges = compute_nudges(data(ledger=(item(7, C, revisit_on=when, text="Evening classes on Tuesdays"),)), TODAY)
    assert keys(nudges) == [f"ledger.revisit.7.{when.isoformat()}"]
    assert nudges[0].topic == "compromise.timing"
    assert "Evening classes on Tuesdays" in nudges[0].message


@pytest.mark.parametrize("when", [TODAY + days(1), None])
def test_revisit_not_due_is_quiet(when: dt.date | None) -> None:
    assert fired(data(ledger=(item(7, C, revisit_on=when),))) == []


def test_rescheduled_revisit_nudges_again() -> None:
    first = TODAY - days(10)
    dismissed = (f"ledger.revisit.7.{first.isoformat()}",)
    assert fired(data(ledger=(item(7, C, revisit_on=first),)), dismissed=dismissed) == []
    # Revisited, then put off for a week: when that week is up, it nudges again.
    later = first + days(7)
    assert fired(data(ledger=(item(7, C, revisit_on=later),)), dismissed=dismissed) == [
        f"ledger.revisit.7.{later.isoformat()}"]


def test_each_due_item_gets_its_own_nudge() -> None:
    ledger = (item(1, G, revisit_on=TODAY), item(2, K, revisit_on=TODAY - days(2)), item(3, C, revisit_on=TODAY + days(2)))
    assert fired(data(ledger=ledger)) == [f"ledger.revisit.1.{TODAY}", f"ledger.revisit.2.{TODAY - days(2)}"]


# -- goals without steps ------------------------------------------------------------------------


@pytest.mark.parametrize("owner", list(Owner))
def test_active_goal_without_steps_fires(owner: Owner) -> None:
    nudges = compute_nudges(data(goals=(goal(4, owner=owner, title="Learn Rust"),)), TODAY)
    assert keys(nudges) == ["goal.no_steps.4"]
    assert nudges[0].topic == "support.goals"
    assert "Learn Rust" in nudges[0].message


@pytest.mark.parametrize("status", [GoalStatus.PAUSED, GoalStatus.DONE, GoalStatus.DROPPED])
def test_goal_without_steps_is_quiet_unless_active(status: GoalStatus) -> None:
    assert fired(data(goals=(goal(4, status=status),))) == []


def test_goal_with_steps_is_quiet() -> None:
    assert fired(data(goals=(goal(4, steps=1),))) == []


# -- partner wins -------------------------------------------------------------------------------


def test_uncelebrated_partner_win_fires() -> None:
    partner = goal(2, owner=Owner.PARTNER, steps=1)
    nudges = compute_nudges(data(goals=(partner,), wins=(Win(id=9, text="Passed the exam", goal_id=2),)), TODAY)
    assert keys(nudges) == ["win.celebrate.9"]
    assert nudges[0].topic == "support.celebrate"
    assert "Passed the exam" in nudges[0].message


@pytest.mark.parametrize("win", [
    Win(id=9, text="celebrated already", goal_id=2, celebrated=True),
    Win(id=9, text="my own win", goal_id=1),
    Win(id=9, text="our shared win", goal_id=3),
    Win(id=9, text="a win with no goal"),
    Win(id=9, text="a goal that is gone", goal_id=99),
], ids=["celebrated", "mine", "shared", "no-goal", "unknown-goal"])
def test_partner_win_nudge_is_quiet(win: Win) -> None:
    goals = (goal(1, steps=1), goal(2, owner=Owner.PARTNER, steps=1), goal(3, owner=Owner.SHARED, steps=1))
    assert fired(data(goals=goals, wins=(win,))) == []


# -- check-in after a talk ----------------------------------------------------------------------


def test_no_checkin_since_last_talk_fires() -> None:
    talks = (Talk(id=1, day=TODAY - days(20)), Talk(id=2, day=TODAY - days(4)))
    checkins = (checkin(1, TODAY - days(19)), checkin(2, TODAY - days(5)))
    nudges = compute_nudges(data(talks=talks, checkins=checkins), TODAY)
    assert keys(nudges) == ["talk.checkin.2"]
    assert nudges[0].topic == "compromise.signs"


@pytest.mark.parametrize("offset", [0, 1, 4], ids=["same-day", "day-after", "today"])
def test_checkin_on_or_after_the_talk_silences_it(offset: int) -> None:
    talk_day = TODAY - days(4)
    d = data(talks=(Talk(id=2, day=talk_day),), checkins=(checkin(1, talk_day + days(offset)),))
    assert fired(d) == []


def test_no_talks_no_checkin_nudge() -> None:
    assert fired(data(checkins=(checkin(1, TODAY),))) == []
    assert fired(data()) == []


# -- self-check: moving without a relocation item -----------------------------------------------


def test_moving_yes_without_relocation_fires() -> None:
    nudges = compute_nudges(data(self_check=moving(True), ledger=items(give=1, keep=1)), TODAY)
    assert keys(nudges) == ["selfcheck.moving.no_relocation"]
    assert nudges[0].topic == "compromise.three_lists"


@pytest.mark.parametrize("d", [
    data(self_check=moving(True), ledger=(item(1, C, area=LifeArea.RELOCATION),)),
    data(self_check=moving(False)),
    data(self_check={"travel": SelfCheckAnswer(question="travel", answer=True)}),
    data(),
], ids=["relocation-item", "answered-no", "other-question", "unanswered"])
def test_moving_nudge_is_quiet(d: NudgeData) -> None:
    assert fired(d) == []


# -- quiet journal ------------------------------------------------------------------------------


def test_empty_journal_gets_the_first_nudge() -> None:
    nudges = compute_nudges(NudgeData(), TODAY)
    assert keys(nudges) == ["journal.first"]
    assert nudges[0].topic == "career.self"


@pytest.mark.parametrize("gap", [QUIET_DAYS, QUIET_DAYS + 10])
def test_quiet_journal_fires_after_quiet_days(gap: int) -> None:
    last = TODAY - days(gap)
    nudges = compute_nudges(NudgeData(last_entry_day=last, entry_count=3), TODAY)
    assert keys(nudges) == [f"journal.gap.{last.isoformat()}"]
    assert str(gap) in nudges[0].message


@pytest.mark.parametrize("gap", [0, 1, QUIET_DAYS - 1])
def test_recent_entry_keeps_the_journal_quiet(gap: int) -> None:
    assert fired(NudgeData(last_entry_day=TODAY - days(gap), entry_count=1)) == []


def test_a_new_gap_is_a_new_nudge() -> None:
    old = TODAY - days(30)
    dismissed = (f"journal.gap.{old.isoformat()}",)
    assert fired(NudgeData(last_entry_day=old, entry_count=1), dismissed=dismissed) == []
    newer = TODAY - days(QUIET_DAYS)
    assert fired(NudgeData(last_entry_day=newer, entry_count=2), dismissed=dismissed) == [
        f"journal.gap.{newer.isoformat()}"]


# -- across every rule --------------------------------------------------------------------------


def everything() -> NudgeData:
    """Data on which every rule fires at least once."""
    return NudgeData(
        ledger=(*items(give=LOPSIDED_MIN), item(10, G, revisit_on=TODAY - days(1))),
        goals=(goal(1), goal(2, owner=Owner.PARTNER, steps=1)),
        wins=(Win(id=5, text="promotion", goal_id=2),),
        talks=(Talk(id=3, day=TODAY - days(6)),),
        self_check=moving(True),
        last_entry_day=TODAY - days(QUIET_DAYS + 1),
        entry_count=4,
    )


def test_every_rule_fires_on_the_everything_data() -> None:
    for rule in RULES:
        assert list(rule(everything(), TODAY)), rule.__name__
    assert len(fired(everything())) == 7


def test_dismissed_keys_are_filtered_and_the_rest_stay() -> None:
    all_keys = fired(everything())
    gone = all_keys[::2]
    left = fired(everything(), dismissed=tuple(gone))
    assert left == [key for key in all_keys if key not in gone]
    assert fired(everything(), dismissed=iter(all_keys)) == []  # any iterable, read once


def test_keys_are_stable_and_unique() -> None:
    first = compute_nudges(everything(), TODAY)
    again = compute_nudges(replace(everything()), TODAY)
    assert first == again
    assert len(set(keys(first))) == len(first)
    # A day later the same data still has the same keys (only the gap count in the text moves).
    assert keys(compute_nudges(everything(), TODAY + days(1))) == keys(first)


def test_every_topic_is_a_real_guidance_key() -> None:
    nudges = compute_nudges(everything(), TODAY) + compute_nudges(NudgeData(), TODAY) + compute_nudges(
        NudgeData(ledger=items(keep=LOPSIDED_MIN), last_entry_day=TODAY, entry_count=1), TODAY)
    assert {nudge.topic for nudge in nudges} >= {"compromise.balance", "career.self", "support.goals"}
    for nudge in nudges:
        assert nudge.topic in TOPICS, nudge


def test_messages_are_one_short_line_without_markup() -> None:
    messy = "  Move to\nLisbon   for the\tnew job, and then a very long tail that keeps going and going  "
    d = replace(
        everything(),
        ledger=(*items(give=LOPSIDED_MIN), item(10, G, revisit_on=TODAY, text=messy)),
        goals=(goal(1, title=messy), goal(2, owner=Owner.PARTNER, steps=1)),
        wins=(Win(id=5, text=messy, goal_id=2),),
    )
    nudges = compute_nudges(d, TODAY) + compute_nudges(NudgeData(), TODAY) + compute_nudges(
        NudgeData(ledger=items(keep=LOPSIDED_MIN), last_entry_day=TODAY, entry_count=1), TODAY)
    assert len(nudges) == 9
    for nudge in nudges:
        assert nudge.message.strip() == nudge.message and nudge.message
        assert "\n" not in nudge.message and "\t" not in nudge.message and "  " not in nudge.message, nudge
        assert "[" not in nudge.message, nudge
        assert len(nudge.message) <= 160, nudge
    assert any("Move to Lisbon for the new job" in nudge.message for nudge in nudges)


# -- NudgeRepo: gathered from a real database, dismissals remembered -----------------------------


def test_repo_gathers_data_from_the_store(store: Store) -> None:
    assert keys(store.nudges.current(TODAY)) == ["journal.first"]
    for n in range(LOPSIDED_MIN):
        store.ledger.add(f"give up {n}", G)
    partner = store.goals.add("Run a marathon", owner=Owner.PARTNER)
    store.goals.add_step(partner.id, "Buy shoes")
    mine = store.goals.add("Learn Rust")
    win = store.goals.add_win("Ran 10k", goal_id=partner.id)
    talk = store.talk.start_talk(TODAY - days(2), [])
    store.talk.answer_self_check("moving", True)
    store.entries.add("an old entry", created_at=FROZEN_NOW - days(QUIET_DAYS + 2))
    assert set(keys(store.nudges.current(TODAY))) == {
        "ledger.only_give_up", f"goal.no_steps.{mine.id}", f"win.celebrate.{win.id}", f"talk.checkin.{talk.id}",
        "selfcheck.moving.no_relocation", f"journal.gap.{(TODAY - days(QUIET_DAYS + 2)).isoformat()}",
    }
    # Now answer every one of them through the store.
    store.ledger.add("my evenings", K)
    store.goals.add_step(mine.id, "Read the book")
    store.goals.set_celebrated(win.id)
    store.talk.add_checkin(TODAY, heard=4, part_of_plan=3, no_winner=4, respected=5, talk_id=talk.id)
    store.ledger.add("the flat", C, area=LifeArea.RELOCATION)
    store.entries.add("today")
    assert store.nudges.current(TODAY) == []


def test_repo_ignores_the_trash(store: Store) -> None:
    store.entries.add("keeps the journal quiet")
    added = [store.ledger.add(f"give up {n}", G) for n in range(LOPSIDED_MIN)]
    assert "ledger.only_give_up" in keys(store.nudges.current(TODAY))
    store.ledger.delete(added[0].id)
    assert store.nudges.current(TODAY) == []
    lonely = store.goals.add("A goal I dropped in the bin")
    assert keys(store.nudges.current(TODAY)) == [f"goal.no_steps.{lonely.id}"]
    store.goals.delete(lonely.id)
    assert store.nudges.current(TODAY) == []


def test_latest_self_check_answer_counts(store: Store) -> None:
    store.entries.add("keeps the journal quiet")
    store.talk.answer_self_check("moving", True)
    assert keys(store.nudges.current(TODAY)) == ["selfcheck.moving.no_relocation"]
    store.talk.answer_self_check("moving", False)
    assert store.nudges.current(TODAY) == []


def test_dismiss_persists_across_reopening_and_is_idempotent(db_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    with Store.open(db_path, clock=clock) as first:
        for n in range(LOPSIDED_MIN):
            first.ledger.add(f"give up {n}", G)
        assert keys(first.nudges.current(TODAY)) == ["ledger.only_give_up", "journal.first"]
        first.nudges.dismiss("ledger.only_give_up")
        first.nudges.dismiss("ledger.only_give_up")
        assert first.nudges.dismissed() == {"ledger.only_give_up"}
        assert keys(first.nudges.current(TODAY)) == ["journal.first"]
    with Store.open(db_path, clock=clock) as second:
        assert second.nudges.dismissed() == {"ledger.only_give_up"}
        assert keys(second.nudges.current(TODAY)) == ["journal.first"]
        second.nudges.dismiss("ledger.only_give_up")
        assert second.query("SELECT count(*) FROM dismissed_nudges")[0][0] == 1
        # Still gone even when the ledger grows more lopsided: the key is about the state, not the count.
        second.ledger.add("one more", G)
        assert "ledger.only_give_up" not in keys(second.nudges.current(TODAY))
