"""A list row laid out as pieces draws exactly what the ``rich.text.Text`` rendering did.

``reference_row`` is the row as it was built before (Text, spans, truncate,
rendered through a console); the fast layout must match it cell for cell,
styles included, for any text, width, tags and highlighted words.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from careerjournal.models import EntrySummary
from careerjournal.textsafe import one_line
from careerjournal.ui.widgets.entry_rows import fitted, highlight_pattern, highlighted, row_pieces

STYLES = {
    "entry-list--day": Style(color="red", bold=True),
    "entry-list--time": Style(color="grey50"),
    "entry-list--shared": Style(color="green", bold=True),
    "entry-list--private": Style(color="grey42"),
    "entry-list--mood": Style(color="yellow"),
    "entry-list--snippet": Style(color="grey62", italic=True),
    "entry-list--tags": Style(color="cyan"),
    "entry-list--match": Style(bgcolor="dark_orange", bold=True),
}
BASE = Style(color="white", bgcolor="grey11")
THIS_YEAR = 2026

TEXTS = [
    "",
    "   ",
    "Asked for the promotion",
    "[/]",
    "[bold]x[/bold] and [/]",
    "[@click=app.quit]x[/]",
    "<b>html</b> &amp;",
    "🎉 promotion 👩‍💻 day",
    "仕事と家庭の両立について考えた",
    "שלום עולם مرحبا",
    "tab\there\nnew line\x1b[31m red \x07 bell",
    "a very long title " * 12,
    "Über-naïve café résumé",
]


def reference_row(summary: EntrySummary, width: int, first_of_day: bool, words: list[str]) -> Strip:
    """The row as the list built it with rich.text.Text (kept here as the reference)."""
    style = STYLES.__getitem__
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    day = summary.day
    label = ""
    if first_of_day:
        label = day.strftime("%a %d %b") if day.year == THIS_YEAR else day.strftime("%d %b %Y")
    text.append(f" {label:<11} ", style("entry-list--day"))
    if width >= 76:
        text.append(summary.created_at.astimezone().strftime("%H:%M") + "  ", style("entry-list--time"))
    if summary.shared:
        text.append("shared  ", style("entry-list--shared"))
    else:
        text.append("private ", style("entry-list--private"))
    if width >= 64:
        mood = "●" * summary.mood + "○" * (5 - summary.mood) if summary.mood else "     "
        text.append(f"{mood}  ", style("entry-list--mood"))
    else:
        text.append(f"{summary.mood or ' '} ", style("entry-list--mood"))
    title = one_line(summary.title) if summary.title.strip() else ""
    start = len(text)
    if title:
        text.append(title)
        if summary.snippet:
            text.append(" · " + one_line(summary.snippet), style("entry-list--snippet"))
    else:
        text.append(one_line(summary.snippet) or "(empty)")
    if words:
        body = text[start:]
        body.highlight_words(words, style("entry-list--match"), case_sensitive=False)
        text = text[:start] + body
    if summary.tags:
        tag_text = Text("  " + " ".join("#" + one_line(tag) for tag in summary.tags), style=style("entry-list--tags"))
        room = width - text.cell_len
        if room < tag_text.cell_len and room > 12:
            text.truncate(max(width - min(tag_text.cell_len, width // 3), 20), overflow="ellipsis")
        text.append_text(tag_text)
    text.truncate(width, overflow="ellipsis")
    segments = Segment.apply_style(text.render(Console(width=500)), style=BASE)
    return Strip(list(segments), text.cell_len).crop_extend(0, width, BASE)


def fast_row(summary: EntrySummary, width: int, first_of_day: bool, words: list[str]) -> Strip:
    pieces = row_pieces(summary, width, first_of_day=first_of_day, this_year=THIS_YEAR, style=STYLES.__getitem__,
                        highlight=highlight_pattern(words))
    return Strip([Segment(text, BASE + style) for text, style in pieces if text]).extend_cell_length(width, BASE)


def cells(strip: Strip) -> list[tuple[str, Style | None]]:
    return [(char, segment.style) for segment in strip for char in segment.text]


def summary(title: str, snippet: str = "", *, tags: tuple[str, ...] = (), mood: int | None = 3, shared: bool = False,
            year: int = THIS_YEAR) -> EntrySummary:
    created = dt.datetime(year, 11, 22, 21, 5, tzinfo=dt.timezone.utc)
    return EntrySummary(id=1, created_at=created, day=created.date(), title=title, mood=mood, shared=shared,
                        tags=tags, snippet=snippet)


@pytest.mark.parametrize("width", [30, 48, 63, 64, 75, 76, 100, 140])
@pytest.mark.parametrize("title", TEXTS)
def test_every_text_draws_as_the_text_rendering_did(width: int, title: str) -> None:
    for snippet, tags, words in [("", (), []), ("first line of the body", ("work", "us"), []),
                                 (title, (title, "career"), ["the", "[/]", "🎉"])]:
        row = summary(title, snippet, tags=tags)
        for first in (True, False):
            assert cells(fast_row(row, width, first, words)) == cells(reference_row(row, width, first, words)), (
                title, snippet, tags, words, width, first)


def test_random_rows_draw_as_the_text_rendering_did() -> None:
    generator = random.Random(8)
    alphabet = "abc xyz ÉÖ 仕事 🎉 שלום [/]#·…"
    for _ in range(600):
        def some_text(most: int) -> str:
            return "".join(generator.choice(alphabet) for _ in range(generator.randrange(most)))

        row = summary(some_text(60), some_text(120), tags=tuple(some_text(12) for _ in range(generator.randrange(6))),
                      mood=generator.choice([None, 1, 2, 3, 4, 5]), shared=generator.random() < 0.5,
                      year=generator.choice([2025, 2026]))
        words = [some_text(4) for _ in range(generator.randrange(3))]
        width = generator.randrange(20, 130)
        first = generator.random() < 0.5
        assert cells(fast_row(row, width, first, words)) == cells(reference_row(row, width, first, words)), (
            row, width, first, words)


def test_matches_are_highlighted_across_title_and_snippet() -> None:
    match = STYLES["entry-list--match"]
    pieces = highlighted([("career ch", Style()), ("oice", STYLES["entry-list--snippet"])],
                         highlight_pattern(["CHOICE"]), match)  # type: ignore[arg-type]
    assert pieces == [("career ", Style()), ("ch", Style() + match), ("oice", STYLES["entry-list--snippet"] + match)]


def test_no_words_means_no_highlight() -> None:
    assert highlight_pattern([]) is None
    assert highlight_pattern(["", ""]) is None


def test_fitting_cuts_wide_characters_cleanly_and_keeps_the_style_under_the_ellipsis() -> None:
    red, blue = Style(color="red"), Style(color="blue")
    assert fitted([("abc", red), ("仕事仕事", blue)], 20) == [("abc", red), ("仕事仕事", blue)]
    assert fitted([("abc", red), ("仕事仕事", blue)], 7) == [("abc", red), ("仕 ", blue), ("…", blue)]
    assert fitted([("abc", red), ("仕", blue), ("xy", red)], 4) == [("abc", red), ("…", blue)]
    assert fitted([("ab", red), ("仕", blue), ("xy", red)], 4) == [("ab", red), (" ", blue), ("…", red)]
    assert fitted([("abcdef", red), ("xyz", blue)], 7) == [("abcdef", red), ("…", blue)]
    assert fitted([("abc", red)], 0) == []


def test_user_text_is_never_markup() -> None:
    for title, words in itertools.product(["[bold]x[/]", "[@click=app.quit]q[/]", "[/]"], [[], ["x"]]):
        strip = fast_row(summary(title, "[red]snippet[/red]"), 120, True, words)
        assert title in strip.text and "[red]snippet[/red]" in strip.text
