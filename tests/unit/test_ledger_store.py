"""LedgerRepo: the compromise ledger in the SQLite store (add, update, move, status, trash, revisit)."""

from __future__ import annotations

import datetime as dt

import pytest

from careerjournal.db.plans import MAX_TEXT
from careerjournal.db.store import Store
from careerjournal.errors import NotFoundError, UsageError
from careerjournal.models import LedgerColumn, LedgerItem, LedgerStatus, LifeArea
from tests.conftest import FROZEN_NOW, FrozenClock

TODAY = FROZEN_NOW.date()
MISSING = 9999

#: Text a user could type that must never be interpreted. Single spaces only,
#: because item text collapses runs of whitespace by design.
HOSTILE = [
    "[/]",
    "[bold]x[/bold]",
    "[@click=app.quit]x[/]",
    "<script>alert('x')</script>",
    "🎉 👩‍💻 🏳️‍🌈 done!",
    "שלום עולם \u202eevil\u202c مرحبا",
    "esc\x1b[31mred\x1b[0m bell\x07 nul\x00 del\x7f c1\x9b",
    "x" * 1900,
]


def _one_line_message(error: pytest.ExceptionInfo[BaseException]) -> str:
    message = str(error.value)
    assert message.strip(), "error has no message"
    assert "\n" not in message, f"message is not one line: {message!r}"
    return message


def _count(store: Store) -> int:
    return store.query("SELECT count(*) FROM ledger_items")[0][0]


def _column(store: Store, column: LedgerColumn) -> list[str]:
    return [item.text for item in store.ledger.list() if item.column is column]


# -- adding ----------------------------------------------------------------------------------------------


def test_add_with_defaults(store: Store) -> None:
    item = store.ledger.add("Friday drinks", LedgerColumn.GIVE_UP)
    assert isinstance(item.id, int)
    assert item.text == "Friday drinks"
    assert item.column is LedgerColumn.GIVE_UP
    assert item.area is LifeArea.OTHER
    assert item.status is LedgerStatus.IDEA
    assert item.revisit_on is None
    assert item.notes == ""
    assert item.position == 0
    assert item.created_at == FROZEN_NOW and item.updated_at == FROZEN_NOW
    assert store.ledger.get(item.id) == item
    assert store.ledger.list() == [item]


def test_add_with_every_field(store: Store) -> None:
    item = store.ledger.add("Sunday mornings", LedgerColumn.KEEP, area=LifeArea.TIME_TOGETHER,
                            status=LedgerStatus.AGREED, revisit_on=dt.date(2028, 9, 1), notes="non-negotiable")
    again = store.ledger.get(item.id)
    assert again == item
    assert (again.text, again.column, again.area, again.status, again.revisit_on, again.notes) == (
        "Sunday mornings", LedgerColumn.KEEP, LifeArea.TIME_TOGETHER, LedgerStatus.AGREED, dt.date(2028, 9, 1),
        "non-negotiable")


def test_add_accepts_plain_string_values(store: Store) -> None:
    item = store.ledger.add("Travel cap", "compromise", area="travel", status="discussed")  # type: ignore[arg-type]
    assert (item.column, item.area, item.status) == (LedgerColumn.COMPROMISE, LifeArea.TRAVEL,
                                                     LedgerStatus.DISCUSSED)


def test_positions_count_up_per_column(store: Store) -> None:
    a = store.ledger.add("a", LedgerColumn.GIVE_UP)
    b = store.ledger.add("b", LedgerColumn.GIVE_UP)
    k = store.ledger.add("k", LedgerColumn.KEEP)
    c = store.ledger.add("c", LedgerColumn.GIVE_UP)
    assert (a.position, b.position, c.position) == (0, 1, 2)
    assert k.position == 0
    assert _column(store, LedgerColumn.GIVE_UP) == ["a", "b", "c"]


def test_text_whitespace_is_collapsed(store: Store) -> None:
    item = store.ledger.add("  Friday \n\t drinks  ", LedgerColumn.GIVE_UP)
    assert item.text == "Friday drinks"


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_add_empty_text_is_a_one_line_usage_error(store: Store, text: str) -> None:
    with pytest.raises(UsageError) as error:
        store.ledger.add(text, LedgerColumn.KEEP)
    _one_line_message(error)
    assert _count(store) == 0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"column": "sideways"},
        {"column": LedgerColumn.KEEP, "area": "hobbies"},
        {"column": LedgerColumn.KEEP, "status": "maybe"},
    ],
    ids=["column", "area", "status"],
)
def test_add_rejects_invalid_choices_and_writes_nothing(store: Store, kwargs: dict) -> None:
    column = kwargs.pop("column")
    with pytest.raises((UsageError, ValueError)):
        store.ledger.add("something", column, **kwargs)
    assert _count(store) == 0


# -- hostile text --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:20]))
def test_hostile_text_is_stored_exactly(store: Store, text: str) -> None:
    item = store.ledger.add(text, LedgerColumn.COMPROMISE, notes=text)
    again = store.ledger.get(item.id)
    assert again.text == text
    assert again.notes == text
    updated = store.ledger.update(item.id, text=text + " v2")
    assert updated.text == text + " v2"


def test_text_length_limit(store: Store) -> None:
    assert store.ledger.add("y" * MAX_TEXT, LedgerColumn.KEEP).text == "y" * MAX_TEXT
    with pytest.raises(UsageError) as error:
        store.ledger.add("y" * (MAX_TEXT + 1), LedgerColumn.KEEP)
    _one_line_message(error)
    with pytest.raises(UsageError):
        store.ledger.add("z" * 5000, LedgerColumn.KEEP)
    assert _count(store) == 1
    assert MAX_TEXT == 2000


def test_update_text_too_long_changes_nothing(store: Store) -> None:
    item = store.ledger.add("short", LedgerColumn.KEEP)
    with pytest.raises(UsageError):
        store.ledger.update(item.id, text="w" * (MAX_TEXT + 1))
    assert store.ledger.get(item.id) == item


# -- updating ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("text", "Weekend overtime", "Weekend overtime"),
        ("area", LifeArea.MONEY, LifeArea.MONEY),
        ("area", "career_step", LifeArea.CAREER_STEP),
        ("status", LedgerStatus.DISCUSSED, LedgerStatus.DISCUSSED),
        ("revisit_on", dt.date(2027, 3, 1), dt.date(2027, 3, 1)),
        ("notes", "ask again in spring", "ask again in spring"),
        ("column", LedgerColumn.COMPROMISE, LedgerColumn.COMPROMISE),
    ],
)
def test_update_each_field(store: Store, clock: FrozenClock, field: str, value: object, expected: object) -> None:
    item = store.ledger.add("Friday drinks", LedgerColumn.GIVE_UP, area=LifeArea.EVENINGS,
                            revisit_on=dt.date(2030, 1, 1), notes="old")
    clock.advance(minutes=5)
    updated = store.ledger.update(item.id, **{field: value})
    assert getattr(updated, field) == expected
    assert updated.updated_at == FROZEN_NOW + dt.timedelta(minutes=5)
    assert updated.created_at == FROZEN_NOW
    for other in ("text", "column", "area", "status", "revisit_on", "notes"):
        if other != field:
            assert getattr(updated, other) == getattr(item, other), other
    assert store.ledger.get(item.id) == updated


def test_update_clears_revisit_and_notes(store: Store) -> None:
    item = store.ledger.add("x", LedgerColumn.KEEP, revisit_on=dt.date(2027, 1, 1), notes="n")
    updated = store.ledger.update(item.id, revisit_on=None, notes=None)
    assert updated.revisit_on is None
    assert updated.notes == ""


def test_update_several_fields_at_once(store: Store) -> None:
    item = store.ledger.add("x", LedgerColumn.KEEP)
    updated = store.ledger.update(item.id, text="y", area=LifeArea.HOUSEHOLD, status=LedgerStatus.AGREED)
    assert (updated.text, updated.area, updated.status) == ("y", LifeArea.HOUSEHOLD, LedgerStatus.AGREED)


def test_update_unknown_field_is_rejected(store: Store) -> None:
    item = store.ledger.add("x", LedgerColumn.KEEP)
    with pytest.raises(UsageError) as error:
        store.ledger.update(item.id, colour="red")
    assert "colour" in _one_line_message(error)
    with pytest.raises(UsageError):
        store.ledger.update(item.id, text="fine", deleted_at="2020-01-01")
    assert store.ledger.get(item.id) == item


@pytest.mark.parametrize(
    ("field", "value"),
    [("text", ""), ("text", "   "), ("column", "sideways"), ("area", "hobbies"), ("status", "maybe")],
)
def test_update_invalid_values_change_nothing(store: Store, field: str, value: str) -> None:
    item = store.ledger.add("x", LedgerColumn.KEEP)
    with pytest.raises((UsageError, ValueError)):
        store.ledger.update(item.id, **{field: value})
    assert store.ledger.get(item.id) == item


def test_update_empty_text_is_one_line(store: Store) -> None:
    item = store.ledger.add("x", LedgerColumn.KEEP)
    with pytest.raises(UsageError) as error:
        store.ledger.update(item.id, text="")
    _one_line_message(error)


# -- moving --------------------------------------------------------------------------------------------


def test_move_goes_to_end_of_other_column_and_keeps_fields(store: Store, clock: FrozenClock) -> None:
    store.ledger.add("k1", LedgerColumn.KEEP)
    store.ledger.add("k2", LedgerColumn.KEEP)
    g1 = store.ledger.add("g1", LedgerColumn.GIVE_UP)
    item = store.ledger.add("mover", LedgerColumn.GIVE_UP, area=LifeArea.TRAVEL, status=LedgerStatus.DISCUSSED,
                            revisit_on=dt.date(2027, 5, 1), notes="notes stay")
    g3 = store.ledger.add("g3", LedgerColumn.GIVE_UP)
    clock.advance(hours=1)
    moved = store.ledger.move(item.id, LedgerColumn.KEEP)
    assert moved.column is LedgerColumn.KEEP
    assert moved.position == 2
    assert (moved.text, moved.area, moved.status, moved.revisit_on, moved.notes) == (
        "mover", LifeArea.TRAVEL, LedgerStatus.DISCUSSED, dt.date(2027, 5, 1), "notes stay")
    assert moved.id == item.id and moved.created_at == item.created_at
    assert moved.updated_at == FROZEN_NOW + dt.timedelta(hours=1)
    assert _column(store, LedgerColumn.KEEP) == ["k1", "k2", "mover"]
    assert _column(store, LedgerColumn.GIVE_UP) == ["g1", "g3"]
    assert store.ledger.get(g1.id).position == 0 and store.ledger.get(g3.id).position == 2


def test_move_to_empty_column_gets_position_zero(store: Store) -> None:
    store.ledger.add("a", LedgerColumn.KEEP)
    item = store.ledger.add("b", LedgerColumn.KEEP)
    moved = store.ledger.move(item.id, LedgerColumn.COMPROMISE)
    assert moved.position == 0
    assert _column(store, LedgerColumn.COMPROMISE) == ["b"]


def test_move_to_same_column_keeps_position(store: Store) -> None:
    store.ledger.add("a", LedgerColumn.KEEP)
    item = store.ledger.add("b", LedgerColumn.KEEP)
    store.ledger.add("c", LedgerColumn.KEEP)
    moved = store.ledger.move(item.id, LedgerColumn.KEEP)
    assert moved.position == item.position
    assert _column(store, LedgerColumn.KEEP) == ["a", "b", "c"]


def test_move_there_and_back_lands_at_the_end(store: Store) -> None:
    first = store.ledger.add("first", LedgerColumn.KEEP)
    store.ledger.add("second", LedgerColumn.KEEP)
    store.ledger.move(first.id, LedgerColumn.GIVE_UP)
    store.ledger.move(first.id, LedgerColumn.KEEP)
    assert _column(store, LedgerColumn.KEEP) == ["second", "first"]


def test_move_to_invalid_column_is_rejected(store: Store) -> None:
    item = store.ledger.add("a", LedgerColumn.KEEP)
    with pytest.raises((UsageError, ValueError)):
        store.ledger.move(item.id, "sideways")  # type: ignore[arg-type]
    assert store.ledger.get(item.id) == item


# -- status --------------------------------------------------------------------------------------------


def test_advance_status_cycles(store: Store) -> None:
    item = store.ledger.add("a", LedgerColumn.COMPROMISE)
    seen = [item.status]
    for _ in range(3):
        seen.append(store.ledger.advance_status(item.id).status)
    assert seen == [LedgerStatus.IDEA, LedgerStatus.DISCUSSED, LedgerStatus.AGREED, LedgerStatus.IDEA]
    final = store.ledger.get(item.id)
    assert (final.text, final.column, final.position) == ("a", LedgerColumn.COMPROMISE, item.position)


def test_advance_status_from_agreed_wraps(store: Store) -> None:
    item = store.ledger.add("a", LedgerColumn.KEEP, status=LedgerStatus.AGREED)
    assert store.ledger.advance_status(item.id).status is LedgerStatus.IDEA


def test_status_next_order() -> None:
    assert [s.next() for s in LedgerStatus] == [LedgerStatus.DISCUSSED, LedgerStatus.AGREED, LedgerStatus.IDEA]


# -- trash ---------------------------------------------------------------------------------------------


def test_delete_moves_to_trash_and_restore_brings_back(store: Store) -> None:
    keep = store.ledger.add("stays", LedgerColumn.KEEP)
    item = store.ledger.add("goes", LedgerColumn.KEEP, notes="n", revisit_on=TODAY)
    store.ledger.delete(item.id)
    assert [i.id for i in store.ledger.list()] == [keep.id]
    assert [i.id for i in store.ledger.list(deleted=True)] == [item.id]
    assert store.ledger.due_for_revisit(TODAY) == []
    # still reachable by id (so the app can undo)
    assert store.ledger.get(item.id).text == "goes"
    restored = store.ledger.restore(item.id)
    assert restored == item
    assert [i.id for i in store.ledger.list()] == [keep.id, item.id]
    assert store.ledger.list(deleted=True) == []


def test_restore_of_live_item_is_harmless(store: Store) -> None:
    item = store.ledger.add("a", LedgerColumn.KEEP)
    assert store.ledger.restore(item.id) == item
    assert store.ledger.list() == [item]


# -- revisit -------------------------------------------------------------------------------------------


def test_due_for_revisit_before_equal_after_today(store: Store) -> None:
    past = store.ledger.add("past", LedgerColumn.KEEP, revisit_on=TODAY - dt.timedelta(days=30))
    today = store.ledger.add("today", LedgerColumn.GIVE_UP, revisit_on=TODAY)
    store.ledger.add("tomorrow", LedgerColumn.KEEP, revisit_on=TODAY + dt.timedelta(days=1))
    store.ledger.add("never", LedgerColumn.COMPROMISE)
    due = store.ledger.due_for_revisit(TODAY)
    assert sorted(item.id for item in due) == sorted([past.id, today.id])
    assert all(isinstance(item, LedgerItem) for item in due)
    assert store.ledger.due_for_revisit(TODAY - dt.timedelta(days=31)) == []
    assert len(store.ledger.due_for_revisit(TODAY + dt.timedelta(days=1))) == 3


# -- missing ids ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda repo: repo.get(MISSING),
        lambda repo: repo.update(MISSING, text="x"),
        lambda repo: repo.update(MISSING, column=LedgerColumn.KEEP),
        lambda repo: repo.move(MISSING, LedgerColumn.KEEP),
        lambda repo: repo.advance_status(MISSING),
        lambda repo: repo.delete(MISSING),
        lambda repo: repo.restore(MISSING),
    ],
    ids=["get", "update", "update-column", "move", "advance", "delete", "restore"],
)
def test_missing_ids_raise_not_found(store: Store, call) -> None:  # type: ignore[no-untyped-def]
    store.ledger.add("present", LedgerColumn.KEEP)
    with pytest.raises(NotFoundError) as error:
        call(store.ledger)
    assert str(MISSING) in _one_line_message(error)
    assert _count(store) == 1
