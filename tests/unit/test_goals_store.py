"""GoalRepo: goals, steps, resources and wins in the SQLite store, plus nested transactions."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pytest

from careerjournal.cli_output import goal_to_json
from careerjournal.db.goals import MAX_TITLE
from careerjournal.db.store import Store
from careerjournal.errors import CareerJournalError, NotFoundError, UsageError
from careerjournal.models import Goal, GoalStatus, Horizon, Owner, ResourceKind, Step
from tests.conftest import FROZEN_NOW, FrozenClock

#: Text a user could type that must never be interpreted: Rich/Textual markup,
#: HTML, emoji (with ZWJ and flags), right-to-left text and overrides, control
#: characters. Single spaces only, because titles collapse runs of whitespace.
HOSTILE = [
    "[/]",
    "[bold]x[/bold]",
    "[@click=app.quit]x[/]",
    "<script>alert('x')</script>",
    "🎉 👩‍💻 🏳️‍🌈 done!",
    "שלום עולם \u202eevil\u202c مرحبا",
    "esc\x1b[31mred\x1b[0m bell\x07 nul\x00 del\x7f c1\x9b",
]
#: Free text (why, notes) is stored verbatim, newlines and all.
HOSTILE_FREE_TEXT = "line one\r\n\tline two [b]x[/b]\n\n<script>\x1b[2J\x00 🎉 \u202eRTL\n  "

MISSING = 9999


def _one_line_message(error: pytest.ExceptionInfo[BaseException]) -> str:
    message = str(error.value)
    assert message.strip(), "error has no message"
    assert "\n" not in message, f"message is not one line: {message!r}"
    return message


def _count(store: Store, table: str) -> int:
    return store.query(f"SELECT count(*) FROM {table}")[0][0]


def _steps(store: Store, goal_id: int) -> list[Step]:
    return list(store.goals.get(goal_id).steps)


def _layout(store: Store, goal_id: int) -> list[tuple[str, int]]:
    return [(step.text, step.position) for step in _steps(store, goal_id)]


# -- adding goals --------------------------------------------------------------------------------------


def test_add_with_defaults(store: Store) -> None:
    goal = store.goals.add("Learn to negotiate")
    assert isinstance(goal.id, int)
    assert goal.title == "Learn to negotiate"
    assert goal.why == ""
    assert goal.owner is Owner.ME
    assert goal.horizon is Horizon.SHORT
    assert goal.status is GoalStatus.ACTIVE
    assert goal.target_date is None
    assert goal.created_at == FROZEN_NOW and goal.updated_at == FROZEN_NOW
    assert goal.steps == () and goal.resources == ()
    assert store.goals.get(goal.id) == goal
    assert store.goals.list() == [goal]


@pytest.mark.parametrize("owner", list(Owner))
@pytest.mark.parametrize("horizon", list(Horizon))
@pytest.mark.parametrize("status", list(GoalStatus))
def test_add_with_every_field(store: Store, owner: Owner, horizon: Horizon, status: GoalStatus) -> None:
    target = dt.date(2027, 6, 30)
    goal = store.goals.add("Run a workshop", why="Because I enjoy teaching.", owner=owner, horizon=horizon,
                           status=status, target_date=target)
    again = store.goals.get(goal.id)
    assert again == goal
    assert (again.owner, again.horizon, again.status) == (owner, horizon, status)
    assert again.why == "Because I enjoy teaching."
    assert again.target_date == target


def test_add_accepts_enum_values_as_plain_strings(store: Store) -> None:
    goal = store.goals.add("x", owner="partner", horizon="long", status="paused")  # type: ignore[arg-type]
    assert (goal.owner, goal.horizon, goal.status) == (Owner.PARTNER, Horizon.LONG, GoalStatus.PAUSED)


@pytest.mark.parametrize("bad", ["", "   ", "\n\t  \r\n", None])
def test_add_rejects_empty_title(store: Store, bad: Any) -> None:
    with pytest.raises(UsageError) as error:
        store.goals.add(bad)
    assert "title" in _one_line_message(error)
    assert store.goals.list() == [] and _count(store, "goals") == 0


def test_title_whitespace_is_collapsed(store: Store) -> None:
    assert store.goals.add("  Get   a\tpromotion \n").title == "Get a promotion"


def test_title_length_limit(store: Store) -> None:
    assert store.goals.add("x" * MAX_TITLE).title == "x" * MAX_TITLE
    with pytest.raises(UsageError) as error:
        store.goals.add("x" * (MAX_TITLE + 1))
    assert "too long" in _one_line_message(error)
    assert len(store.goals.list()) == 1


@pytest.mark.parametrize("field,value", [("owner", "nobody"), ("horizon", "forever"), ("status", "someday")])
def test_add_rejects_unknown_enum_values(store: Store, field: str, value: str) -> None:
    with pytest.raises((UsageError, ValueError)):
        store.goals.add("x", **{field: value})
    assert _count(store, "goals") == 0


# -- updating, deleting, restoring ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "field,value,expected",
    [
        ("title", "  New   title ", "New title"),
        ("title", "[bold]x[/bold]", "[bold]x[/bold]"),
        ("why", HOSTILE_FREE_TEXT, HOSTILE_FREE_TEXT),
        ("why", "", ""),
        ("owner", Owner.SHARED, Owner.SHARED),
        ("owner", "partner", Owner.PARTNER),
        ("horizon", Horizon.LONG, Horizon.LONG),
        ("status", GoalStatus.DONE, GoalStatus.DONE),
        ("status", GoalStatus.DROPPED, GoalStatus.DROPPED),
        ("status", "paused", GoalStatus.PAUSED),
        ("target_date", dt.date(2030, 1, 31), dt.date(2030, 1, 31)),
    ],
)
def test_update_each_field(store: Store, clock: FrozenClock, field: str, value: Any, expected: Any) -> None:
    goal = store.goals.add("Old title", why="old why", target_date=dt.date(2027, 1, 1))
    clock.advance(hours=2)
    updated = store.goals.update(goal.id, **{field: value})
    assert getattr(updated, field) == expected
    assert updated.updated_at == FROZEN_NOW + dt.timedelta(hours=2)
    assert updated.created_at == FROZEN_NOW
    untouched = {"title", "why", "owner", "horizon", "status", "target_date"} - {field}
    for name in untouched:
        assert getattr(updated, name) == getattr(goal, name), name
    assert store.goals.get(goal.id) == updated


def test_update_clears_target_date(store: Store) -> None:
    goal = store.goals.add("x", target_date=dt.date(2027, 1, 1))
    assert store.goals.update(goal.id, target_date=None).target_date is None


def test_update_several_fields_at_once(store: Store) -> None:
    goal = store.goals.add("x")
    updated = store.goals.update(goal.id, title="y", owner=Owner.PARTNER, status=GoalStatus.PAUSED)
    assert (updated.title, updated.owner, updated.status) == ("y", Owner.PARTNER, GoalStatus.PAUSED)


def test_update_with_no_fields_changes_nothing(store: Store, clock: FrozenClock) -> None:
    goal = store.goals.add("x")
    clock.advance(days=1)
    assert store.goals.update(goal.id) == goal


def test_update_rejects_unknown_field_and_writes_nothing(store: Store) -> None:
    goal = store.goals.add("x")
    with pytest.raises(UsageError) as error:
        store.goals.update(goal.id, title="changed", colour="red")
    assert "colour" in _one_line_message(error)
    assert store.goals.get(goal.id) == goal


@pytest.mark.parametrize("bad", ["", "  \t "])
def test_update_rejects_empty_title(store: Store, bad: str) -> None:
    goal = store.goals.add("x")
    with pytest.raises(UsageError) as error:
        store.goals.update(goal.id, title=bad)
    _one_line_message(error)
    with pytest.raises(UsageError):
        store.goals.update(goal.id, title="y" * (MAX_TITLE + 1))
    assert store.goals.get(goal.id) == goal


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.goals.get(MISSING),
        lambda s: s.goals.update(MISSING),
        lambda s: s.goals.update(MISSING, title="x"),
        lambda s: s.goals.delete(MISSING),
        lambda s: s.goals.restore(MISSING),
        lambda s: s.goals.add_step(MISSING, "x"),
        lambda s: s.goals.update_step(MISSING, "x"),
        lambda s: s.goals.set_step_done(MISSING, True),
        lambda s: s.goals.move_step(MISSING, 1),
        lambda s: s.goals.delete_step(MISSING),
        lambda s: s.goals.add_resource(MISSING, ResourceKind.BOOK, "x"),
        lambda s: s.goals.update_resource(MISSING, kind=ResourceKind.BOOK, title="x"),
        lambda s: s.goals.delete_resource(MISSING),
        lambda s: s.goals.set_celebrated(MISSING),
        lambda s: s.goals.win_to_entry(MISSING),
    ],
    ids=["get", "update-nothing", "update", "delete", "restore", "add_step", "update_step", "set_step_done",
         "move_step", "delete_step", "add_resource", "update_resource", "delete_resource", "set_celebrated",
         "win_to_entry"],
)
def test_missing_ids_raise_not_found(store: Store, call: Any) -> None:
    store.goals.add("someone else's goal")
    with pytest.raises(NotFoundError) as error:
        call(store)
    assert str(MISSING) in _one_line_message(error)
    assert not store.conn.in_transaction


def test_restore_step_and_resource_into_a_missing_goal(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.goals.restore_step(Step(id=5, goal_id=MISSING, text="x"))
    from careerjournal.models import Resource

    with pytest.raises(NotFoundError):
        store.goals.restore_resource(Resource(id=5, goal_id=MISSING, kind=ResourceKind.BOOK, title="x"))
    assert _count(store, "goal_steps") == 0 and _count(store, "goal_resources") == 0


def test_list_orders_by_position(store: Store) -> None:
    titles = ["first", "second", "third", "fourth"]
    for title in titles:
        store.goals.add(title)
    assert [goal.title for goal in store.goals.list()] == titles
    positions = [row[0] for row in store.query("SELECT position FROM goals ORDER BY id")]
    assert positions == [0, 1, 2, 3]
    # Order comes from the position column, not from ids.
    first, second, *_ = store.goals.list()
    with store.transaction() as db:
        db.execute("UPDATE goals SET position = 10 WHERE id = ?", (first.id,))
    assert [goal.title for goal in store.goals.list()] == ["second", "third", "fourth", "first"]


def test_owner_filter(store: Store) -> None:
    mine = store.goals.add("mine")
    theirs = store.goals.add("theirs", owner=Owner.PARTNER)
    ours = store.goals.add("ours", owner=Owner.SHARED)
    also_mine = store.goals.add("also mine")
    assert [g.id for g in store.goals.list(Owner.ME)] == [mine.id, also_mine.id]
    assert [g.id for g in store.goals.list(Owner.PARTNER)] == [theirs.id]
    assert [g.id for g in store.goals.list("shared")] == [ours.id]  # type: ignore[arg-type]
    assert len(store.goals.list()) == 4
    store.goals.delete(theirs.id)
    assert store.goals.list(Owner.PARTNER) == []
    assert [g.id for g in store.goals.list(Owner.PARTNER, deleted=True)] == [theirs.id]
    assert store.goals.list(Owner.ME, deleted=True) == []


def test_delete_and_restore(store: Store, clock: FrozenClock) -> None:
    keep = store.goals.add("keep")
    goal = store.goals.add("trash me")
    step = store.goals.add_step(goal.id, "a step")
    resource = store.goals.add_resource(goal.id, ResourceKind.BOOK, "a book")
    clock.advance(days=1)
    deleted = store.goals.delete(goal.id)
    assert deleted.id == goal.id
    assert [g.id for g in store.goals.list()] == [keep.id]
    assert [g.id for g in store.goals.list(deleted=True)] == [goal.id]
    assert store.goals.get(goal.id).title == "trash me"  # still reachable from the trash
    deleted_at = store.query("SELECT deleted_at FROM goals WHERE id = ?", (goal.id,))[0][0]
    assert dt.datetime.fromisoformat(deleted_at) == FROZEN_NOW + dt.timedelta(days=1)

    restored = store.goals.restore(goal.id)
    assert [g.id for g in store.goals.list()] == [keep.id, goal.id]
    assert store.goals.list(deleted=True) == []
    assert restored.steps == (step,) and restored.resources == (resource,)
    assert store.query("SELECT deleted_at FROM goals WHERE id = ?", (goal.id,))[0][0] is None


# -- progress ------------------------------------------------------------------------------------------


def test_progress_is_none_without_steps(store: Store) -> None:
    goal = store.goals.add("no steps")
    assert goal.progress is None
    assert store.goals.get(goal.id).progress is None
    # ... and serialises as null, never NaN (json refuses NaN with allow_nan=False).
    payload = json.loads(json.dumps(goal_to_json(goal), allow_nan=False))
    assert payload["progress"] is None


def test_progress_fractions(store: Store) -> None:
    goal = store.goals.add("two steps")
    a = store.goals.add_step(goal.id, "a")
    b = store.goals.add_step(goal.id, "b")
    progress = store.goals.get(goal.id).progress
    assert progress == 0.0 and isinstance(progress, float) and not math.isnan(progress)
    store.goals.set_step_done(a.id, True)
    assert store.goals.get(goal.id).progress == 0.5
    store.goals.set_step_done(b.id, True)
    assert store.goals.get(goal.id).progress == 1.0
    store.goals.set_step_done(a.id, False)
    assert store.goals.get(goal.id).progress == 0.5
    store.goals.delete_step(a.id)
    store.goals.delete_step(b.id)
    assert store.goals.get(goal.id).progress is None


def test_progress_on_the_model() -> None:
    assert Goal(id=1, title="x").progress is None
    steps = tuple(Step(id=i, goal_id=1, text=str(i), position=i, done=i < 1) for i in range(3))
    assert Goal(id=1, title="x", steps=steps).progress == pytest.approx(1 / 3)


# -- steps ---------------------------------------------------------------------------------------------


def test_add_steps_get_positions_in_order(store: Store) -> None:
    goal = store.goals.add("g")
    other = store.goals.add("other")
    steps = [store.goals.add_step(goal.id, text) for text in ("one", "two", "three")]
    store.goals.add_step(other.id, "elsewhere")
    assert [s.position for s in steps] == [0, 1, 2]
    assert all(s.goal_id == goal.id and s.done is False and s.done_at is None for s in steps)
    assert _steps(store, goal.id) == steps
    assert _layout(store, other.id) == [("elsewhere", 0)]


@pytest.mark.parametrize("bad", ["", "   ", "x" * (MAX_TITLE + 1)])
def test_step_text_is_validated(store: Store, bad: str) -> None:
    goal = store.goals.add("g")
    step = store.goals.add_step(goal.id, "ok")
    with pytest.raises(UsageError) as error:
        store.goals.add_step(goal.id, bad)
    _one_line_message(error)
    with pytest.raises(UsageError):
        store.goals.update_step(step.id, bad)
    assert _steps(store, goal.id) == [step]


def test_update_step_text(store: Store) -> None:
    goal = store.goals.add("g")
    step = store.goals.add_step(goal.id, "draft CV")
    updated = store.goals.update_step(step.id, "  send   CV ")
    assert updated.text == "send CV"
    assert (updated.id, updated.position, updated.done) == (step.id, step.position, step.done)
    assert _steps(store, goal.id) == [updated]


def test_set_step_done_records_and_clears_the_time(store: Store, clock: FrozenClock) -> None:
    goal = store.goals.add("g")
    step = store.goals.add_step(goal.id, "s")
    clock.advance(days=3)
    ticked = store.goals.set_step_done(step.id, True)
    assert ticked.done is True
    assert ticked.done_at == FROZEN_NOW + dt.timedelta(days=3)
    assert ticked.done_at.tzinfo is not None
    assert _steps(store, goal.id) == [ticked]

    clock.advance(days=1)
    unticked = store.goals.set_step_done(step.id, False)
    assert unticked.done is False and unticked.done_at is None
    assert _steps(store, goal.id) == [unticked]

    clock.advance(days=1)
    again = store.goals.set_step_done(step.id, True)
    assert again.done_at == FROZEN_NOW + dt.timedelta(days=5)


def test_move_step_up_down_and_at_the_edges(store: Store) -> None:
    goal = store.goals.add("g")
    other = store.goals.add("other")
    a, b, c, d = (store.goals.add_step(goal.id, t) for t in "abcd")
    store.goals.add_step(other.id, "x")
    store.goals.add_step(other.id, "y")

    def order() -> list[str]:
        layout = _layout(store, goal.id)
        assert [position for _, position in layout] == list(range(len(layout))), layout
        return [text for text, _ in layout]

    assert store.goals.move_step(a.id, -1).position == 0  # already at the top
    assert order() == ["a", "b", "c", "d"]
    assert store.goals.move_step(d.id, +1).position == 3  # already at the bottom
    assert order() == ["a", "b", "c", "d"]
    assert store.goals.move_step(a.id, +1).position == 1
    assert order() == ["b", "a", "c", "d"]
    assert store.goals.move_step(d.id, -1).position == 2
    assert order() == ["b", "a", "d", "c"]
    assert store.goals.move_step(c.id, -1).position == 2
    assert order() == ["b", "a", "c", "d"]
    assert store.goals.move_step(b.id, +10).position == 3  # big jumps clamp
    assert order() == ["a", "c", "d", "b"]
    assert store.goals.move_step(b.id, -10).position == 0
    assert order() == ["b", "a", "c", "d"]
    assert _layout(store, other.id) == [("x", 0), ("y", 1)]  # another goal's steps never move


def test_move_step_repairs_gaps(store: Store) -> None:
    goal = store.goals.add("g")
    a, b, c = (store.goals.add_step(goal.id, t) for t in "abc")
    with store.transaction() as db:
        db.execute("UPDATE goal_steps SET position = position * 5 WHERE goal_id = ?", (goal.id,))
    store.goals.move_step(c.id, -1)
    assert _layout(store, goal.id) == [("a", 0), ("c", 1), ("b", 2)]


def test_delete_and_restore_step_keeps_order(store: Store, clock: FrozenClock) -> None:
    goal = store.goals.add("g")
    a, b, c = (store.goals.add_step(goal.id, t) for t in "abc")
    clock.advance(hours=1)
    b = store.goals.set_step_done(b.id, True)
    removed = store.goals.delete_step(b.id)
    assert removed == b
    assert [s.text for s in _steps(store, goal.id)] == ["a", "c"]
    restored = store.goals.restore_step(removed)
    assert (restored.id, restored.text, restored.done, restored.done_at) == (b.id, "b", True, b.done_at)
    assert [s.text for s in _steps(store, goal.id)] == ["a", "b", "c"]
    assert [s.id for s in _steps(store, goal.id)] == [a.id, b.id, c.id]


def test_delete_and_restore_step_keeps_positions_contiguous(store: Store) -> None:
    goal = store.goals.add("g")
    for text in "abcd":
        store.goals.add_step(goal.id, text)
    before = _steps(store, goal.id)
    removed = store.goals.delete_step(before[1].id)
    assert _layout(store, goal.id) == [("a", 0), ("c", 1), ("d", 2)]
    restored = store.goals.restore_step(removed)
    assert restored.position == 1
    assert _steps(store, goal.id) == before


def test_restore_step_of_first_and_last(store: Store) -> None:
    goal = store.goals.add("g")
    a, b, c = (store.goals.add_step(goal.id, t) for t in "abc")
    store.goals.restore_step(store.goals.delete_step(a.id))
    assert [s.id for s in _steps(store, goal.id)] == [a.id, b.id, c.id]
    store.goals.restore_step(store.goals.delete_step(c.id))
    assert [s.id for s in _steps(store, goal.id)] == [a.id, b.id, c.id]
    assert store.goals.get(goal.id).steps[0] == a


# -- resources -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ResourceKind))
def test_resource_round_trip_for_every_kind(store: Store, kind: ResourceKind) -> None:
    goal = store.goals.add("g")
    first = store.goals.add_resource(goal.id, ResourceKind.OTHER, "before")
    resource = store.goals.add_resource(goal.id, kind, "  Intro  to   it ", link="  https://example.org/x?a=1&b=[2] ",
                                        notes=HOSTILE_FREE_TEXT)
    assert resource.kind is kind
    assert resource.title == "Intro to it"
    assert resource.link == "https://example.org/x?a=1&b=[2]"
    assert resource.notes == HOSTILE_FREE_TEXT
    assert store.goals.get(goal.id).resources == (first, resource)

    others = [k for k in ResourceKind if k is not kind]
    updated = store.goals.update_resource(resource.id, kind=others[0], title="Renamed", link="", notes="n")
    assert (updated.id, updated.goal_id, updated.kind, updated.title, updated.link, updated.notes) == (
        resource.id, goal.id, others[0], "Renamed", "", "n")
    updated = store.goals.update_resource(resource.id, kind=kind.value, title="Back")  # type: ignore[arg-type]
    assert updated.kind is kind
    assert store.goals.get(goal.id).resources == (first, updated)

    removed = store.goals.delete_resource(resource.id)
    assert removed == updated
    assert store.goals.get(goal.id).resources == (first,)
    store.goals.restore_resource(removed)
    assert store.goals.get(goal.id).resources == (first, updated)


def test_invalid_resource_kind_is_rejected(store: Store) -> None:
    goal = store.goals.add("g")
    resource = store.goals.add_resource(goal.id, ResourceKind.BOOK, "b")
    with pytest.raises((UsageError, ValueError)):
        store.goals.add_resource(goal.id, "video", "x")  # type: ignore[arg-type]
    with pytest.raises((UsageError, ValueError)):
        store.goals.update_resource(resource.id, kind="video", title="x")  # type: ignore[arg-type]
    assert store.goals.get(goal.id).resources == (resource,)
    assert not store.conn.in_transaction
    # The schema refuses it too, should anything bypass the repository.
    with pytest.raises(CareerJournalError):
        with store.transaction() as db:
            db.execute("UPDATE goal_resources SET kind = 'video'")
    assert store.goals.get(goal.id).resources == (resource,)


@pytest.mark.parametrize("bad", ["", "  ", "x" * (MAX_TITLE + 1)])
def test_resource_title_is_validated(store: Store, bad: str) -> None:
    goal = store.goals.add("g")
    resource = store.goals.add_resource(goal.id, ResourceKind.COURSE, "ok")
    with pytest.raises(UsageError) as error:
        store.goals.add_resource(goal.id, ResourceKind.COURSE, bad)
    _one_line_message(error)
    with pytest.raises(UsageError):
        store.goals.update_resource(resource.id, kind=ResourceKind.COURSE, title=bad)
    assert store.goals.get(goal.id).resources == (resource,)


# -- wins ----------------------------------------------------------------------------------------------


def test_add_win_and_newest_first(store: Store, clock: FrozenClock) -> None:
    goal = store.goals.add("g")
    step = store.goals.add_step(goal.id, "s")
    first = store.goals.add_win("  Got   the interview ", goal_id=goal.id, step_id=step.id)
    assert first.text == "Got the interview"
    assert (first.goal_id, first.step_id, first.celebrated, first.entry_id) == (goal.id, step.id, False, None)
    assert first.created_at == FROZEN_NOW
    clock.advance(days=1)
    second = store.goals.add_win("Loose win")
    assert second.goal_id is None and second.step_id is None
    same_moment = store.goals.add_win("Same moment, added later")
    clock.advance(seconds=0.5)
    latest = store.goals.add_win("Half a second later")
    assert [w.id for w in store.goals.wins()] == [latest.id, same_moment.id, second.id, first.id]


@pytest.mark.parametrize("bad", ["", " \n ", "x" * (MAX_TITLE + 1)])
def test_win_text_is_validated(store: Store, bad: str) -> None:
    with pytest.raises(UsageError) as error:
        store.goals.add_win(bad)
    _one_line_message(error)
    assert store.goals.wins() == []


def test_set_celebrated(store: Store) -> None:
    win = store.goals.add_win("w")
    other = store.goals.add_win("other")
    assert store.goals.set_celebrated(win.id).celebrated is True
    assert {w.id: w.celebrated for w in store.goals.wins()} == {win.id: True, other.id: False}
    assert store.goals.set_celebrated(win.id, False).celebrated is False
    assert not any(w.celebrated for w in store.goals.wins())


def test_win_to_entry_creates_a_private_tagged_entry(store: Store) -> None:
    goal = store.goals.add("Lead a team")
    win = store.goals.add_win("[bold]Gave[/bold] my first talk", goal_id=goal.id)
    entry = store.goals.win_to_entry(win.id)
    assert entry.shared is False
    assert entry.tags == ("win",)
    assert "[bold]Gave[/bold] my first talk" in entry.body
    assert "Lead a team" in entry.body
    assert "[bold]Gave[/bold] my first talk" in entry.title
    assert entry.created_at == FROZEN_NOW
    assert store.entries.get(entry.id) == entry
    (linked,) = store.goals.wins()
    assert linked.entry_id == entry.id
    assert store.entries.list()[0].id == entry.id


def test_win_to_entry_without_a_goal(store: Store) -> None:
    win = store.goals.add_win("Said no to a late meeting")
    entry = store.goals.win_to_entry(win.id)
    assert entry.body == "Said no to a late meeting"
    assert entry.tags == ("win",) and entry.shared is False


def test_win_to_entry_is_idempotent(store: Store, clock: FrozenClock) -> None:
    win = store.goals.add_win("w")
    first = store.goals.win_to_entry(win.id)
    clock.advance(days=1)
    second = store.goals.win_to_entry(win.id)
    assert second == first
    assert _count(store, "entries") == 1
    assert store.goals.wins()[0].entry_id == first.id


def test_win_to_entry_rolls_back_when_linking_fails(store: Store) -> None:
    """Fail at the last statement (the UPDATE of wins): the entry insert must go too."""
    win = store.goals.add_win("w")
    store.conn.execute(
        "CREATE TEMP TRIGGER refuse_link BEFORE UPDATE OF entry_id ON wins "
        "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
    )
    with pytest.raises(CareerJournalError):
        store.goals.win_to_entry(win.id)
    assert not store.conn.in_transaction
    assert _count(store, "entries") == 0
    assert _count(store, "entries_fts") == 0
    assert _count(store, "entry_tags") == 0
    assert store.goals.wins()[0].entry_id is None
    store.conn.execute("DROP TRIGGER refuse_link")
    entry = store.goals.win_to_entry(win.id)  # and works once the problem is gone
    assert _count(store, "entries") == 1 and store.goals.wins()[0].entry_id == entry.id


def test_win_to_entry_rolls_back_the_inner_savepoint(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The entry is added in a nested transaction (a savepoint) that has already been
    released when the failure comes; the outer rollback must still remove it."""
    win = store.goals.add_win("w")
    real_add = store.entries.add
    added: list[int] = []

    def add_then_fail(*args: Any, **kwargs: Any) -> Any:
        entry = real_add(*args, **kwargs)
        added.append(entry.id)
        assert store.conn.in_transaction  # still inside win_to_entry's transaction
        raise RuntimeError("simulated failure after the insert")

    monkeypatch.setattr(store.entries, "add", add_then_fail)
    with pytest.raises(RuntimeError):
        store.goals.win_to_entry(win.id)
    assert added, "the entry insert never ran"
    assert not store.conn.in_transaction
    assert _count(store, "entries") == 0
    assert store.query("SELECT count(*) FROM entries WHERE id = ?", (added[0],))[0][0] == 0
    assert store.goals.wins()[0].entry_id is None


def test_deleting_a_goal_keeps_its_wins(store: Store) -> None:
    goal = store.goals.add("g")
    step = store.goals.add_step(goal.id, "s")
    win = store.goals.add_win("kept", goal_id=goal.id, step_id=step.id)
    store.goals.delete(goal.id)
    assert store.goals.list() == []
    assert store.goals.wins() == [win]
    assert store.goals.set_celebrated(win.id).celebrated is True
    entry = store.goals.win_to_entry(win.id)
    assert "kept" in entry.body


# -- nested transactions -------------------------------------------------------------------------------


def _titles(store: Store) -> list[str]:
    return [goal.title for goal in store.goals.list()]


def test_nested_failure_caught_rolls_back_only_the_inner_part(store: Store) -> None:
    with store.transaction():
        store.goals.add("outer before")
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.goals.add("inner")
                raise RuntimeError("inner fails")
        assert _titles(store) == ["outer before"]
        store.goals.add("outer after")
    assert not store.conn.in_transaction
    assert _titles(store) == ["outer before", "outer after"]


def test_nested_sqlite_error_caught_rolls_back_only_the_inner_part(store: Store) -> None:
    import sqlite3

    with store.transaction() as db:
        store.goals.add("outer")
        with pytest.raises(sqlite3.Error):
            with store.transaction() as inner:
                store.goals.add("inner")
                inner.execute("INSERT INTO goals (title) VALUES (NULL)")  # NOT NULL violation
        db.execute("SELECT 1")
    assert _titles(store) == ["outer"]


def test_nested_failure_propagating_rolls_back_everything(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.goals.add("outer")
            with store.transaction():
                store.goals.add("inner")
                raise RuntimeError("inner fails")
    assert not store.conn.in_transaction
    assert _titles(store) == []


def test_outer_failure_after_a_released_savepoint_rolls_back_everything(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.goals.add("outer")
            with store.transaction():
                store.goals.add("inner")
            with store.transaction():
                with store.transaction():
                    store.goals.add("deeper")
            assert _titles(store) == ["outer", "inner", "deeper"]
            raise RuntimeError("outer fails")
    assert _titles(store) == []
    store.goals.add("fine afterwards")
    assert _titles(store) == ["fine afterwards"]


def test_repeated_nested_rollbacks_reuse_savepoint_names(store: Store) -> None:
    with store.transaction():
        for index in range(3):
            with pytest.raises(ValueError):
                with store.transaction():
                    store.goals.add(f"dropped {index}")
                    raise ValueError
            with store.transaction():
                store.goals.add(f"kept {index}")
    assert _titles(store) == ["kept 0", "kept 1", "kept 2"]


# -- hostile text --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_exactly(store: Store, text: str) -> None:
    goal = store.goals.add(text, why=text + "\n" + HOSTILE_FREE_TEXT)
    step = store.goals.add_step(goal.id, text)
    resource = store.goals.add_resource(goal.id, ResourceKind.HANDS_ON, text, link=text, notes=text)
    win = store.goals.add_win(text, goal_id=goal.id)

    again = store.goals.get(goal.id)
    assert again.title == text
    assert again.why == text + "\n" + HOSTILE_FREE_TEXT
    assert again.steps[0].text == text and again.steps[0] == step
    assert (again.resources[0].title, again.resources[0].link, again.resources[0].notes) == (text, text, text)
    assert again.resources[0] == resource
    assert store.goals.wins()[0].text == text and store.goals.wins()[0] == win

    updated = store.goals.update_step(step.id, text + " 2")
    assert updated.text == text + " 2"
    assert store.goals.update(goal.id, title=text + " 2").title == text + " 2"
    entry = store.goals.win_to_entry(win.id)
    assert text in entry.body
    # JSON for scripts keeps it exact too.
    payload = json.loads(json.dumps(goal_to_json(store.goals.get(goal.id), store.goals.wins()), ensure_ascii=False))
    assert payload["title"] == text + " 2"
    assert payload["steps"][0]["text"] == text + " 2"
    assert payload["wins"][0]["text"] == text
