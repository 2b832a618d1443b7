"""Turning what a person types into a safe FTS5 query.

Raw user text is never handed to ``MATCH``: a stray ``"``, ``-``, ``(`` or
``[`` would be FTS5 syntax or an error. Words are quoted one by one (AND-ed),
``"quoted phrases"`` stay phrases, and the last word matches as a prefix so
results follow the user's typing.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"([^"]*)"|(\w+)', re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(text: str) -> list[str]:
    """The plain words of a search, for highlighting matches in the UI."""
    return _WORD.findall(text or "")


def build_fts_query(text: str | None, *, prefix_last: bool = True) -> str | None:
    """An FTS5 expression for ``text``, or ``None`` when it holds no words."""
    if not text:
        return None
    parts: list[str] = []
    last_is_word = False
    for match in _TOKEN.finditer(text):
        phrase, word = match.groups()
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
                last_is_word = False
        elif word:
            parts.append('"' + word + '"')
            last_is_word = True
    if not parts:
        return None
    trailing_space = text[-1:].isspace()
    if prefix_last and last_is_word and not trailing_space:
        parts[-1] = parts[-1] + "*"
    return " ".join(parts)
