"""The footer shows the keys for where you are, and rebuilds only when they change."""

from __future__ import annotations

from careerjournal.ui.widgets.footer import KeysFooter
from tests.ui.conftest import settle


async def test_footer_rebuilds_only_when_its_keys_change(store, make_app):  # type: ignore[no-untyped-def]
    for number in range(3):
        store.entries.add(f"evening {number}", title=f"entry {number}")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        footer = app.query_one(KeysFooter)
        rebuilds = 0
        real_recompose = footer.recompose

        async def counting_recompose() -> None:
            nonlocal rebuilds
            rebuilds += 1
            await real_recompose()

        footer.recompose = counting_recompose  # type: ignore[method-assign]
        for _ in range(5):
            app.screen.refresh_bindings()  # nothing changed
            await pilot.pause()
        await settle(pilot)
        assert rebuilds == 0
        keys = lambda: {key.description for key in footer.query("FooterKey")}  # noqa: E731
        assert "Search" in keys() and "Back" not in keys()
        await pilot.press("slash", "w")  # a search: "Back" (escape) becomes available
        await settle(pilot)
        assert rebuilds >= 1
        assert "Back" in keys()
