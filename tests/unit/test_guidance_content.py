"""Tests for the guidance content: every documented topic exists, copy is plain, prompts rotate.

Why: topic keys are referenced by the UI, nudges and stored data, so a missing or misspelt
key must fail here rather than in front of a user; and the package must stay headless.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from pathlib import Path

import pytest

from careerjournal.guidance import (
    BALANCE_SIGNS,
    PANES,
    PROMPTS,
    SECTIONS,
    SELF_CHECK_QUESTIONS,
    TOPICS,
    get_prompt,
    get_topic,
    prompt_for_day,
    related_topics,
    search_topics,
    topics_for_pane,
)

REPO = Path(__file__).resolve().parents[2]
SHARED_TOPICS = REPO.parent / "shared" / "GUIDANCE-TOPICS.md"

EXPECTED_KEYS = (
    "why.threatened", "why.inconvenienced", "why.jealous", "why.safety", "why.dismissive",
    "talk.do", "talk.dont", "talk.goal",
    "compromise.three_lists", "compromise.timing", "compromise.balance", "compromise.signs",
    "compromise.not_a_choice",
    "support.talk", "support.interest", "support.celebrate", "support.goals",
    "support.resources", "support.balance",
    "career.self", "career.values", "career.mentor", "career.hands_on", "career.interview",
    "career.resume",
)


def _all_texts() -> list[str]:
    """Every string the package could show, so plain-text checks cover all of it."""
    texts: list[str] = list(SECTIONS.values())
    for topic in TOPICS.values():
        texts += [topic.title, topic.summary, *topic.body]
    texts += [q for _, q in SELF_CHECK_QUESTIONS] + [label for _, label in BALANCE_SIGNS]
    texts += [prompt.text for prompt in PROMPTS]
    return texts


# -- topics ---------------------------------------------------------------------------------

def test_every_expected_key_exists() -> None:
    assert set(EXPECTED_KEYS) <= set(TOPICS)


def test_every_key_in_shared_document_exists() -> None:
    if not SHARED_TOPICS.exists():
        pytest.skip("shared/GUIDANCE-TOPICS.md is not present next to the repository")
    text = SHARED_TOPICS.read_text(encoding="utf-8")
    keys = set(re.findall(r"`([a-z]+\.[a-z_]+)`", text))
    assert keys, "no topic keys found in the shared document"
    assert keys <= set(TOPICS), sorted(keys - set(TOPICS))


def test_topics_are_complete() -> None:
    for key, topic in TOPICS.items():
        assert topic.key == key
        assert topic.title.strip() and topic.summary.strip(), key
        assert 2 <= len(topic.body) <= 5 and all(line.strip() for line in topic.body), key
        assert topic.panes and set(topic.panes) <= set(PANES), key
        assert all(other in TOPICS and other != key for other in topic.related), key
        assert key.split(".", 1)[0] in SECTIONS, key


def test_section_prefixes_are_not_topics() -> None:
    assert set(SECTIONS) == {"why", "talk", "compromise", "support", "career"}
    assert not set(SECTIONS) & set(TOPICS)


def test_self_check_and_balance_ids() -> None:
    assert [i for i, _ in SELF_CHECK_QUESTIONS] == [
        "travel", "late_nights", "clients", "cancelled_plans", "moving"]
    assert all(q.endswith("?") for _, q in SELF_CHECK_QUESTIONS)
    assert [i for i, _ in BALANCE_SIGNS] == ["heard", "part_of_plan", "no_winner", "respected"]


@pytest.mark.parametrize("pane", ["journal", "goals", "ledger", "talk", "export"])
def test_topics_for_pane_is_not_empty(pane: str) -> None:
    topics = topics_for_pane(pane)
    assert topics and all(pane in topic.panes for topic in topics)


def test_topics_for_unknown_pane_is_empty() -> None:
    assert topics_for_pane("nowhere") == []


def test_search_finds_body_word_and_ranks_titles_first() -> None:
    assert get_topic("career.mentor") in search_topics("PITFALLS")
    assert get_topic("support.resources") in search_topics("workshops")
    results = search_topics("goals")
    title_hits = [t for t in results if "goals" in t.title.casefold()]
    assert title_hits and results[: len(title_hits)] == title_hits
    assert search_topics("   ") == []


def test_related_topics() -> None:
    assert get_topic("talk.dont") in related_topics("talk.do")


def test_unknown_keys_raise_key_error() -> None:
    with pytest.raises(KeyError):
        get_topic("why.nope")
    with pytest.raises(KeyError):
        related_topics("nope")
    with pytest.raises(KeyError):
        get_prompt("no-such-prompt")


def test_no_square_brackets_anywhere() -> None:
    for text in _all_texts():
        assert "[" not in text and "]" not in text, text


# -- prompts --------------------------------------------------------------------------------

def test_prompts_are_valid_and_unique() -> None:
    assert len(PROMPTS) >= 40
    assert len({p.id for p in PROMPTS}) == len(PROMPTS)
    assert len({p.text for p in PROMPTS}) == len(PROMPTS)
    for prompt in PROMPTS:
        assert prompt.topic in TOPICS, prompt.id
        assert prompt.text.endswith("?") and prompt.text.count("?") == 1, prompt.id
        assert get_prompt(prompt.id) is prompt


@pytest.mark.parametrize(
    "start",
    [datetime.date(1, 1, 1), datetime.date(2000, 2, 28), datetime.date(2024, 12, 25),
     datetime.date(2031, 7, 4)],
)
def test_prompt_rotation_has_no_repeats_within_14_days(start: datetime.date) -> None:
    days = [start + datetime.timedelta(days=i) for i in range(400)]
    ids = [prompt_for_day(day).id for day in days]
    for i in range(len(ids) - 13):
        window = ids[i : i + 14]
        assert len(set(window)) == 14, (days[i], window)
    assert all(a != b for a, b in zip(ids, ids[1:]))


def test_prompt_rotation_is_deterministic_and_uses_every_prompt() -> None:
    day = datetime.date(2025, 3, 9)
    assert prompt_for_day(day) == prompt_for_day(datetime.date(2025, 3, 9))
    span = [day + datetime.timedelta(days=i) for i in range(len(PROMPTS))]
    assert {prompt_for_day(d).id for d in span} == {p.id for p in PROMPTS}


# -- hygiene --------------------------------------------------------------------------------

def test_guidance_does_not_import_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c",
         "import careerjournal.guidance, sys; assert 'textual' not in sys.modules"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
