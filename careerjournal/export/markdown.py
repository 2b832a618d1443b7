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
entries can't afford Python work per entry or per line. :func:`escape_utf8_blocks`
does the same for bodies still in UTF-8, as the journal hands them over, and
passes the plain ones through without decoding them. :func:`write_markdown`
writes the document a few thousand entries at a time (the command line streams
it to a file or standard output); :func:`to_markdown` collects the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from careerjournal.errors import DatabaseError
from careerjournal.export.summary import (
    C1_CONTROLS,
    CLOSING,
    EMPTY,
    HEADINGS,
    INTROS,
    SIGN_LABELS,
    STREAM_CHUNK,
    SUBHEADINGS,
    TITLE,
    WIDE_SPACES,
    EntryChunk,
    EntryColumns,
    EntryStream,
    EntryView,
    GoalView,
    Summary,
    TextBatch,
    join_and,
    long_date,
)
from careerjournal.markdown_plain import LINE_WORK, needing_work
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

_LINE_WORK = re.compile(LINE_WORK)
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
    parts: list[bytes] = []
    write_markdown(summary, parts.append, errors="surrogatepass")
    return b"".join(parts).decode("utf-8", "surrogatepass")


def write_markdown(summary: Summary, write: Callable[[bytes], object], errors: str = "strict") -> None:
    """Write the document :func:`to_markdown` returns, UTF-8 encoded (with ``errors``), in pieces.

    The entries go out a chunk at a time (see :class:`EntryStream`), so a whole
    journal is never one string in memory.
    """
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
            # Nearly all of the document: written in large pieces, never split into lines.
            write(("\n".join(out) + "\n").encode("utf-8", errors))
            out = []
            entries = _EntryWriter(errors)
            for chunk in _entry_chunks(summary.entries, errors):
                write(entries.write(chunk))
            continue
        out += _SECTION_WRITERS[section](summary)
    out += [f"*{CLOSING}*", ""]
    write("\n".join(out).encode("utf-8", errors))


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


def _entry_chunks(entries: Sequence[EntryView] | EntryStream, errors: str) -> Iterator[EntryChunk]:
    """The entries as :class:`EntryChunk` runs: a stream's own, or columns and views encoded a run at a time."""
    if isinstance(entries, EntryStream):
        yield from entries.chunks()
        return
    if not isinstance(entries, EntryColumns):
        entries = EntryColumns(*map(tuple, zip(*((e.day, e.title, e.body, e.tags) for e in entries))))
    for start in range(0, len(entries), STREAM_CHUNK):
        stop = start + STREAM_CHUNK
        yield EntryChunk(entries.days[start:stop], entries.titles[start:stop], entries.tags[start:stop],
                         [body.encode("utf-8", errors) for body in entries.bodies[start:stop]])


class _EntryWriter:
    """The entries section as UTF-8, a chunk at a time.

    Every entry is ``### <day> · <title>``, then ``*Tags: ...*`` if it has tags,
    then its body if that isn't empty, each followed by a blank line. Days, titles
    and tags repeat, so each distinct one is escaped and encoded once (and
    remembered for the chunks after); the bodies are escaped together (see
    :func:`escape_utf8_blocks`) and, when nothing in them needed escaping, go
    into the document as they came from the journal.
    """

    def __init__(self, errors: str) -> None:
        self.errors = errors
        # By the chunks' own days and tags (dates and tuples, or the journal's texts).
        self.headings: dict[Any, bytes] = {}
        self.after_day: dict[str, bytes] = {}
        self.tag_text: dict[str, str] = {}
        self.tag_lines: dict[Any, bytes] = {}

    def write(self, chunk: EntryChunk) -> bytes:
        errors = self.errors
        headings, after_day, tag_lines = self.headings, self.after_day, self.tag_lines
        for day in set(chunk.days).difference(headings):
            date = day if chunk.day_of is None else chunk.day_of(day)
            headings[day] = ("### " + long_date(date, weekday=True)).encode("utf-8", errors)
        titles = [title for title in dict.fromkeys(chunk.titles) if title not in after_day]
        for title, text in zip(titles, escape_lines(titles)):
            after_day[title] = (" · " + text if text else "").encode("utf-8", errors)
        new_sets = [key for key in dict.fromkeys(chunk.tags) if key not in tag_lines]
        if new_sets:
            tag_sets = dict(zip(new_sets, new_sets)) if chunk.tags_of is None else chunk.tags_of(new_sets)
            tags = [tag for tag in dict.fromkeys(tag for key in new_sets for tag in tag_sets[key])
                    if tag not in self.tag_text]
            self.tag_text.update(zip(tags, escape_lines(tags)))
            for key in new_sets:
                tag_set = tag_sets[key]
                text = "\n\n*Tags: " + ", ".join(map(self.tag_text.__getitem__, tag_set)) + "*" if tag_set else ""
                tag_lines[key] = text.encode("utf-8", errors)
        bodies = escape_utf8_blocks(chunk.bodies, errors, chunk.plain)
        # Six pieces an entry, placed by C-level maps: heading, title, tags, blank
        # line, body, and the blank line after a body that isn't empty.
        count = len(bodies)
        pieces = [b"\n\n"] * (6 * count)
        pieces[0::6] = map(headings.__getitem__, chunk.days)
        pieces[1::6] = map(after_day.__getitem__, chunk.titles)
        pieces[2::6] = map(tag_lines.__getitem__, chunk.tags)
        pieces[4::6] = bodies
        if not all(bodies):
            pieces[5::6] = [b"\n\n" if body else b"" for body in bodies]
        return b"".join(pieces)


def escape_utf8_blocks(bodies: Sequence[bytes], errors: str = "strict",
                       known_plain: Sequence[bool] | None = None) -> list[bytes]:
    """``[escape_block(body.decode()).encode() for body in bodies]``, without decoding the plain ones.

    Most of a journal is prose, which comes out as it went in, accents, curly
    quotes and emoji included. ``known_plain`` says which bodies the journal
    already knows to be plain (``entries.plain_md``); the others are checked a
    batch at a time (:func:`careerjournal.markdown_plain.needing_work`). Only
    the bodies that need escaping are decoded and escaped (by
    :func:`escape_blocks`, together), so one ``*`` doesn't send a thousand
    neighbours down the slow path.
    """
    escaped = list(bodies)
    unknown = range(len(bodies)) if known_plain is None else [
        index for index, plain in enumerate(known_plain) if not plain]
    work: list[int] = []
    size = TextBatch.SIZE
    for start in range(0, len(unknown), size):
        batch = unknown[start:start + size]
        work += [batch[index] for index in needing_work([bodies[position] for position in batch], errors)]
    if work:
        try:
            texts = [bodies[index].decode("utf-8", errors) for index in work]
        except UnicodeDecodeError:  # what reading the column as text would have said
            raise DatabaseError("The journal database reported a problem; try again, and restore from a backup "
                                "if it persists.") from None
        for index, text in zip(work, escape_many(TextBatch.split(texts))):
            escaped[index] = text.encode("utf-8", errors)
    return escaped


_SECTION_WRITERS = {
    "goals_shared": _goals_shared,
    "goals_mine": _goals_mine,
    "ledger": _ledger,
    "talk": _talk,
    "checkins": _checkins,
}
