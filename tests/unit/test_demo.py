"""The demo journal: a believable, complete story that is the same every time."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from careerjournal.db.demo import fill_demo
from careerjournal.db.store import Store
from careerjournal.export import to_json
from careerjournal.models import LedgerColumn, Owner

from tests.conftest import FrozenClock


def demo_store(path: Path, clock: FrozenClock, **kwargs: int) -> Store:
    store = Store.open(path, clock=clock)
    fill_demo(store, **kwargs)
    return store


def test_same_clock_and_seed_give_the_same_journal(tmp_path: Path, clock: FrozenClock) -> None:
    first = demo_store(tmp_path / "one.db", clock)
    second = demo_store(tmp_path / "two.db", FrozenClock(clock.now))
    try:
        assert to_json(first, first.now()) == to_json(second, second.now())
    finally:
        first.close()
        second.close()


def test_another_seed_gives_another_journal_with_the_same_story(tmp_path: Path, clock: FrozenClock) -> None:
    first = demo_store(tmp_path / "one.db", clock)
    other = demo_store(tmp_path / "two.db", clock, seed=7)
    try:
        assert to_json(first, first.now()) != to_json(other, other.now())
        titles = {entry.title for entry in other.entries.list()}
        assert {"The offer came through", "Starting this journal", "Applied"} <= titles
    finally:
        first.close()
        other.close()


def test_everything_is_placed_relative_to_the_clock(tmp_path: Path) -> None:
    later = FrozenClock(dt.datetime(2030, 3, 4, 7, 30, tzinfo=dt.timezone.utc))  # a demo opened at breakfast
    store = demo_store(tmp_path / "later.db", later)
    try:
        newest = store.entries.list()[0]
        assert newest.title == "The offer came through" and newest.day == dt.date(2030, 3, 4)
        assert store.now() == later.now  # the clock is handed back untouched
        stamps = [e.created_at for e in store.entries.list()] + [w.created_at for w in store.goals.wins()]
        stamps += [c.created_at for c in store.talk.concerns()] + [g.created_at for g in store.goals.list()]
        assert all(stamp is not None and stamp <= later.now for stamp in stamps)
    finally:
        store.close()


def test_entries_span_about_three_months(store: Store) -> None:
    fill_demo(store)
    today = store.now().date()
    entries = store.entries.list()
    assert 40 <= len(entries) <= 60
    recent = [e for e in entries if (today - e.day).days < 120]
    assert 85 <= (today - min(e.day for e in recent)).days <= 95
    assert max(e.day for e in entries) == today
    assert any((today - e.day).days == 365 for e in entries)  # something for "on this day"
    assert len({e.day for e in entries}) == len(entries)  # at most one entry an evening
    for number in range(3):  # no month left empty
        assert any(30 * number <= (today - e.day).days < 30 * (number + 1) for e in entries)


def test_entries_have_tags_moods_and_both_kinds_of_sharing(store: Store) -> None:
    fill_demo(store)
    entries = store.entries.list()
    shared = [e for e in entries if e.shared]
    assert 5 <= len(shared) < len(entries) // 2
    assert all(e.tags for e in entries)
    assert {e.mood for e in entries} >= {2, 3, 4, 5}
    assert any(e.title == "[x] asked for a raise" for e in entries)  # brackets stay literal


def test_goals_for_everyone_with_steps_resources_and_wins(store: Store) -> None:
    fill_demo(store)
    goals = store.goals.list()
    wins = store.goals.wins()
    for owner in Owner:
        mine = [g for g in goals if g.owner == owner]
        assert mine, owner
        assert any(g.steps and g.resources for g in mine), owner
        assert any(step.done for g in mine for step in g.steps), owner
        assert any(w.goal_id in {g.id for g in mine} for w in wins), owner
    assert any(w.celebrated for w in wins) and not all(w.celebrated for w in wins)


def test_ledger_uses_all_three_columns_and_revisit_dates(store: Store) -> None:
    fill_demo(store)
    items = store.ledger.list()
    today = store.now().date()
    assert {item.column for item in items} == set(LedgerColumn)
    assert {item.status for item in items} == {"idea", "discussed", "agreed"}
    dates = [item.revisit_on for item in items if item.revisit_on]
    assert any(day > today for day in dates)
    assert store.ledger.due_for_revisit(today)  # one is due, so the sidebar has a nudge to show


def test_talk_has_concerns_a_self_check_an_agenda_and_two_checkins(store: Store) -> None:
    fill_demo(store)
    concerns = store.talk.concerns()
    assert len({c.reason for c in concerns}) >= 3
    assert any(c.addressed for c in concerns) and not all(c.addressed for c in concerns)
    answers = store.talk.self_check()
    assert len(answers) == 5 and any(a.answer for a in answers.values()) and not all(a.answer for a in answers.values())
    assert store.talk.agenda()
    checkins = store.talk.checkins()
    assert len(checkins) == 2 and checkins[0].day < checkins[1].day
    assert {c.talk_id for c in checkins} == {t.id for t in store.talk.talks()}


def test_the_demo_has_nudges_to_show(store: Store) -> None:
    fill_demo(store)
    keys = [n.key for n in store.nudges.current(store.now().date())]
    assert any(key.startswith("ledger.revisit.") for key in keys)
    assert any(key.startswith("win.celebrate.") for key in keys)


def test_filling_twice_changes_nothing(store: Store) -> None:
    fill_demo(store)
    before = to_json(store, store.now())
    fill_demo(store)
    fill_demo(store, seed=99)
    assert to_json(store, store.now()) == before


def test_filling_is_quick(store: Store) -> None:
    started = time.perf_counter()
    fill_demo(store)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("seed", [0, 1, 12345])
def test_any_seed_fills_a_complete_journal(tmp_path: Path, clock: FrozenClock, seed: int) -> None:
    store = demo_store(tmp_path / "seeded.db", clock, seed=seed)
    try:
        assert 40 <= store.entries.count() <= 60
        assert store.entries.list()[0].title == "The offer came through"
    finally:
        store.close()
