"""One table of keys for the footer, the help screen and the command palette.

Every binding has a description and an id; this module walks the app, the
pane in front and the widgets inside it, and yields their bindings, so the
three places a user looks for keys can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode


@dataclass(frozen=True)
class KeyRow:
    group: str
    key: str
    description: str
    tooltip: str
    node: DOMNode
    action: str


def _bindings(node: DOMNode) -> Iterator[Binding]:
    for binding in node._bindings.key_to_bindings.values():  # noqa: SLF001 - the merged, keymapped table
        yield from binding


def key_rows(app: App, nodes: list[tuple[str, DOMNode]]) -> list[KeyRow]:
    """Bindings with a description, grouped by where they act, without repeats."""
    grouped: dict[tuple[str, str], KeyRow] = {}
    for group, node in nodes:
        for binding in _bindings(node):
            # Our bindings all carry an id; Textual's inherited scrolling keys don't
            # belong in the help (the palette's own key is the one exception).
            if not binding.description or binding.system:
                continue
            if binding.id is None and binding.action != "command_palette":
                continue
            key = (group, binding.action)
            display = app.get_key_display(binding)
            if key in grouped:
                previous = grouped[key]
                if display not in previous.key.split(" / "):
                    grouped[key] = KeyRow(group, f"{previous.key} / {display}", previous.description,
                                          previous.tooltip, node, binding.action)
                continue
            grouped[key] = KeyRow(group, display, binding.description, binding.tooltip, node, binding.action)
    return list(grouped.values())
