"""Is the compromise ledger balanced? Pure arithmetic over ledger items.

Giving up too much, or holding on to everything, both breed resentment; a
ledger that is all give-ups or all non-negotiables is the warning sign the
ledger pane and the nudges point at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from careerjournal.models import LedgerColumn, LedgerItem, LifeArea

#: From this many items on one side with none on the other, the ledger is lopsided.
LOPSIDED_MIN = 3
#: ...or when one side outnumbers the other this many times over.
LOPSIDED_RATIO = 3


@dataclass(frozen=True)
class LedgerBalance:
    by_column: dict[LedgerColumn, int]
    by_area: dict[LifeArea, int]
    warning: str | None

    @property
    def total(self) -> int:
        return sum(self.by_column.values())


def ledger_balance(items: Iterable[LedgerItem]) -> LedgerBalance:
    items = list(items)
    by_column = {column: 0 for column in LedgerColumn}
    by_column.update(Counter(item.column for item in items))
    by_area = dict(Counter(item.area for item in items).most_common())
    return LedgerBalance(by_column, by_area, lopsided_warning(by_column))


def lopsided_warning(by_column: dict[LedgerColumn, int]) -> str | None:
    """One plain sentence when one side of the ledger dwarfs the other, else None."""
    give, keep = by_column.get(LedgerColumn.GIVE_UP, 0), by_column.get(LedgerColumn.KEEP, 0)
    if give >= LOPSIDED_MIN and keep == 0:
        return (f"You're ready to give up {give} things but haven't named anything you won't give up. "
                "Too much sacrifice tends to turn into resentment: what is non-negotiable for you?")
    if keep >= LOPSIDED_MIN and give == 0:
        return (f"You have {keep} non-negotiables and nothing you'd give up yet. "
                "If only one of you bends, it rarely feels fair: is there anything you could let go of?")
    if give and keep and max(give, keep) >= LOPSIDED_RATIO * min(give, keep) and max(give, keep) >= LOPSIDED_MIN:
        heavier = "give-ups" if give > keep else "non-negotiables"
        return f"Your ledger leans heavily towards {heavier}. A fair deal usually asks something of both sides."
    return None
