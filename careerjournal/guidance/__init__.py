"""Guidance content: topics and daily prompts, as plain data with no Textual import.

Why a package of its own: the sidebar, the daily prompt and the nudges all draw on the same
keyed copy, and keeping it headless lets tests and exports use it without a terminal.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careerjournal.guidance.agenda import DOS_AND_DONTS, build_agenda
    from careerjournal.guidance.prompts import PROMPTS, Prompt, get_prompt, prompt_for_day
    from careerjournal.guidance.topics import (
        BALANCE_SIGNS,
        PANES,
        SECTIONS,
        SELF_CHECK_QUESTIONS,
        TOPICS,
        Topic,
        get_topic,
        related_topics,
        search_topics,
        topics_for_pane,
    )

#: Where each name lives. The package loads a module only when one of its names is
#: first used: the agenda pulls in the goal and ledger models, which opening the
#: journal doesn't need (about 10 ms of start-up).
_HOMES = {
    "DOS_AND_DONTS": "agenda", "build_agenda": "agenda",
    "PROMPTS": "prompts", "Prompt": "prompts", "get_prompt": "prompts", "prompt_for_day": "prompts",
    "BALANCE_SIGNS": "topics", "PANES": "topics", "SECTIONS": "topics", "SELF_CHECK_QUESTIONS": "topics",
    "TOPICS": "topics", "Topic": "topics", "get_topic": "topics", "related_topics": "topics",
    "search_topics": "topics", "topics_for_pane": "topics",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "BALANCE_SIGNS",
    "DOS_AND_DONTS",
    "PANES",
    "PROMPTS",
    "SECTIONS",
    "SELF_CHECK_QUESTIONS",
    "TOPICS",
    "Prompt",
    "Topic",
    "build_agenda",
    "get_prompt",
    "get_topic",
    "prompt_for_day",
    "related_topics",
    "search_topics",
    "topics_for_pane",
]
