"""Showing user text literally, wherever it goes.

User text is never markup. It is wrapped in ``rich.text.Text`` / Textual
``Content`` by the UI, and these helpers make the characters themselves safe
for a terminal: control characters (ESC, BEL, NUL...) become visible symbols
instead of moving the cursor or recolouring the screen. Nothing here alters
what is *stored*; it only changes what is *drawn*.
"""

from __future__ import annotations

_CONTROL_PICTURES = {i: chr(0x2400 + i) for i in range(32)}
_CONTROL_PICTURES[127] = "\u2421"


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """Replace control characters with their Unicode 'control picture' symbols."""
    table = dict(_CONTROL_PICTURES)
    if keep_newlines:
        del table[10]
        del table[9]
    # C1 controls (U+0080..U+009F) can act as escape sequences on some terminals.
    table.update({i: "\ufffd" for i in range(0x80, 0xA0)})
    return text.translate(table)


def one_line(text: str) -> str:
    """Text for a single row: newlines and tabs become spaces, controls become symbols."""
    return visible(" ".join(text.split()), keep_newlines=False)
