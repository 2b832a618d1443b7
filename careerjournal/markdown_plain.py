"""Telling, from its UTF-8 bytes, whether a text needs any Markdown escaping.

The partner summary escapes user text so that Markdown can't act on it
(:mod:`careerjournal.export.markdown`). Most of a journal is prose that needs
nothing, and finding the few texts that do is most of the work of exporting a
large journal. So the answer for an entry's body is also worked out when the
entry is written, and stored with it (``entries.plain_md``, see
:data:`PLAIN_RULES`). This module is that check, kept apart from the export's
heavier imports so writing an entry doesn't load them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from operator import add

#: What ``entries.plain_md`` holds for a body this check found plain. Bump it whenever
#: the check or the escaping changes what counts as plain: marks stored under another
#: number are then not trusted, and those bodies are checked again at export.
PLAIN_RULES = 1

#: The ASCII called ordinary: letters, digits, space, tab, newline and the punctuation
#: of everyday prose. The rest (control characters and marks like ``*`` ``_`` ``[`` ``<``
#: ``#``) is rare in a journal, so a scan for it finds little.
ORDINARY_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t\n.,;:!?'\"()-/%+=@>")
#: UTF-8 of the characters ``str.split`` treats as spaces beyond ASCII, and of the C1 controls.
WIDE_OR_C1_UTF8 = re.compile(rb"\xc2[\x80-\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]|\xe2\x81\x9f|\xe3\x80\x80")
#: Put before the first text and after each when texts are checked (or escaped) together:
#: a NUL on a line of its own, so every text begins on a line start and ends at a line end.
SEPARATOR = "\n\x00\n"
#: Any newline the escaping treats specially: one before indentation, a mark or a
#: number, a run of three, a blank line at either end of a text, one inside a
#: paragraph, one after a space or tab. Branches are picked by the character after
#: the newline, so the usual "\n\n" between paragraphs and the separators fail fast.
LINE_WORK = (r"\n(?:[ \t+=>:-]|[0-9]+[.)]"
             r"|\n(?:\n|(?<=[ \t]\n\n)|(?<=[^\x00]\n\n)\x00|(?<=\x00\n\n)(?!\x00))"
             r"|\x00(?<=[ \t]\n\x00)|[^\n\x00](?<=[^\n\x00]\n[^\n\x00]))")

_ORDINARY_BYTES = bytes(sorted(map(ord, ORDINARY_ASCII)))
_HIGH_BYTES = bytes(range(0x80, 0x100))
_LINE_WORK_BYTES = re.compile(LINE_WORK.encode("ascii"))
_SEPARATOR_BYTES = SEPARATOR.encode("ascii")


def plain_mark(body: str) -> int:
    """What ``entries.plain_md`` holds for ``body``: :data:`PLAIN_RULES` when the escaping would leave it as it is, else 0."""
    return 0 if needing_work([body.encode("utf-8", "surrogatepass")], "surrogatepass") else PLAIN_RULES


def needing_work(bodies: Sequence[bytes], errors: str = "strict") -> list[int]:
    """The positions in ``bodies`` of those the escaping would change (and perhaps a neighbour).

    The bodies are framed by :data:`SEPARATOR`; framed, each body is checked
    exactly as it would be on its own. One C-level pass deletes the ordinary
    ASCII. Nothing changes when what is left is the separators' NULs and
    characters beyond ASCII, none of them a C1 control or a wide space (looked
    for in what is left: a character's bytes stay together), and no line needs
    work (:data:`LINE_WORK`); text beyond ASCII must also decode. Otherwise the
    notable bytes and the lines that need work are found where they are, and
    each is traced back to its body (a match at the edge of a body names its
    neighbour too: escaping a plain body changes nothing). The rare rest (a NUL
    typed by the user, a wide space, text that doesn't decode) is checked body
    by body.
    """
    framed = _SEPARATOR_BYTES.join([b"", *bodies, b""])
    left = framed.translate(None, _ORDINARY_BYTES)
    separators = len(bodies) + 1
    line_work = _LINE_WORK_BYTES.search(framed)
    if len(left) == separators and not line_work:  # the usual case: plain ASCII prose
        return []
    ascii_left = left.translate(None, _HIGH_BYTES)
    beyond_ascii = len(ascii_left) != len(left)
    if left.count(0) != separators or beyond_ascii and (
            WIDE_OR_C1_UTF8.search(left) or not _decodes(framed, errors)):
        if len(bodies) == 1:
            return [0]
        return [index for index, body in enumerate(bodies) if needing_work([body], errors)]
    if len(ascii_left) == separators and not line_work:  # prose beyond ASCII, nothing to escape
        return []
    # Where each body starts in ``framed`` (and, last, where the final separator does).
    gap = len(_SEPARATOR_BYTES)
    starts = list(map(add, accumulate(map(len, bodies), initial=0), range(gap, gap * (len(bodies) + 2), gap)))
    last = len(bodies) - 1

    def body_at(offset: int) -> int:
        return min(max(bisect_right(starts, offset) - 1, 0), last)

    found: set[int] = set()
    for notable in set(ascii_left) - {0}:  # a few kinds of mark at most, each found by memchr
        mark = bytes((notable,))
        spot = framed.find(mark)
        while spot != -1:
            found.add(body_at(spot))
            spot = framed.find(mark, spot + 1)
    if line_work:
        for match in _LINE_WORK_BYTES.finditer(framed, line_work.start()):  # it looks at most a gap around
            found.update(range(body_at(match.start() - gap), body_at(match.end() + gap) + 1))
    return sorted(found)


def _decodes(framed: bytes, errors: str) -> bool:
    try:
        framed.decode("utf-8", errors)
    except UnicodeDecodeError:
        return False
    return True
