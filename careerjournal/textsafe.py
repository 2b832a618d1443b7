"""Showing user text literally, wherever it goes.

User text is never markup. It is wrapped in ``rich.text.Text`` / Textual
``Content`` by the UI, and these helpers make the characters themselves safe
for a terminal: control characters (ESC, BEL, NUL...) become visible symbols
instead of moving the cursor or recolouring the screen. Nothing here alters
what is *stored*; it only changes what is *drawn*.
"""

from __future__ import annotations

import re

_CONTROL_PICTURES = {i: chr(0x2400 + i) for i in range(32)}
_CONTROL_PICTURES[127] = "\u2421"
# C1 controls (U+0080..U+009F) can act as escape sequences on some terminals.
_CONTROL_PICTURES.update({i: "\ufffd" for i in range(0x80, 0xA0)})
#: Built once: ``visible`` runs for every row drawn and every entry exported.
_ALL_CONTROLS = str.maketrans(_CONTROL_PICTURES)
_CONTROLS_BUT_LINE_BREAKS = str.maketrans({k: v for k, v in _CONTROL_PICTURES.items() if k not in (9, 10)})


#: Finds any character ``visible`` would replace (a scan is ~10x quicker than translating).
_CONTROL_FOUND = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """Replace control characters with their Unicode 'control picture' symbols."""
    if keep_newlines:
        return text.translate(_CONTROLS_BUT_LINE_BREAKS) if _CONTROL_FOUND.search(text) else text
    return text if text.isprintable() else text.translate(_ALL_CONTROLS)


def one_line(text: str) -> str:
    """Text for a single row: newlines and tabs become spaces, controls become symbols."""
    return visible(" ".join(text.split()), keep_newlines=False)
