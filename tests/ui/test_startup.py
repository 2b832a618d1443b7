"""What opening the app leaves out of the first frame, or draws with fewer widgets, still works.

The first frame is kept cheap (see benchmarks/probes.py startup_headless): the
panes and the sidebar sit on the screen itself, the Journal lays out its
parts with no row or switcher containers, the reader's scroll view waits for
the first entry, and the app reads only a screenful of the list before it.
These tests pin down that none of that shows: same places, same keys.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from careerjournal.db.first_page import PAGE_SIZE, SCREEN_ROWS, FirstPage, screen_rows
from careerjournal.db.demo import fill_demo
from careerjournal.ui.panes.base import Pane
from careerjournal.ui.panes.journal import JournalPane
from careerjournal.ui.widgets.entry_list import EntryList
from careerjournal.ui.widgets.entry_reader import EntryReader
from careerjournal.ui.widgets.pane_tabs import PaneTabs
from careerjournal.ui.widgets.sidebar import GuidanceSidebar
from tests.ui.conftest import settle


def bulk_insert(store, count: int) -> None:  # type: ignore[no-untyped-def]
    start = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    rows = []
    for number in range(count):
        stamp = (start + dt.timedelta(hours=2 * number)).isoformat(timespec="microseconds")
        rows.append((f"title {number}", f"body {number}", json.dumps([]), None, False, stamp[:10], stamp, stamp))
    with store.transaction() as db:
        db.conn.executemany(
            "INSERT INTO entries (title, body, tags, mood, shared, day, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def status(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.query_one("#list-status", Static).render())


# -- the panes and the sidebar, straight on the screen ----------------------------------


async def test_panes_and_sidebar_sit_side_by_side_under_the_tabs(store, make_app):  # type: ignore[no-untyped-def]
    fill_demo(store)
    app = make_app()
    async with app.run_test(size=(150, 36)) as pilot:
        await settle(pilot)
        tabs, sidebar = app.query_one(PaneTabs), app.query_one(GuidanceSidebar)
        assert tabs.region.y == 1 and tabs.region.width == 150  # the full width, over the sidebar too
        for key, pane in (("2", "goals"), ("3", "ledger"), ("4", "talk"), ("1", "journal")):
            await pilot.press(key)
            await settle(pilot)
            shown = [each for each in app.screen.query_children(Pane) if each.display]
            assert [each.PANE_ID for each in shown] == [pane]  # one pane at a time
            region = shown[0].region
            assert region.y == 3 and region.x == 0 and region.right == sidebar.region.x == 110
            assert region.bottom == sidebar.region.bottom == 35  # the footer below both
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert app.active_pane.region.width == 150


async def test_a_key_for_a_pane_pressed_while_they_mount_shows_it(store, make_app):  # type: ignore[no-untyped-def]
    """The other panes are mounted after the first page; 2 pressed at once still opens Goals."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert app.current_pane == "goals"
        shown = [each.PANE_ID for each in app.screen.query_children(Pane) if each.display]
        assert shown == ["goals"]
        assert len(app.screen.query_children(Pane)) == 4


async def test_the_tabs_move_down_with_a_tall_header(store, make_app):  # type: ignore[no-untyped-def]
    """Textual's header grows to three lines when clicked: the tabs docked under it follow."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tabs = app.query_one(PaneTabs)
        await pilot.click(Header, offset=(60, 0))
        await pilot.pause()
        assert app.query_one(Header).region.height == 3
        assert tabs.region.y == 3 and app.active_pane.region.y == 5
        await pilot.click(Header, offset=(60, 1))
        await pilot.pause()
        assert app.query_one(Header).region.height == 1
        assert tabs.region.y == 1 and app.active_pane.region.y == 3


# -- the Journal's parts -------------------------------------------------------------


async def test_journal_parts_are_where_they_were(store, make_app):  # type: ignore[no-untyped-def]
    store.entries.add("words", title="one")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        today = app.query_one("#today-bar").region
        column = app.query_one("#journal-list-column").region
        reader = app.query_one(EntryReader).region
        assert (today.y, today.height, today.width) == (3, 3, 120)
        assert column.y == reader.y == 6 and column.bottom == reader.bottom == 35
        assert (column.x, column.width, reader.x, reader.width) == (0, 60, 60, 60)


async def test_writing_hides_the_list_and_reader_and_leaving_brings_them_back(store, make_app):  # type: ignore[no-untyped-def]
    store.entries.add("words", title="one")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        pane = app.query_one(JournalPane)
        await pilot.press("n")
        await settle(pilot)
        editor = app.query_one("#journal-edit")
        assert pane.mode == "edit" and editor.display
        assert not app.query_one("#journal-list-column").display and not app.query_one(EntryReader).display
        assert editor.region.y == 6 and editor.region.width == 120 and editor.region.bottom == 35
        await pilot.press("escape")
        await settle(pilot)
        assert pane.mode == "browse" and not editor.display
        assert app.query_one("#journal-list-column").display and app.query_one(EntryReader).display
        assert isinstance(app.focused, EntryList)


async def test_the_readers_scroll_view_arrives_with_the_first_entry(store, make_app):  # type: ignore[no-untyped-def]
    store.entries.add("# Heading\n\nsome words to read", title="one")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        reader = app.query_one(EntryReader)
        await settle(pilot)
        scroll = reader.query_one("#reader-scroll", VerticalScroll)
        assert reader.children[0].id == "reader-header" and reader.children[1] is scroll  # under the header
        assert scroll.query(".reader-body") and scroll.region.height > 0
        await pilot.press("enter")  # read: the body takes the keys
        await pilot.pause()
        assert app.focused is scroll


async def test_enter_before_any_entry_is_shown_focuses_the_body(store, make_app):  # type: ignore[no-untyped-def]
    """The scroll view is mounted on demand when asked for before the first entry arrives."""
    store.entries.add("words", title="one")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        reader = app.query_one(EntryReader)
        reader.focus_body()
        await settle(pilot)
        assert len(reader.query("#reader-scroll")) == 1
        assert app.focused is reader.query_one("#reader-scroll")


async def test_a_journal_with_entries_never_shows_the_empty_journal_hint(store, make_app, monkeypatch):  # type: ignore[no-untyped-def]
    """Until its first entry is read the reader is blank, not "Nothing to read yet"."""
    store.entries.add("words", title="one")
    shown: list[object] = []

    async def never_loads(self, entry, **_):  # type: ignore[no-untyped-def]
        shown.append(entry)

    monkeypatch.setattr(EntryReader, "show", never_loads)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        header = str(app.query_one(EntryReader).query_one("#reader-header", Static).render())
        assert shown and "Nothing to read yet" not in header


async def test_an_empty_journal_shows_the_hint_and_no_scroll_view(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        reader = app.query_one(EntryReader)
        assert "Nothing to read yet" in str(reader.query_one("#reader-header", Static).render())
        assert not reader.query("#reader-scroll")
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "Nothing to read yet" in str(reader.query_one("#reader-header", Static).render())


# -- a screenful first, the rest once it is drawn ---------------------------------------


def test_the_first_read_is_a_screenful(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    for lines, rows in ((24, SCREEN_ROWS), (36, SCREEN_ROWS), (90, 90), (1000, PAGE_SIZE)):
        monkeypatch.setenv("LINES", str(lines))
        assert screen_rows() == rows


async def test_a_screenful_read_while_loading_is_drawn_then_the_whole_list(store, make_app):  # type: ignore[no-untyped-def]
    bulk_insert(store, 450)
    first_page = FirstPage(store, size=60)
    assert first_page.take(wait=10) is not None
    app = make_app(first_page=first_page)
    async with app.run_test(size=(120, 36)) as pilot:
        entry_list = app.query_one(EntryList)
        assert entry_list.row_count == 60  # set during mount, before any pause
        assert "title 449" in entry_list.render_line(0).text
        await settle(pilot)
        assert entry_list.row_count == 450
        assert status(app).startswith("450 entries")
        await pilot.press("end")
        await settle(pilot)
        assert "title 0" in entry_list.render_line(entry_list.cursor - int(entry_list.scroll_y)).text


async def test_a_journal_shorter_than_the_first_read_is_complete_at_once(store, make_app, monkeypatch):  # type: ignore[no-untyped-def]
    bulk_insert(store, 45)
    first_page = FirstPage(store, size=60)
    assert first_page.take(wait=10) is not None
    id_limits: list[object] = []
    real_ids = store.entries.ids
    monkeypatch.setattr(store.entries, "ids", lambda *args, **kwargs: id_limits.append(kwargs) or real_ids(*args, **kwargs))
    app = make_app(first_page=first_page)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.query_one(EntryList).row_count == 45
        assert status(app).startswith("45 entries")
        assert id_limits == []  # nothing read again


async def test_the_launcher_reads_a_screenful(db_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from careerjournal.db.store import Store
    from careerjournal.launch import Context, build_app

    store = Store.open(db_path)
    bulk_insert(store, 300)
    store.close()
    monkeypatch.setenv("LINES", "40")
    state = Context(str(db_path), demo=False)
    try:
        app = build_app(state)
        assert app.first_page.size == SCREEN_ROWS
        assert app.first_page.take(wait=10) is not None  # read by the time Textual has loaded
        async with app.run_test(size=(120, 36)) as pilot:
            entry_list = app.query_one(EntryList)
            assert entry_list.row_count == SCREEN_ROWS
            assert status(app).startswith(f"{SCREEN_ROWS}+ entries")
            await settle(pilot)
            assert entry_list.row_count == 300
            assert status(app).startswith("300 entries")
    finally:
        import gc

        gc.enable()
        gc.unfreeze()
        state.close()
