"""Light and dark themes: switched from the palette, remembered in the journal's settings."""

from __future__ import annotations

from careerjournal.ui.app import DARK_THEME, LIGHT_THEME, THEME_SETTING
from tests.ui.conftest import settle


async def test_the_switch_goes_light_and_is_remembered(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.current_theme.dark
        app.action_toggle_dark()
        await settle(pilot)
        assert app.theme == LIGHT_THEME and not app.current_theme.dark
    assert store.settings.get(THEME_SETTING) == LIGHT_THEME
    reopened = make_app()
    async with reopened.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert reopened.theme == LIGHT_THEME


async def test_a_theme_chosen_in_textuals_own_picker_is_remembered_too(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert store.settings.get(THEME_SETTING) == "nord"


async def test_the_palette_offers_the_switch(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Light or dark theme" in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"light or dark")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == LIGHT_THEME


async def test_an_unknown_saved_theme_is_ignored(store, make_app):  # type: ignore[no-untyped-def]
    store.settings.set(THEME_SETTING, "no-such-theme")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.theme == DARK_THEME
