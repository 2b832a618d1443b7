"""Daily reflection prompts: one gentle question a day for the journal.

Why this module exists: a daily question gives the journal a starting point, and each
question is tied to a guidance topic so the sidebar can offer more on the same idea. The
module is pure: the caller passes in the date, so tests and snapshots can freeze "today".
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

__all__ = ["PROMPTS", "Prompt", "get_prompt", "prompt_for_day"]


@dataclass(frozen=True, slots=True)
class Prompt:
    """One reflection question; frozen because the same objects are shared app-wide."""

    id: str
    """Stable slug; saved entries remember which prompt they answered by this id."""
    text: str
    """A single question, ending with a question mark."""
    topic: str
    """The guidance topic key this question comes from."""


# (id, topic, text) -- compact rows; ids never change once shipped because entries store them.
_ROWS: tuple[tuple[str, str, str], ...] = (
    # career.self / career.values
    ("career-self-strengths", "career.self", "What are you quietly good at that you rarely mention?"),
    ("career-self-weakness", "career.self", "Which part of your work do you find hardest, and why?"),
    ("career-self-joy", "career.self", "Which task this week made the time fly?"),
    ("career-self-workplace", "career.self", "What do you value most in a place to work?"),
    ("career-self-success", "career.self", "How would you know, five years from now, that you had succeeded?"),
    ("career-self-skills", "career.self", "Which skill would you most like to build this year?"),
    ("career-self-fit", "career.self", "Which roles or fields fit the life you want in the long run?"),
    ("career-values-money", "career.values", "If money were not part of it, what would success look like for you?"),
    ("career-values-expectations", "career.values", "Whose expectations are you carrying that are not really yours?"),
    ("career-mentor-who", "career.mentor", "Who is one person a few steps ahead of you that you could learn from?"),
    ("career-hands-on-try", "career.hands_on", "What small, hands-on way could you test a path before committing to it?"),
    ("career-interview-link", "career.interview", "How would you explain your next goal to someone hiring for it?"),
    # why.*
    ("why-threatened-second", "why.threatened", "When did your partner last seem to feel they came second to your work?"),
    ("why-threatened-reassure", "why.threatened", "What small thing could show your partner they matter more than the job?"),
    ("why-threatened-week", "why.threatened", "Looking at your week from your partner's side, what stands out?"),
    ("why-inconvenienced-load", "why.inconvenienced", "What did your partner pick up at home while you were busy lately?"),
    ("why-inconvenienced-plan", "why.inconvenienced", "How could you plan your next busy stretch together rather than alone?"),
    ("why-jealous-their-job", "why.jealous", "How does your partner honestly feel about their own work right now?"),
    ("why-jealous-share", "why.jealous", "How could you share good news at work in a way that includes your partner?"),
    ("why-safety-worry", "why.safety", "What part of your work might worry your partner most?"),
    ("why-safety-ease", "why.safety", "What could you tell your partner that would ease a worry about your wellbeing?"),
    ("why-dismissive-meaning", "why.dismissive", "Does your partner know why your work matters so much to you?"),
    ("why-dismissive-feel", "why.dismissive", "How do you feel when your progress goes unnoticed at home?"),
    # talk.*
    ("talk-do-listen", "talk.do", "What concern of your partner's have you not fully listened to yet?"),
    ("talk-do-dream", "talk.do", "Could you describe your dream and your plan for it in three sentences?"),
    ("talk-do-involve", "talk.do", "Which upcoming decision could you make together instead of alone?"),
    ("talk-dont-defensive", "talk.dont", "When do you notice yourself getting defensive in these talks?"),
    ("talk-goal-regret", "talk.goal", "What would you regret more: a missed chance at work or strain at home?"),
    # compromise.*
    ("compromise-give-up", "compromise.three_lists", "What are you genuinely willing to give up for now?"),
    ("compromise-non-negotiable", "compromise.three_lists", "What is one thing you will not give up, and why?"),
    ("compromise-open", "compromise.three_lists", "Where is there room to meet your partner halfway?"),
    ("compromise-timing-later", "compromise.timing", "Which choice might look different in a year or two?"),
    ("compromise-balance-lean", "compromise.balance", "Lately, who has been giving up more, you or your partner?"),
    ("compromise-balance-resent", "compromise.balance", "Is there a sacrifice you made that still stings?"),
    ("compromise-together", "compromise.not_a_choice", "How could this tension help the two of you grow together?"),
    # compromise.signs (balance check-in)
    ("signs-heard", "compromise.signs", "When did you last feel truly heard by your partner?"),
    ("signs-part-of-plan", "compromise.signs", "Does your partner feel part of your plan, or told about it afterwards?"),
    ("signs-no-winner", "compromise.signs", "In your last disagreement, did one of you end up feeling like the loser?"),
    ("signs-secure", "compromise.signs", "What would help you both feel more secure about the future?"),
    # support.*
    ("support-talk-goals", "support.talk", "What is your partner hoping for in their career this year?"),
    ("support-talk-feedback", "support.talk", "When did you last ask your partner how you could support their work better?"),
    ("support-interest-ask", "support.interest", "What is your partner working on right now, in their own words?"),
    ("support-interest-safe", "support.interest", "How can you be a safer place for your partner to vent about work?"),
    ("support-celebrate-small", "support.celebrate", "What small win of your partner's could you celebrate this week?"),
    ("support-goals-step", "support.goals", "What is one concrete next step toward your partner's goal?"),
    ("support-resources-intro", "support.resources", "Who in your network could you introduce your partner to?"),
    ("support-balance-time", "support.balance", "When is your protected time together this week?"),
    ("support-balance-chores", "support.balance", "Does the split of chores at home still feel fair to both of you?"),
)

PROMPTS: tuple[Prompt, ...] = tuple(Prompt(id=i, text=t, topic=k) for i, k, t in _ROWS)
"""Every reflection prompt, grouped by topic; :func:`prompt_for_day` shuffles the order."""

_BY_ID: dict[str, Prompt] = {prompt.id: prompt for prompt in PROMPTS}


def _stride(n: int) -> int:
    """A step coprime to ``n`` near n times the golden ratio's fractional part.

    Stepping by it visits every index exactly once (because it is coprime to ``n``) and
    hops far across the list each time, so neighbouring days land on different topics.
    """
    step = max(1, round(n * 0.6180339887))
    while math.gcd(step, n) != 1:
        step += 1
    return step


_OFFSET = 7
"""Fixed seed for the daily order; changing it would reshuffle everyone's calendar."""

_ORDER: tuple[int, ...] = tuple(
    (i * _stride(len(PROMPTS)) + _OFFSET) % len(PROMPTS) for i in range(len(PROMPTS))
)
"""A fixed permutation of prompt indexes: an affine map i -> i*step + offset (mod n).

It is a permutation because the step is coprime to n. It is built from arithmetic rather
than ``random.shuffle`` so the order can never drift between Python versions.
"""


def prompt_for_day(day: datetime.date) -> Prompt:
    """The prompt for ``day``: deterministic, with no clock inside.

    Why no prompt repeats within 14 days: the day's ordinal modulo n (the number of
    prompts) takes n distinct values over any n consecutive days, and ``_ORDER`` maps
    distinct slots to distinct prompts. So any window of at most n days, and n is well
    over 14, shows each prompt at most once; in particular consecutive days always differ.
    """
    return PROMPTS[_ORDER[day.toordinal() % len(PROMPTS)]]


def get_prompt(prompt_id: str) -> Prompt:
    """Return the prompt with ``prompt_id``; a KeyError names the id that was not found."""
    try:
        return _BY_ID[prompt_id]
    except KeyError:
        raise KeyError(f"There is no prompt called {prompt_id!r}.") from None
