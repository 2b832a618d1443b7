"""Believable sample data for ``careerjournal --demo``, screenshots and tests.

Deterministic: everything is placed relative to the store's clock, so a frozen
clock gives the same journal every time (snapshot tests rely on that).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from careerjournal.dates import to_iso

if TYPE_CHECKING:
    from careerjournal.db.store import Store

# (days ago, hour, title, body, tags, mood, shared)
DEMO_ENTRIES: tuple[tuple[int, int, str, str, tuple[str, ...], int | None, bool], ...] = (
    (0, 21, "The offer came through",
     "The regional lead role is mine if I want it. Two nights a week in Leeds, more in the first quarter.\n\n"
     "I was grinning on the train, then I pictured telling Sam and my stomach dropped. "
     "I want this, and I don't want Sam to feel like the price of it.",
     ("career", "offer"), 4, False),
    (1, 22, "",
     "Sam asked how the interview went and I gave a one-word answer. Why do I do that? "
     "I think I'm afraid that sounding excited will sound like I've already decided.",
     ("partner",), 3, False),
    (2, 20, "What I won't give up",
     "Writing it down so it's real:\n\n- Sunday mornings together, no laptop.\n- Being home for Mia's bedtime at least three nights a week.\n"
     "- Growing into leading a team. That one is mine and I'm allowed to want it.",
     ("compromise", "ledger"), 4, True),
    (3, 21, "Tired",
     "Late night again. Cancelled dinner with Sam's sister for a deck nobody will read. "
     "That's exactly the pattern Sam worries about, and tonight I proved the point.",
     ("work", "balance"), 2, False),
    (5, 19, "Sam's side of it",
     "Sam said something I keep coming back to: 'I'm not against the job, I'm against being the one who absorbs it.' "
     "It isn't jealousy. It's the school runs and the evenings falling on one person.",
     ("partner", "why"), 3, True),
    (6, 21, "Mentor coffee",
     "Priya spent an hour with me. Her advice: ask for the travel to be front-loaded and then capped, in writing. "
     "She also said the people who burn out are the ones who never say what they need.",
     ("mentor", "career"), 5, False),
    (8, 22, "[x] asked for a raise",
     "Ticked the box I've been avoiding for a year. The answer was 'let's talk in the spring', which is not a no. "
     "Told Sam and we celebrated with terrible takeaway.",
     ("career", "win"), 4, True),
    (10, 20, "",
     "Quiet evening. We walked to the canal and didn't talk about work at all. I forget how much I need that.",
     ("us",), 5, False),
    (12, 21, "Sam's course",
     "Sam finally looked at the landscape design course. I want to help properly this time: "
     "find the open evening, cover bedtime on Thursdays so there's time to study.",
     ("support", "partner"), 4, True),
    (15, 22, "Self-check",
     "Honest answers: travel yes, late nights yes, entertaining clients sometimes, cancelled plans yes, moving no. "
     "Four out of five. No wonder Sam feels second place some weeks.",
     ("why", "self-check"), 2, False),
    (20, 21, "A good talk",
     "We sat at the kitchen table with a list each. Nobody raised their voice. We agreed I'd try the role for six months "
     "and we'd check in monthly. I felt heard. I think Sam did too.",
     ("talk", "compromise"), 5, True),
    (27, 20, "Strengths",
     "What energises me: untangling messy projects, coaching the new starters. What drains me: status meetings. "
     "The new role is more of the first. That matters.",
     ("career", "reflection"), 4, False),
    (35, 21, "",
     "Mia asked why I'm always on the phone. Ouch. Phone in the drawer from 6 to 8 starting tomorrow.",
     ("family", "balance"), 2, False),
    (58, 21, "Starting this journal",
     "Trying to think before I react. The job question isn't going away, so I'd rather face it on paper first.",
     ("start",), 3, False),
    (365, 21, "A year ago",
     "Sam's birthday. We talked about where we'd like to be in five years and neither of us said the same city.",
     ("us",), 3, False),
)


def fill_demo(store: Store) -> None:
    """Fill an empty store with the sample journal (does nothing if it has entries)."""
    if store.entries.count():
        return
    now = store.now().astimezone()
    for days_ago, hour, title, body, tags, mood, shared in DEMO_ENTRIES:
        moment = (now - dt.timedelta(days=days_ago)).replace(hour=hour, minute=days_ago % 60, second=0, microsecond=0)
        store.entries.add(body, title=title, tags=tags, mood=mood, shared=shared, created_at=moment, day=moment.date())
    _fill_other_panes(store, now)


def _fill_other_panes(store: Store, now: dt.datetime) -> None:
    """Goals, ledger, concerns and check-ins, written straight through sqlite-utils."""
    stamp = to_iso(now)
    today = now.date()
    with store.transaction() as db:
        goals = [
            ("Lead a team by next summer", "I light up when I coach people.", "me", "long", today.replace(year=today.year + 1)),
            ("Start the landscape design course", "Sam's been putting this off for years.", "partner", "short", today + dt.timedelta(days=60)),
            ("Protect two evenings a week", "So the job doesn't eat us.", "shared", "short", None),
        ]
        for position, (title, why, owner, horizon, target) in enumerate(goals):
            goal_id = db["goals"].insert({
                "title": title, "why": why, "owner": owner, "horizon": horizon, "status": "active",
                "target_date": target.isoformat() if target else None, "position": position,
                "created_at": stamp, "updated_at": stamp,
            }).last_pk
            if owner == "me":
                for step_position, (text, done) in enumerate(
                    [("Ask Priya for mentoring", True), ("Lead the Q1 planning", False), ("Take the leadership course", False)]
                ):
                    db["goal_steps"].insert({
                        "goal_id": goal_id, "position": step_position, "text": text, "done": int(done),
                        "done_at": stamp if done else None, "created_at": stamp,
                    })
                db["goal_resources"].insert({"goal_id": goal_id, "kind": "mentor", "title": "Priya (ex-manager)",
                                             "created_at": stamp})
        ledger = [
            ("Friday drinks with the team", "give_up", "evenings", "agreed"),
            ("Some weekend overtime in launch month", "give_up", "time_together", "discussed"),
            ("Sunday mornings together", "keep", "time_together", "agreed"),
            ("Bedtime three nights a week", "keep", "childcare", "idea"),
            ("Travel capped at two nights a week", "compromise", "travel", "discussed"),
            ("Relocating once the kids are at school", "compromise", "relocation", "idea"),
        ]
        for position, (text, column, area, status) in enumerate(ledger):
            db["ledger_items"].insert({
                "text": text, "column": column, "area": area, "status": status, "position": position,
                "revisit_on": (today + dt.timedelta(days=700)).isoformat() if area == "relocation" else None,
                "created_at": stamp, "updated_at": stamp,
            })
        db["concerns"].insert_all([
            {"reason": "why.inconvenienced", "heard": "Evenings and school runs would fall on Sam.", "addressed": 0,
             "created_at": stamp, "updated_at": stamp},
            {"reason": "why.threatened", "heard": "Sam worries the job will always come first.", "addressed": 1,
             "created_at": stamp, "updated_at": stamp},
        ])
        talk_day = today - dt.timedelta(days=20)
        talk_id = db["talks"].insert({"day": talk_day.isoformat(), "notes": "Kitchen table, lists each.",
                                      "created_at": stamp}).last_pk
        for offset, scores in ((50, (3, 2, 2, 3)), (20, (4, 4, 3, 4))):
            db["checkins"].insert({
                "talk_id": talk_id if offset == 20 else None, "day": (today - dt.timedelta(days=offset)).isoformat(),
                "heard": scores[0], "part_of_plan": scores[1], "no_winner": scores[2], "respected": scores[3],
                "note": "", "created_at": stamp,
            })
