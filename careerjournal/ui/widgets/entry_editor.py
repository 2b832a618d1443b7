"""The entry editor: title, Markdown body, tags, mood and the shared flag.

Nothing typed is lost. Every change restarts a short timer; when it fires (well
within two seconds of the last keystroke) the editor writes a draft to the
database in a thread worker. Leaving the editor, losing focus, quitting, or a
SIGTERM/SIGHUP writes the draft at once. Saving replaces the draft in the same
transaction. Only real edits count: opening and closing an entry without typing
never rewrites it, even though TextArea normalises newlines.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from careerjournal.db.drafts import draft_key
from careerjournal.db.entries import normalise_tags
from careerjournal.db.store import Store
from careerjournal.errors import CareerJournalError, ConflictError
from careerjournal.models import Draft, Entry
from careerjournal.ui.tcss import sibling_tcss

AUTOSAVE_SECONDS = 1.0
#: Past this size, syntax highlighting and soft wrap cost seconds per keystroke.
PLAIN_EDIT_LIMIT = 200_000
MOOD_OPTIONS = [("1 low", 1), ("2", 2), ("3", 3), ("4", 4), ("5 high", 5)]


class TagSuggester(Suggester):
    """Completes the last comma-separated tag from the tags already in use."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        stem = last.lstrip().lstrip("#")
        if not stem:
            return None
        used = {tag.strip().casefold() for tag in head.split(",")}
        for tag in self.tags:
            if tag.casefold().startswith(stem.casefold()) and tag.casefold() not in used:
                prefix = value[: len(value) - len(stem)]
                return prefix + tag
        return None


def tags_to_text(tags: tuple[str, ...]) -> str:
    return ", ".join(tags)


def text_to_tags(text: str) -> tuple[str, ...]:
    return normalise_tags(text.split(","))


@dataclass(frozen=True)
class EditorValues:
    """Everything the form holds, comparable to tell real edits from none."""

    title: str
    body: str
    tags: tuple[str, ...]
    mood: int | None
    shared: bool


class EntryEditor(Vertical):
    """Writes a new entry or edits one; the Journal pane shows it in place of the list."""

    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor.save", tooltip="Save the entry", priority=True),
        Binding("escape", "leave", "Leave editor", id="editor.leave", tooltip="Close the editor; the draft is kept"),
        Binding("ctrl+o", "external_editor", "Open in $EDITOR", id="editor.external",
                tooltip="Edit the body in your own editor ($VISUAL or $EDITOR)"),
    ]

    @dataclass
    class Saved(Message):
        """The entry was written to the journal."""

        entry: Entry
        kept_both: bool = False

    @dataclass
    class Left(Message):
        """The user left the editor (``draft_kept`` when there were unsaved edits)."""

        draft_kept: bool

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Mounted later into the pane's ContentSwitcher: start hidden until asked for.
        self.display = False
        self.store = store
        self.entry: Entry | None = None
        #: The revision our edits are based on: a recovered draft's, or the entry's when opened.
        self.base_revision: int | None = None
        self.prompt_id: str | None = None
        self.key = draft_key(None)
        self._baseline: EditorValues | None = None
        self._last_draft: EditorValues | None = None
        self._timer: Timer | None = None
        self._loading = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="editor-columns"):
            with Vertical(id="editor-form"):
                yield Input(placeholder="Title (optional)", id="editor-title")
                yield TextArea(
                    "", id="editor-body", soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                    placeholder="Write freely. Markdown works: *emphasis*, - lists, # headings.",
                )
                with Horizontal(id="editor-meta"):
                    yield Input(placeholder="tags, separated by commas", id="editor-tags")
                    yield Select(MOOD_OPTIONS, prompt="mood", id="editor-mood", allow_blank=True)
                    yield Checkbox("Shared with my partner", id="editor-shared")
            with Vertical(id="editor-side"):
                yield Static(id="editor-prompt")
                yield Static(id="editor-status")

    # -- loading ---------------------------------------------------------------------

    def open(
        self,
        entry: Entry | None,
        *,
        draft: Draft | None = None,
        prompt_text: str = "",
        prompt_id: str | None = None,
        tags: list[str] | None = None,
    ) -> None:
        """Fill the form from ``entry`` (None for a new one), then from ``draft`` if any."""
        self._loading = True
        self.entry = entry
        self.base_revision = entry.revision if entry else None
        if draft is not None and draft.base_revision is not None and entry is not None:
            self.base_revision = draft.base_revision
        self.prompt_id = prompt_id if entry is None else entry.prompt_id
        self.key = draft_key(entry.id if entry else None)
        body = self.query_one("#editor-body", TextArea)
        source = entry or Entry(id=None, body="")
        large = len(draft.body if draft else source.body) > PLAIN_EDIT_LIMIT
        body.soft_wrap = not large
        body.language = None if large else self._markdown_language()
        body.load_text(source.body)
        self._set_fields(source.title, source.tags, source.mood, source.shared)
        # The baseline is what the widgets hold now (TextArea may have changed
        # "\r\n" to "\n"), so merely opening an entry is never an edit.
        self._baseline = self.values()
        if draft is not None:
            if draft.body != body.text:
                body.load_text(draft.body)
            self._set_fields(draft.title, draft.tags, draft.mood, draft.shared)
        self._last_draft = self.values() if draft is not None else self._baseline
        self.query_one("#editor-tags", Input).suggester = TagSuggester(tags or [])
        prompt = Text()
        if entry is None and prompt_text:
            prompt.append("Today's question\n", style="bold")
            prompt.append(prompt_text, style="italic")
        elif entry is not None:
            prompt.append("Editing\n", style="bold")
            when = entry.created_at.astimezone().strftime("%A %d %B %Y, %H:%M") if entry.created_at else ""
            prompt.append(when, style="dim")
        self.query_one("#editor-prompt", Static).update(prompt)
        self._show_status()
        self._loading = False
        body.move_cursor(body.document.end)
        # At once, not with focus(), which waits behind keys already read: the
        # words typed straight after "n" must land here, not on the list.
        if body.display and self.display:
            self.screen.set_focus(body)
        else:
            body.focus()

    @staticmethod
    def _markdown_language() -> str | None:
        try:
            import tree_sitter_markdown  # noqa: F401
        except ImportError:
            return None
        return "markdown"

    def _set_fields(self, title: str, tags: tuple[str, ...], mood: int | None, shared: bool) -> None:
        self.query_one("#editor-title", Input).value = title
        self.query_one("#editor-tags", Input).value = tags_to_text(tags)
        select = self.query_one("#editor-mood", Select)
        if mood is None:
            select.clear()
        else:
            select.value = mood
        self.query_one("#editor-shared", Checkbox).value = shared

    # -- state -----------------------------------------------------------------------

    def values(self) -> EditorValues:
        mood = self.query_one("#editor-mood", Select).value
        return EditorValues(
            title=self.query_one("#editor-title", Input).value,
            body=self.query_one("#editor-body", TextArea).text,
            tags=text_to_tags(self.query_one("#editor-tags", Input).value),
            mood=mood if isinstance(mood, int) else None,
            shared=self.query_one("#editor-shared", Checkbox).value,
        )

    @property
    def is_dirty(self) -> bool:
        """True when the form differs from what was opened (a real edit)."""
        return self._baseline is not None and self.values() != self._baseline

    @property
    def has_unsaved_draft(self) -> bool:
        return self._baseline is not None and self.values() != self._last_draft

    def draft(self) -> Draft:
        values = self.values()
        return Draft(
            key=self.key, body=values.body, title=values.title, tags=values.tags, mood=values.mood,
            shared=values.shared, entry_id=self.entry.id if self.entry else None,
            base_revision=self.base_revision,
        )

    def _show_status(self, note: str = "") -> None:
        text = Text()
        if note:
            text.append(note + "\n", style="italic")
        text.append("ctrl+s save · esc leave (draft kept)\nctrl+o edit in $EDITOR", style="dim")
        self.query_one("#editor-status", Static).update(text)

    # -- autosave -----------------------------------------------------------------------

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _edited(self) -> None:
        if self._loading or self._baseline is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(AUTOSAVE_SECONDS, self._autosave)

    def _autosave(self) -> None:
        if self.has_unsaved_draft or (self.is_dirty and self._last_draft is self._baseline):
            self._write_draft(self.draft(), self.values())

    @work(thread=True, exclusive=True, group="editor-autosave", exit_on_error=False)
    def _write_draft(self, draft: Draft, values: EditorValues) -> None:
        self.store.drafts.save(draft)
        self.app.call_from_thread(self._draft_written, values)

    def _draft_written(self, values: EditorValues) -> None:
        self._last_draft = values
        self._show_status("Draft saved.")

    def save_draft_now(self) -> bool:
        """Write the draft synchronously (exit paths); returns True if one was written."""
        if self._timer is not None:
            self._timer.stop()
        if self._baseline is None or not self.is_dirty:
            return False
        if self.values() != self._last_draft or self.store.drafts.get(self.key) is None:
            self.store.drafts.save(self.draft())
            self._last_draft = self.values()
        return True

    def on_descendant_blur(self) -> None:
        """Focus moving elsewhere (another pane, a dialog) writes the draft at once."""
        if self._baseline is not None and self.has_unsaved_draft and self.is_dirty:
            self._write_draft(self.draft(), self.values())

    # -- actions ---------------------------------------------------------------------

    def action_save(self) -> bool:
        """Start saving; returns False when there is nothing to save."""
        if self._baseline is None:
            return False
        values = self.values()
        if self.entry is None and not values.body.strip() and not values.title.strip():
            self.app.notify("Nothing to save yet: the entry is empty.", markup=False)
            return False
        if self._timer is not None:
            self._timer.stop()
        self._save(values)
        return True

    @work(thread=True, exclusive=True, group="editor-save", exit_on_error=False)
    def _save(self, values: EditorValues) -> None:
        entries = self.store.entries
        kept_both = False
        if self.entry is None:
            saved = entries.add(values.body, title=values.title, tags=values.tags, mood=values.mood,
                                shared=values.shared, prompt_id=self.prompt_id, discard_draft=self.key)
        elif not self.is_dirty_values(values):
            saved = self.entry
            self.store.drafts.discard(self.key)
        else:
            try:
                saved = entries.update(
                    self.entry.id, title=values.title, body=values.body, tags=values.tags, mood=values.mood,
                    shared=values.shared, expected_revision=self.base_revision, discard_draft=self.key,
                )
            except ConflictError:
                # Someone saved this entry elsewhere since we opened it: keep both.
                saved = entries.add(values.body, title=values.title, tags=values.tags, mood=values.mood,
                                    shared=values.shared, day=self.entry.day, discard_draft=self.key)
                kept_both = True
        self.app.call_from_thread(self._saved, saved, kept_both)

    def is_dirty_values(self, values: EditorValues) -> bool:
        return self._baseline is not None and values != self._baseline

    def _saved(self, entry: Entry, kept_both: bool) -> None:
        self._baseline = None
        self._last_draft = None
        self.entry = entry
        self.post_message(self.Saved(entry, kept_both))

    def action_leave(self) -> None:
        kept = False
        if self._baseline is not None and self.is_dirty:
            try:
                kept = self.save_draft_now()
            except CareerJournalError as error:
                self.app.notify(str(error), severity="error", markup=False)
                return
        elif self._baseline is not None:
            # Nothing changed: forget any stale draft for this entry.
            self.store.drafts.discard(self.key)
        self._baseline = None
        self.post_message(self.Left(kept))

    def action_external_editor(self) -> None:
        """Suspend the app, edit the body in $VISUAL/$EDITOR, and read it back."""
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.app.notify("Set $VISUAL or $EDITOR to choose an editor, e.g. export EDITOR=nano.", markup=False)
            return
        body = self.query_one("#editor-body", TextArea)
        folder = tempfile.mkdtemp(prefix="careerjournal-")
        path = Path(folder) / "entry.md"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(body.text)
            try:
                with self.app.suspend():
                    result = subprocess.run([*shlex.split(command), str(path)], check=False)
            except Exception as error:  # noqa: BLE001 - e.g. SuspendNotSupported, a missing program
                self.app.notify(f"The external editor could not be started ({type(error).__name__}).",
                                severity="error", markup=False)
                return
            if result.returncode != 0:
                self.app.notify("The editor exited with an error; the text was left as it was.", markup=False)
                return
            with open(path, encoding="utf-8", errors="replace", newline="") as handle:
                text = handle.read()
            if text != body.text:
                body.load_text(text)
                self._edited()
        finally:
            path.unlink(missing_ok=True)
            os.rmdir(folder)
