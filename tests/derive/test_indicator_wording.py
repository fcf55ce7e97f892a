"""Every reason a rating gives, one test per kind: each sentence true of the figures it names."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.derive.rating import rate
from generator.derive.wording import amount, outlook_reason, status_label, status_reason
from tests.derive.test_indicator_rating import RULE, indicator, row


def _words(*rows: object, unit: str | None = "%", **spec: object) -> tuple[str, str, str | None]:
    ind = indicator(*rows, unit=unit, **spec)  # type: ignore[arg-type]
    rating = rate(ind, RULE)
    return status_label(rating), status_reason(ind, rating), outlook_reason(ind, rating)


def test_target_not_yet_due_names_its_date_and_the_gap_in_points() -> None:
    label, reason, outlook = _words(row("Q3", "35", date="2003-12-31"), row("March 2005", target="73", date="2005-03-31"))
    assert label == "Target due March 2005"
    assert reason == "The latest figure, 35% (Q3), is 38 points below the 73% target due March 2005."
    assert outlook is not None and outlook.startswith("There is only one dated figure so far")
    assert "off target" not in (label + reason).lower()


def test_target_ahead_without_a_date_says_which_period_it_is_for() -> None:
    label, reason, _ = _words(row("2003/04", "20"), row("2004/05 and later", target="25.2"))
    assert label == "Target for 2004/05 and later"
    assert reason.endswith("is 5.2 points below the 25.2% target for 2004/05 and later.")


def test_a_target_whose_date_has_passed_without_a_figure_is_not_called_due() -> None:
    label, _, _ = _words(row("Q3", "35", date="2003-12-31"), row("March 2004", target="73", date="2004-03-31"))
    assert label == "Target was due March 2004"


def test_off_target_gives_the_gap_and_the_tolerance_in_the_indicator_s_units() -> None:
    label, reason, outlook = _words(row("February 2004", "14.5", "16", date="2004-02-29"))
    assert label == "Off target"
    assert reason == (
        "The latest figure, 14.5% (February 2004), is 1.5 points below the 16% target for the same "
        "period; the tolerance is 0.8 points (5% of the target)."
    )
    assert outlook is None


def test_within_tolerance_and_on_target() -> None:
    assert _words(row("a", "95.5", "100"))[1].endswith("is 4.5 points below the 100% target for the same period; "
                                                       "the tolerance is 5 points (5% of the target).")
    assert _words(row("a", "100", "100"))[1] == "The latest figure, 100% (a), exactly meets the 100% target for the same period."
    assert _words(row("a", "101", "100"))[1] == "The latest figure, 101% (a), is 1 point above the 100% target for the same period."


def test_lower_is_better_gaps_read_above_and_other_units_are_named() -> None:
    _, reason, _ = _words(row("a", "10.65", "9.98"), unit="working days per employee", polarity="lower")
    assert "is 0.67 working days per employee above the target of 9.98" in reason


def test_no_target_yet_and_no_data_yet_and_no_figures() -> None:
    assert _words(row("2003/04", "45"))[1] == (
        "The latest figure, 45% (2003/04), has no target: the plan gives none for its period or after it."
    )
    assert _words(row("2004/05", target="50"))[1] == "The plan gives targets for this indicator but no actual figure yet."
    _label, reason, outlook = _words(code="1", family="BVPI")
    assert reason == "This plan cites BVPI 1 but publishes no figures for it."
    assert outlook is None


@pytest.mark.parametrize(
    ("values", "verdict", "words"),
    [(("40", "50", "60"), "On track", "about 110% by March 2005 against 70%"),
     (("90", "85", "80"), "Not on track", "about 55% by March 2005 against 75%")],
)
def test_the_forecast_in_words(values: tuple[str, ...], verdict: str, words: str) -> None:
    dates = ["2003-06-30", "2003-09-30", "2003-12-31"]
    rows = [row(f"p{i}", v, date=d) for i, (v, d) in enumerate(zip(values, dates, strict=True))]
    final = "70" if verdict == "On track" else "75"
    ind = indicator(*rows, row("March 2005", target=final, date="2005-03-31"), unit="%")
    rating = rate(ind, RULE)
    assert (rating.outlook or "").capitalize() == verdict
    assert outlook_reason(ind, rating) == f"At the rate so far, {words}."


@pytest.mark.parametrize(
    ("dates", "final_date", "words"),
    [
        (["2003-06-30", ""], "2005-03-31", "The latest figure (p1) has no date"),
        (["", "2003-09-30"], "2005-03-31", "There is only one dated figure so far"),
        (["2003-06-30", "2003-09-30"], "", "The plan gives no date for the target of 50% (final)."),
    ],
)
def test_each_too_early_reason_is_the_real_one(dates: list[str], final_date: str, words: str) -> None:
    rows = [row(f"p{i}", v, date=d) for i, (v, d) in enumerate(zip(["10", "20"], dates, strict=True))]
    ind = indicator(*rows, row("final", target="50", date=final_date), unit="%")
    reason = outlook_reason(ind, rate(ind, RULE))
    assert reason is not None and reason.startswith(words)


def test_amounts_in_units() -> None:
    assert amount(Decimal("38"), "%", 0) == "38 points"
    assert amount(Decimal("-1"), "%", 0) == "1 point"
    assert amount(Decimal("1234.5"), "£", 1) == "1,234.5 £"
    assert amount(Decimal("2"), None, 0) == "2"
