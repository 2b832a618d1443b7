"""The first page of a search comes from FTS5's newest rowids, proven exact or redone.

Whatever order entries were written, back-dated or imported in, the quick
first page must equal the first page of the full, sorted result.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from careerjournal.models import EntryQuery

WORDS = ["career", "partner", "travel", "offer", "evening", "mentor", "move", "quiet"]


def _fill(store, rng: random.Random, count: int, *, shuffled_days: bool) -> None:  # type: ignore[no-untyped-def]
    start = dt.datetime(2024, 1, 1, 20, 0, tzinfo=dt.timezone.utc)
    for number in range(count):
        offset = rng.randrange(count) if shuffled_days else number
        moment = start + dt.timedelta(hours=offset * 7)
        words = rng.sample(WORDS, k=rng.randint(1, 4))
        store.entries.add(" ".join(words) + f" number {number}", title=f"t{number}", created_at=moment,
                          day=moment.date(), tags=[rng.choice(["a", "b"])], mood=rng.randint(1, 5))


@pytest.mark.parametrize("shuffled_days", [False, True], ids=["written-in-order", "back-dated-and-imported"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_first_page_equals_the_full_results_first_page(store, shuffled_days: bool, seed: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    _fill(store, rng, 300, shuffled_days=shuffled_days)
    for entry_id in rng.sample(range(1, 301), 20):
        store.entries.delete(entry_id)
    queries = [EntryQuery(search=word) for word in WORDS + ["career partner", '"quiet evening"', "zzz", "mov"]]
    queries += [EntryQuery(search="career", tag="a"), EntryQuery(search="travel", mood=3),
                EntryQuery(search="offer", deleted=True)]
    for query in queries:
        every = store.entries.ids(query)
        for limit in (1, 5, 30):
            assert list(store.entries.ids(query, limit=limit)) == list(every[:limit]), (query, limit)


def test_an_older_entry_dated_later_is_not_missed(store) -> None:  # type: ignore[no-untyped-def]
    """An entry written first but dated after the others must still top the first page."""
    future = dt.datetime(2030, 1, 1, 9, 0, tzinfo=dt.timezone.utc)
    store.entries.add("career plans", title="dated ahead", created_at=future, day=future.date())
    moment = dt.datetime(2025, 1, 1, 9, 0, tzinfo=dt.timezone.utc)
    for number in range(50):
        stamp = moment + dt.timedelta(days=number)
        store.entries.add(f"career note {number}", created_at=stamp, day=stamp.date())
    head = store.entries.ids(EntryQuery(search="career"), limit=3)
    assert store.entries.get(head[0]).title == "dated ahead"


def test_a_running_search_can_be_interrupted_and_the_next_one_runs(store) -> None:  # type: ignore[no-untyped-def]
    import threading
    import time

    from careerjournal.errors import SearchInterrupted

    store.entries.add("career first")
    endless = ("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
               "SELECT count(*) FROM n")
    outcome: list[object] = []

    def search() -> None:
        try:
            outcome.append(store.search_read(lambda conn: conn.execute(endless).fetchone()))
        except SearchInterrupted as error:
            outcome.append(error)

    worker = threading.Thread(target=search)
    worker.start()
    deadline = time.monotonic() + 10
    while worker.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
        store.interrupt_searches()
        # Writing meanwhile never waits for the search: it has its own connection.
        store.entries.add("written while searching")
    worker.join(5)
    assert not worker.is_alive()
    assert isinstance(outcome[0], SearchInterrupted)
    assert len(store.entries.ids(EntryQuery(search="career"))) == 1
    assert store.entries.count() >= 2


@pytest.mark.parametrize("trash_size", [3, 250])
def test_counting_matches_leaves_the_trash_out(store, trash_size: int) -> None:  # type: ignore[no-untyped-def]
    """The quick count (FTS5's own, minus trashed matches) agrees with counting the list."""
    for number in range(trash_size + 40):
        store.entries.add(f"career step {number}" if number % 2 else f"quiet evening {number}")
    for entry_id in range(1, trash_size + 1):
        store.entries.delete(entry_id)
    for words in ("career", "quiet evening", "step", "nothing-like-this", '"career step"'):
        query = EntryQuery(search=words)
        assert store.entries.count(query) == len(store.entries.ids(query)), words
    assert store.entries.count(EntryQuery(search="career", mood=3)) == 0
