"""The guidance sidebar, its nudges, the guidance library and the daily prompt, driven with Pilot.

Why: issue 6 is done when each pane shows its own guidance, a lopsided ledger makes a nudge
appear, and dismissing it makes it go away for good. These tests do exactly that in a
headless terminal, wide (150 columns, sidebar on by default) and narrow (off by default).
"""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Input, OptionList

from careerjournal.guidance import TOPICS, prompt_for_day, search_topics, topics_for_pane
from careerjournal.models import LedgerColumn
from careerjournal.ui.screens.library import GuidanceLibrary
from careerjournal.ui.widgets import sidebar as sidebar_module
from careerjournal.ui.widgets.sidebar import POLL_SECONDS, GuidanceSidebar, NudgeList
from tests.conftest import FROZEN_NOW
from tests.ui.conftest import settle

WIDE = (150, 40)
NARROW = (100, 30)
PANES = (("1", "journal", "Journal"), ("2", "goals", "Goals"), ("3", "ledger", "Ledger"), ("4", "talk", "Talk"))
#: What issue 6 asks each pane's sidebar to cover, as topic keys.
PANE_TOPICS = {
    "journal": ("career.self", "compromise.signs"),  # reflection questions and the signs of balance
    "goals": ("support.goals", "support.resources"),  # goal-setting and resources
    "ledger": ("compromise.three_lists", "compromise.timing", "compromise.balance"),
    "talk": ("why.threatened", "why.jealous", "talk.do", "talk.dont"),  # why partners resist, do's and don'ts
}


def text_of(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector).render())


def nudge_list(app) -> NudgeList:  # type: ignore[no-untyped-def]
    return app.query_one("#nudges", NudgeList)


def nudge_keys(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [nudge.key for nudge in nudge_list(app).nudges]


def shown_messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    options = nudge_list(app)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def lopsided(store) -> None:  # type: ignore[no-untyped-def]
    for text in ("Saturday lie-ins", "My own car", "Living near my parents"):
        store.ledger.add(text, LedgerColumn.GIVE_UP)


async def wait_until(pilot, condition, timeout: float = 2 * POLL_SECONDS + 3) -> None:  # type: ignore[no-untyped-def]
    """Settle until ``condition()`` holds: nudges arrive on the sidebar's poll, not at once."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await settle(pilot)
        if condition():
            return
        assert loop.time() < deadline, "timed out waiting for the sidebar"
        await asyncio.sleep(0.1)


async def wait_for_polls(pilot, count: int = 2) -> None:  # type: ignore[no-untyped-def]
    """Let the sidebar poll ``count`` more times, so a nudge that should stay gone had its chance."""
    await asyncio.sleep(count * sidebar_module.POLL_SECONDS + 0.1)
    await settle(pilot)


@pytest.fixture
def fast_poll(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Poll every 0.2 s instead of POLL_SECONDS: the same mechanism, a shorter wait."""
    monkeypatch.setattr(sidebar_module, "POLL_SECONDS", 0.2)


@pytest.fixture
def no_poll(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The timer never fires in the test: shows what happens without its help."""
    monkeypatch.setattr(sidebar_module, "POLL_SECONDS", 3600)


# -- per-pane guidance ------------------------------------------------------------------------


async def test_sidebar_shows_each_panes_topics(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        sidebar = app.query_one(GuidanceSidebar)
        assert sidebar.display
        seen: dict[str, str] = {}
        for key, pane, name in (*PANES[1:], PANES[0]):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_pane == pane
            assert sidebar.pane == pane
            title, body = text_of(app, "#guidance-title"), text_of(app, "#guidance-body")
            assert f"For the {name} pane" in title
            topics = topics_for_pane(pane)
            assert topics, pane
            for topic in topics:
                assert topic.title in body and topic.summary in body, (pane, topic.key)
            for key_ in PANE_TOPICS[pane]:
                assert TOPICS[key_].title in body, (pane, key_)
            # Nothing from a topic that doesn't belong to this pane.
            others = [t for t in TOPICS.values() if pane not in t.panes]
            assert not [t.key for t in others if t.title in body], pane
            seen[pane] = body
        assert len(set(seen.values())) == 4


async def test_narrow_terminal_hides_the_sidebar_until_ctrl_g(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        sidebar = app.query_one(GuidanceSidebar)
        assert not sidebar.display
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert sidebar.display and sidebar.region.width > 0
        await pilot.press("3")
        await settle(pilot)
        assert "For the Ledger pane" in text_of(app, "#guidance-title")
        await pilot.press("ctrl+g")
        assert not sidebar.display


# -- nudges ----------------------------------------------------------------------------------


async def test_lopsided_ledger_nudge_appears_after_the_poll(store, make_app):  # type: ignore[no-untyped-def]
    """The real POLL_SECONDS: a write elsewhere shows up in the sidebar within a poll or two."""
    store.entries.add("keeps the journal-is-empty nudge away")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert nudge_keys(app) == []
        assert not nudge_list(app).display
        lopsided(store)  # written while the app runs, as another pane would
        goal = store.goals.add("[b]Learn[/b] Rust [link=x]now[/link]")
        await wait_until(pilot, lambda: len(nudge_keys(app)) == 2)
        assert nudge_keys(app) == ["ledger.only_give_up", f"goal.no_steps.{goal.id}"]
        assert nudge_list(app).display
        messages = shown_messages(app)
        assert "3 give-ups" in messages[0]
        # The user's own words are shown as typed, never parsed as markup.
        assert "[b]Learn[/b] Rust [link=x]now[/link]" in messages[1]
        assert "Nudges (2)" in str(nudge_list(app).border_title)


async def open_from_nudge(pilot, *keys: str) -> GuidanceLibrary:  # type: ignore[no-untyped-def]
    """Focus the nudges, move with ``keys``, press enter: the library should open."""
    app = pilot.app
    nudge_list(app).focus()
    await pilot.pause()
    await pilot.press(*keys, "enter")
    await settle(pilot)
    assert isinstance(app.screen, GuidanceLibrary)
    return app.screen


async def test_nudges_open_their_topic_and_x_dismisses_for_good(store, make_app, fast_poll):  # type: ignore[no-untyped-def]
    lopsided(store)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: nudge_keys(app) == ["ledger.only_give_up", "journal.first"])
        # enter on a nudge opens the library on that nudge's topic.
        for keys, topic in (((), "compromise.balance"), (("j",), "career.self")):
            library = await open_from_nudge(pilot, *keys)
            assert library.start_topic == topic
            topics = library.query_one("#library-topics", OptionList)
            assert topics.get_option_at_index(topics.highlighted).id == topic
            assert TOPICS[topic].title in text_of(app, "#library-topic")
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, GuidanceLibrary)
        # x dismisses the highlighted one.
        nudge_list(app).focus()
        await pilot.pause()
        await pilot.press("k")
        assert nudge_list(app).highlighted == 0
        await pilot.press("x")
        await wait_until(pilot, lambda: nudge_keys(app) == ["journal.first"])
        assert store.nudges.dismissed() == {"ledger.only_give_up"}
        await wait_for_polls(pilot)
        assert nudge_keys(app) == ["journal.first"]
    again = make_app()  # a restart on the same journal file
    async with again.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: nudge_keys(again) != [])
        await wait_for_polls(pilot)
        assert nudge_keys(again) == ["journal.first"]
        assert not any("give-ups" in message for message in shown_messages(again))


async def test_x_removes_the_nudge_at_once(store, make_app, no_poll):  # type: ignore[no-untyped-def]
    lopsided(store)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        app.query_one(GuidanceSidebar).refresh_nudges()  # the timer is off: compute once by hand
        await wait_until(pilot, lambda: nudge_keys(app) == ["ledger.only_give_up", "journal.first"])
        nudge_list(app).focus()
        await pilot.pause()
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert store.nudges.dismissed() == {"ledger.only_give_up", "journal.first"}
        assert nudge_keys(app) == []


# -- the library -------------------------------------------------------------------------------


async def test_ctrl_l_opens_a_searchable_library(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, GuidanceLibrary)
        search = app.screen.query_one("#library-search", Input)
        topics = app.screen.query_one("#library-topics", OptionList)
        assert app.screen.focused is search
        assert topics.option_count == len(TOPICS)
        await pilot.press(*"resent")
        await settle(pilot)
        expected = [topic.key for topic in search_topics("resent")]
        assert 0 < len(expected) < len(TOPICS)
        assert [topics.get_option_at_index(i).id for i in range(topics.option_count)] == expected
        assert TOPICS[expected[0]].title in text_of(app, "#library-topic")
        search.value = "xyzzy"
        await settle(pilot)
        assert topics.option_count == 0
        assert "Nothing matches" in text_of(app, "#library-topic")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, GuidanceLibrary)


# -- the daily prompt --------------------------------------------------------------------------


async def test_todays_prompt_is_shown_and_n_answers_it(store, make_app):  # type: ignore[no-untyped-def]
    prompt = prompt_for_day(FROZEN_NOW.date())
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert prompt.text in text_of(app, "#today-bar")
        await pilot.press("n")
        await settle(pilot)
        app.query_one("#editor-body").insert("my answer")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [entry] = store.entries.list()
    assert entry.body == "my answer" and entry.prompt_id == prompt.id


async def test_lists_rewrap_when_the_sidebar_opens_beside_them(store, make_app):  # type: ignore[no-untyped-def]
    """Showing the sidebar narrows the ledger's columns: their text must re-wrap, not be cut."""
    from careerjournal.db.demo import fill_demo

    fill_demo(store)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
        await pilot.press("3")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
        column = app.query_one("#ledger-give_up")
        lines_before = column.virtual_size.height
        await pilot.press("ctrl+g")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
        assert column.virtual_size.width <= column.scrollable_content_region.width
        assert column.virtual_size.height > lines_before
        first_rows = " ".join(column.render_line(y).text.strip() for y in range(2))
        assert first_rows.startswith("Friday drinks with") and "the team" in first_rows
