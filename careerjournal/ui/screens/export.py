"""The export dialog (``x``): choose, preview exactly, then write.

The preview is the very text that will be written, rendered in a thread worker
and shown in a line-API view (fast even for a long summary). Private entries
stay out unless the switch is turned on, which shows a warning. Writing is
atomic, never through a symlink, and asks before replacing a file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from careerjournal.dates import parse_date
from careerjournal.db.store import Store
from careerjournal.errors import CareerJournalError, DateParseError
from careerjournal.textsafe import visible
from careerjournal.ui.tcss import sibling_tcss
from careerjournal.ui.widgets.large_text import LargeTextView

FORMAT_LABELS = [("Markdown (for your partner)", "markdown"), ("Web page, HTML (for your partner)", "html"),
                 ("Plain text (to paste in a message)", "text"), ("JSON backup (everything, private)", "json")]
PREVIEW_DELAY = 0.3
WRAP_LIMIT = 200_000


class ExportScreen(ModalScreen[Path | None]):
    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "write", "Write", id="export.write", priority=True),
    ]

    def __init__(self, store: Store, today: dt.date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.text = ""
        self._timer: Timer | None = None
        self._path_edited = False

    def compose(self) -> ComposeResult:
        from careerjournal.export import SECTION_TITLES

        with Horizontal(id="export-box") as box:
            box.border_title = "Share with your partner"
            box.border_subtitle = "ctrl+s write · esc cancel"
            with VerticalScroll(id="export-options"):
                yield Label("Format")
                yield Select(FORMAT_LABELS, value="markdown", allow_blank=False, id="export-format")
                with Horizontal(id="export-dates"):
                    with Vertical():
                        yield Label("From (optional)")
                        yield Input(placeholder="e.g. last month", id="export-since")
                    with Vertical():
                        yield Label("Until (optional)")
                        yield Input(placeholder="e.g. today", id="export-until")
                yield Label("Sections")
                for key, title in SECTION_TITLES.items():
                    yield Checkbox(title, value=True, id=f"export-section-{key}", classes="export-section")
                yield Checkbox("Include private entries", value=False, id="export-private")
                yield Static(id="export-warning")
                yield Label("Save to")
                yield Input(id="export-path")
                yield Static(id="export-error")
                with Horizontal(id="export-buttons"):
                    yield Button("Write", variant="primary", id="export-write")
                    yield Button("Cancel", id="export-cancel")
            with Vertical(id="export-preview-column"):
                yield Static(Text("Preview: exactly what will be written", style="bold"), id="export-preview-title")
                yield LargeTextView("", id="export-preview")

    def on_mount(self) -> None:
        self._suggest_path()
        self.query_one("#export-format", Select).focus()
        self._schedule_preview()

    # -- options ----------------------------------------------------------------------

    def _format(self) -> str:
        value = self.query_one("#export-format", Select).value
        return value if isinstance(value, str) else "markdown"

    def _suggest_path(self) -> None:
        from careerjournal.export import default_export_folder, default_export_name

        if not self._path_edited:
            path = self.query_one("#export-path", Input)
            with path.prevent(Input.Changed):
                path.value = str(default_export_folder() / default_export_name(self._format(), self.today))

    def _options(self):  # type: ignore[no-untyped-def]
        from careerjournal.export import SECTION_TITLES, SummaryOptions

        error = self.query_one("#export-error", Static)
        try:
            since = self._date("#export-since")
            until = self._date("#export-until")
        except DateParseError as problem:
            error.update(Text(str(problem), style="bold red"))
            return None
        if since and until and since > until:
            error.update(Text("'From' is after 'Until', so nothing could match; swap them.", style="bold red"))
            return None
        error.update("")
        sections = frozenset(key for key in SECTION_TITLES
                             if self.query_one(f"#export-section-{key}", Checkbox).value)
        return SummaryOptions(since=since, until=until, sections=sections,
                              include_private=self.query_one("#export-private", Checkbox).value)

    def _date(self, selector: str) -> dt.date | None:
        text = self.query_one(selector, Input).value.strip()
        return parse_date(text, today=self.today) if text else None

    @on(Select.Changed, "#export-format")
    def _format_changed(self) -> None:
        self._suggest_path()
        json_backup = self._format() == "json"
        for widget in self.query(".export-section"):
            widget.disabled = json_backup
        self._schedule_preview()

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._path_edited = True

    @on(Input.Changed, "#export-since")
    @on(Input.Changed, "#export-until")
    @on(Checkbox.Changed)
    def _options_changed(self) -> None:
        from careerjournal.export import INCLUDE_PRIVATE_WARNING

        private = self.query_one("#export-private", Checkbox).value
        self.query_one("#export-warning", Static).update(
            Text("⚠ " + INCLUDE_PRIVATE_WARNING, style="bold yellow") if private else "")
        self._schedule_preview()

    # -- preview ----------------------------------------------------------------------

    def _schedule_preview(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(PREVIEW_DELAY, self._start_preview)

    def _start_preview(self) -> None:
        options = self._options()
        if options is not None:
            self.query_one("#export-preview-title", Static).update(Text("Preparing the preview…", style="dim"))
            self._render_preview(self._format(), options)

    @work(thread=True, exclusive=True, group="export-preview", exit_on_error=False)
    def _render_preview(self, fmt: str, options) -> None:  # type: ignore[no-untyped-def]
        from careerjournal.export import render

        text = render(self.store, fmt, options, self.store.now())
        self.app.call_from_thread(self._rendered, text)

    async def _rendered(self, text: str) -> None:
        self.text = text
        await self.query_one("#export-preview").remove()
        column = self.query_one("#export-preview-column")
        if len(text) <= WRAP_LIMIT:
            # Short enough to wrap for easy reading; long ones scroll line by line.
            scroll = VerticalScroll(Static(Text(visible(text))), id="export-preview")
            await column.mount(scroll)
        else:
            await column.mount(LargeTextView(text, id="export-preview"))
        lines = text.count("\n") + 1
        self.query_one("#export-preview-title", Static).update(
            Text(f"Preview: exactly what will be written ({lines:,} lines)", style="bold"))

    # -- writing ------------------------------------------------------------------------

    @on(Button.Pressed, "#export-write")
    def action_write(self) -> None:
        options = self._options()
        if options is None:
            return
        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        if not str(path) or path == Path("."):
            self.query_one("#export-error", Static).update(Text("Give a file to write to.", style="bold red"))
            return
        if path.exists() and not path.is_symlink():
            from careerjournal.ui.screens.confirm import ChoiceScreen

            def answer(choice: str | None) -> None:
                if choice == "replace":
                    self._write(path, self._format(), options, True)

            self.app.push_screen(ChoiceScreen("Replace the file?", f"{path} already exists.",
                                              {"replace": "Replace it", "cancel": "Keep it"}), answer)
            return
        self._write(path, self._format(), options, False)

    @work(thread=True, exclusive=True, group="export-write", exit_on_error=False)
    def _write(self, path: Path, fmt: str, options, force: bool) -> None:  # type: ignore[no-untyped-def]
        from careerjournal.export import render, write_atomically

        try:
            written = write_atomically(path, render(self.store, fmt, options, self.store.now()), force=force)
        except CareerJournalError as error:
            self.app.call_from_thread(self.query_one("#export-error", Static).update,
                                      Text(str(error), style="bold red"))
            return
        self.app.call_from_thread(self._written, written)

    def _written(self, path: Path) -> None:
        self.app.notify(f"Written to {path}", title="Exported", timeout=10, markup=False)
        self.dismiss(path)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
