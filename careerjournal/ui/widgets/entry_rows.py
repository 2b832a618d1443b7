"""One journal-list row, laid out as styled pieces of text.

The list builds a row for every entry that scrolls into view, and a search
draws a whole screen of new, highlighted rows at once. Built with
``rich.text.Text`` and rendered through a console, a row cost ~0.2 ms; laid
out here as ``(text, style)`` pieces, with the same fitting rules, it costs a
fraction of that. What the row shows is unchanged: ``tests/ui/test_entry_rows.py``
checks it cell for cell against the ``Text`` rendering it replaced.

User text stays literal: pieces are plain strings, never parsed as markup, and
titles, snippets and tags go through ``one_line`` (controls become symbols).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.style import Style

from careerjournal.models import EntrySummary
from careerjournal.textsafe import one_line

Piece = tuple[str, Style]
StyleFor = Callable[[str], Style]

_PLAIN = Style()
ELLIPSIS = "…"


def highlight_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern for any of ``words`` (None: nothing to highlight)."""
    words = [word for word in words if word]
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def row_pieces(
    summary: EntrySummary,
    width: int,
    *,
    first_of_day: bool,
    this_year: int,
    style: StyleFor,
    highlight: re.Pattern[str] | None = None,
) -> list[Piece]:
    """``Sun 22 Nov  21:05  shared  ●●●○○  Title · first line  #tags`` fitted to ``width`` cells.

    The date shows only on a day's first row (rows are grouped by day); the
    year only for earlier years. Narrow lists drop the time, then shrink the
    mood to a digit, so title and badge always fit. When the tags would not
    fit, the title is shortened first so that some of them stay visible.
    ``style`` gives the style of a part of the row by its component name.
    """
    day = summary.day
    label = ""
    if first_of_day:
        label = day.strftime("%a %d %b") if day.year == this_year else day.strftime("%d %b %Y")
    pieces: list[Piece] = [(f" {label:<11} ", style("entry-list--day"))]
    if width >= 76:
        pieces.append((summary.created_at.astimezone().strftime("%H:%M") + "  ", style("entry-list--time")))
    if summary.shared:
        pieces.append(("shared  ", style("entry-list--shared")))
    else:
        pieces.append(("private ", style("entry-list--private")))
    if width >= 64:
        mood = "●" * summary.mood + "○" * (5 - summary.mood) if summary.mood else "     "
        pieces.append((mood + "  ", style("entry-list--mood")))
    else:
        pieces.append((f"{summary.mood or ' '} ", style("entry-list--mood")))

    title = one_line(summary.title) if summary.title.strip() else ""
    body: list[Piece]
    if title:
        body = [(title, _PLAIN)]
        if summary.snippet:
            body.append((" · " + one_line(summary.snippet), style("entry-list--snippet")))
    else:
        body = [(one_line(summary.snippet) or "(empty)", _PLAIN)]
    if highlight is not None:
        body = highlighted(body, highlight, style("entry-list--match"))
    pieces.extend(body)

    if summary.tags:
        tags = "  " + " ".join("#" + one_line(tag) for tag in summary.tags)
        tags_width = cell_len(tags)
        room = width - sum(cell_len(text) for text, _ in pieces)
        if tags_width > room > 12:
            pieces = fitted(pieces, max(width - min(tags_width, width // 3), 20))
        pieces.append((tags, style("entry-list--tags")))
    return fitted(pieces, width)


def highlighted(pieces: list[Piece], pattern: re.Pattern[str], match: Style) -> list[Piece]:
    """``pieces`` with every match of ``pattern`` (across pieces) styled ``match`` on top."""
    plain = "".join(text for text, _ in pieces)
    spans = [found.span() for found in pattern.finditer(plain) if found.end() > found.start()]
    if not spans:
        return pieces
    result: list[Piece] = []
    offset = 0
    for text, style in pieces:
        end = offset + len(text)
        position = offset
        for start, stop in spans:
            if stop <= position or start >= end:
                continue
            start = max(start, position)
            if start > position:
                result.append((text[position - offset : start - offset], style))
            stop = min(stop, end)
            result.append((text[start - offset : stop - offset], style + match))
            position = stop
        if position < end:
            result.append((text[position - offset :], style))
        offset = end
    return result


def fitted(pieces: list[Piece], limit: int) -> list[Piece]:
    """``pieces`` cut to ``limit`` cells, ending in an ellipsis when anything was cut.

    As ``rich.text.Text.truncate`` does: a wide character cut in half leaves a
    space, and the ellipsis takes the style of the character whose place it
    takes (counted in characters, so after a half-cut wide one it is the next).
    """
    widths = [cell_len(text) for text, _ in pieces]
    if sum(widths) <= limit:
        return pieces
    if limit <= 0:
        return []
    keep = limit - 1
    result: list[Piece] = []
    used = 0
    for index, ((text, style), text_width) in enumerate(zip(pieces, widths)):
        if used + text_width <= keep:
            result.append((text, style))
            used += text_width
            continue
        head = set_cell_size(text, keep - used) if keep > used else ""
        if len(head) < len(text):
            ellipsis_style = style
        else:  # the character replaced is the next piece's first
            ellipsis_style = next((later for word, later in pieces[index + 1 :] if word), style)
        if head:
            result.append((head, style))
        result.append((ELLIPSIS, ellipsis_style))
        break
    return result
