"""The footer, rebuilt only when the keys it shows actually change.

Textual's Footer removes and re-mounts every key widget each time any widget
calls ``refresh_bindings()``. The journal does that on every search keystroke
and every page of results (a key may have become available), so the footer
was being rebuilt a dozen times a second for nothing: about 10 ms each, spent
between a keystroke and its results appearing.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A Footer that skips rebuilding when the shown keys are the same as last time."""

    _shown: tuple[tuple[str, str, bool, str], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.description, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        super().bindings_changed(screen)
        if self._bindings_ready and screen.app.app_focus:
            self._shown = shown
