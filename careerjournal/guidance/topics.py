"""Guidance topics: the short, warm copy behind the sidebar, prompts and nudges.

Why this module exists: the UI, the nudges and the tests all need to refer to the same
ideas, so every idea gets a stable key (``why.threatened``, ``talk.do``, ...) and lives here
as plain data. The module is pure Python and never imports Textual, so the headless core
and the tests can use it without a terminal.

All text is plain (no square brackets), so nothing here can ever be mistaken for markup,
whichever way the UI chooses to render it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "PANES",
    "SECTIONS",
    "TOPICS",
    "SELF_CHECK_QUESTIONS",
    "BALANCE_SIGNS",
    "Topic",
    "get_topic",
    "topics_for_pane",
    "search_topics",
    "related_topics",
]

PANES: tuple[str, ...] = ("journal", "goals", "ledger", "talk", "export")
"""Every place a topic can surface; kept here so a typo in a pane name fails a test."""


@dataclass(frozen=True, slots=True)
class Topic:
    """One idea the app can show: frozen so that shared copy can never be edited in place."""

    key: str
    """Stable dotted key, e.g. ``why.threatened``; code and saved data refer to this."""
    title: str
    summary: str
    """One short sentence, fit for a tooltip or a list row."""
    body: tuple[str, ...]
    """Two to five short paragraphs or bullet lines in plain Markdown."""
    related: tuple[str, ...]
    """Keys of other topics worth reading next."""
    panes: tuple[str, ...]
    """Panes where the topic surfaces (a subset of :data:`PANES`)."""

    @property
    def section(self) -> str:
        """The prefix before the dot, which groups topics under :data:`SECTIONS`."""
        return self.key.split(".", 1)[0]


SECTIONS: dict[str, str] = {
    "why": "Why a partner may resist",
    "talk": "The conversation",
    "compromise": "Finding a compromise",
    "support": "Supporting your partner's career",
    "career": "Growing your own career",
}
"""Section titles by key prefix; the prefixes are groups, not topics."""

SELF_CHECK_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("travel", "Does your work take you away from home often?"),
    ("late_nights", "Are you working late most nights?"),
    ("clients", "Do you spend evenings entertaining clients while your partner waits at home?"),
    ("cancelled_plans", "Do you cancel plans for work, or come home too tired to enjoy them?"),
    ("moving", "Would your next step mean moving house or changing city?"),
)
"""The yes/no self-check of ``why.threatened``; ids are stable because answers are stored."""

BALANCE_SIGNS: tuple[tuple[str, str], ...] = (
    ("heard", "We both feel heard"),
    ("part_of_plan", "We both feel part of the plan"),
    ("no_winner", "Nobody feels like the winner or the loser"),
    ("respected", "We both feel respected and secure about the future"),
)
"""The four scores of the balance check-in (``compromise.signs``); ids are stored."""

_J, _G, _L, _T, _E = PANES

# (key, title, summary, body, related, panes) -- compact rows, expanded into Topic below.
_ROWS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    # -- why.* ---------------------------------------------------------------------------
    ("why.threatened", "They feel they come second",
     "Your partner may feel your job matters more to you than they do.",
     ("When work keeps winning the tug of war for your time, your partner can start to "
      "feel ranked below it, even if you never meant that.",
      "A few honest yes/no questions can show you how your weeks look from their side: "
      "travel, late nights, client evenings, cancelled plans, and a possible move.",
      "Each yes is not a failing. It is a place where a little reassurance could go a long way."),
     ("why.inconvenienced", "talk.do", "support.balance"), (_J, _T)),
    ("why.inconvenienced", "Your busy weeks land on them",
     "Your crunch times can quietly shift chores and family duties onto your partner.",
     ("When you are stretched, someone else often picks up the school run, the shopping "
      "or the dinner, and rearranges their own plans to do it.",
      "Naming that extra load out loud, and thanking them for it, helps it feel shared.",
      "Planning busy periods together turns a surprise burden into a plan you both agreed to."),
     ("support.balance", "compromise.three_lists"), (_J, _T)),
    ("why.jealous", "Their own career hurts",
     "If your partner feels stuck at work, your drive can sting a little.",
     ("Your excitement may remind them of something they miss in their own job.",
      "Their reaction says more about their situation than about your plans.",
      "Asking about their hopes, and backing them, often softens the sting more than "
      "playing down your own wins."),
     ("support.talk", "support.interest", "support.goals"), (_J, _T)),
    ("why.safety", "They worry about you",
     "Some resistance is simply fear for your safety or your wellbeing.",
     ("Risky or draining work, like being a first responder, can leave a partner "
      "lying awake wondering if you are all right.",
      "That worry comes from care. Treat it as care, even when it feels like a brake.",
      "Sharing what you do to stay safe and well, and how they can check in, can ease it."),
     ("talk.do", "support.balance"), (_J, _T)),
    ("why.dismissive", "They don't take it seriously",
     "Your partner may shrug off your work or belittle your progress.",
     ("Indifference can hurt as much as open objection, and it is fair to notice that.",
      "Sometimes they simply don't know what your work involves or why it lights you up.",
      "Telling them plainly what it means to you gives them a chance to show up differently."),
     ("talk.do", "career.values"), (_J, _T)),
    # -- talk.* --------------------------------------------------------------------------
    ("talk.do", "What helps in the conversation",
     "Listen first, then share your dream, your plan and your limits.",
     ("- Listen to their worries and take them seriously, even the ones that surprise you.",
      "- Put yourself in their shoes and say out loud that their fears make sense.",
      "- Be clear about what you want, how you plan to get there, and why it matters to you.",
      "- Bring them into the decisions instead of presenting a finished plan.",
      "- Know ahead of time what you will give up, what you won't, and what is open."),
     ("talk.dont", "talk.goal", "compromise.three_lists"), (_T, _L, _E)),
    ("talk.dont", "What tends to backfire",
     "Arguing, brushing worries aside and ultimatums usually make things harder.",
     ("- Try not to argue or defend yourself point by point; it turns you into opponents.",
      "- Don't wave their concerns away, even if they seem small to you.",
      "- Skip the ultimatums; they close doors you may want later.",
      "- And don't drop your dream altogether just to end the tension."),
     ("talk.do", "talk.goal"), (_T,)),
    ("talk.goal", "What you are aiming for",
     "You want a path with no resentment at home and no regret at work.",
     ("This rarely settles in one talk. Expect several, and maybe a moment where you both "
      "feel stuck.",
      "Being clear in your own mind about your limits is what gets things moving again.",
      "Success looks like a plan neither of you will quietly hold against the other."),
     ("talk.do", "compromise.not_a_choice"), (_T,)),
    # -- compromise.* --------------------------------------------------------------------
    ("compromise.three_lists", "Three lists",
     "Sort what you'd give up, what you won't, and what is open to compromise.",
     ("Write three lists: what you are willing to give up, what you will not give up, and "
      "what you could meet in the middle on.",
      "Your non-negotiables are worth knowing before you sit down to talk, not during.",
      "Your partner can make their own three lists, so you can compare them side by side."),
     ("talk.do", "compromise.balance", "compromise.timing"), (_L,)),
    ("compromise.timing", "Timing matters",
     "The right compromise depends on where you both are in life right now.",
     ("A choice that feels wrong today may feel right in a couple of years, for example "
      "once young children are a little older.",
      "Postponing is not the same as giving up. You can set a date to look at it again.",
      "Give ledger items a revisit date so a pause stays a pause."),
     ("compromise.three_lists", "compromise.balance"), (_L,)),
    ("compromise.balance", "Keep it even",
     "Giving up too much on either side tends to turn into resentment.",
     ("When one of you keeps making the sacrifices, it can grow into frustration, a sense "
      "of missing out, and sometimes low mood or depression.",
      "If your ledger keeps leaning one way, take it as a gentle warning sign.",
      "Balance does not need to be exact each week, but it should even out over time."),
     ("compromise.signs", "compromise.three_lists"), (_L,)),
    ("compromise.signs", "Signs you're on track",
     "You are getting it right when you both feel heard, included, equal and secure.",
     ("- You both feel heard.",
      "- You both feel part of the plan.",
      "- Neither of you feels like the winner or the loser.",
      "- You both feel respected and secure about the future.",
      "Score these four now and then as a quick balance check-in."),
     ("compromise.balance", "talk.goal"), (_J, _L, _E)),
    ("compromise.not_a_choice", "Not an either/or",
     "Choosing career over love, or love over career, usually costs you both.",
     ("Framing it as a choice between the two tends to leave both of you worse off.",
      "You can treat this as a chance to grow together and learn what each of you needs.",
      "The answer is often a shared plan, not a winner."),
     ("talk.goal", "compromise.signs"), (_L,)),
    # -- support.* -----------------------------------------------------------------------
    ("support.talk", "Talk about their goals",
     "Make their career a regular, open topic, not just yours.",
     ("Ask where they want to be in a year, and in five.",
      "Invite honest feedback about how you support them, and offer yours kindly.",
      "Small, regular check-ins beat one big talk a year."),
     ("support.interest", "support.goals"), (_J,)),
    ("support.interest", "Show real interest",
     "Curiosity about their work tells them it matters to you.",
     ("- Go along to their work events when you can.",
      "- Ask about their day and remember the names and projects.",
      "- Be a safe place to vent when work is hard.",
      "- When they ask, give feedback that is honest and helpful."),
     ("support.talk", "support.celebrate"), (_J,)),
    ("support.celebrate", "Celebrate their wins",
     "Mark their achievements, the big ones and the small ones.",
     ("A finished course or a kind word from a client deserves a moment too.",
      "Celebrating together reminds you both that you are on the same team."),
     ("support.interest", "support.goals"), (_J,)),
    ("support.goals", "Help shape their goals",
     "Help your partner set goals and break them into doable steps.",
     ("Talk through what they want soon and what they want in the long run.",
      "Turn a big goal into small, concrete next steps they can actually start.",
      "You can track their goals here alongside yours, because support runs both ways."),
     ("support.resources", "career.self"), (_J, _G)),
    ("support.resources", "Share resources and people",
     "Point them to courses, events and people who could help.",
     ("Look out for courses, workshops and networking events that fit their plans.",
      "Open your own network to them and introduce people who might mentor them."),
     ("support.goals", "career.mentor"), (_J, _G)),
    ("support.balance", "Protect your time together",
     "Guard time together and agree on how the load at home is shared.",
     ("Keep some time that work is not allowed into.",
      "Agree on when each of you switches off, and help each other stick to it.",
      "Decide together how chores, childcare and other commitments are split, and "
      "revisit it when things change."),
     ("why.inconvenienced", "compromise.balance"), (_J,)),
    # -- career.* ------------------------------------------------------------------------
    ("career.self", "Know yourself",
     "A few honest questions help you see what you really want from work.",
     ("- What are you good at, and what do you find hard?",
      "- Which tasks make time fly?",
      "- What matters most to you in a workplace, and how do you define success?",
      "- Which skills do you want to build, and which roles or industries fit that?"),
     ("career.values", "support.goals"), (_J, _G)),
    ("career.values", "Goals that fit your values",
     "Aim for goals that match your interests, values and strengths.",
     ("Success does not have to mean only money or meeting other people's hopes for you.",
      "A goal that fits who you are is easier to explain, and easier to keep going with."),
     ("career.self", "compromise.three_lists"), (_G,)),
    ("career.mentor", "Find a mentor",
     "Someone further along can offer perspective, feedback and a practice run.",
     ("You can meet mentors through networking events, professional bodies or your own "
      "workplace.",
      "A good mentor helps you spot common pitfalls before you fall into them.",
      "An interview coach can run mock interviews and tell you how you come across."),
     ("career.hands_on", "support.resources"), (_G,)),
    ("career.hands_on", "Learn by doing",
     "Internships, apprenticeships and volunteering let you try a path first.",
     ("Hands-on roles show you what the work is really like day to day.",
      "Watching experienced people, and hearing about their wins and mistakes, teaches a lot."),
     ("career.mentor", "career.self"), (_G,)),
    ("career.interview", "Talking about your goals in interviews",
     "Be specific, and link your ambitions to the role and the company.",
     ("Interviewers ask about your plans to see whether you and the role fit each other.",
      "Name concrete goals, then show how this job helps you reach them and how you help it."),
     ("career.resume", "career.mentor"), (_G,)),
    ("career.resume", "Your goals on paper",
     "A short, tailored objective and a focused cover letter show where you're heading.",
     ("Keep the objective on your resume to a sentence or two, written for this job.",
      "In your cover letter, connect what you hope to do with what the position offers."),
     ("career.interview", "career.values"), (_G,)),
)

TOPICS: dict[str, Topic] = {
    row[0]: Topic(key=row[0], title=row[1], summary=row[2], body=row[3],
                  related=row[4], panes=row[5])
    for row in _ROWS
}
"""Every guidance topic by key, in reading order (sections in document order)."""


def get_topic(key: str) -> Topic:
    """Return the topic for ``key``; a KeyError names the key so a typo is easy to spot."""
    try:
        return TOPICS[key]
    except KeyError:
        raise KeyError(f"There is no guidance topic called {key!r}.") from None


def topics_for_pane(pane: str) -> list[Topic]:
    """Topics that surface in ``pane``, in reading order; empty for an unknown pane."""
    return [topic for topic in TOPICS.values() if pane in topic.panes]


def search_topics(query: str) -> list[Topic]:
    """Topics whose title, summary or body contains ``query`` (case-insensitive).

    Title hits come first because a match in the title is almost always what the person
    meant; within each group the reading order is kept. A blank query matches nothing, so a
    cleared search box shows no results rather than everything.
    """
    needle = query.strip().casefold()
    if not needle:
        return []
    in_title: list[Topic] = []
    elsewhere: list[Topic] = []
    for topic in TOPICS.values():
        if needle in topic.title.casefold():
            in_title.append(topic)
        elif needle in topic.summary.casefold() or any(
            needle in line.casefold() for line in topic.body
        ):
            elsewhere.append(topic)
    return in_title + elsewhere


def related_topics(key: str) -> list[Topic]:
    """The topics listed as related to ``key``; raises KeyError for an unknown key."""
    return [TOPICS[other] for other in get_topic(key).related]
