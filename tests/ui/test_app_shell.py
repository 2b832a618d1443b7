"""The app opens on the Journal, switches panes, and shows keys everywhere."""

from __future__ import annotations

import inspect
import os
import signal

import pytest

from careerjournal.db.demo import fill_demo
from careerjournal.ui.panes.base import Pane
from careerjournal.ui.screens.help import HelpScreen
from careerjournal.ui.widgets.entry_list import EntryList
from careerjournal.ui.widgets.pane_tabs import PaneTabs
from careerjournal.ui.widgets.sidebar import GuidanceSidebar
from tests.ui.conftest import settle


def list_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    entry_list = app.query_one(EntryList)
    return [entry_list.render_line(y).text for y in range(entry_list.size.height)]


async def test_opens_on_journal_and_lists_entries(store, make_app):  # type: ignore[no-untyped-def]
    store.entries.add("first words", title="Monday")
    store.entries.add("second words", title="Tuesday")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.current_pane == "journal"
        assert isinstance(app.focused, EntryList)
        lines = list_lines(app)
        assert "Tuesday" in lines[0] and "Monday" in lines[1]
        assert "private" in lines[0]


async def test_number_keys_switch_every_pane(store, make_app):  # type: ignore[no-untyped-def]
    fill_demo(store)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tabs = app.query_one(PaneTabs)
        sidebar = app.query_one(GuidanceSidebar)
        for key, pane in (("2", "goals"), ("3", "ledger"), ("4", "talk"), ("1", "journal")):
            await pilot.press(key)
            await settle(pilot)
            assert app.current_pane == pane, (key, app.focused, app.screen.focused)
            assert tabs.active == pane
            assert app.active_pane.PANE_ID == pane
            assert sidebar.pane == pane
            assert app.focused is not None and app.active_pane in app.focused.ancestors_with_self


async def test_tabs_are_clickable(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        tabs = app.query_one(PaneTabs)
        spans = {pane: (start, stop) for pane, start, stop in tabs.spans()}
        for pane in ("ledger", "talk", "goals", "journal"):
            start, stop = spans[pane]
            await pilot.click(PaneTabs, offset=(stop - 2, 0))
            await settle(pilot)
            assert app.current_pane == pane and tabs.active == pane
            assert app.active_pane.PANE_ID == pane
        await pilot.press("2")
        # A click past the last label chooses nothing.
        await pilot.click(PaneTabs, offset=(spans["talk"][1] + 3, 0))
        await settle(pilot)
        assert app.current_pane == "goals"


async def test_sidebar_toggles_and_defaults_by_width(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(150, 36)) as pilot:
        sidebar = app.query_one(GuidanceSidebar)
        assert sidebar.display
        await pilot.press("ctrl+g")
        assert not sidebar.display
        await pilot.press("ctrl+g")
        assert sidebar.display
    narrow = make_app()
    async with narrow.run_test(size=(120, 30)):
        assert not narrow.query_one(GuidanceSidebar).display


async def test_help_screen_lists_keys_of_app_and_pane(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        descriptions = {row.description for row in app.screen.rows}
        assert {"Journal", "Goals", "Ledger", "Talk", "Guidance", "Quit", "Read", "Today"} <= descriptions
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_offers_app_and_pane_actions(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for expected in ("Journal", "Goals", "Ledger", "Talk", "Guidance", "Journal: Today", "Journal: Read"):
            assert expected in titles
        goals = next(c for c in app.get_system_commands(app.screen) if c.title == "Goals")
        result = goals.callback()
        if inspect.isawaitable(result):
            await result
        await settle(pilot)
        assert app.current_pane == "goals"


async def test_every_binding_has_description_and_id(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 36)):
        nodes = [app, *app.query(Pane), *app.query(EntryList)]
        for node in nodes:
            for binding in type(node).BINDINGS:
                assert binding.description, binding
                assert binding.id, binding


async def test_sighup_exits_cleanly(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        os.kill(os.getpid(), signal.SIGHUP)
        await pilot.pause(0.2)
    assert app.return_code == 0
    assert app._exit_renderables == []  # noqa: SLF001 - nothing was printed as a crash


async def test_sigterm_exits_cleanly(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        os.kill(os.getpid(), signal.SIGTERM)
        await pilot.pause(0.2)
    assert app.return_code == 0


async def test_read_only_journal_says_so(db_path, clock, monkeypatch):  # type: ignore[no-untyped-def]
    from careerjournal.db import connection
    from careerjournal.db.store import Store
    from careerjournal.ui.app import CareerJournalApp

    Store.open(db_path, clock=clock).close()
    real_access = os.access
    monkeypatch.setattr(connection.os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    store = Store.open(db_path, clock=clock)
    app = CareerJournalApp(store=store, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]  # noqa: SLF001
        assert any("read-only" in m for m in messages)
    store.close()


# Each pane's main parts, which must be on screen (and at least this tall) at 80x24.
MAIN_PARTS = {
    "journal": {"#today-bar": 1, "#list-status": 1, "EntryList": 5, "EntryReader": 5},
    "goals": {"#goals-tree": 5},
    "ledger": {"#ledger-give_up": 5, "#ledger-keep": 5, "#ledger-compromise": 5},
    "talk": {"#talk-concerns": 2, "#talk-agenda": 2, "#talk-checkins": 2},
}


async def test_every_pane_fits_a_small_terminal(store, make_app):  # type: ignore[no-untyped-def]
    """At 80x24 nothing essential is squeezed to nothing or pushed off screen, and the footer shows."""
    fill_demo(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen.region
        for key, pane in (("1", "journal"), ("2", "goals"), ("3", "ledger"), ("4", "talk")):
            await pilot.press(key)
            await settle(pilot)
            for selector, rows in MAIN_PARTS[pane].items():
                widget = app.active_pane.query_one(selector)
                region = widget.region
                assert region.height >= rows, (pane, selector, region)
                assert screen.contains_region(region), (pane, selector, region)
            footer = app.query_one("Footer")
            assert footer.region.y == 23 and footer.region.height == 1


async def test_collector_paused_while_opening_resumes_once_the_journal_is_drawn(db_path):  # type: ignore[no-untyped-def]
    import gc

    from careerjournal.launch import Context, build_app

    state = Context(str(db_path), demo=False)
    try:
        app = build_app(state)
        assert not gc.isenabled()  # paused while the app is built
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()
        state.close()


SECRET = "Zanzibar is where we would move"


async def crash_with_a_secret_nearby(store, make_app):  # type: ignore[no-untyped-def]
    """Open the app, make the journal pane's today key fail with an entry's text in a local, return the app."""
    from careerjournal.ui.panes.journal import JournalPane

    store.entries.add(SECRET, title=SECRET)

    def failing_today(self) -> None:  # type: ignore[no-untyped-def]
        text = SECRET  # a local, as a real frame would hold an entry's text  # noqa: F841
        raise ValueError(f"failed near {SECRET}")

    app = make_app()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(JournalPane, "action_today", failing_today)
        with pytest.raises(ValueError):
            async with app.run_test(size=(100, 30)) as pilot:
                await settle(pilot)
                await pilot.press("t")
                await pilot.pause(0.2)
    return app


async def test_an_unexpected_error_closes_with_one_sentence_and_no_private_text(store, make_app, monkeypatch,  # type: ignore[no-untyped-def]
                                                                                capfd):
    monkeypatch.delenv("CAREERJOURNAL_DEBUG", raising=False)
    app = await crash_with_a_secret_nearby(store, make_app)
    printed = capfd.readouterr()
    assert app.return_code == 1
    assert " ".join(printed.err.split()) == ("careerjournal: An unexpected problem stopped careerjournal (ValueError). "
                                             "Run with CAREERJOURNAL_DEBUG=1 for details.")  # wrapped to the terminal
    assert "Zanzibar" not in printed.err + printed.out and "Traceback" not in printed.err


async def test_debug_keeps_textuals_traceback(store, make_app, monkeypatch, capfd):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CAREERJOURNAL_DEBUG", "1")
    app = await crash_with_a_secret_nearby(store, make_app)
    printed = capfd.readouterr()
    assert app.return_code == 1
    assert "Traceback" in printed.err and "locals" in printed.err


async def test_a_widget_tripping_over_the_teardown_is_not_a_crash(store, make_app):  # type: ignore[no-untyped-def]
    """Once exit is asked for, a query finding nothing (a widget still mounting) leaves the exit clean."""
    from textual.css.query import NoMatches

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.exit(return_code=0)
        app._handle_exception(NoMatches("No nodes match 'SelectOverlay'"))  # noqa: SLF001 - as Textual calls it
        await pilot.pause()
    assert app.return_code == 0 and app._exception is None  # noqa: SLF001


async def test_a_query_finding_nothing_before_exit_is_still_a_crash(store, make_app):  # type: ignore[no-untyped-def]
    from textual.css.query import NoMatches

    app = make_app()
    with pytest.raises(NoMatches):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            app._handle_exception(NoMatches("a real bug"))  # noqa: SLF001
            await pilot.pause()
    assert app.return_code == 1
