"""The published rule: an indicator's status, outlook, staleness and direction, from its data alone.

The rule's settings are content (``rating:`` in the indicator catalogue) and the site publishes
the rule in words on "How we rate performance" (written from the same settings, so the page
and the ratings cannot disagree). Worked out against the rule's ``as_at`` date, never the
clock, so that two builds of the same content give the same site.

1. **Status** compares the latest actual value with the target it is measured against: the
   target of its own period, or else the next target after it.
   - A target of the same period (or dated on or before the figure) is *due*: meeting it is
     *on target*; missing it by no more than ``tolerance_percent`` of the target is *within
     tolerance*; by more, *off target*.
   - A target of a later period is *not yet due* (``target ahead``): the page says when it is
     due and never calls the indicator off target before then.
   - No actual value: *no data yet*; no target for it or after it: *no target yet*; no figures
     of any kind: *no figures* (the page says the plan publishes none, and shows no badge).
2. **Outlook** towards the final target (the stretch target, or failing one the target, of the
   last period that has one) when that target is still ahead: a straight line (least squares)
   through the last ``forecast_points`` dated values, read at the target's date, makes the
   indicator *on track* or *not on track*. Without a dated target, a dated latest value and at
   least two dated values it is *too early to say*, with the reason (:data:`TooEarly`).
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

Status = Literal[
    "on target", "within tolerance", "off target", "target ahead", "no target yet", "no data yet",
    "no figures",
]
Outlook = Literal["on track", "not on track", "too early to say"]
TooEarly = Literal["undated target", "undated latest", "one dated value"]
"""Why the forecast cannot be made: the final target has no date; the latest value has none;
fewer than two dated values."""
Direction = Literal["improving", "no change", "worsening", "not enough data"]

STATUSES: tuple[Status, ...] = (
    "off target", "within tolerance", "on target", "target ahead", "no target yet", "no data yet",
)
"""Every status an indicator with figures can have, in the order the index lists them (those
needing attention first). ``no figures`` is listed apart."""


@dataclass(frozen=True)
class Point:
    """A figure at a period: an actual value or a target."""

    period: str
    date: dt.date | None
    value: Decimal
    text: str
    """The figure as published, e.g. ``14.5``."""
    kind: Literal["actual", "target", "stretch target"] = "actual"
    row: int = 0
    """The figure's row among the indicator's rows (oldest first): same row, same period."""


@dataclass(frozen=True)
class Rating:
    """What the rule says about one indicator."""

    status: Status
    latest: Point | None
    target: Point | None
    """The target the latest value was compared with."""
    gap: Decimal | None
    """How far the latest value is worse than that target, in the indicator's units (0 or less: met)."""
    tolerance_percent: Decimal
    final_target: Point | None
    outlook: Outlook | None
    """None when there is no final target still ahead to forecast (the status says it all)."""
    too_early: TooEarly | None
    forecast: Decimal | None
    forecast_points: int
    stale: bool | None
    """None when the indicator has no next-due date."""
    next_due: dt.date | None
    as_at: dt.date
    short_term: Direction
    long_term: Direction

    @property
    def at_risk(self) -> bool | None:
        """True when the forecast misses the final target; None when there is no forecast."""
        if self.outlook is None or self.outlook == "too early to say":
            return None
        return self.outlook == "not on track"

    @property
    def tolerance(self) -> Decimal | None:
        """The tolerance in the indicator's units (a share of the compared target)."""
        return None if self.target is None else abs(self.target.value) * self.tolerance_percent / 100


def misses(value: Decimal, target: Decimal, polarity: Polarity) -> bool:
    """True when ``value`` is worse than ``target`` (strictly)."""
    return value < target if polarity == "higher" else value > target


def worse_by(value: Decimal, target: Decimal, polarity: Polarity) -> Decimal:
    """How far ``value`` falls short of ``target`` in their units (negative: it beats it)."""
    return target - value if polarity == "higher" else value - target


def actuals(indicator: Indicator) -> list[Point]:
    """The indicator's actual values, oldest first."""
    return [
        Point(row.period, row.date, row.actual.value, row.actual.text, "actual", i)
        for i, row in enumerate(indicator.rows)
        if row.actual.value is not None
    ]


def _target_of(row: PeriodRow, i: int, stretch: bool = False) -> Point | None:
    reading = row.stretch_target
    if stretch and reading.value is not None:
        return Point(row.period, row.date, reading.value, reading.text, "stretch target", i)
    if row.target.value is not None:
        return Point(row.period, row.date, row.target.value, row.target.text, "target", i)
    return None


def is_due(target: Point, latest: Point) -> bool:
    """A target applies to the latest value: same period, or dated on or before it."""
    if target.row == latest.row:
        return True
    return target.date is not None and latest.date is not None and target.date <= latest.date


def rate(indicator: Indicator, rule: RatingRule) -> Rating:
    """Apply the rule to one indicator."""
    spec = indicator.spec
    polarity: Polarity = spec.polarity or "higher"  # validate requires it wherever there are values
    tolerance = spec.tolerance_percent if spec.tolerance_percent is not None else rule.tolerance_percent
    values = actuals(indicator)
    latest = values[-1] if values else None
    target = _compared_target(indicator, latest) if latest else None
    gap = worse_by(latest.value, target.value, polarity) if latest and target else None
    final = next(
        (t for i in reversed(range(len(indicator.rows)))
         if (t := _target_of(indicator.rows[i], i, stretch=True)) is not None),
        None,
    )
    outlook: Outlook | None = None
    too_early: TooEarly | None = None
    forecast: Decimal | None = None
    if latest is not None and final is not None and not is_due(final, latest):
        too_early = _too_early(values, final, rule.forecast_points)
        if too_early is not None:
            outlook = "too early to say"
        else:
            forecast = _forecast(values, final, rule.forecast_points)
            outlook = "not on track" if misses(forecast, final.value, polarity) else "on track"
    return Rating(
        status=_status(indicator, latest, target, gap, tolerance),
        latest=latest,
        target=target,
        gap=gap,
        tolerance_percent=tolerance,
        final_target=final,
        outlook=outlook,
        too_early=too_early,
        forecast=forecast,
        forecast_points=rule.forecast_points,
        stale=rule.as_at > spec.next_due if spec.next_due is not None else None,
        next_due=spec.next_due,
        as_at=rule.as_at,
        short_term=direction(values[-2:], polarity, rule.no_change_percent),
        long_term=direction(values[:1] + values[-1:] if len(values) > 1 else values, polarity,
                            rule.no_change_percent),
    )


def _status(
    indicator: Indicator, latest: Point | None, target: Point | None, gap: Decimal | None,
    tolerance: Decimal,
) -> Status:
    if not indicator.rows:
        return "no figures"
    if latest is None:
        return "no data yet"
    if target is None or gap is None:
        return "no target yet"
    if not is_due(target, latest):
        return "target ahead"
    if gap <= 0:
        return "on target"
    if gap * 100 <= abs(target.value) * tolerance:
        return "within tolerance"
    return "off target"


def _compared_target(indicator: Indicator, latest: Point) -> Point | None:
    """The latest value's own target, or else the next target after it."""
    rows = indicator.rows
    return next(
        (t for i in range(latest.row, len(rows)) if (t := _target_of(rows[i], i)) is not None), None
    )


def _dated(values: list[Point], points: int) -> list[Point]:
    return [p for p in values if p.date is not None][-points:]


def _too_early(values: list[Point], final: Point, points: int) -> TooEarly | None:
    """Why no forecast can be made towards ``final``, or None when one can."""
    if final.date is None:
        return "undated target"
    if values[-1].date is None:
        return "undated latest"
    if len({p.date for p in _dated(values, points)}) < 2:
        return "one dated value"
    return None


def _forecast(values: list[Point], final: Point, points: int) -> Decimal:
    """The straight line through the last dated values, read at the final target's date."""
    assert final.date is not None  # _too_early has ruled the undated cases out
    dated = _dated(values, points)
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
