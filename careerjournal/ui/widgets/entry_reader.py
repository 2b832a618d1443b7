"""The reader: one entry's title, details and rendered Markdown body.

User text is drawn literally: the header is built from ``rich.text.Text``, and
the body goes through a Markdown parser with raw HTML disabled and links that
never open on click. Bodies past ``MARKDOWN_LIMIT`` characters go to a
line-API view that draws only what is visible, so a 5 MB paste opens at once.
"""

from __future__ import annotations

import sys

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import AwaitMount, MountError
from textual.widgets import Static

from careerjournal.models import Entry
from careerjournal.textsafe import one_line, visible
from careerjournal.ui.tcss import sibling_tcss

MARKDOWN_LIMIT = 100_000


def markdown_parser():  # type: ignore[no-untyped-def]
    """CommonMark-ish parsing with raw HTML treated as text."""
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like", {"html": False, "linkify": False, "typographer": False})


def entry_header(entry: Entry) -> Text:
    text = Text()
    title = one_line(entry.display_title) or "(untitled)"
    text.append(title if len(title) <= 90 else title[:89] + "…", style="bold")
    text.append("\n")
    when = entry.created_at.astimezone().strftime("%A %d %B %Y, %H:%M") if entry.created_at else ""
    text.append(when, style="dim")
    text.append("   ")
    text.append("shared" if entry.shared else "private", style="bold green" if entry.shared else "dim")
    if entry.mood:
        text.append("   mood " + "●" * entry.mood + "○" * (5 - entry.mood), style="yellow")
    if entry.tags:
        text.append("\n")
        text.append(" ".join("#" + one_line(tag) for tag in entry.tags), style="cyan")
    return text


class EntryReader(Vertical):
    """Shows the entry the list has highlighted; ``None`` shows a hint."""

    DEFAULT_CSS = sibling_tcss(__file__)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entry: Entry | None = None

    def compose(self) -> ComposeResult:
        # Blank until the pane knows: a hint about an empty journal, drawn in the
        # first frame of a full one, would be wrong for as long as the entry loads.
        yield Static(Text(""), id="reader-header")
        # The body's scroll view is mounted when the first entry is shown (see
        # _body_scroll): empty, it draws nothing, and the first frame (drawn
        # before any entry is read) is spared its styling and layout.

    def _body_scroll(self) -> tuple[VerticalScroll, AwaitMount | None]:
        """The scroll view for the body, and the mount to await when it was only just added."""
        found = self.query_children("#reader-scroll")
        if found:
            return found.first(VerticalScroll), None
        scroll = VerticalScroll(id="reader-scroll")
        return scroll, self.mount(scroll, after="#reader-header")

    def focus_body(self) -> None:
        """Focus the scrollable body so arrows and page keys scroll the entry."""
        large = self.query_children("LargeTextView")
        (large.first() if large else self._body_scroll()[0]).focus()

    async def show(self, entry: Entry | None, *, hint: str = "Nothing to read yet. Press n to write your first entry.") -> None:
        """Display ``entry``; the Markdown machinery is imported on first use only."""
        self.entry = entry
        header = self.query_one("#reader-header", Static)
        for old in self.query(".reader-body"):
            await old.remove()
        if entry is None:
            for scroll in self.query_children("#reader-scroll"):
                scroll.display = True  # empty, in case a long entry's view had replaced it
            header.update(Text(hint))
            return
        try:
            scroll, mounting = self._body_scroll()
            if mounting is not None:
                await mounting
        except MountError:
            return  # the app is closing
        scroll.display = True
        header.update(entry_header(entry))
        body = entry.body
        if not body.strip():
            await scroll.mount(Static(Text("(no text)", style="dim"), classes="reader-body"))
        elif len(body) > MARKDOWN_LIMIT:
            from careerjournal.ui.widgets.large_text import LargeTextView

            scroll.display = False
            await self.mount(LargeTextView(body, classes="reader-body"))
            if scroll.has_focus:
                self.focus_body()
        elif "textual.widgets._markdown" not in sys.modules:
            # Importing the Markdown machinery costs a third of a second: show the
            # text literally at once, load it in the background, then re-render.
            await scroll.mount(Static(Text(visible(body)), classes="reader-body"))
            self._warm_markdown(entry)
        else:
            from textual.widgets import Markdown

            await scroll.mount(
                Markdown(visible(body), parser_factory=markdown_parser, open_links=False, classes="reader-body")
            )
            scroll.scroll_home(animate=False)

    @work(thread=True, exclusive=True, group="reader-markdown", exit_on_error=False)
    def _warm_markdown(self, entry: Entry) -> None:
        import textual.widgets._markdown  # noqa: F401

        markdown_parser()
        self.app.call_from_thread(self._rerender, entry)

    async def _rerender(self, entry: Entry) -> None:
        if self.entry is entry:
            await self.show(entry)
