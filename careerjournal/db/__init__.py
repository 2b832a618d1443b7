"""The store: the only package that talks to SQLite (and imports sqlite-utils)."""

from careerjournal.db.store import Store

__all__ = ["Store"]
