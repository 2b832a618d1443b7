"""Writing in the Journal pane: the editor, autosaved drafts, recovery, quitting, conflicts."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile

import pytest
from textual.widgets import Checkbox, Input, Select, TextArea

from careerjournal.guidance import prompt_for_day
from careerjournal.models import Draft
from careerjournal.ui.panes.journal import JournalPane
from careerjournal.ui.screens.confirm import ChoiceScreen
from careerjournal.ui.widgets.entry_editor import AUTOSAVE_SECONDS
from careerjournal.ui.widgets.entry_list import EntryList
from careerjournal.ui.widgets.entry_reader import EntryReader
from tests.ui.conftest import settle

SIZE = (140, 40)


def pane(app) -> JournalPane:  # type: ignore[no-untyped-def]
    return app.query_one(JournalPane)


def body(app) -> TextArea:  # type: ignore[no-untyped-def]
    return app.query_one("#editor-body", TextArea)


def notes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [notification.message for notification in app._notifications]  # noqa: SLF001


def header(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.query_one("#reader-header").render())


async def type_body(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` at the end of the body: one real key, the rest inserted (fast)."""
    area = body(pilot.app)
    area.focus()
    area.move_cursor(area.document.end)
    area.insert(text[:-1])
    await pilot.press(text[-1] if text[-1] != " " else "space")


async def open_new(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("n")
    await settle(pilot)
    assert pane(pilot.app).mode == "edit"


async def test_new_entry_with_every_field_is_saved(store, make_app, clock):  # type: ignore[no-untyped-def]
    older = store.entries.add("an older entry", title="older")
    prompt = prompt_for_day(clock().date())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new(pilot)
        assert app.focused is body(app)
        assert prompt.text in str(app.query_one("#editor-prompt").render())
        await pilot.press(*"hello")
        body(app).insert(" world")
        app.query_one("#editor-title", Input).value = "A good day"
        app.query_one("#editor-tags", Input).value = "work, Career"
        app.query_one("#editor-mood", Select).value = 4
        app.query_one("#editor-shared", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)

        entries = store.entries.list()
        assert len(entries) == 2
        saved = next(entry for entry in entries if entry.id != older.id)
        assert saved.body == "hello world"
        assert saved.title == "A good day"
        assert saved.tags == ("work", "Career")
        assert saved.mood == 4
        assert saved.shared is True
        assert saved.prompt_id == prompt.id
        assert saved.revision == 1
        assert store.drafts.all() == []
        assert pane(app).mode == "browse"
        entry_list = app.query_one(EntryList)
        assert isinstance(app.focused, EntryList)
        assert entry_list.row_count == 2
        assert entry_list.highlighted_id == saved.id
        assert "A good day" in entry_list.render_line(entry_list.cursor).text
        assert app.query_one(EntryReader).entry.id == saved.id
        assert "Saved." in notes(app)


async def test_saving_an_empty_new_entry_writes_nothing(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.entries.list() == []
        assert store.drafts.all() == []
        assert pane(app).mode == "edit"
        assert any("Nothing to save" in message for message in notes(app))


async def test_opening_and_leaving_an_entry_changes_nothing(store, make_app, clock):  # type: ignore[no-untyped-def]
    entry = store.entries.add("Line one\n\nLine two", title="untouched", tags=["a"], mood=3)
    clock.advance(hours=1)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert pane(app).mode == "edit"
        assert body(app).text == "Line one\n\nLine two"
        assert app.query_one("#editor-title", Input).value == "untouched"
        assert "Editing" in str(app.query_one("#editor-prompt").render())
        await pilot.press("escape")
        await settle(pilot)
        assert pane(app).mode == "browse"
        assert not any("Draft kept" in message for message in notes(app))
    after = store.entries.get(entry.id)
    assert after == entry
    assert store.drafts.all() == []


async def test_crlf_body_survives_open_and_save_untouched(store, make_app, clock):  # type: ignore[no-untyped-def]
    text = "first line\r\nsecond line\r\n\r\nthird"
    entry = store.entries.add(text, title="windows")
    clock.advance(hours=1)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert pane(app).mode == "edit"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pane(app).mode == "browse"
    after = store.entries.get(entry.id)
    assert after.body == text
    assert after.revision == entry.revision and after.updated_at == entry.updated_at
    assert store.drafts.all() == []


async def test_editing_an_entry_bumps_revision(store, make_app, clock):  # type: ignore[no-untyped-def]
    entry = store.entries.add("before", title="to edit")
    clock.advance(hours=1)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*" after")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pane(app).mode == "browse"
        assert app.query_one(EntryList).highlighted_id == entry.id
        assert app.query_one(EntryReader).entry.body == "before after"
    after = store.entries.get(entry.id)
    assert after.body == "before after"
    assert after.revision == entry.revision + 1
    assert after.updated_at == clock()
    assert len(store.entries.list()) == 1
    assert store.drafts.all() == []


async def test_autosave_writes_a_draft_and_escape_flushes_it(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new(pilot)
        await pilot.press(*"draft")
        assert store.drafts.get("new") is None
        await pilot.pause(AUTOSAVE_SECONDS + 0.5)
        await settle(pilot)
        draft = store.drafts.get("new")
        assert draft is not None and draft.body == "draft"
        assert "Draft saved." in str(app.query_one("#editor-status").render())
        await pilot.press(*" more")
        await pilot.press("escape")
        # Written synchronously on leaving: no waiting for the timer.
        assert store.drafts.get("new").body == "draft more"
        await settle(pilot)
        assert pane(app).mode == "browse"
        assert isinstance(app.focused, EntryList)
        assert any("Draft kept" in message for message in notes(app))
        assert store.entries.list() == []
        # n carries on with the draft.
        await open_new(pilot)
        assert body(app).text == "draft more"


async def test_new_draft_is_recovered_on_start(store, make_app):  # type: ignore[no-untyped-def]
    store.drafts.save(Draft(key="new", body="unsent words", title="half done"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pane(app).mode == "edit"
        assert body(app).text == "unsent words"
        assert app.query_one("#editor-title", Input).value == "half done"
        assert app.focused is body(app)
        assert any("Recovered" in message for message in notes(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
    [entry] = store.entries.list()
    assert entry.body == "unsent words" and entry.title == "half done"
    assert store.drafts.all() == []


async def test_draft_of_an_existing_entry_reopens_that_entry(store, make_app, clock):  # type: ignore[no-untyped-def]
    entry = store.entries.add("the saved text", title="saved")
    store.drafts.save(Draft(key=f"entry:{entry.id}", body="the saved text, edited", title="saved",
                            entry_id=entry.id, base_revision=entry.revision))
    clock.advance(minutes=5)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = pane(app).editor
        assert pane(app).mode == "edit"
        assert editor.entry is not None and editor.entry.id == entry.id
        assert body(app).text == "the saved text, edited"
        assert any("Recovered" in message for message in notes(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
    [after] = store.entries.list()
    assert after.id == entry.id and after.body == "the saved text, edited"
    assert after.revision == entry.revision + 1
    assert store.drafts.all() == []


async def test_draft_of_a_purged_entry_comes_back_as_new(store, make_app):  # type: ignore[no-untyped-def]
    store.drafts.save(Draft(key="entry:41", body="words of a purged entry", entry_id=41, base_revision=2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pane(app).mode == "edit"
        assert pane(app).editor.entry is None
        assert body(app).text == "words of a purged entry"
        [draft] = store.drafts.all()
        assert draft.key == "new" and draft.entry_id is None and draft.body == "words of a purged entry"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [entry] = store.entries.list()
    assert entry.body == "words of a purged entry"
    assert store.drafts.all() == []


async def test_recovering_an_orphaned_draft_keeps_an_older_new_draft(store, make_app, clock):  # type: ignore[no-untyped-def]
    store.drafts.save(Draft(key="new", body="an older unsaved new entry"))
    clock.advance(minutes=1)
    store.drafts.save(Draft(key="entry:41", body="words of a purged entry", entry_id=41, base_revision=2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    bodies = {draft.body for draft in store.drafts.all()}
    assert "an older unsaved new entry" in bodies
    assert "words of a purged entry" in bodies


async def test_recovered_draft_does_not_overwrite_a_later_save(store, make_app, clock):  # type: ignore[no-untyped-def]
    entry = store.entries.add("original", title="shared doc")
    store.drafts.save(Draft(key=f"entry:{entry.id}", body="original, my unsaved edit", title="shared doc",
                            entry_id=entry.id, base_revision=entry.revision))
    clock.advance(minutes=1)
    # Saved elsewhere (the CLI, another window) after the draft was written.
    store.entries.update(entry.id, body="changed elsewhere")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert body(app).text == "original, my unsaved edit"
        await pilot.press("ctrl+s")
        await settle(pilot)
    bodies = sorted(e.body for e in store.entries.list())
    assert bodies == ["changed elsewhere", "original, my unsaved edit"]


async def test_sighup_while_typing_keeps_the_draft(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new(pilot)
        await type_body(pilot, "unsaved")
        assert store.drafts.get("new") is None
        os.kill(os.getpid(), signal.SIGHUP)
        await pilot.pause(0.2)
    assert app.return_code == 0
    draft = store.drafts.get("new")
    assert draft is not None and draft.body == "unsaved"
    assert store.entries.list() == []


async def quit_dialog(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+q")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ChoiceScreen)


async def test_quit_with_unsaved_changes_asks_then_keeps_a_draft(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new(pilot)
        await type_body(pilot, "still writing")
        await quit_dialog(pilot)
        # Escape is "Keep writing": back in the editor, text intact.
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
        assert not isinstance(app.screen, ChoiceScreen)
        assert pane(app).mode == "edit"
        assert body(app).text == "still writing"
        assert app.focused is body(app)
        await type_body(pilot, ", later")
        await quit_dialog(pilot)
        await pilot.click("#choice-draft")
        await pilot.pause(0.2)
        assert not app.is_running
    assert store.drafts.get("new").body == "still writing, later"
    assert store.entries.list() == []


async def test_quit_saving_the_entry(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new(pilot)
        await type_body(pilot, "save me")
        await quit_dialog(pilot)
        app.screen.dismiss("save")
        await settle(pilot)
        assert not app.is_running
    [entry] = store.entries.list()
    assert entry.body == "save me"
    assert store.drafts.all() == []


async def test_quit_without_changes_asks_nothing(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
        assert not app.is_running
    assert store.drafts.all() == []


async def test_refused_save_and_quit_does_not_quit_on_the_next_save(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new(pilot)
        # Only tags: the form is dirty, but an entry needs a title or some text.
        app.query_one("#editor-tags", Input).value = "work"
        await pilot.pause()
        await quit_dialog(pilot)
        app.screen.dismiss("save")
        await settle(pilot)
        assert app.is_running
        assert any("Nothing to save" in message for message in notes(app))
        body(app).focus()
        await type_body(pilot, "now some text")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running, "saving an entry quit the app"
        assert pane(app).mode == "browse"


async def test_conflicting_save_keeps_both_versions(store, make_app, clock):  # type: ignore[no-untyped-def]
    entry = store.entries.add("original", title="contested")
    clock.advance(minutes=10)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        elsewhere = store.entries.update(entry.id, body="changed elsewhere")
        await type_body(pilot, " and mine")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pane(app).mode == "browse"
        assert app.query_one(EntryList).row_count == 2
        warnings = [n for n in app._notifications if n.severity == "warning"]  # noqa: SLF001
        assert warnings and "separate entry" in warnings[0].message
    assert store.entries.get(entry.id) == elsewhere
    entries = store.entries.list()
    assert len(entries) == 2
    mine = next(e for e in entries if e.id != entry.id)
    assert mine.body == "original and mine" and mine.title == "contested"
    assert mine.day == entry.day
    assert store.drafts.all() == []


def _editor_script(tmp_path):  # type: ignore[no-untyped-def]
    script = tmp_path / "fake-editor.sh"
    script.write_text("#!/bin/sh\nprintf ' from the editor' >> \"$1\"\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


async def test_ctrl_o_edits_the_body_in_visual(store, make_app, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    app = make_app()
    # The headless test driver can't suspend; the editor runs all the same.
    monkeypatch.setattr(app, "suspend", lambda: contextlib.nullcontext())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new(pilot)
        await type_body(pilot, "typed")
        # No editor configured: one sentence saying how to choose one.
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert any("$VISUAL" in message and "$EDITOR" in message for message in notes(app))
        assert body(app).text == "typed" and pane(app).mode == "edit"
        monkeypatch.setenv("VISUAL", str(_editor_script(tmp_path)))
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert body(app).text == "typed from the editor"
        assert pane(app).editor.is_dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
    [entry] = store.entries.list()
    assert entry.body == "typed from the editor"
    # The temporary copy of the text is gone.
    assert not list(tmp_path.glob("careerjournal-*"))


async def test_ctrl_o_without_changes_keeps_crlf_and_is_no_edit(store, make_app, clock, monkeypatch):  # type: ignore[no-untyped-def]
    text = "first line\r\nsecond line\r\n"
    entry = store.entries.add(text, title="windows")
    clock.advance(hours=1)
    monkeypatch.setenv("VISUAL", "true")  # an editor that changes nothing
    app = make_app()
    monkeypatch.setattr(app, "suspend", lambda: contextlib.nullcontext())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert not pane(app).editor.is_dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = store.entries.get(entry.id)
    assert after.body == text and after.revision == entry.revision


async def test_browse_keys_are_inert_in_the_editor(store, make_app, clock):  # type: ignore[no-untyped-def]
    entry = store.entries.add("keep me", title="keep")
    clock.advance(minutes=1)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        shared = app.query_one("#editor-shared", Checkbox)
        shared.focus()
        await pilot.pause()
        await pilot.press("d", "s", "u", "T", "t", "f", "slash", "o", "n", "e", "X", "r")
        await settle(pilot)
        assert app.is_running
        assert app.screen is app.screen_stack[0]
        assert pane(app).mode == "edit"
        assert app.focused is shared and shared.value is False
        assert pane(app).editor.entry.id == entry.id
        assert not app.query("#journal-search") or not app.query_one("#journal-search").display
    assert store.entries.get(entry.id) == entry
    assert store.entries.list()[0].deleted_at is None


CLICK = "[@click=app.quit]x[/]"
#: (title, tags) pairs: every hostile string is used as a title and as a tag.
HOSTILE = [
    (CLICK, "[/], [bold]x[/bold]"),
    ("[x] asked for a raise", "🎉 promotion 👩‍💻, שלום עולם مرحبا"),
    ("שלום עולם مرحبا 🎉", f"{CLICK}, [x] asked for a raise"),
    ("[bold]x[/bold] [/]", "[bold]x[/bold]"),
]


async def test_hostile_title_and_tags_are_saved_and_shown_literally(store, make_app, clock):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(220, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")  # room for title and tags on one row
        for title_text, tags_text in HOSTILE:
            tags = tuple(tag.strip() for tag in tags_text.split(","))
            clock.advance(minutes=1)
            await open_new(pilot)
            title = app.query_one("#editor-title", Input)
            title.focus()
            if title_text == CLICK:
                await pilot.press(*title_text)  # typed for real, key by key
            else:
                title.value = title_text
            app.query_one("#editor-tags", Input).value = tags_text
            await pilot.pause()
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.is_running, title_text
            assert pane(app).mode == "browse", title_text
            row = app.query_one(EntryList).render_line(0).text
            assert title_text in row, (row, title_text)
            assert "  " + " ".join(f"#{tag}" for tag in tags) in row, (row, tags)
            reader = app.query_one(EntryReader)
            assert reader.entry is not None and reader.entry.title == title_text
            shown = header(app)
            assert title_text in shown, (shown, title_text)
            assert " ".join(f"#{tag}" for tag in tags) in shown, (shown, tags)
    stored = {entry.title: entry for entry in store.entries.list()}
    assert set(stored) == {title for title, _ in HOSTILE}
    for title_text, tags_text in HOSTILE:
        assert stored[title_text].tags == tuple(tag.strip() for tag in tags_text.split(","))
        assert stored[title_text].body == ""


async def test_slash_is_a_plain_character_in_the_search_box_and_the_editor(store, make_app):  # type: ignore[no-untyped-def]
    """'/' opens search from the list (a priority key), but typed into text it is just a slash."""
    store.entries.add("either/or", title="Choices")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "o", "r", "slash", "x")
        await settle(pilot)
        assert app.query_one("#journal-search", Input).value == "or/x"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("a", "slash", "b")
        await settle(pilot)
        assert body(app).text == "a/b"
        assert not app.query_one("#journal-search", Input).display


async def test_a_late_draft_recovery_never_takes_over_an_editor_already_open(store, make_app):  # type: ignore[no-untyped-def]
    """n pressed straight after start-up wins; the recovered draft stays saved for next time."""
    from careerjournal.models import Draft

    entry = store.entries.add("old words", title="Old")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"mine")
        await settle(pilot)
        await pane(app)._show_recovered(entry, Draft(key=f"entry:{entry.id}", body="recovered", entry_id=entry.id),
                                        [], "Recovered your unsaved draft.")
        await settle(pilot)
        assert pane(app).mode == "edit" and pane(app).editor.entry is None
        assert body(app).text == "mine"
