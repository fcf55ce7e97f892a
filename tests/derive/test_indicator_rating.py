"""The published rating rule at its boundaries: status, tolerance, polarity, forecast, stale, no data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.core.problems import Location
from generator.derive.rating import direction, rate
from generator.model.indicators import Indicator, IndicatorSpec, PeriodRow, RatingRule, Reading

HERE = Location("content/indicators/values.csv", 2, 1)
RULE = RatingRule(
    as_at=dt.date(2004, 4, 7), tolerance_percent=Decimal(5), no_change_percent=Decimal(0), forecast_points=3
)


def reading(text: str) -> Reading:
    if text.startswith("missing:"):
        return Reading(text[8:].strip(), None, text[8:].strip(), HERE)
    return Reading(text, Decimal(text) if text else None, None, HERE)


def row(period: str, actual: str = "", target: str = "", stretch: str = "", date: str = "") -> PeriodRow:
    when = dt.date.fromisoformat(date) if date else None
    return PeriodRow("x", period, when, reading(actual), reading(target), reading(stretch), "quote", "", HERE)


def indicator(*rows: PeriodRow, polarity: str = "higher", **spec: object) -> Indicator:
    return Indicator(IndicatorSpec.model_validate({"id": "x", "family": "local", "polarity": polarity, **spec}), rows)


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        ("100", "on target"),  # exactly on target
        ("100.1", "on target"),
        ("95.01", "within tolerance"),  # just inside the 5% tolerance
        ("95", "within tolerance"),  # exactly at the tolerance: still within
        ("94.99", "off target"),  # just outside
        ("0", "off target"),
    ],
)
def test_status_against_the_target_of_the_same_period(actual: str, status: str) -> None:
    assert rate(indicator(row("2003/04", actual, "100")), RULE).status == status


@pytest.mark.parametrize(
    ("actual", "status"),
    [("10", "on target"), ("9", "on target"), ("10.5", "within tolerance"), ("10.51", "off target")],
)
def test_lower_is_better_turns_the_comparison_round(actual: str, status: str) -> None:
    rating = rate(indicator(row("2003/04", actual, "10"), polarity="lower"), RULE)
    assert rating.status == status
    assert rating.outlook is None  # the target's period has come: the status says it all


def test_an_indicator_tolerance_overrides_the_rule() -> None:
    loose = indicator(row("2003/04", "90", "100"), tolerance_percent="10")
    assert rate(loose, RULE).status == "within tolerance"
    assert rate(indicator(row("2003/04", "90", "100")), RULE).status == "off target"


def test_a_target_of_zero_has_no_tolerance_to_give() -> None:
    assert rate(indicator(row("a", "0", "0"), polarity="lower"), RULE).status == "on target"
    assert rate(indicator(row("a", "0.1", "0"), polarity="lower"), RULE).status == "off target"


def test_a_target_not_yet_due_is_never_off_target() -> None:
    rating = rate(indicator(row("Q3", "35", date="2003-12-31"), row("March 2005", target="73", date="2005-03-31")), RULE)
    assert rating.status == "target ahead"
    assert rating.target is not None and rating.target.period == "March 2005"
    assert rating.gap == Decimal(38)
    # one dated value: no forecast, so no verdict on the final target either
    assert (rating.outlook, rating.too_early, rating.at_risk) == ("too early to say", "one dated value", None)


@pytest.mark.parametrize(
    ("target_date", "status"),
    [("2003-12-30", "off target"), ("2003-12-31", "off target"), ("2004-01-01", "target ahead"), ("", "target ahead")],
)
def test_a_later_target_is_due_only_on_or_before_the_figure_s_date(target_date: str, status: str) -> None:
    rows = (row("Q3", "35", date="2003-12-31"), row("later", target="73", date=target_date))
    assert rate(indicator(*rows), RULE).status == status


def test_no_data_yet() -> None:
    rating = rate(indicator(row("2004/05", target="50"), row("2002-03", "missing: XXX")), RULE)
    assert (rating.status, rating.latest, rating.at_risk) == ("no data yet", None, None)
    assert (rating.short_term, rating.long_term) == ("not enough data", "not enough data")
    assert rate(indicator(), RULE).status == "no figures"


def test_no_figures_only_when_the_plan_gives_no_row_at_all() -> None:
    assert rate(indicator(), RULE).status == "no figures"
    assert rate(indicator(row("2002-03", "missing: XXX")), RULE).status == "no data yet"


def test_no_target_yet() -> None:
    rating = rate(indicator(row("2003/04", "45")), RULE)
    assert (rating.status, rating.at_risk, rating.final_target, rating.outlook) == ("no target yet", None, None, None)


def _trend(*values: str, final: str, final_date: str = "2005-03-31", polarity: str = "higher") -> Indicator:
    dates = ["2003-06-30", "2003-09-30", "2003-12-31", "2004-03-31"]
    rows = [row(f"p{i}", v, date=d) for i, (v, d) in enumerate(zip(values, dates, strict=False))]
    return indicator(*rows, row("target", target=final, date=final_date), polarity=polarity)


def test_forecast_misses_the_target_so_at_risk_though_the_latest_meets_it() -> None:
    rating = rate(_trend("90", "85", "80", final="75"), RULE)  # falling 5 a quarter
    assert rating.latest is not None and rating.latest.value >= Decimal(75)
    assert rating.forecast is not None and rating.forecast < Decimal(75)
    assert (rating.outlook, rating.at_risk) == ("not on track", True)


def test_forecast_meets_the_target_so_not_at_risk_though_the_latest_misses_it() -> None:
    rating = rate(_trend("40", "50", "60", final="70"), RULE)  # rising 10 a quarter
    assert rating.forecast is not None and rating.forecast > Decimal(70)
    assert (rating.outlook, rating.at_risk) == ("on track", False)


def test_forecast_uses_a_straight_line_through_the_last_points() -> None:
    rating = rate(_trend("10", "20", "30", final="100", final_date="2004-03-31"), RULE)
    # 10 a quarter (91, 92, 92 days): on 31 March 2004 the line gives about 40
    assert rating.forecast is not None and abs(rating.forecast - Decimal(40)) < Decimal("0.2")
    assert rating.at_risk is True


def test_forecast_lower_is_better() -> None:
    assert rate(_trend("12", "11", "10", final="8", polarity="lower"), RULE).at_risk is False
    assert rate(_trend("10", "11", "12", final="11", polarity="lower"), RULE).at_risk is True


def test_the_stretch_target_is_the_final_target() -> None:
    rows = (row("2003/04", "60", "55", date="2004-03-31"), row("2005/06", target="65", stretch="80"))
    rating = rate(indicator(*rows), RULE)
    assert rating.status == "on target"
    assert rating.final_target is not None and rating.final_target.kind == "stretch target"
    # the stretch target of 80 is for a later period and has no date: no forecast, no verdict
    assert (rating.outlook, rating.too_early, rating.at_risk) == ("too early to say", "undated target", None)


@pytest.mark.parametrize(
    ("dates", "final_date", "too_early"),
    [
        (["2003-06-30", "2003-09-30"], "2005-03-31", None),  # two dated values: enough
        (["2003-06-30", ""], "2005-03-31", "undated latest"),
        (["", "2003-09-30"], "2005-03-31", "one dated value"),
        (["2003-09-30", "2003-09-30"], "2005-03-31", "one dated value"),  # one date twice is one point
        (["2003-06-30", "2003-09-30"], "", "undated target"),
    ],
)
def test_the_forecast_needs_a_dated_target_a_dated_latest_and_two_dates(
    dates: list[str], final_date: str, too_early: str | None
) -> None:
    rows = [row(f"p{i}", v, date=d) for i, (v, d) in enumerate(zip(["10", "20"], dates, strict=True))]
    rating = rate(indicator(*rows, row("final", target="50", date=final_date)), RULE)
    assert rating.too_early == too_early
    assert (rating.forecast is None) is (too_early is not None)


def test_a_final_target_dated_on_the_latest_figure_is_judged_by_the_status_not_forecast() -> None:
    rows = (row("a", "10", date="2003-06-30"), row("b", "20", date="2003-09-30"), row("c", target="30", date="2003-09-30"))
    rating = rate(indicator(*rows), RULE)
    assert (rating.status, rating.outlook) == ("off target", None)


@pytest.mark.parametrize(
    ("next_due", "stale"), [("2004-04-06", True), ("2004-04-07", False), ("2004-05-01", False), (None, None)]
)
def test_stale_is_judged_at_the_as_at_date_never_the_clock(next_due: str | None, stale: bool | None) -> None:
    rating = rate(indicator(row("2003/04", "45"), next_due=next_due), RULE)
    assert rating.stale is stale


@pytest.mark.parametrize(
    ("values", "polarity", "no_change", "expected"),
    [
        (["10", "12"], "higher", "0", "improving"),
        (["10", "12"], "lower", "0", "worsening"),
        (["10", "10"], "higher", "0", "no change"),
        (["100", "104"], "higher", "5", "no change"),
        (["100", "105"], "higher", "5", "no change"),
        (["100", "105.1"], "higher", "5", "improving"),
        (["10"], "higher", "0", "not enough data"),
    ],
)
def test_direction_of_travel(values: list[str], polarity: str, no_change: str, expected: str) -> None:
    rule = RULE.model_copy(update={"no_change_percent": Decimal(no_change)})
    rating = rate(indicator(*(row(f"p{i}", v) for i, v in enumerate(values)), polarity=polarity), rule)
    assert rating.short_term == expected
    assert rating.long_term == expected


def test_short_and_long_term_can_differ() -> None:
    rating = rate(indicator(row("a", "50"), row("b", "70"), row("c", "65")), RULE)
    assert (rating.short_term, rating.long_term) == ("worsening", "improving")
    assert direction([], "higher", Decimal(0)) == "not enough data"
