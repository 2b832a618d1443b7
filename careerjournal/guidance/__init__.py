"""Guidance content: topics and daily prompts, as plain data with no Textual import.

Why a package of its own: the sidebar, the daily prompt and the nudges all draw on the same
keyed copy, and keeping it headless lets tests and exports use it without a terminal.
"""

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
