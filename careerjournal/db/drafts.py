"""Drafts (editor text not yet saved) and settings.

A draft is keyed by what it edits: ``"new"`` for an entry not yet saved, or
``"entry:<id>"`` for an edit of an existing one. Autosave overwrites the draft
in one small transaction, so a crash or ``kill -9`` loses at most the last
debounce interval of typing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from careerjournal.dates import from_iso, to_iso
from careerjournal.db.entries import check_mood, normalise_tags
from careerjournal.models import Draft

if TYPE_CHECKING:
    from careerjournal.db.store import Store

NEW_ENTRY_KEY = "new"


def draft_key(entry_id: int | None) -> str:
    return NEW_ENTRY_KEY if entry_id is None else f"entry:{entry_id}"


class DraftRepo:
    def __init__(self, store: Store) -> None:
        self.store = store

    def save(self, draft: Draft) -> Draft:
        check_mood(draft.mood)
        now = self.store.now()
        tags = normalise_tags(draft.tags)
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO drafts (key, entry_id, base_revision, title, body, tags, mood, shared, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
                " entry_id = excluded.entry_id, base_revision = excluded.base_revision, title = excluded.title,"
                " body = excluded.body, tags = excluded.tags, mood = excluded.mood, shared = excluded.shared,"
                " updated_at = excluded.updated_at",
                (draft.key, draft.entry_id, draft.base_revision, draft.title, draft.body,
                 json.dumps(tags, ensure_ascii=False), draft.mood, int(bool(draft.shared)), to_iso(now)),
            )
        return Draft(
            key=draft.key, body=draft.body, title=draft.title, tags=tags, mood=draft.mood,
            shared=bool(draft.shared), entry_id=draft.entry_id, base_revision=draft.base_revision, updated_at=now,
        )

    def get(self, key: str) -> Draft | None:
        rows = self.store.query("SELECT * FROM drafts WHERE key = ?", (key,))
        return _draft(rows[0]) if rows else None

    def all(self) -> list[Draft]:
        return [_draft(row) for row in self.store.query("SELECT * FROM drafts ORDER BY updated_at DESC")]

    def discard(self, key: str) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM drafts WHERE key = ?", (key,))


def _draft(row: Any) -> Draft:
    try:
        tags = tuple(json.loads(row["tags"]))
    except ValueError:
        tags = ()
    return Draft(
        key=row["key"], body=row["body"], title=row["title"], tags=tags, mood=row["mood"],
        shared=bool(row["shared"]), entry_id=row["entry_id"], base_revision=row["base_revision"],
        updated_at=from_iso(row["updated_at"]),
    )


class SettingsRepo:
    """Small JSON values by key (theme, sidebar state, last prompt shown...)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, key: str, default: Any = None) -> Any:
        rows = self.store.query("SELECT value FROM settings WHERE key = ?", (key,))
        if not rows:
            return default
        try:
            return json.loads(rows[0][0])
        except ValueError:
            return default

    def set(self, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            )

    def all(self) -> dict[str, Any]:
        result = {}
        for row in self.store.query("SELECT key, value FROM settings ORDER BY key"):
            try:
                result[row[0]] = json.loads(row[1])
            except ValueError:
                continue
        return result
