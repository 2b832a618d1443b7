"""Each entry's stored plain_md: whether its body needs Markdown escaping, trusted only when right.

A partner summary escapes every body so Markdown can't act on it; at 100,000
entries finding the few that need it was most of an export's work, so the store
marks each body when it is written (:func:`plain_mark`) and the export checks
only the bodies without a mark under today's rules (:data:`PLAIN_RULES`). A mark
that said "plain" for a body that isn't would let Markdown act on user text, so
these tests pin that the mark is sound, that every way a body is written keeps
it right (add, update, the JSON import, the upgrade, raw SQL forgets it), that
the export trusts nothing else, and that the rules' number moves with the rules.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from careerjournal import markdown_plain
from careerjournal.db import migrations
from careerjournal.db.store import Store
from careerjournal.export import SummaryOptions, import_json, render, to_json
from careerjournal.export import markdown as markdown_export
from careerjournal.export.markdown import escape_block
from careerjournal.markdown_plain import PLAIN_RULES, plain_mark
from careerjournal.models import EntryQuery
from tests.unit.test_export_speed_paths import random_text
from tests.unit.test_word_count import TRICKY, make_version_1_journal

MARKUP = ("a *bold* claim", "- a list", "1. first", "snake_case", "tab\t\nx", "x\ny", "<b>", "# title", "\x07bell")
PLAIN = ("", "Today was calm.", "Café with Zoë — it’s “fine” 🎉", "two\n\nparagraphs", "שלום עולם")


def marks(store: Store) -> dict[str, int | None]:
    return dict(store.conn.execute("SELECT body, plain_md FROM entries"))


def fts_is_sound(store: Store) -> None:
    store.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")


def test_a_plain_mark_is_only_ever_given_to_a_body_escaping_leaves_alone() -> None:
    rng = random.Random(20261123)
    texts = [*TRICKY, *MARKUP, *PLAIN] + [random_text(rng, plain=rng.random() < 0.5) for _ in range(20_000)]
    for text in texts:
        if plain_mark(text) == PLAIN_RULES:
            assert escape_block(text) == text, repr(text)
    assert [plain_mark(text) for text in PLAIN] == [PLAIN_RULES] * len(PLAIN)
    assert [plain_mark(text) for text in MARKUP] == [0] * len(MARKUP)


def test_add_and_update_keep_the_mark_right(store: Store) -> None:
    entry = store.entries.add("Today was calm.")
    assert marks(store) == {"Today was calm.": PLAIN_RULES}
    for body in (*MARKUP, *PLAIN, *TRICKY):
        store.entries.update(entry.id, body=body)
        assert marks(store) == {body: plain_mark(body)}, repr(body)
        fts_is_sound(store)
    store.entries.update(entry.id, body="- a list")
    store.entries.update(entry.id, tags=["new"], mood=4, shared=True, title="another title")
    assert marks(store) == {"- a list": 0}
    fts_is_sound(store)


def test_a_body_changed_by_anything_but_the_store_loses_its_mark(store: Store) -> None:
    entry = store.entries.add("Today was calm.")
    store.conn.execute("UPDATE entries SET body = '- now a list' WHERE id = ?", (entry.id,))
    assert marks(store) == {"- now a list": None}
    store.conn.execute("UPDATE entries SET plain_md = ?, body = 'still *not* trusted' WHERE id = ?",
                       (PLAIN_RULES, entry.id))
    assert marks(store) == {"still *not* trusted": None}  # a mark written with the body isn't kept
    store.conn.execute("UPDATE entries SET shared = 1, mood = 2 WHERE id = ?", (entry.id,))
    assert marks(store) == {"still *not* trusted": None}
    fts_is_sound(store)
    assert [e.id for e in store.entries.list(EntryQuery(search="trusted"))] == [entry.id]


def test_marking_shared_does_not_reindex_the_entry(store: Store) -> None:
    store.entries.add("a quiet evening walk")
    blocks = store.conn.execute("SELECT count(*), sum(length(block)) FROM entries_fts_data").fetchone()
    store.conn.execute("UPDATE entries SET shared = 1, mood = 3, plain_md = 0")
    assert store.conn.execute("SELECT count(*), sum(length(block)) FROM entries_fts_data").fetchone() == blocks


def test_import_marks_every_entry_and_backups_leave_the_mark_out(store: Store, tmp_path: Path) -> None:
    for body in (*MARKUP, *PLAIN):
        store.entries.add(body)
    backup = to_json(store, store.now())
    assert "plain_md" not in backup
    with Store.open(tmp_path / "other.db") as other:
        import_json(other, backup)
        assert marks(other) == {body: plain_mark(body) for body in (*MARKUP, *PLAIN)}


def test_the_upgrade_marks_every_existing_entry(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    rows = [(f"title {n}", text) for n, text in enumerate((*TRICKY, *MARKUP, *PLAIN))]
    make_version_1_journal(path, rows)
    with Store.open(path) as store:
        assert store.schema_version() == migrations.LATEST_VERSION
        assert marks(store) == {body: plain_mark(body) for _, body in rows}
        fts_is_sound(store)


def summary(store: Store) -> str:
    return render(store, "markdown", SummaryOptions(sections=frozenset({"entries"}), include_private=True),
                  store.now())


def test_the_export_checks_every_body_without_a_mark_under_todays_rules(store: Store,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Marked plain: passed through. No mark, 0, or another rules' number: checked (and escaped if need be)."""
    bodies = {"marked": "Café, calm.", "none": "- a list", "zero": "a *bold* claim", "old rules": "x\ny",
              "forged old": "<b>"}
    ids = {name: store.entries.add(body).id for name, body in bodies.items()}
    store.conn.execute("UPDATE entries SET plain_md = NULL WHERE id = ?", (ids["none"],))
    store.conn.execute("UPDATE entries SET plain_md = ? WHERE id IN (?, ?)",
                       (PLAIN_RULES + 1, ids["old rules"], ids["forged old"]))
    checked: list[bytes] = []
    real = markdown_export.needing_work

    def spy(batch, errors="strict"):  # type: ignore[no-untyped-def]
        checked.extend(batch)
        return real(batch, errors)

    monkeypatch.setattr(markdown_export, "needing_work", spy)
    text = summary(store)
    assert sorted(checked) == sorted(body.encode() for name, body in bodies.items() if name != "marked")
    for body in bodies.values():
        assert escape_block(body) in text
    assert "\n<b>" not in text and "\na *bold*" not in text and "\n- a list" not in text  # none went out raw


def test_the_export_is_the_same_with_and_without_marks(store: Store) -> None:
    rng = random.Random(7)
    for _ in range(300):
        store.entries.add(random_text(rng, plain=rng.random() < 0.7))
    with_marks = summary(store)
    store.conn.execute("UPDATE entries SET plain_md = NULL")
    assert summary(store) == with_marks


#: What the rules were when PLAIN_RULES was last set. If this test fails, what counts as plain
#: (or how plain text is escaped) has changed: bump PLAIN_RULES, so marks written under the old
#: rules stop being trusted, then put the new fingerprint here.
FINGERPRINTS = {1: "78ed596f6cfe1a4e66e6798adbab8c18b1db474ed3e3aea755266c9a76f87190"}


def rules_fingerprint() -> str:
    rng = random.Random(1)
    texts = [*TRICKY, *MARKUP, *PLAIN] + [random_text(rng, plain=rng.random() < 0.5) for _ in range(3000)]
    digest = hashlib.sha256()
    digest.update(repr((markdown_plain.LINE_WORK, sorted(markdown_plain.ORDINARY_ASCII),
                        markdown_plain.WIDE_OR_C1_UTF8.pattern)).encode())
    for text in texts:
        digest.update(repr((plain_mark(text), escape_block(text))).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def test_the_rules_number_moves_with_the_rules() -> None:
    assert FINGERPRINTS.get(PLAIN_RULES) == rules_fingerprint(), (
        "what counts as plain Markdown changed: bump PLAIN_RULES and record the new fingerprint")
