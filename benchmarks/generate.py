"""A deterministic generator of realistic journals, written through the Store.

    python benchmarks/generate.py 10000 /tmp/journal-10k.db [--jrnl /tmp/journal-10k.txt]

Same size, same seed: same journal, byte for byte in content. Entries vary in
length (a line to several paragraphs), carry tags, moods and shared flags, and
span years; their text has what people type (accents, curly quotes, emoji, now and
then a line that looks like Markdown); goals get steps, and the ledger gets items in all three columns.
With ``--jrnl`` the same entries are also written in jrnl's plain-text format,
so both tools are measured on identical data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

from careerjournal.db.store import Store
from careerjournal.models import GoalStatus, Horizon, LedgerColumn, LifeArea, Owner

SEED = 20261122
START = dt.datetime(2012, 1, 1, 20, 0, tzinfo=dt.timezone.utc)
WORDS = (
    "work career partner offer promotion team manager project deadline evening weekend travel home "
    "dinner kids school tired proud worried hopeful conversation listen plan compromise give keep "
    "mentor course interview salary role city move family time together balance heard respect future "
    "goal step progress week month year morning coffee walk call message meeting client late early "
    "today yesterday tomorrow honest afraid excited calm decision dream support celebrate win small "
    "big change stay leave learn grow teach share quiet loud busy slow fast new old first last"
).split()
#: What people type besides plain words: accents, curly quotes and apostrophes, dashes and
#: emoji. About one sentence in four has one.
FLAVOUR = ["café", "résumé", "naïve", "Zoë", "São Paulo", "Zürich", "it’s", "don’t", "we’re", "“really”",
           "—", "…", "🎉", "😔", "❤️", "🙂"]
#: Lines that look like Markdown, in about one entry in thirty: they must come out escaped.
MARKUP = ["- call the recruiter back", "1. talk first", "*important*: ask about remote days",
          "the job_board link again", "see https://example.com/jobs_page", "# not a heading"]
#: The rare word of the search benchmark, in about one entry in two thousand.
RARE = "zebra"
TAGS = ["career", "partner", "balance", "work", "family", "win", "talk", "mentor", "money", "health", "travel"]
TITLES = ["", "", "", "Evening thoughts", "A hard day", "Good news", "After the talk", "Small win",
          "Worried", "Plans", "Weekend", "Note to self"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
    if rng.random() < 0.25:
        words.insert(rng.randrange(1, len(words)), rng.choice(FLAVOUR))
    return " ".join(words).capitalize() + rng.choice(".!?.")


def body(rng: random.Random) -> str:
    """From a single line to several paragraphs (about 150 words on average)."""
    paragraphs = rng.choices([1, 2, 3, 4, 6], weights=[25, 30, 25, 15, 5])[0]
    text = "\n\n".join(" ".join(sentence(rng) for _ in range(rng.randint(1, 5))) for _ in range(paragraphs))
    if rng.random() < 1 / 30:
        text += "\n" + rng.choice(MARKUP)
    if rng.random() < 1 / 2000:
        text += f" Saw a {RARE} crossing on the way home."
    return text


def entries(count: int):  # type: ignore[no-untyped-def]
    """Yield (moment, title, body, tags, mood, shared) for ``count`` entries, oldest first."""
    rng = random.Random(SEED)
    span = 14 * 365 * 24 * 3600
    step = span / max(count, 1)
    for number in range(count):
        moment = START + dt.timedelta(seconds=int(number * step + rng.random() * step * 0.5))
        tags = rng.sample(TAGS, rng.choice([0, 1, 1, 2, 3]))
        mood = rng.choice([None, 1, 2, 3, 3, 4, 4, 5])
        yield moment, rng.choice(TITLES), body(rng), tags, mood, rng.random() < 0.15


def fill(store: Store, count: int) -> None:
    """Write ``count`` entries plus some goals and ledger items, in one transaction."""
    rng = random.Random(SEED + 1)
    with store.transaction():
        for moment, title, text, tags, mood, shared in entries(count):
            store.entries.add(text, title=title, tags=tags, mood=mood, shared=shared, created_at=moment,
                              day=moment.date())
        for number in range(max(3, count // 2000)):
            goal = store.goals.add(f"Goal {number}: {sentence(rng)[:60]}", owner=rng.choice(list(Owner)),
                                   horizon=rng.choice(list(Horizon)), status=GoalStatus.ACTIVE)
            for step in range(rng.randint(0, 6)):
                added = store.goals.add_step(goal.id, sentence(rng)[:80])  # type: ignore[arg-type]
                if rng.random() < 0.4:
                    store.goals.set_step_done(added.id, True)  # type: ignore[arg-type]
        for number in range(max(6, count // 1000)):
            store.ledger.add(sentence(rng)[:90], rng.choice(list(LedgerColumn)), area=rng.choice(list(LifeArea)))


def write_jrnl(path: Path, count: int) -> None:
    """The same entries in jrnl's text format: '[YYYY-MM-DD HH:MM] title' then the body."""
    with open(path, "w", encoding="utf-8") as out:
        for moment, title, text, tags, _mood, _shared in entries(count):
            local = moment.astimezone(dt.timezone.utc)
            first = title or text.split(".")[0][:60] + "."
            tag_text = " ".join("@" + tag for tag in tags)
            out.write(f"[{local:%Y-%m-%d %H:%M}] {first}\n{text}{(' ' + tag_text) if tag_text else ''}\n\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--jrnl", type=Path, help="also write the entries in jrnl's format here")
    args = parser.parse_args(argv)
    if args.path.exists():
        print(f"{args.path} exists; remove it first.", file=sys.stderr)
        return 1
    store = Store.open(args.path, clock=lambda: START)
    fill(store, args.count)
    store.close()
    if args.jrnl:
        write_jrnl(args.jrnl, args.count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
