"""The partner summary as Markdown, with every piece of user text made inert.

Rule: user text is *escaped text*, never Markdown, and reads exactly as typed in
any viewer: CommonMark, GitHub-flavoured Markdown (tables, strikethrough, bare
links) and the usual extensions (``$math$``, ``{attributes}``, ``^superscript^``,
``~subscript~``, definition lists). Only what Markdown can act on is escaped, with
a backslash, so the raw file stays readable:

* anywhere: ``\\ ` * _ [ ] < & | ~ $ { } ^ #`` (code, emphasis, links and images,
  raw HTML and ``<autolinks>``, entities like ``&amp;``, table cells, strikethrough,
  math and the extensions; ``#`` so a title can't end in a heading's closing
  ``#``s). ``!`` and ``( )`` are left alone: they only act next to a ``[``/``]``;
* at the start of a line, after any indentation: ``- + = > :`` and the dot or
  bracket of a number like ``12.`` or ``3)``, which would start a list, a quote,
  a setext underline, a thematic break or a definition (``#`` and ``*`` are
  already escaped everywhere);
* in a text where something was escaped, the ``:`` of ``://`` and the ``.`` of
  ``www.``: GitHub and micromark make a link of a bare address straight from the
  raw text, so an escaped ``_`` inside one would show its backslash (a text with
  nothing escaped keeps its bare links, which then show exactly what was typed).

Titles and tags collapse to one line. Entry bodies keep their line breaks (as hard
breaks, a trailing backslash) and their paragraphs (a run of blank lines becomes
one), but not their Markdown formatting: leading indentation becomes no-break
spaces so it can never start a code block, and trailing spaces are dropped.
Control characters become visible symbols so a ``cat`` of the file is harmless.

:func:`escape_block` is the rule for one text. :func:`escape_blocks` gives the
same result for many texts at once (a test compares them on random text): it
runs each step once over all of them joined, because a summary of 100,000
entries can't afford Python work per entry or per line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from careerjournal.export.summary import (
    C1_CONTROLS,
    CLOSING,
    EMPTY,
    HEADINGS,
    INTROS,
    SIGN_LABELS,
    SUBHEADINGS,
    TITLE,
    WIDE_SPACES,
    EntryColumns,
    EntryView,
    GoalView,
    Summary,
    TextBatch,
    join_and,
    long_date,
)
from careerjournal.textsafe import one_line, visible

NO_BREAK_SPACE = "\u00a0"
#: Escaped wherever they are. The backslash goes first, so the backslashes added
#: for the others aren't escaped again.
INLINE_MARKS = "\\`*_[]<&|~${}^#"
#: Escaped as the first character of a line (after any indentation).
LINE_START_MARKS = "-+=>:"
_NUMBERED = re.compile(r"[0-9]+[.)]")
_WWW_DOT = re.compile(r"\.(?<=[wW]{3}\.)")
#: Control characters ``visible`` replaces, but NUL (the batch separator, handled
#: first), CR (line endings are normalised before) and the tab and newline it keeps.
_ASCII_CONTROLS = frozenset(map(chr, [*range(1, 9), 11, 12, *range(14, 32), 127]))


def _plain_lines(text: str) -> str:
    """CRLF and lone CR become LF; other control characters become visible symbols."""
    return visible(text.replace("\r\n", "\n").replace("\r", "\n"))


def _escape_inline(text: str) -> str:
    escaped = text
    for mark in INLINE_MARKS:
        if mark in escaped:
            escaped = escaped.replace(mark, "\\" + mark)
    return escaped if escaped is text else _unlink(escaped)


def _unlink(escaped: str) -> str:
    """Stop bare addresses becoming links in a text that now holds backslashes.

    GitHub (cmark-gfm) and micromark link ``www.x`` and ``https://x`` straight
    from the raw text, backslashes included, so an escaped ``_`` in one would
    show. Where nothing was escaped a bare link shows exactly what was typed, so
    it is left alone.
    """
    return _WWW_DOT.sub(r"\\.", escaped.replace("://", "\\://"))


def _escape_line_start(content: str) -> str:
    if content[0] in LINE_START_MARKS:
        return "\\" + content
    numbered = _NUMBERED.match(content)
    if numbered:
        cut = numbered.end() - 1
        return content[:cut] + "\\" + content[cut:]
    return content


def escape_block(text: str) -> str:
    """Multi-line user text as literal Markdown paragraphs with its line breaks kept."""
    paragraphs: list[list[str]] = [[]]
    for line in _escape_inline(_plain_lines(text)).split("\n"):
        if not line.strip():  # blank: only whitespace (markdown-it would trim a no-break space away too)
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        content = line.strip(" \t")
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        paragraphs[-1].append(lead.replace("\t", "    ").replace(" ", NO_BREAK_SPACE) + _escape_line_start(content))
    return "\n\n".join("\\\n".join(lines) for lines in paragraphs if lines)


def escape(text: str) -> str:
    """One line of user text as literal Markdown."""
    return escape_block(one_line(text))


# -- many texts at once ------------------------------------------------------------------
# Each step of escape_block, done over a TextBatch's framed text ("\n\0\n" before
# the first text and after each). Every pattern starts with a newline (or the NUL),
# so the regex engine jumps from line to line instead of trying every character.

#: Any newline escape_block would treat specially: one before indentation, a mark
#: or a number, a run of three, a blank line at either end of a text, one inside a
#: paragraph, one after a space or tab. Branches are picked by the character after
#: the newline, so the usual "\n\n" between paragraphs and the separators fail fast.
_LINE_WORK = re.compile(r"\n(?:[ \t+=>:-]|[0-9]+[.)]"
                        r"|\n(?:\n|(?<=[ \t]\n\n)|(?<=[^\x00]\n\n)\x00|(?<=\x00\n\n)(?!\x00))"
                        r"|\x00(?<=[ \t]\n\x00)|[^\n\x00](?<=[^\n\x00]\n[^\n\x00]))")
#: A line of whitespace beyond spaces and tabs (controls are visible symbols by then).
_WIDE_BLANK_LINE = re.compile("\n[ \t" + "".join(sorted(WIDE_SPACES - C1_CONTROLS)) + "]+(?=\n)")
_TRAILING_SPACE = re.compile(r"\n(?<=[ \t]\n)")
#: Run on the *reversed* text, where spaces before a newline come right after it.
_TRAILING_SPACE_REVERSED = re.compile(r"\n[ \t]+")
#: A line-start mark, or the dot or bracket after a number there: "\n\1\2\\\3" escapes either.
_LINE_START = re.compile(r"\n([ \t]*)([0-9]+)?((?(2)[.)]|[-+=>:]))")
_URL_COLON = re.compile(r":(?=//)")
_INDENT = re.compile(r"\n[ \t]+")
_BLANK_RUN = re.compile(r"\n\n\n+")
_BLANK_AT_START = re.compile(r"\x00\n\n(?!\x00)")
_BLANK_AT_END = re.compile(r"\n(?<!\x00\n)\n\x00")
_LINE_BREAK = re.compile(r"\n(?<=[^\n\x00]\n)(?=[^\n\x00])")


def _no_break_indent(match: re.Match[str]) -> str:
    return "\n" + match.group()[1:].replace("\t", "    ").replace(" ", NO_BREAK_SPACE)


def _shape_lines(framed: str) -> str:
    if _TRAILING_SPACE.search(framed):  # rare, and the one step that needs the text reversed
        framed = _TRAILING_SPACE_REVERSED.sub("\n", framed[::-1])[::-1]
    framed = _LINE_START.sub(r"\n\1\2\\\3", framed)
    framed = _INDENT.sub(_no_break_indent, framed)
    framed = _BLANK_RUN.sub("\n\n", framed)
    framed = _BLANK_AT_START.sub("\x00\n", framed)  # an empty text stays "\n\0\n\n\0\n"
    framed = _BLANK_AT_END.sub("\n\x00", framed)
    return _LINE_BREAK.sub("\\\\\n", framed)


def _unlink_where_escaped(framed: str) -> str:
    """:func:`_unlink` each text of ``framed`` that holds a backslash, by position.

    Bare links are rare, so this looks at each one and the text around it
    (between the NULs of the separators) instead of splitting every text out.
    """
    spots = sorted([*(match.start() for match in _URL_COLON.finditer(framed)),
                    *(match.start() for match in _WWW_DOT.finditer(framed))])
    pieces: list[str] = []
    done = 0
    for spot in spots:
        if framed.find("\\", framed.rfind("\x00", 0, spot), framed.find("\x00", spot)) != -1:
            pieces += [framed[done:spot], "\\"]
            done = spot
    return "".join([*pieces, framed[done:]]) if pieces else framed


def escape_blocks(batch: TextBatch) -> Sequence[str]:
    """``[escape_block(text) for text in batch.texts]``, done over all the texts at once.

    Returns ``batch.texts`` itself when no text needs a change (the common case for
    prose), so nothing is copied.
    """
    if batch.user_nul:  # the separator can't be told apart: make those NULs visible first
        return escape_blocks(TextBatch([_plain_lines(text) if "\x00" in text else text for text in batch.texts]))
    framed = original = batch.framed
    notable = batch.notable_ascii
    if "\r" in notable:
        framed = framed.replace("\r\n", "\n").replace("\r", "\n")
    for control in sorted((notable & _ASCII_CONTROLS) | (batch.wide & C1_CONTROLS)):
        framed = framed.replace(control, visible(control))
    if notable.intersection(INLINE_MARKS):
        for mark in INLINE_MARKS:
            if mark in notable:
                framed = framed.replace(mark, "\\" + mark)
        framed = _unlink_where_escaped(framed)
    if batch.wide & WIDE_SPACES:
        framed = _WIDE_BLANK_LINE.sub("\n", framed)
    if _LINE_WORK.search(framed):
        framed = _shape_lines(framed)
    if framed is original:
        return batch.texts
    return framed.split(TextBatch.SEPARATOR)[1:-1]


def escape_many(batches: Sequence[TextBatch]) -> list[str]:
    """:func:`escape_blocks` of each batch, each text back in its place (see ``TextBatch.split``)."""
    escaped: list[str] = [""] * sum(len(batch.texts) for batch in batches)
    for batch in batches:
        if isinstance(batch.positions, range):
            escaped[batch.positions.start:batch.positions.stop] = escape_blocks(batch)
        else:
            for position, text in zip(batch.positions, escape_blocks(batch)):
                escaped[position] = text
    return escaped


def escape_lines(texts: Sequence[str]) -> list[str]:
    """``[escape(text) for text in texts]``, done over many texts at once."""
    return escape_many(TextBatch.split([one_line(text) for text in texts]))


def to_markdown(summary: Summary) -> str:
    """Render a :class:`Summary` as a Markdown document (UTF-8 text, ends with a newline)."""
    chunks: list[str] = []
    out: list[str] = [f"# {TITLE}", ""]
    for paragraph in summary.opening():
        out += [paragraph, ""]
    for section in summary.sections:
        out += [f"## {HEADINGS[section]}", ""]
        if section in INTROS:
            out += [INTROS[section], ""]
        if summary.is_empty(section):
            out += [f"*{EMPTY[section]}*", ""]
            continue
        if section == "entries":
            # Nearly all of the document: joined once from large pieces, never split into lines.
            chunks += ["\n".join(out), "\n", *_entry_pieces(summary.entries)]
            out = []
            continue
        out += _SECTION_WRITERS[section](summary)
    out += [f"*{CLOSING}*", ""]
    chunks.append("\n".join(out))
    return "".join(chunks)


def _goal(goal: GoalView) -> list[str]:
    lines = [f"**{escape(goal.title)}**", goal.facts + (f" ({goal.percent}%)" if goal.percent is not None else "")]
    if goal.why.strip():
        lines.append(f"Why it matters: {escape(goal.why)}")
    if goal.resources:
        lines.append("Help along the way: " + "; ".join(
            f"{escape(r.title)} ({r.label.lower()})" + (f": {escape(r.link)}" if r.link.strip() else "")
            for r in goal.resources))
    if goal.wins:
        lines.append("Wins so far: " + "; ".join(escape(win) for win in goal.wins))
    out = ["- " + "\\\n  ".join(lines)]
    out += [f"  - {'✓' if step.done else '○'} {escape(step.text)}" for step in goal.steps]
    return out


def _goal_list(goals: tuple[GoalView, ...]) -> list[str]:
    out: list[str] = []
    for goal in goals:
        out += _goal(goal)
    return out + [""]


def _goals_shared(summary: Summary) -> list[str]:
    out: list[str] = []
    for key, goals in (("shared", summary.shared_goals), ("partner", summary.partner_goals)):
        if goals:
            out += [f"### {SUBHEADINGS[key]}", ""] + _goal_list(goals)
    return out


def _goals_mine(summary: Summary) -> list[str]:
    return _goal_list(summary.my_goals)


def _ledger(summary: Summary) -> list[str]:
    out: list[str] = []
    for column in summary.ledger:
        out += [f"### {column.heading}", ""]
        if not column.items:
            out += ["*Nothing here yet.*", ""]
            continue
        for item in column.items:
            lines = [f"**{escape(item.text)}**", item.facts]
            if item.notes.strip():
                lines.append(escape(item.notes))
            out.append("- " + "\\\n  ".join(lines))
        out.append("")
    return out


def _talk(summary: Summary) -> list[str]:
    out: list[str] = []
    if summary.concerns:
        out += [f"### {SUBHEADINGS['concerns']}", ""]
        out += [f"- **{c.label}:** {escape(c.heard)}" for c in summary.concerns] + [""]
    if summary.agenda:
        out += [f"### {SUBHEADINGS['agenda']}", ""]
        out += [f"- {'✓' if p.done else '○'} {escape(p.text)}" for p in summary.agenda] + [""]
    if summary.talk_days:
        out += [f"### {SUBHEADINGS['talks']}", ""]
        out += [f"- We talked on {long_date(day, weekday=True)}." for day in summary.talk_days] + [""]
    return out


def _checkins(summary: Summary) -> list[str]:
    days = [long_date(checkin.day) for checkin in summary.checkins]
    out = [("Check-in on " if len(days) == 1 else "Check-ins on ") + join_and(days) + ":", ""]
    for index, (_, label) in enumerate(SIGN_LABELS):
        out.append(f"- {label}: " + " → ".join(str(checkin.scores[index]) for checkin in summary.checkins))
    return out + [""]


def _entry_pieces(entries: Sequence[EntryView]) -> list[str]:
    """The entries as text pieces to join: each heading (with tags) and each body in turn.

    Every entry is ``### <day> · <title>``, then ``*Tags: ...*`` if it has tags,
    then its body if that isn't empty, each followed by a blank line. Days, titles
    and tags repeat, so each distinct one is written once; the bodies are escaped
    together (see :func:`escape_blocks`) and, when nothing in them needed escaping,
    go into the document as they came from the journal.
    """
    if not isinstance(entries, EntryColumns):
        entries = EntryColumns(*map(tuple, zip(*((e.day, e.title, e.body, e.tags) for e in entries))))
    if not entries:
        return []
    bodies = escape_many(entries.body_batches)
    heading = {day: "### " + long_date(day, weekday=True) for day in set(entries.days)}
    titles = list(dict.fromkeys(entries.titles))
    after_day = {title: " · " + text if text else "" for title, text in zip(titles, escape_lines(titles))}
    tag_sets = list(dict.fromkeys(entries.tags))
    tags = list(dict.fromkeys(tag for tag_set in tag_sets for tag in tag_set))
    tag_text = dict(zip(tags, escape_lines(tags)))
    tag_line = {tag_set: "\n\n*Tags: " + ", ".join(map(tag_text.__getitem__, tag_set)) + "*" if tag_set else ""
                for tag_set in tag_sets}
    # The blank line after a body goes in front of the next heading, so the
    # bodies themselves are never copied.
    rows = zip(entries.days, entries.titles, entries.tags)
    if all(bodies):  # the usual case: every heading but the first starts with that blank line
        heads = [f"\n\n{heading[day]}{after_day[title]}{tag_line[tag_set]}\n\n" for day, title, tag_set in rows]
        heads[0] = heads[0][2:]
        last_gap = "\n\n"
    else:
        gaps = ["", *("\n\n" if body else "" for body in bodies)]
        heads = [f"{gap}{heading[day]}{after_day[title]}{tag_line[tag_set]}\n\n"
                 for gap, (day, title, tag_set) in zip(gaps, rows)]
        last_gap = gaps[-1]
    pieces: list[str] = [last_gap] * (2 * len(bodies) + 1)
    pieces[0:-1:2] = heads
    pieces[1::2] = bodies
    return pieces


_SECTION_WRITERS = {
    "goals_shared": _goals_shared,
    "goals_mine": _goals_mine,
    "ledger": _ledger,
    "talk": _talk,
    "checkins": _checkins,
}
