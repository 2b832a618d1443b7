"""The Ledger pane, driven with Pilot: three columns, the item form, move/status/delete/undo, warnings.

Starting the app and switching to the pane costs about a second, so each test
drives one session through a short story rather than checking a single key.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rich.text import Text
from textual import events
from textual.widgets import Input, Select, Static

from careerjournal.db.plans import MAX_TEXT
from careerjournal.db.store import Store
from careerjournal.models import LedgerColumn, LedgerStatus, LifeArea
from careerjournal.ui.panes.ledger import LedgerColumnList, LedgerPane
from careerjournal.ui.screens.confirm import ChoiceScreen
from careerjournal.ui.screens.ledger_form import LedgerForm
from tests.conftest import FROZEN_NOW
from tests.ui.conftest import settle

TODAY = FROZEN_NOW.date()
SIZE = (140, 40)
G, K, C = LedgerColumn.GIVE_UP, LedgerColumn.KEEP, LedgerColumn.COMPROMISE

HOSTILE = [
    "[/]",
    "[bold]x[/bold]",
    "[@click=app.quit]x[/]",
    "<script>alert('x')</script>",
    "🎉 👩‍💻 done!",
    "שלום עולם مرحبا",
]


# -- helpers ---------------------------------------------------------------------------------------------


async def open_ledger(pilot) -> LedgerPane:  # type: ignore[no-untyped-def]
    pilot.app.animation_level = "none"  # scrolls and fades finish at once: keys go faster
    await pilot.press("3")
    await settle(pilot)
    assert pilot.app.current_pane == "ledger"
    return pilot.app.query_one(LedgerPane)


def column_list(app, column: LedgerColumn) -> LedgerColumnList:  # type: ignore[no-untyped-def]
    return app.query_one(f"#ledger-{column.value}", LedgerColumnList)


def texts(app, column: LedgerColumn) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.text for item in column_list(app, column).items]


def prompts(app, column: LedgerColumn) -> list[str]:  # type: ignore[no-untyped-def]
    widget = column_list(app, column)
    result = []
    for index in range(widget.option_count):
        prompt = widget.get_option_at_index(index).prompt
        result.append(prompt.plain if isinstance(prompt, Text) else str(prompt))
    return result


def static_text(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


def focused_column(app) -> LedgerColumn | None:  # type: ignore[no-untyped-def]
    return app.focused.column if isinstance(app.focused, LedgerColumnList) else None


async def focus_item(pilot, column: LedgerColumn, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = column_list(pilot.app, column)
    widget.focus()
    widget.highlighted = [item.text for item in widget.items].index(text)
    await pilot.pause()


def form(app) -> LedgerForm:  # type: ignore[no-untyped-def]
    assert isinstance(app.screen, LedgerForm), app.screen
    return app.screen


def form_error(app) -> str:  # type: ignore[no-untyped-def]
    return static_text(form(app).query_one(".form-error", Static))


def balance_line(app) -> str:  # type: ignore[no-untyped-def]
    return static_text(app.query_one("#ledger-balance", Static))


def warning_line(app) -> str | None:  # type: ignore[no-untyped-def]
    widget = app.query_one("#ledger-warning", Static)
    return static_text(widget) if widget.display else None


def send_at_once(app, keys: str) -> None:  # type: ignore[no-untyped-def]
    """Queue every key before the app handles the first, as a fast typist's (or a paste's) arrive."""
    for char in keys:
        key = {" ": "space", "\r": "enter"}.get(char, char)
        app.post_message(events.Key(key, None if key == "enter" else char))


async def add_via_form(pilot, text: str, revisit: str = "") -> None:  # type: ignore[no-untyped-def]
    await pilot.press("a")
    screen = form(pilot.app)
    screen.query_one("#ledger-text", Input).value = text
    screen.query_one("#ledger-revisit", Input).value = revisit
    await pilot.press("ctrl+s")
    await settle(pilot)


# -- showing and moving around ---------------------------------------------------------------------------


async def test_columns_balance_revisit_and_navigation(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    store.ledger.add("Friday drinks", G, area=LifeArea.EVENINGS, status=LedgerStatus.AGREED, revisit_on=TODAY)
    store.ledger.add("Weekend overtime", G, area=LifeArea.EVENINGS)
    store.ledger.add("Gym", G)
    store.ledger.add("Sunday mornings", K, area=LifeArea.TIME_TOGETHER, notes="always",
                     revisit_on=TODAY - dt.timedelta(days=10))
    store.ledger.add("Bedtime stories", K, area=LifeArea.CHILDCARE)
    store.ledger.add("Travel cap", C, area=LifeArea.TRAVEL, status=LedgerStatus.DISCUSSED,
                     revisit_on=TODAY + dt.timedelta(days=1))
    store.ledger.add("Relocating", C, area=LifeArea.RELOCATION)
    deleted = store.ledger.add("Gone already", C)
    store.ledger.delete(deleted.id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_ledger(pilot)
        # each column lists its own items, in order; the trash is not shown
        assert texts(app, G) == ["Friday drinks", "Weekend overtime", "Gym"]
        assert texts(app, K) == ["Sunday mornings", "Bedtime stories"]
        assert texts(app, C) == ["Travel cap", "Relocating"]
        assert [column_list(app, column).border_subtitle for column in LedgerColumn] == ["3", "2", "2"]
        give = prompts(app, G)
        assert "Friday drinks" in give[0] and "Evenings" in give[0] and "agreed" in give[0]
        assert give[1].startswith("Weekend overtime") and "idea" in give[1]
        # due today and overdue are flagged; tomorrow is not
        assert give[0].startswith("⏰") and "revisit now" in give[0]
        keep = prompts(app, K)[0]
        assert keep.startswith("⏰") and "revisit now" in keep and "always" in keep
        travel = prompts(app, C)[0]
        assert "discussed" in travel and f"revisit {(TODAY + dt.timedelta(days=1)).isoformat()}" in travel
        assert "⏰" not in travel and "revisit now" not in travel
        # the balance line: columns, areas, and what to revisit
        line = balance_line(app)
        assert "I'll give up: 3" in line and "I won't give up: 2" in line and "Open to compromise: 2" in line
        assert "evenings 2" in line and "travel 1" in line and "time together 1" in line and "childcare 1" in line
        assert "2 to revisit" in line
        assert warning_line(app) is None  # 3 give-ups vs 2 keeps is not lopsided
        # h/l and the arrows hop between columns (wrapping); j/k move within one
        assert focused_column(app) is G
        seen = []
        for key in ("l", "l", "l", "h", "right", "left", "left"):
            await pilot.press(key)
            seen.append(focused_column(app))
        assert seen == [K, C, G, C, G, C, K]
        await pilot.press("h")
        assert pane.selected.text == "Friday drinks"
        await pilot.press("j", "j")
        assert pane.selected.text == "Gym"
        await pilot.press("k")
        assert pane.selected.text == "Weekend overtime"


# -- adding ----------------------------------------------------------------------------------------------


async def test_empty_ledger_and_the_add_form(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_ledger(pilot)
        for column in LedgerColumn:
            assert column_list(app, column).items == []
            assert "press a to add" in prompts(app, column)[0]
        # item keys do nothing on an empty ledger
        assert pane.selected is None
        for key in ("e", "m", "space", "d", "u"):
            await pilot.press(key)
            assert not isinstance(app.screen, (LedgerForm, ChoiceScreen)), key
        # `a` preselects the focused column
        for hops, column in ((0, G), (1, K), (1, C)):
            for _ in range(hops):
                await pilot.press("l")
            await pilot.press("a")
            screen = form(app)
            assert screen.query_one("#ledger-column", Select).value == column
            assert screen.query_one("#ledger-area", Select).value == LifeArea.OTHER
            assert screen.query_one("#ledger-status", Select).value == LedgerStatus.IDEA
            await pilot.press("escape")
            assert not isinstance(app.screen, LedgerForm)
        assert store.ledger.list() == []
        # back to "I won't give up", type an item
        await pilot.press("l", "l")
        assert focused_column(app) is K
        await pilot.press("a")
        screen = form(app)
        assert isinstance(app.focused, Input) and app.focused.id == "ledger-text"
        # empty text: a sentence, the dialog stays
        screen.query_one("#ledger-text", Input).value = "    "
        await pilot.press("ctrl+s")
        await settle(pilot)
        message = form_error(app)
        assert message.strip() and "\n" not in message and message.rstrip().endswith(".")
        # a date nobody understands: a sentence, the dialog stays
        screen.query_one("#ledger-text", Input).value = ""
        await pilot.press(*"Sunday", "space", *"mornings")
        screen.query_one("#ledger-revisit", Input).value = "banana"
        await pilot.press("ctrl+s")
        await settle(pilot)
        message = form_error(app)
        assert "banana" in message and "\n" not in message
        assert form(app) is screen
        assert store.ledger.list() == []
        # fix it and save
        screen.query_one("#ledger-revisit", Input).value = "in 2 years"
        screen.query_one("#ledger-notes", Input).value = "non-negotiable"
        screen.query_one("#ledger-area", Select).value = LifeArea.TIME_TOGETHER
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LedgerForm)
        [item] = store.ledger.list()
        assert (item.text, item.column, item.area, item.status, item.revisit_on, item.notes) == (
            "Sunday mornings", K, LifeArea.TIME_TOGETHER, LedgerStatus.IDEA, dt.date(2028, 11, 22), "non-negotiable")
        assert texts(app, K) == ["Sunday mornings"]
        assert "revisit 2028-11-22" in prompts(app, K)[0]
        assert focused_column(app) is K and pane.selected == item


# -- editing, moving, status, delete --------------------------------------------------------------------


async def test_edit_move_status_delete_undo(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    store.ledger.add("Sunday mornings", K)
    drinks = store.ledger.add("Friday drinks", G, area=LifeArea.EVENINGS, notes="keep me")
    store.ledger.add("Weekend overtime", G)
    store.ledger.add("first", C)
    travel = store.ledger.add("Travel cap", C, area=LifeArea.TRAVEL, revisit_on=dt.date(2028, 1, 1), notes="n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_ledger(pilot)

        # e: the form comes filled in; saving updates the item
        await focus_item(pilot, C, "Travel cap")
        await pilot.press("e")
        screen = form(app)
        assert screen.query_one("#ledger-text", Input).value == "Travel cap"
        assert screen.query_one("#ledger-revisit", Input).value == "2028-01-01"
        assert screen.query_one("#ledger-notes", Input).value == "n"
        assert screen.query_one("#ledger-column", Select).value == C
        assert screen.query_one("#ledger-area", Select).value == LifeArea.TRAVEL
        screen.query_one("#ledger-text", Input).value = "Travel capped at two nights"
        screen.query_one("#ledger-revisit", Input).value = ""
        screen.query_one("#ledger-status", Select).value = LedgerStatus.AGREED
        await pilot.press("ctrl+s")
        await settle(pilot)
        updated = store.ledger.get(travel.id)
        assert (updated.text, updated.status, updated.revisit_on, updated.column, updated.area, updated.notes) == (
            "Travel capped at two nights", LedgerStatus.AGREED, None, C, LifeArea.TRAVEL, "n")
        assert texts(app, C) == ["first", "Travel capped at two nights"]
        assert "agreed" in prompts(app, C)[1]

        # m, then escape: nothing moves
        await focus_item(pilot, G, "Friday drinks")
        await pilot.press("m")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert store.ledger.get(drinks.id).column is G

        # m, then another column: it moves to the end of that column, fields intact
        await pilot.press("m")
        assert isinstance(app.screen, ChoiceScreen)
        assert not app.screen.query("#choice-give_up")  # not its own column
        assert app.screen.query("#choice-compromise")
        await pilot.click("#choice-keep")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceScreen)
        moved = store.ledger.get(drinks.id)
        assert moved.column is K and moved.position == 1
        assert (moved.area, moved.notes) == (LifeArea.EVENINGS, "keep me")
        assert texts(app, G) == ["Weekend overtime"]
        assert texts(app, K) == ["Sunday mornings", "Friday drinks"]
        assert focused_column(app) is K and pane.selected.text == "Friday drinks"

        # space: idea -> discussed -> agreed -> idea
        for expected in (LedgerStatus.DISCUSSED, LedgerStatus.AGREED, LedgerStatus.IDEA):
            await pilot.press("space")
            await settle(pilot)
            assert store.ledger.get(drinks.id).status is expected
            assert expected.value in prompts(app, K)[1]
            assert pane.selected.text == "Friday drinks"

        # d deletes, u restores
        await pilot.press("d")
        await settle(pilot)
        assert texts(app, K) == ["Sunday mornings"]
        assert [i.id for i in store.ledger.list(deleted=True)] == [drinks.id]
        assert "I won't give up: 1" in balance_line(app)
        await pilot.press("u")
        await settle(pilot)
        assert texts(app, K) == ["Sunday mornings", "Friday drinks"]
        assert store.ledger.list(deleted=True) == []
        assert pane.deleted == []
        await pilot.press("u")  # nothing left to undo: harmless
        await settle(pilot)
        assert texts(app, K) == ["Sunday mornings", "Friday drinks"]


# -- the lopsided warning --------------------------------------------------------------------------------


async def test_lopsided_warning_appears_and_goes(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    for text in ("drinks", "overtime", "gym"):
        store.ledger.add(text, G)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_ledger(pilot)
        warning = warning_line(app)
        assert warning is not None and "give up 3 things" in warning and "\n" not in warning
        await pilot.press("l")
        await add_via_form(pilot, "Sunday mornings")
        assert texts(app, K) == ["Sunday mornings"]
        # 3 give-ups vs 1 keep is exactly LOPSIDED_RATIO times over, so the ratio sentence replaces the
        # one-sided one; a second keep balances it
        warning = warning_line(app)
        assert warning is None or "give up 3 things" not in warning
        await add_via_form(pilot, "Bedtime stories")
        assert texts(app, K) == ["Sunday mornings", "Bedtime stories"]
        assert warning_line(app) is None


# -- hostile text ----------------------------------------------------------------------------------------


async def test_hostile_strings_render_literally(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    for text in HOSTILE:
        store.ledger.add(text, C, notes=text)
    store.ledger.add("bell\x07 esc\x1b[31m", K)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_ledger(pilot)
        assert app.is_running
        shown = prompts(app, C)
        assert len(shown) == len(HOSTILE)
        for text, prompt in zip(HOSTILE, shown, strict=True):
            first_line = prompt.split("\n")[0]
            assert first_line == text, (text, prompt)
            assert prompt.rstrip().endswith(text)  # notes too
        # control characters are drawn as visible symbols, never sent raw to the terminal
        control = prompts(app, K)[0]
        assert "\x1b" not in control and "\x07" not in control
        assert "␛" in control and "␇" in control
        # the move dialog shows the text literally too
        await focus_item(pilot, C, "[@click=app.quit]x[/]")
        await pilot.press("m")
        question = static_text(app.screen.query_one("#choice-question", Static))
        assert "[@click=app.quit]x[/]" in question
        await pilot.press("escape")
        assert app.is_running
        # a hostile item typed into the form is stored and shown as typed
        await add_via_form(pilot, "[b]typed[/b] <i>")
        assert "[b]typed[/b] <i>" in texts(app, C)
        assert prompts(app, C)[-1].startswith("[b]typed[/b] <i>")


# -- product bugs ------------------------------------------------------------------------------------------


async def test_too_long_text_keeps_the_dialog_open(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_ledger(pilot)
        await pilot.press("a")
        form(app).query_one("#ledger-text", Input).value = "x" * (MAX_TEXT + 1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.ledger.list() == []
        assert isinstance(app.screen, LedgerForm), "the dialog closed and the typed text is gone"
        assert "2000" in form_error(app)


# -- type-ahead: the keys after one that opens a form go into the form -----------------------------------


async def test_words_sent_with_a_form_key_land_in_the_form(store: Store, make_app) -> None:  # type: ignore[no-untyped-def]
    drinks = store.ledger.add("Friday drinks", G)
    store.ledger.add("Sunday mornings", K)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_ledger(pilot)
        # a: every letter (d deletes, m moves, space advances...) goes into the new item
        await focus_item(pilot, G, "Friday drinks")
        send_at_once(app, "aDinner and a movie")
        await settle(pilot)
        assert app.focused is form(app).query_one("#ledger-text", Input)
        assert form(app).query_one("#ledger-text", Input).value == "Dinner and a movie"
        # inside the form, a, e and m are letters
        await pilot.press("space", "a", "e", "m")
        assert form(app).query_one("#ledger-text", Input).value == "Dinner and a movie aem"
        assert len(app.screen_stack) == 2
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert texts(app, G) == ["Friday drinks", "Dinner and a movie aem"]

        # e: the text, selected as the form opens, is replaced by the words
        await focus_item(pilot, G, "Friday drinks")
        send_at_once(app, "eDrinks on a Friday")
        await settle(pilot)
        assert form(app).query_one("#ledger-text", Input).value == "Drinks on a Friday"
        await pilot.press("ctrl+s")
        await settle(pilot)

        # m and enter together: enter answers the move dialog (its first choice)
        await focus_item(pilot, G, "Drinks on a Friday")
        send_at_once(app, "m\r")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceScreen)
        moved = store.ledger.get(drinks.id)
        assert (moved.text, moved.column, moved.status) == ("Drinks on a Friday", K, LedgerStatus.IDEA)
        assert sorted(item.text for item in store.ledger.list()) == [
            "Dinner and a movie aem", "Drinks on a Friday", "Sunday mornings"]
        assert store.ledger.list(deleted=True) == []
