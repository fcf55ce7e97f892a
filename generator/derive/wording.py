"""The rule's verdicts in plain words, each sentence true of the figures it names.

Kept apart from :mod:`generator.derive.rating` (which decides) so that the deciding can be
tested at its boundaries and the words on their own: every reason a page gives is one of the
sentences here, built from the same :class:`Rating`.

Differences are in the indicator's own units ("38 points", "0.67 working days per employee"),
never as a percentage of a percentage.
"""

from __future__ import annotations

from decimal import Decimal

from generator.core.figures import shown
from generator.derive.rating import Point, Rating, Status
from generator.model.indicators import Indicator


def month(point: Point) -> str:
    """When a target is due: ``March 2005`` from its date, else its period as the plan words it."""
    return point.date.strftime("%B %Y") if point.date is not None else point.period


def _places(*texts: str) -> int:
    """The most decimal places any of the published figures has."""
    return max((len(t.split(".", 1)[1]) if "." in t else 0) for t in texts)


def number(value: Decimal, places: int) -> str:
    """``1,234.5``: commas in thousands, as many places as the published figures."""
    return format(value.quantize(Decimal(1).scaleb(-places)), ",f")


def amount(value: Decimal, unit: str | None, places: int) -> str:
    """A difference in the indicator's own units: ``38 points``, ``1 point``, ``0.67 days``."""
    figure = number(abs(value), places)
    if unit == "%":
        return f"{figure} {'point' if figure == '1' else 'points'}"
    return f"{figure} {unit}" if unit else figure


def _target_words(target: Point, unit: str | None) -> str:
    figure = shown(target.text, unit)
    return f"the {figure} {target.kind}" if unit == "%" else f"the {target.kind} of {figure}"


def status_label(rating: Rating) -> str:
    """The words of a status tag: ``Off target``, ``Target due March 2005``."""
    target = rating.target
    if rating.status == "target ahead" and target is not None:
        if target.date is None:
            return f"Target for {target.period}"
        if target.date < rating.as_at:
            return f"Target was due {month(target)}"
        return f"Target due {month(target)}"
    return rating.status.capitalize()


def _gap_words(rating: Rating, unit: str | None, polarity: str) -> str:
    """``38 points below the 73% target``, or ``meets the 16% target``."""
    latest, target, gap = rating.latest, rating.target, rating.gap
    assert latest is not None and target is not None and gap is not None
    places = _places(latest.text, target.text)
    goal = _target_words(target, unit)
    if gap == 0:
        return f"exactly meets {goal}"
    worse = gap > 0
    side = ("below" if polarity == "higher" else "above") if worse else (
        "above" if polarity == "higher" else "below")
    return f"{amount(gap, unit, places)} {side} {goal}"


def status_reason(indicator: Indicator, rating: Rating) -> str:
    """One sentence: why the indicator has its status, from the figures the rule used."""
    unit, polarity = indicator.spec.unit, indicator.spec.polarity or "higher"
    latest, target = rating.latest, rating.target
    reasons: dict[Status, str] = {
        "no figures": no_figures_sentence(indicator),
        "no data yet": "The plan gives targets for this indicator but no actual figure yet.",
    }
    if rating.status in reasons:
        return reasons[rating.status]
    assert latest is not None
    figure = f"The latest figure, {shown(latest.text, unit)} ({latest.period}),"
    if rating.status == "no target yet" or target is None:
        return f"{figure} has no target: the plan gives none for its period or after it."
    gap = _gap_words(rating, unit, polarity)
    verb = "" if gap.startswith("exactly") else "is "
    if rating.status == "target ahead":
        due = f"due {month(target)}" if target.date else f"for {target.period}"
        return f"{figure} {verb}{gap} {due}."
    if rating.status == "on target":
        return f"{figure} {verb}{gap} for the same period."
    tolerance = rating.tolerance
    assert tolerance is not None
    return (
        f"{figure} is {gap} for the same period; the tolerance is "
        f"{_tolerance_words(tolerance, unit)} ({rating.tolerance_percent.normalize():f}% of the target)."
    )


def _tolerance_words(tolerance: Decimal, unit: str | None) -> str:
    """The tolerance in units, to at most 2 places (5% of 16% is 0.8 points)."""
    places = min(2, max(0, -int(tolerance.normalize().as_tuple().exponent)))
    return amount(tolerance, unit, places)


def outlook_label(rating: Rating) -> str | None:
    """``On track``, ``Not on track``, ``Too early to say``; None when there is nothing to forecast."""
    return rating.outlook.capitalize() if rating.outlook else None


def outlook_reason(indicator: Indicator, rating: Rating) -> str | None:
    """The forecast in words, or the real reason there is none."""
    final, latest = rating.final_target, rating.latest
    if rating.outlook is None or final is None or latest is None:
        return None
    unit = indicator.spec.unit
    goal = shown(final.text, unit)
    if rating.too_early == "undated target":
        return f"The plan gives no date for the {final.kind} of {goal} ({final.period})."
    if rating.too_early == "undated latest":
        return f"The latest figure ({latest.period}) has no date, so the rate of change cannot be measured."
    if rating.too_early == "one dated value":
        return (
            f"There is only one dated figure so far; a forecast needs at least 2 "
            f"(the rule draws a straight line through the last {rating.forecast_points})."
        )
    assert rating.forecast is not None
    forecast = shown(number(rating.forecast, _places(final.text)), unit)
    return f"At the rate so far, about {forecast} by {month(final)} against {goal}."


def no_figures_sentence(indicator: Indicator) -> str:
    """The one sentence an indicator without figures shows."""
    return f"This plan cites {indicator.label} but publishes no figures for it."
