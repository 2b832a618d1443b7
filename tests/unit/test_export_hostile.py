"""Hostile text in every user field stays inert text in every export format."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from careerjournal.db.store import Store
from careerjournal.export import SummaryOptions, render, to_json
from careerjournal.export.html import CSP, render_body, safe_href
from careerjournal.export.markdown import escape, escape_block
from careerjournal.models import AgendaPoint, ConcernReason, LedgerColumn, Owner, ResourceKind

HOSTILE = (
    "<script>alert(1)</script>",
    "<!--",
    '"><svg onload=alert(1)>',
    "[a](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "# Shared\n---",
    "[/]",
    "<img src=x onerror=alert(1)>",
    "***bold*** `code` ~~~ | a | b |",
    "1. not a list\n> not a quote\n    not code\n=====",
    "&lt;b&gt; &amp; {{ template }}",
    "🌱 growing together 💞",
    "שלום עולם مرحبا بالعالم",
    "ring\x07bell \x1b[31mred\x1b[0m nul\x00 del\x7f",
    "\u202eevil override",
)
AFTER_COMMENT = "Still visible after the comment"


@pytest.fixture
def hostile(store: Store) -> Store:
    for number, text in enumerate(HOSTILE):
        store.entries.add(f"{text}\n\nbody {number}: {text}", title=text, tags=[text[:60], f"tag{number}"],
                          shared=True)
    store.entries.add("<!-- an unclosed comment", title="<!--", shared=True)
    store.entries.add("this one must not be swallowed", title=AFTER_COMMENT, shared=True)
    goal = store.goals.add(" ".join(HOSTILE[:4]), why=HOSTILE[5], owner=Owner.SHARED)
    store.goals.add_step(goal.id, HOSTILE[3])
    store.goals.add_resource(goal.id, ResourceKind.BOOK, HOSTILE[0], link="javascript:alert(1)", notes=HOSTILE[1])
    store.goals.add_resource(goal.id, ResourceKind.COURSE, "A real course", link="https://example.org/course")
    store.goals.add_win(HOSTILE[2], goal_id=goal.id)
    store.ledger.add(HOSTILE[5], LedgerColumn.KEEP, notes=HOSTILE[0])
    store.talk.add_concern(ConcernReason.SAFETY, HOSTILE[2])
    store.talk.save_agenda([AgendaPoint(HOSTILE[3]), AgendaPoint(HOSTILE[1])])
    return store


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.comments: list[str] = []
        self.text: list[str] = []
        self.metas: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "meta":
            self.metas.append(dict(attrs))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(document: str) -> Collector:
    collector = Collector()
    collector.feed(document)
    collector.close()
    return collector


def test_html_is_inert(hostile: Store) -> None:
    document = render(hostile, "html", SummaryOptions(), hostile.now())
    seen = parse(document)
    assert "<script" not in document.lower() and "<svg" not in document.lower()
    assert "<img" not in document.lower() and "<iframe" not in document.lower()
    assert not {"script", "svg", "img", "iframe", "object", "embed", "form", "input", "link", "base"} & set(seen.tags)
    assert not [name for name, _ in seen.attrs if name.startswith("on")]
    hrefs = [value for name, value in seen.attrs if name in ("href", "src", "action", "formaction")]
    assert hrefs == ["https://example.org/course"]
    assert not re.search(r"""href\s*=\s*["']?\s*(javascript|data|vbscript):""", document, re.IGNORECASE)
    assert seen.comments == []
    assert any(m.get("http-equiv") == "Content-Security-Policy" and m.get("content") == CSP for m in seen.metas)
    assert "img-src 'none'" in CSP and "default-src 'none'" in CSP
    assert any(m.get("name") == "viewport" for m in seen.metas)


def test_a_comment_opener_cannot_hide_the_next_entry(hostile: Store) -> None:
    seen = parse(render(hostile, "html", SummaryOptions(), hostile.now()))
    text = "".join(seen.text)
    assert AFTER_COMMENT in text and "this one must not be swallowed" in text
    assert "<!--" in text  # shown literally, as the user typed it
    for string in ("<script>alert(1)</script>", "[a](javascript:alert(1))", "🌱 growing together 💞",
                   "שלום עולם مرحبا بالعالم"):
        assert string in text


def test_control_characters_never_reach_any_file(hostile: Store) -> None:
    for name in ("markdown", "html", "text"):
        document = render(hostile, name, SummaryOptions(), hostile.now())
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", document), name
        assert "\u241b" in document  # ESC shown as its visible symbol


def test_entry_bodies_keep_safe_links_and_drop_dangerous_ones() -> None:
    rendered = render_body(
        "[ok](https://example.com/a?b=1) [mail](mailto:me@example.com) [js](javascript:alert(1)) "
        "[JS](JaVaScRiPt:alert(1)) [data](data:text/html,<b>x</b>) [vb](vbscript:x) [rel](../secret.html) "
        "<javascript:alert(1)> ![pic](http://evil/x.png) ![](https://evil/y.png)\n\n# Big heading\n\n<b>raw</b>"
    )
    seen = parse(rendered)
    hrefs = [value for name, value in seen.attrs if name == "href"]
    assert hrefs == ["https://example.com/a?b=1", "mailto:me@example.com"]
    assert "img" not in seen.tags and "<b>" not in rendered and "&lt;b&gt;raw&lt;/b&gt;" in rendered
    assert "[pic]" in "".join(seen.text) and "[image]" in "".join(seen.text)
    assert "h1" not in seen.tags and "h4" in seen.tags  # body headings sit below the summary's own
    assert 'rel="noopener noreferrer nofollow"' in rendered


@pytest.mark.parametrize("url,ok", [
    ("https://example.com", True), ("http://x.y/z", True), ("mailto:a@b.c", True), ("HTTPS://EXAMPLE.COM", True),
    ("javascript:alert(1)", False), (" javascript:alert(1)", False), ("data:text/html,x", False),
    ("vbscript:x", False), ("//evil.com", False), ("relative/page.html", False), ("https://a b", False),
    ("file:///etc/passwd", False), ("", False),
])
def test_safe_href(url: str, ok: bool) -> None:
    assert safe_href(url) is ok


def _tokens(markdown: str) -> list:
    tokens = []
    for token in MarkdownIt("commonmark").parse(markdown):
        tokens.append(token)
        tokens += token.children or []
    return tokens


def test_markdown_cannot_be_forged_by_user_text(hostile: Store) -> None:
    document = render(hostile, "markdown", SummaryOptions(), hostile.now())
    tokens = _tokens(document)
    kinds = {token.type for token in tokens}
    assert not kinds & {"hr", "link_open", "image", "html_block", "html_inline", "code_block", "fence",
                        "blockquote_open", "ordered_list_open", "code_inline"}
    own_heading_lines = [line for line in document.splitlines() if line.startswith("#")]
    inline_after = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert len(inline_after) == len(own_heading_lines)  # every heading is one the writer made
    hostile_headings = [c for c in inline_after if "Shared" in c]
    assert hostile_headings and all(c.startswith(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                   "Saturday", "Sunday")) for c in hostile_headings)
    text = "".join(t.content for t in tokens if t.type == "text")
    assert "# Shared ---" in text and "[a](javascript:alert(1))" in text and "<!--" in text
    assert "not a list" in text and "=====" in text


def test_markdown_escaping_round_trips_to_the_same_text() -> None:
    md = MarkdownIt("commonmark")
    for text in HOSTILE[:11]:
        one = " ".join(text.split())
        assert md.renderInline(escape(text)).count("<") == 0 or "<" in one
        inline = "".join(t.content for t in _tokens(escape(text)) if t.type == "text")
        assert inline == one, text
    block = escape_block("    indented\n- item\n\n\n1) two\n```\n~~~")
    assert "code_block" not in {t.type for t in _tokens(block)}
    assert "bullet_list_open" not in {t.type for t in _tokens(block)}
    assert block.count("\n\n") == 1  # blank lines collapse into one paragraph break


def test_text_format_prints_user_text_literally(hostile: Store) -> None:
    document = render(hostile, "text", SummaryOptions(), hostile.now())
    for string in ("<script>alert(1)</script>", "# Shared ---", "[/]", "[a](javascript:alert(1))"):
        assert string in document
    assert "# Shared\n---" in document  # bodies keep their line breaks in plain text


def test_json_backup_is_valid_and_exact(hostile: Store) -> None:
    document = to_json(hostile, hostile.now())
    data = json.loads(document)
    titles = {row["title"] for row in data["tables"]["entries"]}
    assert set(HOSTILE) <= titles
    assert "NaN" not in document
