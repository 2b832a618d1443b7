"""Partner summaries: what goes out (the privacy rule), the sections, the period, golden files."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from pathlib import Path

import pytest

from careerjournal.db.demo import fill_demo
from careerjournal.db.store import Store
from careerjournal.errors import UsageError
from careerjournal.export import ALL_SECTIONS, FORMATS, SECTION_TITLES, SummaryOptions, collect, render, to_json
from careerjournal.export.summary import HEADINGS
from careerjournal.models import AgendaPoint, ConcernReason, Draft, GoalStatus, Owner

GOLDEN = Path(__file__).parent / "golden"
SUMMARY_FORMATS = ("markdown", "html", "text")
#: Checked in pieces, so Markdown's backslash escapes or HTML entities can't hide a leak.
MARKER = "ZEBRA-PRIVATE-7731"
MARKER_PIECES = (b"ZEBRA", b"7731")


def render_all(store: Store, options: SummaryOptions = SummaryOptions()) -> dict[str, str]:
    """Each partner format, made readable (Markdown escapes and HTML entities undone) for `in` checks."""
    texts = {name: render(store, name, options, store.now()) for name in SUMMARY_FORMATS}
    texts["markdown"] = re.sub(r"\\(.)", r"\1", texts["markdown"])
    texts["html"] = html.unescape(texts["html"])
    return texts


def leaks(text: str) -> bool:
    data = text.encode("utf-8")
    return any(piece in data for piece in MARKER_PIECES)


def raw_leaks(store: Store, options: SummaryOptions = SummaryOptions()) -> list[str]:
    """Formats whose exact bytes contain any piece of the marker."""
    return [name for name in SUMMARY_FORMATS if leaks(render(store, name, options, store.now()))]


@pytest.fixture
def journal(store: Store) -> Store:
    """The demo journal plus private text that must never reach a partner."""
    fill_demo(store)
    private = store.entries.add(f"Body {MARKER} body", title=f"Title {MARKER}", tags=[MARKER, "career"], mood=2,
                                shared=False)
    store.entries.add(f"Second private {MARKER}", title="", tags=["plain"], shared=False,
                      day=store.now().date() - dt.timedelta(days=4))
    store.drafts.save(Draft(key="new", body=f"Draft {MARKER}", title=f"Draft title {MARKER}", tags=(MARKER,),
                            shared=True))
    store.drafts.save(Draft(key=f"entry:{private.id}", entry_id=private.id, body=f"Edit {MARKER}", shared=True))
    # A shared entry in the trash is gone from the journal, so it is gone from summaries too.
    trashed = store.entries.add(f"Trashed {MARKER}", title=f"Trashed {MARKER}", shared=True)
    store.entries.delete(trashed.id)
    # Free-text notes written after a talk or a check-in stay private as well.
    talk = store.talk.start_talk(store.now().date(), [AgendaPoint("Holidays")], notes=f"Talk notes {MARKER}")
    store.talk.add_checkin(store.now().date(), heard=4, part_of_plan=4, no_winner=4, respected=5,
                           note=f"Check-in note {MARKER}", talk_id=talk.id)
    store.talk.answer_self_check("travel", True)
    return store


def test_private_text_reaches_no_partner_format(journal: Store) -> None:
    assert raw_leaks(journal) == []
    for name, text in render_all(journal).items():
        assert not leaks(text), f"private text leaked into the {name} summary"
        assert "career" in text  # the shared entries' tags are there, so the check is not vacuous
        assert "The offer came through" not in text  # a private demo entry


def test_private_text_stays_out_of_every_section_combination(journal: Store) -> None:
    for section in ALL_SECTIONS:
        options = SummaryOptions(sections=frozenset({section}))
        assert raw_leaks(journal, options) == [], section
        for name, text in render_all(journal, options).items():
            assert not leaks(text), (section, name)


def test_include_private_adds_private_entries_and_says_so(journal: Store) -> None:
    assert raw_leaks(journal, SummaryOptions(include_private=True)) == list(SUMMARY_FORMATS)
    for name, text in render_all(journal, SummaryOptions(include_private=True)).items():
        assert leaks(text), name
        assert "The offer came through" in text
        assert "also includes journal entries I had kept private" in text
        assert "Trashed" not in text  # the trash never goes out
        assert "Draft" not in text  # drafts are never read
    for text in render_all(journal).values():
        assert "only what I chose to share" in text
        assert "kept private" not in text


def test_json_backup_is_lossless_and_does_hold_private_text(journal: Store) -> None:
    backup = to_json(journal, journal.now())
    assert leaks(backup)  # a backup is the whole private journal, drafts included
    assert backup.count(MARKER) >= 8


def test_counts_and_words_cover_only_shared_entries(store: Store) -> None:
    store.entries.add("one two three", title="Shared title", shared=True)
    store.entries.add("four five", shared=True)
    store.entries.add("many " * 500, title="Private " * 40, tags=["secret-tag"], shared=False)
    summary = collect(store, SummaryOptions(), store.now())
    assert summary.entry_count == 2
    assert summary.word_count == 7  # title words + body words of the two shared entries
    for name, text in render_all(store).items():
        assert "There are 2 journal entries in it (7 words)." in text, name
        assert "secret-tag" not in text and "many" not in text
    summary = collect(store, SummaryOptions(include_private=True), store.now())
    assert (summary.entry_count, summary.word_count) == (3, 547)


def test_only_exactly_shared_entries_are_collected(journal: Store) -> None:
    summary = collect(journal, SummaryOptions(), journal.now())
    shared = [e for e in journal.entries.list() if e.shared is True]
    assert [v.body for v in summary.entries] == [e.body for e in reversed(shared)]  # oldest first


@pytest.mark.parametrize("section", sorted(ALL_SECTIONS))
def test_each_section_can_be_left_out(journal: Store, section: str) -> None:
    heading = HEADINGS[section]
    without = SummaryOptions(sections=ALL_SECTIONS - {section})
    for name, text in render_all(journal, without).items():
        assert heading not in text, (section, name)
    for name, text in render_all(journal, SummaryOptions(sections=frozenset({section}))).items():
        assert heading in text, (section, name)
        others = [HEADINGS[s] for s in ALL_SECTIONS - {section}]
        assert not any(other in text for other in others), (section, name)


def test_section_content_follows_the_toggle(journal: Store) -> None:
    texts = render_all(journal, SummaryOptions(sections=frozenset({"ledger"})))
    for text in texts.values():
        assert "Sunday mornings together" in text
        assert "Lead a team by next summer" not in text
        assert "Sam's course" not in text
        assert "journal entries in it" not in text  # no entry count without the entries section


def test_section_titles_are_ordered_for_the_dialog() -> None:
    assert list(SECTION_TITLES) == ["goals_shared", "goals_mine", "ledger", "talk", "checkins", "entries"]
    assert set(SECTION_TITLES) == ALL_SECTIONS
    assert SummaryOptions().sections == ALL_SECTIONS and SummaryOptions().include_private is False


def test_since_and_until_limit_entries_checkins_and_talks(journal: Store) -> None:
    today = journal.now().date()
    options = SummaryOptions(since=today - dt.timedelta(days=12), until=today - dt.timedelta(days=6))
    summary = collect(journal, options, journal.now())
    assert [e.title for e in summary.entries] == ["Sam's course", "[x] asked for a raise"]
    assert all(options.since <= e.day <= options.until for e in summary.entries)
    assert summary.checkins == () and summary.talk_days == ()
    assert summary.ledger and summary.my_goals  # current state, not limited by the period
    for name, text in render_all(journal, options).items():
        assert "from 10 November 2026 to 16 November 2026" in text, name
        assert "A good talk" not in text and "Writing it down so it" not in text
    wider = collect(journal, SummaryOptions(since=today - dt.timedelta(days=30)), journal.now())
    assert [c.day for c in wider.checkins] == [today - dt.timedelta(days=20), today]
    assert "everything up to 22 November 2026" in to_text_of(journal, SummaryOptions())


def to_text_of(store: Store, options: SummaryOptions) -> str:
    return render(store, "text", options, store.now())


def test_open_concerns_and_agenda_go_out_addressed_ones_do_not(store: Store) -> None:
    store.talk.add_concern(ConcernReason.SAFETY, "Long drives home at night.")
    done = store.talk.add_concern(ConcernReason.JEALOUS, "Already talked through.")
    store.talk.update_concern(done.id, addressed=True)
    store.talk.save_agenda([AgendaPoint("Who does the school run", "concern"), AgendaPoint("Holiday plans")])
    for text in render_all(store).values():
        assert "Long drives home at night." in text
        assert "Already talked through." not in text
        assert "Who does the school run" in text and "Holiday plans" in text


def test_empty_journal_gives_a_kind_short_summary(store: Store) -> None:
    for name, text in render_all(store).items():
        assert "No shared entries in this period." in text, name
        assert "There are 0 journal entries in it (0 words)." in text


def test_goal_progress_and_status_read_naturally(store: Store) -> None:
    goal = store.goals.add("Run a half marathon", owner=Owner.SHARED)
    store.goals.add_step(goal.id, "Buy shoes")
    done = store.goals.add("Finish the course", owner=Owner.PARTNER, status=GoalStatus.DONE)
    for step in ("Enrol", "Pass"):
        store.goals.set_step_done(store.goals.add_step(done.id, step).id, True)
    summary = collect(store, SummaryOptions(), store.now())
    assert summary.shared_goals[0].facts == "Short-term · 0 of 1 step done"
    assert summary.partner_goals[0].facts == "Short-term · done 🎉 · 2 of 2 steps done"
    assert summary.partner_goals[0].percent == 100 and summary.shared_goals[0].percent == 0
    assert "Your goals" in render(store, "text", SummaryOptions(), store.now())


def test_bad_options_are_refused_with_a_sentence(store: Store) -> None:
    with pytest.raises(UsageError, match="no summary section"):
        collect(store, SummaryOptions(sections=frozenset({"nope"})), store.now())
    with pytest.raises(UsageError, match="after its end"):
        collect(store, SummaryOptions(since=dt.date(2026, 2, 1), until=dt.date(2026, 1, 1)), store.now())
    with pytest.raises(UsageError, match="no export format"):
        render(store, "pdf", SummaryOptions(), store.now())


def test_formats_table() -> None:
    assert set(FORMATS) == {"markdown", "html", "text"}


# -- golden files --------------------------------------------------------------------------

GOLDEN_FILES = {"markdown": "summary.md", "html": "summary.html", "text": "summary.txt"}


@pytest.mark.parametrize("name", SUMMARY_FORMATS)
def test_golden_summary_from_demo_data(store: Store, name: str) -> None:
    """Set UPDATE_GOLDEN=1 to rewrite the files, then read the diff before committing."""
    fill_demo(store)
    text = render(store, name, SummaryOptions(), store.now())
    path = GOLDEN / GOLDEN_FILES[name]
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")
    assert text.endswith("\n") and not re.search(r"[ \t]+\n", text.replace("\\\n", "\n"))
