"""User text in the Markdown summary renders as exactly the text that was typed.

Each tricky text is escaped, rendered with markdown-it (CommonMark plus the GFM
table, strikethrough and bare-link rules) and read back from the token stream:
the only structure allowed is what the writer made (paragraphs, hard line breaks,
its own headings and emphasis), and the text must come back character for
character, apart from the documented whitespace rules (indentation as no-break
spaces, trailing spaces dropped, a run of blank lines as one paragraph break,
CR/CRLF as LF, control characters as visible symbols).

The fast path (:func:`escape_blocks`, all texts at once) is checked against the
one-text rule (:func:`escape_block`) on random text, and the batch word count
against ``str.split``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import replace

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from careerjournal.db.store import Store
from careerjournal.export import SummaryOptions, collect, render
from careerjournal.export.markdown import (
    INLINE_MARKS,
    escape,
    escape_block,
    escape_blocks,
    escape_lines,
    to_markdown,
)
from careerjournal.export.summary import NOTABLE_ASCII, WIDE_SPACES, EntryColumns, EntryView, TextBatch, long_date
from careerjournal.models import EntryQuery
from careerjournal.textsafe import one_line, visible

MARKDOWN = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])

TRICKY = (
    "# x", "## closed ##", "###### six", "#hashtag", "---", "===", "Title\n===", "Title\n---", "- item", "+ item",
    "* item", "- [ ] task", "1. one", "2) two", "123456789. big", "10.5 is not a list", "> quote", ">> nested",
    "***", "* * *", "___", "_ _ _", "`code`", "``a ` b``", "```\nfence\n```", "~~~\nfence\n~~~", "[a](http://x)",
    "![i](x)", "[ref]: http://x", "[^1]: note", "<b>", "<!--", "<!-- hidden -->", "<div>\nblock\n</div>",
    "<http://x>", "&amp; &lt; &#60; &copy", "a|b|c\n-|-|-\n1|2|3", "| a | b |\n|---|---|\n| 1 | 2 |", "~~s~~",
    "~sub~", "^sup^", "$x$", "$$\nmath\n$$", "{.class}", "{{ template }}", "_x_", "*x*", "__x__", "**x**",
    "snake_case_name", "a\\", "back\\slash \\* \\\\ \\\n", "ends with backslash\\\nnext line", "    four spaces",
    "\tone tab", "  - indented item", "\t\ttwo tabs", "    ```\n    fenced?", "a\n\n\n\nb", "\n\nleading blank lines",
    "trailing blank lines\n\n\n", "  \n\t\n", "", "   ", "trailing spaces   \nnext", "tab at end\t\nnext",
    "crlf\r\nline\r\n\r\npara", "cr\ronly\r\rtwo", "bell\x07 esc\x1b[31mred\x1b[0m nul\x00 del\x7f c1\x85\x9b",
    "🌱 growing together 💞", "שלום עולם مرحبا بالعالم", "\u202eevil override\u202c", "zero\u200bwidth",
    "nbsp\u00a0\u00a0inside", "line\u2028separator", "www.example.com/a_b", "WWW.EXAMPLE.COM/A_B", "see www.x.org",
    "https://example.com/?a=1&b=2", "http://x.y/~me_too", "mailto:a_b@example.com", "a_b@example.com",
    ": definition", "Term\n: definition", "::: container\n:::", "!!! note", "+++\ntoml\n+++", "%title",
    "1. a\n2. b\n\n- c\n- d\n\n> e", "Setext\n  ===", "a  \nb", "x\n    y\n\tz", "(parens) and !bang",
    "x" * 3000, ("A long day. " * 40 + "\n") * 30,
)
ONE_LINE_TRICKY = (
    "# Title", "[x] asked for a raise", "*bold* title", "Title #", "Title ##", "C# and F#", "a|b", "<script>",
    "1. first", "- dash", "+ plus", "= eq", "> gt", ": colon", "trailing \\", "  spaced   out  ", "tab\there",
    "new\nline", "ctrl\x1b", "🎉 done", "www.x.com_a", "_under_", "`tick`", "&amp;", "~~gone~~", "$5 & $6",
)
DAY = "Monday 2 November 2026"


# -- reading rendered Markdown back -----------------------------------------------------

def _inline_text(token: Token, allowed: frozenset[str] = frozenset()) -> str:
    """The text an inline token shows; fails on any markup the writer didn't make."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "hardbreak":  # a soft break would show as a space: the line break was lost
            parts.append("\n")
        elif child.type in ("link_open", "link_close") and child.markup == "linkify":
            continue  # a bare address made clickable still shows what was typed
        elif child.type in allowed:
            parts.append(f"<{child.type}>")
        else:
            raise AssertionError(f"user text became markup: {child.type} in {token.content!r}")
    return "".join(parts)


def _blocks(markdown: str, allowed: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """Top-level blocks as (kind, text); only paragraphs and headings may appear."""
    tokens = MARKDOWN.parse(markdown)
    blocks: list[tuple[str, str]] = []
    for index, token in enumerate(tokens):
        if token.type in ("paragraph_open", "heading_open"):
            blocks.append((token.tag, _inline_text(tokens[index + 1], allowed)))
        elif token.type not in ("paragraph_close", "heading_close", "inline"):
            raise AssertionError(f"user text became a {token.type}: {markdown!r}")
    return blocks


def _expected_paragraphs(text: str) -> list[str]:
    """What a body should show: the typed lines, grouped into paragraphs by blank lines."""
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line.strip():
            paragraphs.append([])
            continue
        content = line.lstrip(" \t")
        lead = line[: len(line) - len(content)].replace("\t", "    ").replace(" ", "\u00a0")
        paragraphs[-1].append(lead + content.rstrip(" \t"))
    # markdown-it (like JavaScript's trim) strips every kind of space at the very
    # start and end of a paragraph, no-break spaces included.
    return ["\n".join(lines).strip() for lines in paragraphs if lines]


# -- the rule, one text at a time ----------------------------------------------------------

@pytest.mark.parametrize("text", TRICKY)
def test_a_body_renders_as_typed(text: str) -> None:
    blocks = _blocks(escape_block(text))
    assert [kind for kind, _ in blocks] == ["p"] * len(blocks)
    assert [shown for _, shown in blocks] == _expected_paragraphs(text)


@pytest.mark.parametrize("text", TRICKY + ONE_LINE_TRICKY)
def test_a_title_or_tag_renders_as_typed_in_every_place_the_writer_puts_one(text: str) -> None:
    shown = one_line(text)
    if not shown:
        return
    escaped = escape(text)
    assert "\n" not in escaped
    assert _blocks(f"### {DAY} · {escaped}") == [("h3", f"{DAY} · {shown}")]
    emphasis = frozenset({"em_open", "em_close", "strong_open", "strong_close"})
    assert _blocks(f"*Tags: {escaped}, {escaped}*", emphasis) == [("p", f"<em_open>Tags: {shown}, {shown}<em_close>")]
    list_item = MARKDOWN.parse(f"- **{escaped}**\\\n  Short-term")
    inline = next(token for token in list_item if token.type == "inline")
    assert _inline_text(inline, emphasis) == f"<strong_open>{shown}<strong_close>\nShort-term"


def test_only_marks_that_can_act_are_escaped() -> None:
    plain = "Parents' evening. (Mia's teacher) said: well done! 3 + 4 = 7 - really? 50% of 10/20, \"quoted\" @sam"
    assert escape_block(plain) == plain
    starts = escape_block("- a\n1. b\n2) c\n+ d\n= e\n> f\n: g\n1.5 h")
    assert starts.split("\\\n") == ["\\- a", "1\\. b", "2\\) c", "\\+ d", "\\= e", "\\> f", "\\: g", "1\\.5 h"]
    documented = "\\`*_[]<&|~${}^#"  # the module docstring's list, spelled out here on purpose
    assert sorted(INLINE_MARKS) == sorted(documented)
    for mark in documented:
        assert escape_block(f"a{mark}b") == escape(f"a{mark}b") == f"a\\{mark}b"
        assert mark in NOTABLE_ASCII  # or the batch would never look for it


def test_bare_links_lose_their_link_only_when_something_in_the_text_was_escaped() -> None:
    # cmark-gfm and micromark build the link from the raw text, so a backslash inside would show.
    assert escape_block("see www.example.com/a and https://example.com/b") == (
        "see www.example.com/a and https://example.com/b")
    escaped = escape_block("see www.example.com/a_b, WwW.x.org and https://example.com/?a=1&b=2")
    assert escaped == "see www\\.example.com/a\\_b, WwW\\.x.org and https\\://example.com/?a=1\\&b=2"
    assert not re.search(r"(?i)www\.|(?<!\\)://", escaped)


def test_indentation_never_makes_code_and_blank_runs_make_one_break() -> None:
    block = escape_block("    indented\n\tTabbed\n- item\n\n\n\n1) two\n```\n~~~")
    indent = "\u00a0" * 4
    assert block == f"{indent}indented\\\n{indent}Tabbed\\\n\\- item\n\n1\\) two\\\n\\`\\`\\`\\\n\\~\\~\\~"
    assert not re.search(r"[ \t]+\n", escape_block("trailing   \nspaces\t\n\nend  "))


# -- many texts at once --------------------------------------------------------------------

PIECES = ["a", "Zz", " ", "  ", "\t", "\n", "\n", "\n\n", "\r", "\r\n", "\x00", "\x07", "\x1b", "\x85", "\x9b", "\xa0",
          "\u3000", "\u2028", "\ud800", "#", "-", "+", "=", ">", ":", "1", "23", ".", ")", "*", "_", "`", "[", "]",
          "<", "&", "|", "~", "$", "{", "}", "^", "\\", "!", "(", "www.", "WwW.", "://", "http://x_y", "é", "🎉",
          "\u202e"]
#: What the journal itself can hold (SQLite text is UTF-8, so no lone surrogates).
STORABLE = [piece for piece in PIECES if piece != "\ud800"]


def _random_texts(rng: random.Random) -> list[str]:
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 14))) for _ in range(rng.randrange(0, 9))]
    if rng.random() < 0.5:  # most batches have no NUL, so the NUL-free path is tried too
        texts = [text.replace("\x00", "") for text in texts]
    if rng.random() < 0.3:  # and plain prose, where nothing needs escaping
        texts = [re.sub(r"[^a-zA-Z .\n]", "", text) for text in texts]
    return texts


def test_the_batch_gives_exactly_what_one_text_at_a_time_gives() -> None:
    rng = random.Random(20261122)
    for _ in range(2500):
        texts = _random_texts(rng)
        assert list(escape_blocks(TextBatch(texts))) == [escape_block(text) for text in texts], texts
        assert list(escape_lines(texts)) == [escape(text) for text in texts], texts


def test_random_text_renders_as_typed() -> None:
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 20)))
        assert [shown for _, shown in _blocks(escape_block(text))] == _expected_paragraphs(text), text


def test_plain_prose_goes_through_uncopied() -> None:
    texts = ["Today was calm.\n\nWe talked, and it helped!", "", "One more line? Yes."]
    batch = TextBatch(texts)
    assert escape_blocks(batch) is texts


def test_the_word_count_is_what_split_counts() -> None:
    rng = random.Random(11)
    spaces = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", *sorted(WIDE_SPACES)]
    for _ in range(500):
        texts = ["".join(rng.choice(spaces + PIECES + ["word"] * 5) for _ in range(rng.randrange(0, 12)))
                 for _ in range(rng.randrange(0, 6))]
        assert TextBatch(texts).word_count == sum(len(text.split()) for text in texts), texts


def test_wide_spaces_are_every_space_split_knows_beyond_ascii() -> None:
    assert WIDE_SPACES == {char for char in map(chr, range(128, 0x110000)) if char.isspace()}


# -- the whole document --------------------------------------------------------------------

def test_every_tricky_entry_reads_back_from_the_summary(store: Store) -> None:
    titles = [*ONE_LINE_TRICKY, *TRICKY[:60]]
    for number, body in enumerate(TRICKY):
        title = titles[number % len(titles)]
        store.entries.add(body, title=title, tags=[titles[(number + 1) % len(titles)][:60], f"t{number}"], shared=True)
    document = render(store, "markdown", SummaryOptions(sections=frozenset({"entries"})), store.now())
    emphasis = frozenset({"em_open", "em_close"})
    blocks = _blocks(document.split("## From my journal\n\n", 1)[1].rsplit("*Thank you", 1)[0], emphasis)
    shown: list[list[str]] = []
    for kind, text in blocks:
        if kind == "h3":
            shown.append([text.split(" · ", 1)[1] if " · " in text else ""])
        else:
            shown[-1].append(text)
    summary = collect(store, SummaryOptions(), store.now())
    assert len(shown) == len(summary.entries) == len(TRICKY)
    for entry, seen in zip(summary.entries, shown):
        tags = "<em_open>Tags: " + ", ".join(one_line(tag) for tag in entry.tags) + "<em_close>"
        assert seen == [one_line(entry.title), tags, *_expected_paragraphs(entry.body)], entry


def entries_one_at_a_time(entries: tuple[EntryView, ...]) -> str:
    """The entries section as the plain rule writes it, one entry after another."""
    lines: list[str] = []
    for entry in entries:
        heading = long_date(entry.day, weekday=True)
        if entry.title.strip():
            heading += " · " + escape(entry.title)
        lines += [f"### {heading}", ""]
        if entry.tags:
            lines += ["*Tags: " + ", ".join(escape(tag) for tag in entry.tags) + "*", ""]
        body = escape_block(entry.body)
        if body:
            lines += [body, ""]
    return "\n".join(lines)


@pytest.mark.parametrize("empty_bodies", [False, True])
def test_the_fast_writer_matches_the_one_entry_at_a_time_rule(store: Store, empty_bodies: bool) -> None:
    rng = random.Random(3)
    for number in range(60):
        body = "".join(rng.choice(STORABLE) for _ in range(rng.randrange(1, 30)))
        if empty_bodies and number % 7 in (0, 6):
            body = rng.choice(["", " \n\t ", "\r\n"])
        store.entries.add(body or "-", title="".join(rng.choice(STORABLE) for _ in range(rng.randrange(0, 6))),
                          tags=["".join(rng.choice(STORABLE[:40]) for _ in range(3))] if number % 3 else [],
                          shared=True)
        if not body:
            with store.transaction() as db:
                # Raw SQL keeps the stored word count right itself (NULL: count it when needed).
                db.execute("UPDATE entries SET body = '', words = NULL WHERE id = (SELECT max(id) FROM entries)")
    summary = collect(store, SummaryOptions(), store.now())
    assert isinstance(summary.entries, EntryColumns)
    views = tuple(summary.entries)
    document = to_markdown(summary)
    section = document.split("## From my journal\n\n", 1)[1].rsplit("*Thank you", 1)[0]
    assert section == entries_one_at_a_time(views) + "\n"
    assert to_markdown(replace(summary, entries=views)) == document  # plain views take the same path


# -- reading the columns -------------------------------------------------------------------

def test_export_columns_decode_tags_exactly_as_a_single_entry_read_does(store: Store) -> None:
    odd_tags = ['["a", "b"]', "[]", "", "null", '{"a": 1}', '["a", 1, null]', "[1", '["], ["x"]', '["a"], ["b"]',
                '["[\\"q\\"]"]', '["tab\tinside"]', '  ["spaced"]  ', '["é", "🎉"]', "not json", '["a",    "b"]']
    ids = []
    for number, raw in enumerate(odd_tags * 2):
        entry = store.entries.add(f"body {number}", shared=number % 2 == 0)
        with store.transaction() as db:
            db.execute("UPDATE entries SET tags = ? WHERE id = ?", (raw, entry.id))
        ids.append(entry.id)
    days, titles, tags, bodies, shared = store.entries.export_columns(EntryQuery())
    assert len(days) == len(ids) and shared == ()
    assert list(tags) == [store.entries.get(entry_id).tags for entry_id in ids]
    _, _, _, shared_bodies, flags = store.entries.export_columns(EntryQuery(shared=True))
    assert flags == (1,) * len(shared_bodies) and len(shared_bodies) == len(odd_tags)


def test_export_columns_are_oldest_first(store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    for offset in (3, 1, 2, 1):
        store.entries.add(f"{offset} days ago", day=clock.now.date() - dt.timedelta(days=offset))
        clock.advance(minutes=1)
    days, _, _, bodies, _ = store.entries.export_columns(EntryQuery())
    newest_first = [entry.body for entry in store.entries.list()]
    assert list(bodies) == newest_first[::-1]
    assert list(days) == sorted(days)


def test_a_bad_tags_column_does_not_break_a_summary(store: Store) -> None:
    entry = store.entries.add("body", title="t", tags=["x"], shared=True)
    with store.transaction() as db:
        db.execute("UPDATE entries SET tags = '[\"unclosed' WHERE id = ?", (entry.id,))
    assert "*Tags:" not in render(store, "markdown", SummaryOptions(), store.now())
