"""Words typed straight after a key that opens a form land in the form, in every pane.

A fast typist, or a paste, sends the key and the next words in one write, so the
app reads them together. They used to reach the pane's tree or list before the form
was on screen: the words were lost, and letters could run as the list's own keys
(d deletes, e edits, space ticks). Each test sends the key and the words in one
write to the real app in a pseudo-terminal, saves, quits, and then checks the
journal file: the new words are there and nothing else changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from careerjournal.db.store import Store
from careerjournal.models import ConcernReason, LedgerColumn, LedgerStatus
from tests.e2e.terminal import CTRL_Q, CTRL_S, ENTER, NEEDS_PTY, Terminal

pytestmark = NEEDS_PTY

#: Full of the panes' own keys: a add, R resource, e edit, d delete, space tick, u undo, o owner, m move...
GOAL_TITLE = "Read a Rust book daily"
LEDGER_TEXT = "Friday drinks and dinners"
CONCERN_TEXT = "The evenings would fall on them"
EDITED_CONCERN = "Dad drives home at night"


def open_pane(app: Terminal, key: str, shows: str, footer: str) -> None:
    app.wait_for("Press n to write your first entry", "the empty journal")
    app.send(key)
    app.wait_for(lambda text: shows in text and footer in text, f"the pane with {shows!r} and {footer!r}")


def quit_app(app: Terminal) -> None:
    app.send(CTRL_Q)
    assert app.wait_exit() == (0, None)


def test_words_typed_straight_after_a_go_into_the_new_goal(start: Callable[[Path], Terminal],
                                                           tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    with Store.open(db) as store:
        kept = store.goals.add("Keep me")
        store.goals.add_step(kept.id, "First step")
    app = start(db)
    open_pane(app, "2", "Keep me", "a Add goal")
    app.send("a" + GOAL_TITLE)  # one write
    app.wait_for(lambda text: "What do you want to achieve?" in text and GOAL_TITLE in text,
                 "the words in the new goal's title")
    app.send(CTRL_S)
    app.wait_for(lambda text: "Goal added." in text and GOAL_TITLE in text, "the new goal in the tree")
    quit_app(app)

    with Store.open(db) as store:
        goals = {goal.title: goal for goal in store.goals.list()}
        assert sorted(goals) == ["Keep me", GOAL_TITLE]
        assert [(step.text, step.done) for step in goals["Keep me"].steps] == [("First step", False)]
        assert not goals["Keep me"].resources and not goals[GOAL_TITLE].steps
        assert store.goals.list(deleted=True) == [] and store.goals.wins() == []


def test_words_typed_straight_after_a_go_into_the_new_ledger_item(start: Callable[[Path], Terminal],
                                                                  tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    with Store.open(db) as store:
        store.ledger.add("Keep me", LedgerColumn.GIVE_UP)
    app = start(db)
    open_pane(app, "3", "Keep me", "a Add")
    app.send("a" + LEDGER_TEXT)
    app.wait_for(lambda text: "What is it?" in text and LEDGER_TEXT in text, "the words in the new item")
    app.send(CTRL_S)
    app.wait_for(lambda text: "Added." in text and LEDGER_TEXT in text, "the new item in its column")
    quit_app(app)

    with Store.open(db) as store:
        items = {item.text: item for item in store.ledger.list()}
        assert sorted(items) == [LEDGER_TEXT, "Keep me"]
        assert (items["Keep me"].column, items["Keep me"].status) == (LedgerColumn.GIVE_UP, LedgerStatus.IDEA)
        assert store.ledger.list(deleted=True) == []


def test_words_typed_straight_after_a_go_into_the_new_concern(start: Callable[[Path], Terminal],
                                                              tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    with Store.open(db) as store:
        store.talk.add_concern(ConcernReason.SAFETY, "Keep me")
    app = start(db)
    open_pane(app, "4", "Keep me", "a Add concern")
    app.send("a" + CONCERN_TEXT)
    app.wait_for(lambda text: "What did you hear?" in text and CONCERN_TEXT in text, "the words in the concern")
    app.send(CTRL_S)
    app.wait_for(lambda text: "Concern noted." in text and CONCERN_TEXT in text, "the new concern in the list")
    quit_app(app)

    with Store.open(db) as store:
        concerns = {concern.heard: concern for concern in store.talk.concerns()}
        assert sorted(concerns) == ["Keep me", CONCERN_TEXT]
        assert not concerns["Keep me"].addressed and concerns["Keep me"].reason == ConcernReason.SAFETY
        assert store.talk.concerns(deleted=True) == []


def test_words_typed_straight_after_enter_go_into_the_concern_being_edited(start: Callable[[Path], Terminal],
                                                                          tmp_path: Path) -> None:
    """Enter edits a concern; a "d" typed before the form was up used to delete it instead."""
    db = tmp_path / "journal.db"
    with Store.open(db) as store:
        store.talk.add_concern(ConcernReason.SAFETY, "Sam worries")
    app = start(db)
    open_pane(app, "4", "Sam worries", "e Edit")
    # The field opens with its text selected (Textual's Input), so the words replace it.
    app.send(ENTER + EDITED_CONCERN)
    app.wait_for(lambda text: "What did you hear?" in text and EDITED_CONCERN in text, "the words in the concern")
    app.send(CTRL_S)
    app.wait_for(lambda text: "Concern saved." in text and EDITED_CONCERN in text, "the edited concern in the list")
    quit_app(app)

    with Store.open(db) as store:
        assert [(c.heard, c.addressed) for c in store.talk.concerns()] == [(EDITED_CONCERN, False)]
        assert store.talk.concerns(deleted=True) == []
