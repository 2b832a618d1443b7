"""The export dialog: options, a live preview of exactly what is written, safe writing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Input, Select, Static

from careerjournal.ui.screens.confirm import ChoiceScreen
from careerjournal.ui.screens.export import ExportScreen
from tests.ui.conftest import settle

MARKER = "QUOKKAPRIVATE4410"


def preview_text(screen: ExportScreen) -> str:
    return screen.text


async def wait_preview(pilot, screen: ExportScreen) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(0.5)
    await settle(pilot)


async def test_x_opens_preview_without_private_entries(store, make_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    store.entries.add(f"secret {MARKER}", title=f"private {MARKER}", tags=[MARKER])
    store.entries.add("we can read this together", title="[bold]shared[/] one", shared=True)
    app = make_app()
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        await wait_preview(pilot, screen)
        assert "[bold]shared[/] one" in preview_text(screen) or "\\[bold\\]shared\\[/\\] one" in preview_text(screen)
        assert MARKER not in preview_text(screen)
        # Turning on private entries shows a warning and puts them in the preview.
        screen.query_one("#export-private", Checkbox).value = True
        await wait_preview(pilot, screen)
        assert "Private entries will be included" in str(screen.query_one("#export-warning", Static).render())
        assert MARKER in preview_text(screen)
        screen.query_one("#export-private", Checkbox).value = False
        await wait_preview(pilot, screen)
        # Switch to HTML and write to a chosen path.
        screen.query_one("#export-format", Select).value = "html"
        await wait_preview(pilot, screen)
        assert preview_text(screen).lstrip().lower().startswith("<!doctype html")
        target = tmp_path / "for-sam.html"
        screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        written = target.read_text(encoding="utf-8")
        assert written == preview_text(screen)
        assert MARKER not in written
        assert oct(target.stat().st_mode & 0o777) == "0o600"


async def test_existing_file_asks_before_replacing(store, make_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    target = tmp_path / "summary.md"
    target.write_text("keep me")
    app = make_app()
    async with app.run_test(size=(150, 40)) as pilot:
        await pilot.press("x")
        screen = app.screen
        await wait_preview(pilot, screen)
        screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")  # keep it
        await settle(pilot)
        assert target.read_text() == "keep me"
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.dismiss("replace")
        await settle(pilot)
        assert target.read_text() != "keep me"


async def test_bad_date_gets_a_sentence_and_writes_nothing(store, make_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(150, 40)) as pilot:
        await pilot.press("x")
        screen = app.screen
        screen.query_one("#export-since", Input).value = "banana"
        screen.query_one("#export-path", Input).value = str(tmp_path / "out.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert "not a date" in str(screen.query_one("#export-error", Static).render())
        assert not (tmp_path / "out.md").exists()
