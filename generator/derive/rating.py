"""The published rule: an indicator's status, risk, staleness and direction, from its data alone.

The rule's settings are content (``rating:`` in indicators.yaml) and the site publishes the
rule in words on "How we rate performance" (generated from the same settings, so the page
and the ratings cannot disagree). Worked out against the rule's ``as_at`` date, never the
clock, so that two builds of the same content give the same site.

1. **Status** compares the latest actual value with its target: the target in the same row
   (period), or else the next target after it. Missing it by nothing is *on target*; by no
   more than ``tolerance_percent`` of the target, *within tolerance*; by more, *off target*.
   No actual value: *no data yet*. No target for it: *no target yet*.
2. **At risk**: the final target is the stretch target (or, failing one, the target) of the
   last period that has one. When it has a date after the latest value's, and at least two
   dated values exist, a straight line (least squares) through the last ``forecast_points``
   dated values is extended to that date: the indicator is at risk if the forecast misses it.
   Otherwise it is at risk if the latest value misses it.
3. **Stale** when ``as_at`` is after the indicator's ``next_due`` date.
4. **Direction of travel**: short term, the latest value against the one before; long term,
   the latest against the earliest. A change of no more than ``no_change_percent`` of the
   earlier value is *no change*.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from generator.model.indicators import Indicator, PeriodRow, Polarity, RatingRule

Status = Literal["on target", "within tolerance", "off target", "no target yet", "no data yet"]
Direction = Literal["improving", "no change", "worsening", "not enough data"]

STATUSES: tuple[Status, ...] = ("off target", "within tolerance", "on target", "no target yet", "no data yet")
"""Every status, in the order the index lists them (those needing attention first)."""


@dataclass(frozen=True)
class Point:
    """A figure at a period: an actual value or a target."""

    period: str
    date: dt.date | None
    value: Decimal
    text: str
    """The figure as published, e.g. ``14.5``."""
    kind: Literal["actual", "target", "stretch target"] = "actual"


@dataclass(frozen=True)
class Rating:
    """What the rule says about one indicator."""

    status: Status
    latest: Point | None
    target: Point | None
    """The target the latest value was compared with."""
    shortfall_percent: Decimal | None
    """By how much the latest value misses its target, as a percentage of it (0 or less: met)."""
    tolerance_percent: Decimal
    at_risk: bool | None
    """None when there is nothing to judge by (no value, or no target)."""
    final_target: Point | None
    forecast: Decimal | None
    forecast_points: int
    stale: bool | None
    """None when the indicator has no next-due date."""
    next_due: dt.date | None
    short_term: Direction
    long_term: Direction


def misses(value: Decimal, target: Decimal, polarity: Polarity) -> bool:
    """True when ``value`` is worse than ``target`` (strictly)."""
    return value < target if polarity == "higher" else value > target


def actuals(indicator: Indicator) -> list[Point]:
    """The indicator's actual values, oldest first."""
    return [
        Point(row.period, row.date, row.actual.value, row.actual.text)
        for row in indicator.rows
        if row.actual.value is not None
    ]


def _target_of(row: PeriodRow, stretch: bool = False) -> Point | None:
    reading = row.stretch_target
    if stretch and reading.value is not None:
        return Point(row.period, row.date, reading.value, reading.text, "stretch target")
    if row.target.value is not None:
        return Point(row.period, row.date, row.target.value, row.target.text, "target")
    return None


def rate(indicator: Indicator, rule: RatingRule) -> Rating:
    """Apply the rule to one indicator."""
    spec = indicator.spec
    polarity: Polarity = spec.polarity or "higher"  # validate requires it wherever there are values
    tolerance = spec.tolerance_percent if spec.tolerance_percent is not None else rule.tolerance_percent
    values = actuals(indicator)
    latest = values[-1] if values else None
    target = _compared_target(indicator) if latest else None
    status: Status = "no data yet"
    shortfall: Decimal | None = None
    if latest is not None and target is None:
        status = "no target yet"
    elif latest is not None and target is not None:
        shortfall = _shortfall_percent(latest.value, target.value, polarity)
        status = _status(latest.value, target.value, polarity, tolerance)
    final = next(
        (t for row in reversed(indicator.rows) if (t := _target_of(row, stretch=True)) is not None), None
    )
    forecast = _forecast(values, final, rule.forecast_points)
    at_risk: bool | None = None
    if latest is not None and final is not None:
        judged = forecast if forecast is not None else latest.value
        at_risk = misses(judged, final.value, polarity)
    return Rating(
        status=status,
        latest=latest,
        target=target,
        shortfall_percent=shortfall,
        tolerance_percent=tolerance,
        at_risk=at_risk,
        final_target=final,
        forecast=forecast,
        forecast_points=rule.forecast_points,
        stale=rule.as_at > spec.next_due if spec.next_due is not None else None,
        next_due=spec.next_due,
        short_term=direction(values[-2:], polarity, rule.no_change_percent),
        long_term=direction(values[:1] + values[-1:] if len(values) > 1 else values, polarity,
                            rule.no_change_percent),
    )


def _compared_target(indicator: Indicator) -> Point | None:
    """The latest value's own target, or else the next target after it."""
    rows = indicator.rows
    last = max(i for i, row in enumerate(rows) if row.actual.value is not None)
    return next((t for row in rows[last:] if (t := _target_of(row)) is not None), None)


def _shortfall_percent(value: Decimal, target: Decimal, polarity: Polarity) -> Decimal | None:
    worse_by = target - value if polarity == "higher" else value - target
    if target == 0:
        return None if worse_by > 0 else Decimal(0)
    return worse_by / abs(target) * 100


def _status(value: Decimal, target: Decimal, polarity: Polarity, tolerance: Decimal) -> Status:
    worse_by = target - value if polarity == "higher" else value - target
    if worse_by <= 0:
        return "on target"
    if worse_by * 100 <= abs(target) * tolerance:
        return "within tolerance"
    return "off target"


def _forecast(values: list[Point], final: Point | None, points: int) -> Decimal | None:
    """The straight line through the last dated values, read at the final target's date."""
    if final is None or final.date is None or not values or values[-1].date is None:
        return None
    dated = [p for p in values if p.date is not None][-points:]
    if final.date <= values[-1].date or len({p.date for p in dated}) < 2:
        return None
    xs = [Decimal(p.date.toordinal()) for p in dated if p.date is not None]
    ys = [p.value for p in dated]
    mean_x: Decimal = sum(xs, Decimal(0)) / len(xs)
    mean_y: Decimal = sum(ys, Decimal(0)) / len(ys)
    covariance = sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)), Decimal(0))
    variance = sum(((x - mean_x) ** 2 for x in xs), Decimal(0))
    return mean_y + covariance / variance * (Decimal(final.date.toordinal()) - mean_x)


def direction(values: list[Point], polarity: Polarity, no_change_percent: Decimal) -> Direction:
    """From the first of ``values`` to the last: improving, no change or worsening."""
    if len(values) < 2:
        return "not enough data"
    earlier, later = values[0].value, values[-1].value
    change = later - earlier
    if abs(change) * 100 <= abs(earlier) * no_change_percent or change == 0:
        return "no change"
    better = change > 0 if polarity == "higher" else change < 0
    return "improving" if better else "worsening"
