"""How the command line prints entries: a Rich table for people, JSON for scripts.

User text goes into ``rich.text.Text`` objects, never into markup strings, so
a title like ``[bold]x[/]`` prints exactly as typed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from careerjournal.dates import to_iso
from careerjournal.models import Entry
from careerjournal.textsafe import one_line


def entry_to_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "created_at": to_iso(entry.created_at) if entry.created_at else None,
        "updated_at": to_iso(entry.updated_at) if entry.updated_at else None,
        "day": entry.day.isoformat() if entry.day else None,
        "title": entry.title,
        "body": entry.body,
        "tags": list(entry.tags),
        "mood": entry.mood,
        "shared": entry.shared,
    }


def entries_json(entries: Sequence[Entry]) -> str:
    return json.dumps([entry_to_json(entry) for entry in entries], ensure_ascii=False, indent=2, allow_nan=False)


def print_entries_table(entries: Sequence[Entry], *, total: int, search: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from careerjournal.db.search import search_terms

    console = Console(highlight=False)
    if not entries:
        console.print("No entries match." if total == 0 and search is not None else "No entries yet.")
        return
    table = Table(show_lines=False, pad_edge=False, expand=False, header_style="bold")
    table.add_column("#", justify="right", style="dim")
    table.add_column("When", no_wrap=True)
    table.add_column("Entry", overflow="fold", ratio=1)
    table.add_column("Mood", justify="center")
    table.add_column("Tags")
    table.add_column("", no_wrap=True)
    words = search_terms(search or "")
    for entry in entries:
        when = entry.created_at.astimezone().strftime("%Y-%m-%d %H:%M") if entry.created_at else ""
        title = Text(one_line(entry.display_title or "(empty)"))
        if entry.title and entry.body.strip():
            title.append("\n")
            title.append(one_line(_preview(entry.body)), style="dim")
        if words:
            title.highlight_words(words, style="reverse", case_sensitive=False)
        tags = Text(one_line(", ".join(entry.tags)), style="cyan")
        badge = Text("shared", style="green") if entry.shared else Text("private", style="dim")
        table.add_row(str(entry.id), when, title, str(entry.mood or ""), tags, badge)
    console.print(table)
    if total > len(entries):
        console.print(Text(f"Showing {len(entries)} of {total}; use --limit 0 to see all.", style="dim"))


def _preview(body: str, limit: int = 90) -> str:
    text = " ".join(body.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
