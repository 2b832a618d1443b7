"""Loading a widget's own ``.tcss`` file, shipped beside its module.

Textual reads ``CSS_PATH`` only for apps and screens; panes and widgets keep
their styles in a sibling ``.tcss`` file and load it into ``DEFAULT_CSS`` with
this helper, so each pane stays self-contained.
"""

from __future__ import annotations

from pathlib import Path


def sibling_tcss(module_file: str) -> str:
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")
