"""The guidance library (ctrl+l): every topic, searchable, with related topics.

A list of topics on the left (filtered as you type), the chosen topic on the
right. Our own copy, drawn as ``rich.text.Text``.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from careerjournal.guidance import SECTIONS, TOPICS, get_topic, related_topics, search_topics
from careerjournal.ui.tcss import sibling_tcss


def topic_text(key: str) -> Text:
    topic = get_topic(key)
    text = Text()
    text.append(SECTIONS.get(key.split(".")[0], "") + "\n", style="dim")
    text.append(topic.title + "\n", style="bold")
    text.append(topic.summary + "\n\n", style="italic")
    for item in topic.body:
        text.append(item + "\n")
    related = related_topics(key)
    if related:
        text.append("\nRelated: ", style="dim")
        text.append(", ".join(other.title for other in related), style="cyan")
    text.append(f"\n\n{key}", style="dim")
    return text


class GuidanceLibrary(ModalScreen[None]):
    DEFAULT_CSS = sibling_tcss(__file__)
    BINDINGS = [
        Binding("escape", "close", "Close", id="library.close"),
        Binding("slash", "search", "Search", id="library.search", show=False),
    ]

    def __init__(self, topic: str | None = None) -> None:
        super().__init__()
        self.start_topic = topic

    def compose(self) -> ComposeResult:
        with Vertical(id="library-box") as box:
            box.border_title = "Guidance library"
            box.border_subtitle = "type to search · enter open · esc close"
            yield Input(placeholder="Search the guidance…", id="library-search")
            with Horizontal():
                yield OptionList(id="library-topics")
                with VerticalScroll(id="library-topic-scroll"):
                    yield Static(id="library-topic")

    def on_mount(self) -> None:
        self._list(list(TOPICS))
        if self.start_topic in TOPICS:
            keys = list(TOPICS)
            self.query_one(OptionList).highlighted = keys.index(self.start_topic)
            self._show(self.start_topic)
            self.query_one(OptionList).focus()
        else:
            self.query_one(Input).focus()

    def _list(self, keys: list[str]) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(Text(get_topic(key).title), id=key) for key in keys])
        if keys:
            options.highlighted = 0
            self._show(keys[0])
        else:
            self.query_one("#library-topic", Static).update(Text("Nothing matches that search.", style="dim"))

    def _show(self, key: str) -> None:
        self.query_one("#library-topic", Static).update(topic_text(key))

    @on(Input.Changed, "#library-search")
    def _search(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self._list([topic.key for topic in search_topics(query)] if query else list(TOPICS))

    @on(Input.Submitted, "#library-search")
    def _to_list(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show(event.option.id)

    def action_search(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)
