"""TalkRepo: concerns, the self-check, the prepared agenda, talks and balance check-ins.

Why: the Talk pane promises that nothing typed is lost (deletes go to a trash, the agenda
survives a restart) and that bad input gets one sentence, never a corrupt row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from careerjournal.db.store import Store
from careerjournal.errors import CareerJournalError, NotFoundError, UsageError
from careerjournal.guidance import SELF_CHECK_QUESTIONS
from careerjournal.models import AgendaPoint, ConcernReason
from tests.conftest import FROZEN_NOW

#: Text that must never be interpreted (markup, HTML, emoji, RTL, control characters);
#: single spaces only, because concerns collapse runs of whitespace.
HOSTILE = [
    "[/]",
    "[bold]x[/bold]",
    "[@click=app.quit]x[/]",
    "<script>alert('x')</script>",
    "🎉 👩‍💻 🏳️‍🌈 done!",
    "שלום עולם \u202eevil\u202c مرحبا",
    "esc\x1b[31mred\x1b[0m bell\x07 del\x7f c1\x9b",
]
#: Free text (agenda points, notes) is kept verbatim, newlines and all.
FREE_TEXT = "line one\r\n\tline two [b]x[/b]\n\n<script>\x1b[2J 🎉 \u202eRTL\n  "

TODAY = FROZEN_NOW.date()
SCORES = {"heard": 4, "part_of_plan": 3, "no_winner": 2, "respected": 5}


def _count(store: Store, table: str) -> int:
    return store.query(f"SELECT count(*) FROM {table}")[0][0]


# -- concerns ---------------------------------------------------------------------------------


def test_add_concern_round_trips(store: Store) -> None:
    concern = store.talk.add_concern(ConcernReason.SAFETY, "  You'd be on nights   again ")
    assert concern.id is not None
    assert concern.reason is ConcernReason.SAFETY
    assert concern.heard == "You'd be on nights again"  # whitespace tidied, words kept
    assert not concern.addressed
    assert concern.created_at == FROZEN_NOW
    assert store.talk.get_concern(concern.id) == concern
    assert store.talk.concerns() == [concern]


def test_reason_accepts_the_stored_string(store: Store) -> None:
    concern = store.talk.add_concern("why.jealous", "Their job is stuck")  # type: ignore[arg-type]
    assert concern.reason is ConcernReason.JEALOUS


def test_update_concern_changes_only_what_is_given(store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    concern = store.talk.add_concern(ConcernReason.THREATENED, "Work comes first")
    clock.advance(hours=1)
    changed = store.talk.update_concern(concern.id, heard="Work always comes first")
    assert changed.heard == "Work always comes first"
    assert changed.reason is ConcernReason.THREATENED and not changed.addressed
    assert changed.updated_at == FROZEN_NOW + dt.timedelta(hours=1)
    moved = store.talk.update_concern(concern.id, reason=ConcernReason.INCONVENIENCED)
    assert moved.reason is ConcernReason.INCONVENIENCED and moved.heard == "Work always comes first"


def test_addressed_toggles_and_open_concerns_come_first(store: Store) -> None:
    first = store.talk.add_concern(ConcernReason.SAFETY, "first")
    second = store.talk.add_concern(ConcernReason.SAFETY, "second")
    third = store.talk.add_concern(ConcernReason.SAFETY, "third")
    assert [c.heard for c in store.talk.concerns()] == ["third", "second", "first"]  # newest first
    assert store.talk.update_concern(third.id, addressed=True).addressed
    assert [c.heard for c in store.talk.concerns()] == ["second", "first", "third"]  # addressed last
    assert not store.talk.update_concern(third.id, addressed=False).addressed
    assert {c.id for c in store.talk.concerns()} == {first.id, second.id, third.id}


def test_delete_goes_to_trash_and_restore_brings_it_back(store: Store) -> None:
    keep = store.talk.add_concern(ConcernReason.DISMISSIVE, "They laughed it off")
    gone = store.talk.add_concern(ConcernReason.SAFETY, "Night shifts")
    store.talk.delete_concern(gone.id)
    assert [c.id for c in store.talk.concerns()] == [keep.id]
    assert [c.id for c in store.talk.concerns(deleted=True)] == [gone.id]
    assert _count(store, "concerns") == 2  # still in the file
    restored = store.talk.restore_concern(gone.id)
    assert restored.heard == "Night shifts"
    assert {c.id for c in store.talk.concerns()} == {keep.id, gone.id}
    assert store.talk.concerns(deleted=True) == []


@pytest.mark.parametrize("bad", ["why.bored", "", "threatened", None])
def test_invalid_reason_is_rejected_and_nothing_stored(store: Store, bad: object) -> None:
    with pytest.raises((ValueError, CareerJournalError)):
        store.talk.add_concern(bad, "text")  # type: ignore[arg-type]
    assert _count(store, "concerns") == 0
    concern = store.talk.add_concern(ConcernReason.SAFETY, "kept")
    if bad is not None:  # None means "leave the reason alone" for updates
        with pytest.raises((ValueError, CareerJournalError)):
            store.talk.update_concern(concern.id, reason=bad)  # type: ignore[arg-type]
    assert store.talk.get_concern(concern.id).reason is ConcernReason.SAFETY


@pytest.mark.parametrize("empty", ["", "   ", "\n\t "])
def test_empty_text_is_a_usage_error(store: Store, empty: str) -> None:
    with pytest.raises(UsageError) as error:
        store.talk.add_concern(ConcernReason.SAFETY, empty)
    assert str(error.value).strip() and "\n" not in str(error.value)
    concern = store.talk.add_concern(ConcernReason.SAFETY, "kept")
    with pytest.raises(UsageError):
        store.talk.update_concern(concern.id, heard=empty)
    assert store.talk.get_concern(concern.id).heard == "kept"


def test_missing_concern_is_not_found(store: Store) -> None:
    for call in (lambda: store.talk.get_concern(999), lambda: store.talk.update_concern(999, addressed=True),
                 lambda: store.talk.delete_concern(999), lambda: store.talk.restore_concern(999)):
        with pytest.raises(NotFoundError):
            call()


# -- self-check -------------------------------------------------------------------------------


def test_self_check_keeps_the_latest_answer_per_question(store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    assert store.talk.self_check() == {}
    travel, late = SELF_CHECK_QUESTIONS[0][0], SELF_CHECK_QUESTIONS[1][0]
    first = store.talk.answer_self_check(travel, True)
    assert first.answer is True and first.answered_at == FROZEN_NOW
    store.talk.answer_self_check(late, False)
    clock.advance(days=3)
    store.talk.answer_self_check(travel, False)
    latest = store.talk.self_check()
    assert set(latest) == {travel, late}
    assert latest[travel].answer is False and latest[travel].answered_at == FROZEN_NOW + dt.timedelta(days=3)
    assert latest[late].answer is False and latest[late].answered_at == FROZEN_NOW
    assert _count(store, "self_checks") == 3  # history is kept


def test_same_moment_answers_resolve_to_the_last_one(store: Store) -> None:
    key = SELF_CHECK_QUESTIONS[4][0]
    store.talk.answer_self_check(key, True)
    store.talk.answer_self_check(key, False)
    assert store.talk.self_check()[key].answer is False


@pytest.mark.parametrize("question", ["", "nope", "TRAVEL", "why.threatened"])
def test_unknown_question_is_a_usage_error(store: Store, question: str) -> None:
    with pytest.raises(UsageError):
        store.talk.answer_self_check(question, True)
    assert _count(store, "self_checks") == 0


# -- the agenda and talks ---------------------------------------------------------------------------


def test_agenda_starts_empty_and_round_trips(store: Store) -> None:
    assert store.talk.agenda() == []
    points = [AgendaPoint("Their worry: nights", "concern"), AgendaPoint("Mine", "mine", True),
              AgendaPoint(FREE_TEXT, "ledger")]
    store.talk.save_agenda(points)
    assert store.talk.agenda() == points
    store.talk.save_agenda(points[:1])
    assert store.talk.agenda() == points[:1]
    store.talk.save_agenda([])
    assert store.talk.agenda() == []


def test_agenda_survives_reopening(db_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    points = [AgendaPoint(text, "mine", index % 2 == 0) for index, text in enumerate(HOSTILE)]
    with Store.open(db_path, clock=clock) as first:
        first.talk.save_agenda(points)
    with Store.open(db_path, clock=clock) as again:
        assert again.talk.agenda() == points


def test_start_talk_records_points_and_clears_the_prepared_agenda(store: Store) -> None:
    points = [AgendaPoint("one", "concern", True), AgendaPoint("two", "mine")]
    store.talk.save_agenda(points)
    talk = store.talk.start_talk(TODAY - dt.timedelta(days=1), points, "Kitchen table")
    assert talk.id is not None
    assert talk.day == TODAY - dt.timedelta(days=1)
    assert talk.agenda == tuple(points)
    assert talk.notes == "Kitchen table"
    assert store.talk.agenda() == []
    assert store.talk.talks() == [talk]


def test_talks_are_newest_day_first(store: Store) -> None:
    older = store.talk.start_talk(TODAY - dt.timedelta(days=10), [])
    newer = store.talk.start_talk(TODAY, [])
    middle = store.talk.start_talk(TODAY - dt.timedelta(days=5), [])
    assert [t.id for t in store.talk.talks()] == [newer.id, middle.id, older.id]


# -- check-ins ------------------------------------------------------------------------------------


def test_checkin_round_trips_and_links_to_a_talk(store: Store) -> None:
    talk = store.talk.start_talk(TODAY, [])
    checkin = store.talk.add_checkin(TODAY, talk_id=talk.id, note="Felt lighter", **SCORES)
    assert (checkin.heard, checkin.part_of_plan, checkin.no_winner, checkin.respected) == (4, 3, 2, 5)
    assert checkin.talk_id == talk.id and checkin.note == "Felt lighter" and checkin.day == TODAY
    assert store.talk.checkins() == [checkin]


@pytest.mark.parametrize("bad", [0, 6, -1, True, False, 2.5, "3", None])
@pytest.mark.parametrize("field", list(SCORES))
def test_bad_scores_are_rejected(store: Store, field: str, bad: object) -> None:
    with pytest.raises(UsageError) as error:
        store.talk.add_checkin(TODAY, **{**SCORES, field: bad})  # type: ignore[arg-type]
    assert "1 to 5" in str(error.value)
    assert _count(store, "checkins") == 0


def test_score_bounds_are_accepted(store: Store) -> None:
    store.talk.add_checkin(TODAY, heard=1, part_of_plan=5, no_winner=1, respected=5)
    assert _count(store, "checkins") == 1


def test_checkins_are_oldest_day_first(store: Store) -> None:
    late = store.talk.add_checkin(TODAY, **SCORES)
    early = store.talk.add_checkin(TODAY - dt.timedelta(days=30), **SCORES)
    same_day = store.talk.add_checkin(TODAY, **SCORES)
    assert [c.id for c in store.talk.checkins()] == [early.id, late.id, same_day.id]


# -- any text is safe -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_exactly(store: Store, text: str) -> None:
    concern = store.talk.add_concern(ConcernReason.THREATENED, text)
    assert store.talk.get_concern(concern.id).heard == text
    talk = store.talk.start_talk(TODAY, [AgendaPoint(text, "mine")], text)
    assert store.talk.talks()[0].agenda[0].text == text and talk.notes == text
    checkin = store.talk.add_checkin(TODAY, note=text, **SCORES)
    assert checkin.note == text


def test_free_text_keeps_newlines_in_notes_and_points(store: Store) -> None:
    talk = store.talk.start_talk(TODAY, [AgendaPoint(FREE_TEXT, "mine")], FREE_TEXT)
    stored = store.talk.talks()[0]
    assert stored.notes == FREE_TEXT == talk.notes
    assert stored.agenda[0].text == FREE_TEXT
    assert store.talk.add_checkin(TODAY, note=FREE_TEXT, **SCORES).note == FREE_TEXT
