"""ledger_balance and lopsided_warning: pure arithmetic over ledger items."""

from __future__ import annotations

import pytest

from careerjournal.guidance.balance import LOPSIDED_MIN, LOPSIDED_RATIO, LedgerBalance, ledger_balance, lopsided_warning
from careerjournal.models import LedgerColumn, LedgerItem, LedgerStatus, LifeArea

G, K, C = LedgerColumn.GIVE_UP, LedgerColumn.KEEP, LedgerColumn.COMPROMISE


def _item(column: LedgerColumn, area: LifeArea = LifeArea.OTHER, n: int = 0) -> LedgerItem:
    return LedgerItem(id=n, text=f"item {n}", column=column, area=area, status=LedgerStatus.IDEA, revisit_on=None,
                      notes="", position=n, created_at=None, updated_at=None)


def _items(give: int = 0, keep: int = 0, compromise: int = 0) -> list[LedgerItem]:
    columns = [G] * give + [K] * keep + [C] * compromise
    return [_item(column, n=n) for n, column in enumerate(columns)]


def _counts(give: int = 0, keep: int = 0, compromise: int = 0) -> dict[LedgerColumn, int]:
    return {G: give, K: keep, C: compromise}


def test_constants() -> None:
    assert LOPSIDED_MIN == 3
    assert LOPSIDED_RATIO == 3


def test_empty_ledger() -> None:
    balance = ledger_balance([])
    assert isinstance(balance, LedgerBalance)
    assert balance.by_column == {G: 0, K: 0, C: 0}
    assert balance.by_area == {}
    assert balance.total == 0
    assert balance.warning is None


def test_counts_per_column_and_area() -> None:
    items = [
        _item(G, LifeArea.EVENINGS, 1),
        _item(G, LifeArea.EVENINGS, 2),
        _item(K, LifeArea.TIME_TOGETHER, 3),
        _item(C, LifeArea.TRAVEL, 4),
        _item(C, LifeArea.EVENINGS, 5),
    ]
    balance = ledger_balance(items)
    assert balance.by_column == {G: 2, K: 1, C: 2}
    assert balance.by_area == {LifeArea.EVENINGS: 3, LifeArea.TIME_TOGETHER: 1, LifeArea.TRAVEL: 1}
    assert next(iter(balance.by_area)) is LifeArea.EVENINGS  # most common first
    assert balance.total == 5
    assert balance.warning is None


def test_counts_every_column_even_when_missing() -> None:
    balance = ledger_balance(_items(compromise=4))
    assert balance.by_column == {G: 0, K: 0, C: 4}
    assert balance.warning is None  # compromises alone are not lopsided


def test_accepts_any_iterable() -> None:
    balance = ledger_balance(iter(_items(give=1, keep=1)))
    assert balance.total == 2


@pytest.mark.parametrize(
    ("give", "keep"),
    [(0, 0), (1, 0), (2, 0), (0, 2), (1, 1), (2, 2), (3, 3), (4, 2), (2, 4), (5, 2), (2, 5), (3, 2), (8, 3)],
)
def test_balanced_ledgers_have_no_warning(give: int, keep: int) -> None:
    assert lopsided_warning(_counts(give, keep, 5)) is None
    assert ledger_balance(_items(give, keep, 1)).warning is None


@pytest.mark.parametrize("give", [3, 4, 10])
def test_many_give_ups_and_no_keeps_warn(give: int) -> None:
    warning = ledger_balance(_items(give=give)).warning
    assert warning is not None
    assert str(give) in warning
    assert "give up" in warning
    assert "\n" not in warning


@pytest.mark.parametrize("keep", [3, 4, 10])
def test_many_keeps_and_no_give_ups_warn(keep: int) -> None:
    warning = ledger_balance(_items(keep=keep, compromise=2)).warning
    assert warning is not None
    assert str(keep) in warning
    assert "non-negotiable" in warning
    assert "\n" not in warning


def test_the_two_one_sided_warnings_differ() -> None:
    assert lopsided_warning(_counts(give=3)) != lopsided_warning(_counts(keep=3))


@pytest.mark.parametrize(
    ("give", "keep", "heavier"),
    [(6, 2, "give-ups"), (3, 1, "give-ups"), (9, 3, "give-ups"), (2, 6, "non-negotiables"), (1, 3, "non-negotiables")],
)
def test_ratio_rule_warns(give: int, keep: int, heavier: str) -> None:
    warning = lopsided_warning(_counts(give, keep))
    assert warning is not None
    assert heavier in warning
    assert "\n" not in warning
    assert ledger_balance(_items(give, keep)).warning == warning


def test_ratio_rule_examples_from_the_brief() -> None:
    assert lopsided_warning(_counts(give=6, keep=2)) is not None
    assert lopsided_warning(_counts(give=4, keep=2)) is None


def test_missing_keys_count_as_zero() -> None:
    assert lopsided_warning({G: 3}) is not None
    assert lopsided_warning({}) is None


def test_adding_keeps_turns_the_one_sided_warning_into_the_ratio_one_then_clears_it() -> None:
    items = _items(give=3)
    one_sided = ledger_balance(items).warning
    assert one_sided is not None and "haven't named anything" in one_sided
    items.append(_item(K, n=98))
    # 3 give-ups vs 1 keep is exactly LOPSIDED_RATIO times over, so the ratio rule still warns.
    ratio = ledger_balance(items).warning
    assert ratio is not None and "give-ups" in ratio and ratio != one_sided
    items.append(_item(K, n=99))
    assert ledger_balance(items).warning is None
