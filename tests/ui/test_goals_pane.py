"""The Goals pane, driven with Pilot (issue 4: keys, wins, any text is safe).

Starting the app and switching to the pane costs about a second, so each test
drives one session through a short story rather than checking a single key.
Everything is checked twice: in the store, and in the tree the user sees
(``GoalTree`` nodes, their ``Item`` data and their labels' plain text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from rich.text import Text
from textual import events
from textual.markup import MarkupError
from textual.widgets import Input, Label, Select, Static
from textual.widgets.tree import TreeNode

from careerjournal.db.goals import MAX_TITLE
from careerjournal.db.store import Store
from careerjournal.models import GoalStatus, Horizon, Owner, ResourceKind
from careerjournal.ui.panes.goals import GoalsPane, GoalTree, Item
from careerjournal.ui.screens.goal_forms import FormScreen, GoalForm, ResourceForm, TextForm
from tests.conftest import FROZEN_NOW
from tests.ui.conftest import settle

TODAY = FROZEN_NOW.date()
SIZE = (140, 40)

HOSTILE = [
    "[/]",
    "[bold]x[/bold]",
    "[@click=app.quit]x[/]",
    "<script>alert('x')</script>",
    "🎉 👩‍💻 done!",
    "שלום עולם مرحبا",
]


# -- helpers ---------------------------------------------------------------------------------------------


async def open_goals(pilot) -> GoalsPane:  # type: ignore[no-untyped-def]
    pilot.app.animation_level = "none"
    await pilot.press("2")
    await settle(pilot)
    assert pilot.app.current_pane == "goals"
    return pilot.app.query_one(GoalsPane)


def tree(app) -> GoalTree:  # type: ignore[no-untyped-def]
    return app.query_one(GoalTree)


def walk(node: TreeNode[Item]) -> Iterator[TreeNode[Item]]:
    for child in node.children:
        yield child
        yield from walk(child)


def nodes(app, kind: str | None = None) -> list[TreeNode[Item]]:  # type: ignore[no-untyped-def]
    return [node for node in walk(tree(app).root)
            if node.data is not None and (kind is None or node.data.kind == kind)]


def plain(node: TreeNode[Item]) -> str:
    label = node.label
    return label.plain if isinstance(label, Text) else str(label)


def labels(app, kind: str | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    return [plain(node) for node in nodes(app, kind)]


def name_of(item: Item) -> str:
    value = item.value
    return getattr(value, "title", None) or getattr(value, "text", "")


def node_for(app, kind: str, name: str) -> TreeNode[Item]:  # type: ignore[no-untyped-def]
    found = [node for node in nodes(app, kind) if name_of(node.data) == name]
    assert len(found) == 1, (kind, name, labels(app))
    return found[0]


def label_of(app, kind: str, name: str) -> str:  # type: ignore[no-untyped-def]
    return plain(node_for(app, kind, name))


async def select(pilot, kind: str, name: str) -> TreeNode[Item]:  # type: ignore[no-untyped-def]
    """Open the node's parents (as enter would) and put the cursor on it."""
    node = node_for(pilot.app, kind, name)
    parent = node.parent
    while parent is not None:
        parent.expand()
        parent = parent.parent
    await pilot.pause()
    tree(pilot.app).move_cursor(node)
    await pilot.pause()
    assert tree(pilot.app).cursor_node is node
    return node


def selected(app) -> Item | None:  # type: ignore[no-untyped-def]
    return app.query_one(GoalsPane).selected


def static_text(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


def status_line(app) -> str:  # type: ignore[no-untyped-def]
    return static_text(app.query_one("#goals-status", Static))


def form(app, kind: type[FormScreen] = FormScreen) -> FormScreen:  # type: ignore[no-untyped-def]
    assert isinstance(app.screen, kind), app.screen
    return app.screen


def form_error(app) -> str:  # type: ignore[no-untyped-def]
    return static_text(form(app).query_one(".form-error", Static))


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the tree actually draws, line by line."""
    widget = tree(app)
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def submit(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+s")
    await settle(pilot)


async def add_step(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("A")
    screen = form(pilot.app, TextForm)
    assert screen.FORM_TITLE == "New step"
    screen.query_one("#text-value", Input).value = text
    await submit(pilot)
    assert not isinstance(pilot.app.screen, FormScreen)


async def add_resource(pilot, kind: ResourceKind, title: str, link: str = "",  # type: ignore[no-untyped-def]
                       notes: str = "") -> None:
    await pilot.press("R")
    screen = form(pilot.app, ResourceForm)
    screen.query_one("#resource-kind", Select).value = kind
    screen.query_one("#resource-title", Input).value = title
    screen.query_one("#resource-link", Input).value = link
    screen.query_one("#resource-notes", Input).value = notes
    await submit(pilot)
    assert not isinstance(pilot.app.screen, FormScreen)


def send_at_once(app, keys: str) -> None:  # type: ignore[no-untyped-def]
    """Queue every key before the app handles the first, as a fast typist's (or a paste's) arrive."""
    for char in keys:
        app.post_message(events.Key("space" if char == " " else char, char))


def step_texts(store: Store, goal_id: int) -> list[str]:
    return [step.text for step in store.goals.get(goal_id).steps]


# -- the add form: validation, then two goals -------------------------------------------------------------


async def test_add_goal_form_validates_and_saves(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_goals(pilot)
        assert app.focused is tree(app)
        # an empty pane says what to press, in every group
        assert labels(app, "group") == ["My goals (0)", "My partner's goals (0)", "Our shared goals (0)"]
        assert all("press a" in text for text in labels(app, "hint"))
        assert "Showing everyone's goals" in status_line(app)
        # goal keys are off with nothing selected
        for key in ("A", "R", "e", "c", "d", "u"):
            await pilot.press(key)
            assert not isinstance(app.screen, FormScreen), key

        await pilot.press("a")
        screen = form(app, GoalForm)
        assert isinstance(app.focused, Input) and app.focused.id == "goal-title"
        assert screen.query_one("#goal-owner", Select).value == Owner.ME
        assert screen.query_one("#goal-horizon", Select).value == Horizon.SHORT
        assert screen.query_one("#goal-status", Select).value == GoalStatus.ACTIVE
        # an empty title: one sentence, the form stays
        await submit(pilot)
        message = form_error(app)
        assert "title" in message.lower() and message.rstrip().endswith(".") and "\n" not in message
        assert form(app) is screen
        # a title over the limit: a sentence naming the limit
        screen.query_one("#goal-title", Input).value = "x" * (MAX_TITLE + 1)
        await submit(pilot)
        message = form_error(app)
        assert str(MAX_TITLE) in message and str(MAX_TITLE + 1) in message and "\n" not in message
        assert form(app) is screen
        # a date nobody understands: a sentence that names it
        screen.query_one("#goal-title", Input).value = ""
        await pilot.press(*"Lead", "space", "a", "space", *"team")
        screen.query_one("#goal-target", Input).value = "banana"
        await submit(pilot)
        message = form_error(app)
        assert "banana" in message and "\n" not in message
        assert form(app) is screen
        assert store.goals.list() == []
        # fixed: a long-term goal, due in three months of the frozen clock
        screen.query_one("#goal-target", Input).value = "in 3 months"
        screen.query_one("#goal-why", Input).value = "I like helping people grow"
        screen.query_one("#goal-horizon", Select).value = Horizon.LONG
        await submit(pilot)
        assert not isinstance(app.screen, FormScreen)
        [lead] = store.goals.list()
        assert (lead.title, lead.why, lead.owner, lead.horizon, lead.status, lead.target_date) == (
            "Lead a team", "I like helping people grow", Owner.ME, Horizon.LONG, GoalStatus.ACTIVE,
            dt.date(2027, 2, 22))
        assert lead.steps == () and lead.progress is None
        # shown, selected, with no progress bar and never NaN
        label = label_of(app, "goal", "Lead a team")
        assert "long-term" in label and "by 2027-02-22" in label
        assert "/" not in label and "NaN" not in label and "nan" not in label and "█" not in label
        assert "overdue" not in label
        assert selected(app).kind == "goal" and selected(app).value.id == lead.id
        assert labels(app, "group")[0] == "My goals (1)"

        # a short-term goal for the partner, with an ISO date
        await pilot.press("a")
        screen = form(app, GoalForm)
        screen.query_one("#goal-title", Input).value = "  Get   promoted  "
        screen.query_one("#goal-owner", Select).value = Owner.PARTNER
        screen.query_one("#goal-target", Input).value = "2027-06-01"
        await submit(pilot)
        assert not isinstance(app.screen, FormScreen)
        partner = store.goals.list(Owner.PARTNER)
        assert [(g.title, g.horizon, g.target_date, g.status) for g in partner] == [
            ("Get promoted", Horizon.SHORT, dt.date(2027, 6, 1), GoalStatus.ACTIVE)]
        assert labels(app, "group") == ["My goals (1)", "My partner's goals (1)", "Our shared goals (0)"]
        label = label_of(app, "goal", "Get promoted")
        assert "short-term" in label and "by 2027-06-01" in label and "NaN" not in label

        # escape cancels without saving
        await pilot.press("a")
        form(app, GoalForm).query_one("#goal-title", Input).value = "Never mind"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert len(store.goals.list()) == 2
        assert pane.owner_filter is None


# -- the "done when" story: steps, a tick, a win, resources, quit and reopen ---------------------------


async def test_steps_tick_win_resources_then_reopen(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    partner = store.goals.add("Get promoted", owner=Owner.PARTNER)
    store.goals.add_step(partner.id, "Write the promotion case")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await pilot.press("a")
        screen = form(app, GoalForm)
        screen.query_one("#goal-title", Input).value = "Lead a team"
        screen.query_one("#goal-horizon", Select).value = Horizon.LONG
        await submit(pilot)
        [lead] = store.goals.list(Owner.ME)
        goal_node = node_for(app, "goal", "Lead a team")
        assert tree(app).cursor_node is goal_node
        assert any("No steps yet" in plain(child) for child in goal_node.children)

        # a new goal arrives open; enter closes and opens it
        assert goal_node.is_expanded
        await pilot.press("enter")
        assert not goal_node.is_expanded
        await pilot.press("enter")
        assert goal_node.is_expanded

        # A adds three steps, in order, each selected once added
        for text in ("Read a management book", "Ask for a stretch project", "Shadow a manager"):
            await add_step(pilot, text)
            assert selected(app).kind == "step" and selected(app).value.text == text
        assert step_texts(store, lead.id) == ["Read a management book", "Ask for a stretch project",
                                              "Shadow a manager"]
        assert [s.position for s in store.goals.get(lead.id).steps] == [0, 1, 2]
        assert labels(app, "step")[:3] == ["☐ Read a management book", "☐ Ask for a stretch project",
                                           "☐ Shadow a manager"]
        assert "0/3" in label_of(app, "goal", "Lead a team")
        assert not [text for text in labels(app, "hint") if "No steps" in text]

        # an empty step: a sentence, the form stays
        await pilot.press("A")
        await submit(pilot)
        assert "\n" not in form_error(app) and form_error(app).strip()
        await pilot.press("escape")
        await settle(pilot)
        assert len(store.goals.get(lead.id).steps) == 3

        # j/k move the cursor; space on a step ticks it and offers a win
        await select(pilot, "step", "Read a management book")
        await pilot.press("j")
        assert selected(app).value.text == "Ask for a stretch project"
        await pilot.press("k")
        assert selected(app).value.text == "Read a management book"
        await pilot.press("space")
        await settle(pilot)
        win_form = form(app, TextForm)
        assert win_form.FORM_TITLE == "Record a win?"
        assert win_form.query_one("#text-value", Input).value == "Done: Read a management book"
        first = store.goals.get(lead.id).steps[0]
        assert first.done and first.done_at == FROZEN_NOW
        win_form.query_one("#text-value", Input).value = "Finished the book, took notes"
        await submit(pilot)
        assert not isinstance(app.screen, FormScreen)
        [win] = store.goals.wins()
        assert (win.text, win.goal_id, win.step_id, win.celebrated) == (
            "Finished the book, took notes", lead.id, first.id, False)
        # the bar moved: one of three
        label = label_of(app, "goal", "Lead a team")
        assert "1/3" in label and "████░░░░░░░░" in label and "NaN" not in label
        assert label_of(app, "step", "Read a management book") == "☑ Read a management book  done 2026-11-22"
        assert labels(app, "wins") == ["Wins (1)"]
        assert label_of(app, "win", "Finished the book, took notes").startswith("★ Finished the book")

        # space again unticks, without offering a win
        await select(pilot, "step", "Read a management book")
        await pilot.press("space")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert not store.goals.get(lead.id).steps[0].done
        assert "0/3" in label_of(app, "goal", "Lead a team")
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("escape")  # a second win for the same step is not wanted
        await settle(pilot)
        assert len(store.goals.wins()) == 1
        assert "1/3" in label_of(app, "goal", "Lead a team")

        # a partner's step: the win form nudges to celebrate with them
        await select(pilot, "step", "Write the promotion case")
        await pilot.press("space")
        await settle(pilot)
        note = static_text(form(app, TextForm).query_one(".form-note", Static))
        assert "partner" in note and "celebrate" in note
        await pilot.press("escape")
        await settle(pilot)
        assert store.goals.get(partner.id).steps[0].done
        assert len(store.goals.wins()) == 1
        assert "1/1" in label_of(app, "goal", "Get promoted")

        # R: two resources of different kinds
        await select(pilot, "goal", "Lead a team")
        await add_resource(pilot, ResourceKind.MENTOR, "Priya", notes="monthly coffee")
        await add_resource(pilot, ResourceKind.BOOK, "The Manager's Path", link="https://example.com/book")
        resources = store.goals.get(lead.id).resources
        assert [(r.kind, r.title, r.link, r.notes) for r in resources] == [
            (ResourceKind.MENTOR, "Priya", "", "monthly coffee"),
            (ResourceKind.BOOK, "The Manager's Path", "https://example.com/book", "")]
        assert labels(app, "resources") == ["Resources (2)"]
        section = nodes(app, "resources")[0]
        assert [plain(child) for child in section.children] == [
            "Mentor: Priya  monthly coffee", "Book: The Manager's Path  https://example.com/book"]
        # e on a resource edits it
        await select(pilot, "resource", "Priya")
        await pilot.press("e")
        screen = form(app, ResourceForm)
        assert screen.query_one("#resource-kind", Select).value == ResourceKind.MENTOR
        assert screen.query_one("#resource-notes", Input).value == "monthly coffee"
        screen.query_one("#resource-kind", Select).value = ResourceKind.COACH
        await submit(pilot)
        assert store.goals.get(lead.id).resources[0].kind == ResourceKind.COACH
        assert label_of(app, "resource", "Priya").startswith("Coach: Priya")

        before_goals = store.goals.list()
        before_labels = labels(app)
        await pilot.press("ctrl+q")
    assert not app.is_running

    # quit and reopen: everything as left
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        assert store.goals.list() == before_goals
        assert labels(again) == before_labels
        assert "1/3" in label_of(again, "goal", "Lead a team")
        assert "1/1" in label_of(again, "goal", "Get promoted")
        assert labels(again, "win") == ["★ Finished the book, took notes"]
        assert labels(again, "resources") == ["Resources (2)"]
        assert node_for(again, "goal", "Lead a team").is_expanded


# -- reorder, edit, finish, delete and undo --------------------------------------------------------------


async def test_reorder_edit_complete_delete_undo(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    lead = store.goals.add("Lead a team", horizon=Horizon.LONG, why="growth")
    s1 = store.goals.add_step(lead.id, "Read a book")
    s2 = store.goals.add_step(lead.id, "Ask for a stretch project")
    s3 = store.goals.add_step(lead.id, "Shadow a manager")
    run = store.goals.add("Run a 10k together", owner=Owner.SHARED)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_goals(pilot)

        def order() -> list[int]:
            return [step.id for step in store.goals.get(lead.id).steps]

        # K/J move the selected step; the store's positions follow, the cursor stays on it
        await select(pilot, "step", "Shadow a manager")
        for key, expected in (("K", [s1.id, s3.id, s2.id]), ("K", [s3.id, s1.id, s2.id]),
                              ("K", [s3.id, s1.id, s2.id]), ("J", [s1.id, s3.id, s2.id]),
                              ("J", [s1.id, s2.id, s3.id]), ("J", [s1.id, s2.id, s3.id])):
            await pilot.press(key)
            await settle(pilot)
            assert order() == expected, key
            assert [s.position for s in store.goals.get(lead.id).steps] == [0, 1, 2]
            assert [n.data.value.id for n in nodes(app, "step")] == expected
            assert selected(app).kind == "step" and selected(app).value.id == s3.id
        await pilot.press("K")
        await settle(pilot)
        assert order() == [s1.id, s3.id, s2.id]

        # e on a step: the text, filled in
        await select(pilot, "step", "Ask for a stretch project")
        await pilot.press("e")
        screen = form(app, TextForm)
        assert screen.query_one("#text-value", Input).value == "Ask for a stretch project"
        screen.query_one("#text-value", Input).value = "Ask for the platform project"
        await submit(pilot)
        assert step_texts(store, lead.id) == ["Read a book", "Shadow a manager", "Ask for the platform project"]
        assert selected(app).value.id == s2.id

        # e on a goal: the form comes filled in; done via the status select offers a win
        await select(pilot, "goal", "Lead a team")
        await pilot.press("e")
        screen = form(app, GoalForm)
        assert screen.query_one("#goal-title", Input).value == "Lead a team"
        assert screen.query_one("#goal-why", Input).value == "growth"
        assert screen.query_one("#goal-horizon", Select).value == Horizon.LONG
        assert screen.query_one("#goal-owner", Select).value == Owner.ME
        screen.query_one("#goal-status", Select).value = GoalStatus.DONE
        screen.query_one("#goal-target", Input).value = "2027-01-31"
        await submit(pilot)
        offer = form(app, TextForm)
        assert offer.FORM_TITLE == "Record a win?"
        assert offer.query_one("#text-value", Input).value == "Reached: Lead a team"
        await pilot.press("escape")
        await settle(pilot)
        edited = store.goals.get(lead.id)
        assert (edited.status, edited.target_date, edited.why, edited.horizon) == (
            GoalStatus.DONE, dt.date(2027, 1, 31), "growth", Horizon.LONG)
        assert store.goals.wins() == []
        label = label_of(app, "goal", "Lead a team")
        assert label.startswith("✓ Lead a team") and "done" in label and "by 2027-01-31" in label

        # c finishes a goal and offers a win (a shared one: celebrate together); c again reopens it
        await select(pilot, "goal", "Run a 10k together")
        await pilot.press("c")
        await settle(pilot)
        offer = form(app, TextForm)
        assert "together" in static_text(offer.query_one(".form-note", Static))
        assert store.goals.get(run.id).status == GoalStatus.DONE
        await submit(pilot)
        [win] = store.goals.wins()
        assert (win.text, win.goal_id, win.step_id) == ("Reached: Run a 10k together", run.id, None)
        assert label_of(app, "goal", "Run a 10k together").startswith("✓ ")
        await select(pilot, "goal", "Run a 10k together")
        await pilot.press("c")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert store.goals.get(run.id).status == GoalStatus.ACTIVE
        assert len(store.goals.wins()) == 1

        # d on the middle step, then u: back with the same id, text and position
        await select(pilot, "step", "Shadow a manager")
        await pilot.press("d")
        await settle(pilot)
        assert step_texts(store, lead.id) == ["Read a book", "Ask for the platform project"]
        assert [s.position for s in store.goals.get(lead.id).steps] == [0, 1]
        assert "Shadow a manager" not in " ".join(labels(app, "step"))
        await pilot.press("u")
        await settle(pilot)
        restored = store.goals.get(lead.id).steps
        assert [(s.id, s.text, s.position) for s in restored] == [
            (s1.id, "Read a book", 0), (s3.id, "Shadow a manager", 1), (s2.id, "Ask for the platform project", 2)]
        assert [n.data.value.id for n in nodes(app, "step")] == [s1.id, s3.id, s2.id]
        assert pane.undo_stack == []

        # d on a goal: to the trash, gone from the tree; u brings it back with its steps
        await select(pilot, "goal", "Lead a team")
        await pilot.press("d")
        await settle(pilot)
        assert [g.id for g in store.goals.list()] == [run.id]
        assert [g.id for g in store.goals.list(deleted=True)] == [lead.id]
        assert "Lead a team" not in " ".join(labels(app))
        assert labels(app, "group")[0] == "My goals (0)"
        await pilot.press("u")
        await settle(pilot)
        assert sorted(g.id for g in store.goals.list()) == sorted([lead.id, run.id])
        assert store.goals.list(deleted=True) == []
        assert [s.id for s in store.goals.get(lead.id).steps] == [s1.id, s3.id, s2.id]
        assert label_of(app, "goal", "Lead a team").startswith("✓ Lead a team")
        # nothing left to undo: harmless
        await pilot.press("u")
        await settle(pilot)
        assert app.is_running and len(store.goals.list()) == 2


# -- owner filter, overdue, help ------------------------------------------------------------------------


async def test_owner_filter_overdue_and_help(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    store.goals.add("Finish the certificate", target_date=dt.date(2026, 11, 1))
    store.goals.add("Old goal", status=GoalStatus.DONE, target_date=dt.date(2026, 10, 1))
    store.goals.add("Due today", target_date=TODAY)
    store.goals.add("Get promoted", owner=Owner.PARTNER, target_date=dt.date(2027, 3, 1))
    store.goals.add("Save for a sabbatical", owner=Owner.SHARED, horizon=Horizon.LONG)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_goals(pilot)
        # overdue stands out: in the label and in the status line
        assert "overdue since 2026-11-01" in label_of(app, "goal", "Finish the certificate")
        for title in ("Old goal", "Due today", "Get promoted", "Save for a sabbatical"):
            assert "overdue" not in label_of(app, "goal", title), title
        assert "by 2026-11-22" in label_of(app, "goal", "Due today")
        line = status_line(app)
        assert "Showing everyone's goals" in line and "1 overdue" in line
        assert labels(app, "group") == ["My goals (3)", "My partner's goals (1)", "Our shared goals (1)"]
        assert "overdue since 2026-11-01" in screen_text(app)

        # o cycles: mine, my partner's, shared, everyone's
        seen = []
        for _ in range(4):
            await pilot.press("o")
            await settle(pilot)
            seen.append((pane.owner_filter, status_line(app), labels(app, "group"),
                         sorted(n.data.value.title for n in nodes(app, "goal"))))
        assert [s[0] for s in seen] == [Owner.ME, Owner.PARTNER, Owner.SHARED, None]
        assert "Showing my goals" in seen[0][1] and "1 overdue" in seen[0][1]
        assert seen[0][2] == ["My goals (3)"]
        assert seen[0][3] == ["Due today", "Finish the certificate", "Old goal"]
        assert "Showing my partner's goals" in seen[1][1] and "overdue" not in seen[1][1]
        assert seen[1][2] == ["My partner's goals (1)"] and seen[1][3] == ["Get promoted"]
        assert "Showing our shared goals" in seen[2][1]
        assert seen[2][2] == ["Our shared goals (1)"] and seen[2][3] == ["Save for a sabbatical"]
        assert "Showing everyone's goals" in seen[3][1] and len(seen[3][2]) == 3 and len(seen[3][3]) == 5
        assert len({s[1] for s in seen}) == 4  # the status line changed every time

        # with a filter on, a new goal defaults to that owner
        await pilot.press("o", "o")
        await settle(pilot)
        assert pane.owner_filter == Owner.PARTNER
        await pilot.press("a")
        assert form(app, GoalForm).query_one("#goal-owner", Select).value == Owner.PARTNER
        await pilot.press("escape")
        await settle(pilot)

        # every key is listed in the help (and so the palette)
        descriptions = {row.description for row in app.help_rows()}
        for wanted in ("Add goal", "Add step", "Tick step", "Owner filter", "Edit", "Delete", "Undo",
                       "Open/close", "Add resource", "Goal done", "Step up", "Step down", "Win → journal",
                       "Celebrated"):
            assert wanted in descriptions, wanted
        keys = {row.description: row.key for row in app.help_rows()}
        assert keys["Add goal"] == "a" and keys["Owner filter"] == "o"


# -- wins: into the journal, celebrated -----------------------------------------------------------------


async def test_wins_to_journal_and_celebrated(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    partner = store.goals.add("Get promoted", owner=Owner.PARTNER)
    step = store.goals.add_step(partner.id, "Write the case")
    store.goals.set_step_done(step.id, True)
    win = store.goals.add_win("Promotion case written", goal_id=partner.id, step_id=step.id)
    store.goals.add_win("Ran 5k")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        assert "celebrate it with them!" in label_of(app, "win", "Promotion case written")
        assert "1 partner win to celebrate" in status_line(app)
        assert "Other wins" in labels(app, "wins")
        assert label_of(app, "win", "Ran 5k") == "★ Ran 5k"
        # w and C only act on a win
        await select(pilot, "goal", "Get promoted")
        await pilot.press("w", "C")
        await settle(pilot)
        assert store.entries.list() == [] and not store.goals.wins()[0].celebrated

        # w: the win becomes a journal entry tagged "win", linked back
        await select(pilot, "win", "Promotion case written")
        await pilot.press("w")
        await settle(pilot)
        [entry] = store.entries.list()
        assert "win" in entry.tags
        assert entry.title == "Win: Promotion case written"
        assert "Promotion case written" in entry.body and "Get promoted" in entry.body
        stored = next(w for w in store.goals.wins() if w.id == win.id)
        assert stored.entry_id == entry.id
        assert "in journal" in label_of(app, "win", "Promotion case written")
        # twice is still one entry
        await pilot.press("w")
        await settle(pilot)
        assert len(store.entries.list()) == 1

        # C toggles celebrated; the nudge goes
        await select(pilot, "win", "Promotion case written")
        await pilot.press("C")
        await settle(pilot)
        assert next(w for w in store.goals.wins() if w.id == win.id).celebrated
        label = label_of(app, "win", "Promotion case written")
        assert "celebrated" in label and "celebrate it with them" not in label
        assert "to celebrate" not in status_line(app)
        await pilot.press("C")
        await settle(pilot)
        assert not next(w for w in store.goals.wins() if w.id == win.id).celebrated
        assert "celebrate it with them!" in label_of(app, "win", "Promotion case written")


# -- any text is safe ------------------------------------------------------------------------------------


async def test_hostile_strings_render_literally(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    goals = {}
    for index, text in enumerate(HOSTILE):
        goal = store.goals.add(text, why=text, owner=list(Owner)[index % 3])
        store.goals.add_step(goal.id, text)
        store.goals.add_resource(goal.id, ResourceKind.OTHER, text, link=text, notes=text)
        goals[text] = goal
    control = store.goals.add("bell\x07 esc\x1b[31m red")
    store.goals.add_step(control.id, "nul\x00 del\x7f")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        assert app.is_running
        for text, goal in goals.items():
            goal_node = next(n for n in nodes(app, "goal") if n.data.value.id == goal.id)
            assert plain(goal_node).startswith(f"◆ {text}  "), (text, plain(goal_node))
            children = [plain(child) for child in walk(goal_node)]
            assert f"why: {text}" in children
            assert f"☐ {text}" in children
            assert f"Other: {text}  {text}  {text}" in children
        # drawn literally too (the tree shows the top of the list)
        drawn = screen_text(app)
        assert "[/]" in drawn and "[bold]x[/bold]" in drawn
        # control characters are drawn as symbols, never sent raw
        label = label_of(app, "goal", "bell\x07 esc\x1b[31m red")
        assert "\x1b" not in label and "\x07" not in label and "␛" in label and "␇" in label
        step_label = label_of(app, "step", "nul\x00 del\x7f")
        assert "\x00" not in step_label and "␀" in step_label and "␡" in step_label
        assert store.goals.get(control.id).title == "bell\x07 esc\x1b[31m red"  # stored as given

        # the edit form shows the title as typed
        await select(pilot, "goal", "[@click=app.quit]x[/]")
        await pilot.press("e")
        assert form(app, GoalForm).query_one("#goal-title", Input).value == "[@click=app.quit]x[/]"
        await pilot.press("escape")
        await settle(pilot)
        # deleting shows a notification with the title; undo; still running
        await pilot.press("d")
        await settle(pilot)
        assert app.is_running
        await pilot.press("u")
        await settle(pilot)
        assert app.is_running and len(store.goals.list()) == len(HOSTILE) + 1

        # ticking a hostile step: the win form and the win, literal
        await select(pilot, "step", "[/]")
        await pilot.press("space")
        await settle(pilot)
        assert form(app, TextForm).query_one("#text-value", Input).value == "Done: [/]"
        await submit(pilot)
        [win] = store.goals.wins()
        assert win.text == "Done: [/]"
        assert label_of(app, "win", "Done: [/]") == "★ Done: [/]"

        # typed into the add form: stored exactly, shown literally
        for text in ("[b]typed[/b] <i>", "[@click=app.quit]q[/] 🎉 שלום"):
            await pilot.press("a")
            form(app, GoalForm).query_one("#goal-title", Input).value = text
            await submit(pilot)
            assert text in [g.title for g in store.goals.list()]
            assert label_of(app, "goal", text).startswith(f"◆ {text}  ")
        assert app.is_running


# -- product bugs ----------------------------------------------------------------------------------------


async def test_add_steps_to_a_closed_goal(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    lead = store.goals.add("Lead a team")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        goal_node = await select(pilot, "goal", "Lead a team")
        await pilot.press("enter")  # the user closes the goal, then adds steps to it
        assert not goal_node.is_expanded
        for text in ("one", "two", "three"):
            await pilot.press("A")
            assert isinstance(app.screen, TextForm), f"A did nothing before adding {text!r}; cursor on {selected(app)}"
            form(app, TextForm).query_one("#text-value", Input).value = text
            await submit(pilot)
            assert selected(app) is not None and selected(app).kind == "step" and selected(app).value.text == text
        assert step_texts(store, lead.id) == ["one", "two", "three"]


async def test_add_step_form_shows_goal_title_literally(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    store.goals.add("[bold]x[/bold]")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await select(pilot, "goal", "[bold]x[/bold]")
        await pilot.press("A")
        label = form(app, TextForm).query_one(Label)
        shown = label.render()
        text = shown.plain if hasattr(shown, "plain") else str(shown)
        assert "[bold]x[/bold]" in text, text


async def test_add_step_to_goal_titled_closing_tag(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    store.goals.add("[/]")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await select(pilot, "goal", "[/]")
        await pilot.press("A")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, TextForm)


# -- type-ahead: the keys after one that opens a form go into the form -----------------------------------


async def test_words_sent_with_a_form_key_land_in_the_form(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    lead = store.goals.add("Lead a team")
    store.goals.add_step(lead.id, "Read a book")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        # a, A, R and e: the words (full of d, e, u, space...) go into the form's first field
        for keys, kind, field, value in (("aRead daily", GoalForm, "#goal-title", "Read daily"),
                                         ("Aask Sam", TextForm, "#text-value", "ask Sam"),
                                         ("Rdeep work", ResourceForm, "#resource-title", "deep work"),
                                         ("e and do it", GoalForm, "#goal-title", " and do it")):
            await select(pilot, "goal", "Lead a team")
            send_at_once(app, keys)
            await settle(pilot)
            screen = form(app, kind)
            assert len(app.screen_stack) == 2, keys
            assert app.focused is screen.query_one(field, Input), keys
            # the edit form selects the title as it opens, so the words replace it
            assert screen.query_one(field, Input).value == value, keys
            await pilot.press("escape")
            await settle(pilot)
        # space on a step, then c on the goal: the win form takes the words
        await select(pilot, "step", "Read a book")
        send_at_once(app, " Read it all")
        await settle(pilot)
        assert form(app, TextForm).query_one("#text-value", Input).value == "Read it all"
        await submit(pilot)
        await select(pilot, "goal", "Lead a team")
        send_at_once(app, "cDone at last")
        await settle(pilot)
        assert form(app, TextForm).query_one("#text-value", Input).value == "Done at last"
        await submit(pilot)
        goal = store.goals.get(lead.id)
        assert goal.status == GoalStatus.DONE and [(s.text, s.done) for s in goal.steps] == [("Read a book", True)]
        assert sorted(win.text for win in store.goals.wins()) == ["Done at last", "Read it all"]
        assert [g.title for g in store.goals.list()] == ["Lead a team"] and not goal.resources


async def test_form_keys_are_letters_inside_a_form_and_quiet_elsewhere(store: Store,  # type: ignore[no-untyped-def]
                                                                       make_app) -> None:
    store.goals.add("Lead a team")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await pilot.press("a")
        screen = form(app, GoalForm)
        await pilot.press("a", "A", "R", "e", "c", "n")
        assert screen.query_one("#goal-title", Input).value == "aARecn"
        # on a score box, not a text field: still no second form (the pane is under this one)
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, Select)
        await pilot.press("a", "e")
        assert app.screen is screen and len(app.screen_stack) == 2
        await pilot.press("escape")
        await settle(pilot)
        # the Goals pane's keys are off while another pane is in front, and the journal's n is off here
        await pilot.press("n")
        assert len(app.screen_stack) == 1 and app.query_one("#pane-journal").mode == "browse"
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("a", "A", "R", "c")
        await settle(pilot)
        assert len(app.screen_stack) == 1 and app.current_pane == "journal"
