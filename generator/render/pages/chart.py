"""An indicator's chart: a static, accessible SVG drawn in Python, with the numbers of its table.

``role="img"`` with a ``<title>`` and a ``<desc>`` that reads out every value and target;
each value is labelled on the chart; targets are horizontal lines labelled with their figure
and period. Meaning never rests on colour: actual values are a solid line with round markers,
targets dashed, stretch targets dotted, and a legend says so in words. No script.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from generator.core.escape import html_text
from generator.core.figures import shown
from generator.derive.rating import Point
from generator.model.indicators import Indicator

WIDTH, PLOT_HEIGHT = 680, 200
LEFT, RIGHT, TOP = 64, 180, 28
"""Margins: the right one holds the target labels; the bottom one grows with the period labels."""
LINE = 13
"""Line height of the small text, in SVG units."""
_DASHES = {"target": "7 5", "stretch target": "2 4"}


@dataclass(frozen=True)
class _Scale:
    low: Decimal
    high: Decimal

    @property
    def bottom(self) -> float:
        return TOP + PLOT_HEIGHT

    def y(self, value: Decimal) -> float:
        span = float(self.high - self.low) or 1.0
        return TOP + PLOT_HEIGHT * (1 - float(value - self.low) / span)


def targets(indicator: Indicator) -> list[Point]:
    """Every target and stretch target of the indicator, oldest first."""
    found: list[Point] = []
    for row in indicator.rows:
        target, stretch = row.target, row.stretch_target
        if target.value is not None:
            found.append(Point(row.period, row.date, target.value, target.text, "target"))
        if stretch.value is not None:
            found.append(Point(row.period, row.date, stretch.value, stretch.text, "stretch target"))
    return found


def _nice_top(value: Decimal, unit: str | None) -> Decimal:
    """The top of the y axis: four equal steps of 1, 2, 2.5 or 5 × a power of ten, above the data."""
    wanted = value * Decimal("1.15") / 4 if value > 0 else Decimal("0.25")
    power = Decimal(10) ** wanted.adjusted()
    step = next(m * power for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
                if m * power >= wanted)
    top = step * 4
    return Decimal(100) if unit == "%" and top > 100 >= value else top


def _wrap(text: str, width: int = 16) -> list[str]:
    """Words in lines of about ``width`` characters; nothing is cut off."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _text(x: float, y: float, lines: list[str], attributes: str) -> str:
    """A text of one or more lines, each a tspan, every line escaped."""
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else LINE}">{html_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="12" {attributes}>{spans}</text>'


@dataclass(frozen=True)
class _Category:
    """A period on the x axis: one with an actual value, or one whose value the draft leaves out."""

    period: str
    point: Point | None
    missing: str | None


def _categories(indicator: Indicator) -> list[_Category]:
    found = []
    for row in indicator.rows:
        actual = row.actual
        if actual.value is not None:
            found.append(_Category(row.period, Point(row.period, row.date, actual.value, actual.text), None))
        elif actual.missing:
            found.append(_Category(row.period, None, actual.missing))
    return found


def description(indicator: Indicator) -> str:
    """The chart's text equivalent: every value (or its absence) and every target, in words."""
    unit = indicator.spec.unit
    values = [
        f"{c.period}: {shown(c.point.text, unit)}"
        if c.point
        else f"{c.period}: not yet provided (the draft says {c.missing})"
        for c in _categories(indicator)
    ]
    parts = ["Values: " + "; ".join(values) + "." if values else "No values yet."]
    for point in targets(indicator):
        parts.append(f"{point.kind.capitalize()} for {point.period}: {shown(point.text, unit)}.")
    if unit and unit != "%":
        parts.append(f"Unit: {unit}.")
    return " ".join(parts)


def chart_svg(indicator: Indicator, title: str) -> Markup | None:
    """The chart as inline SVG, or None when the indicator has no values to draw."""
    categories = _categories(indicator)
    values = [c.point for c in categories if c.point is not None]
    if not values:
        return None
    unit = indicator.spec.unit
    goals = targets(indicator)
    everything = [p.value for p in values] + [t.value for t in goals]
    scale = _Scale(min(Decimal(0), min(everything)), _nice_top(max(everything), unit))
    ident = f"chart-{indicator.id}"
    step = (WIDTH - RIGHT - LEFT) / len(categories)
    xs = [LEFT + step * (i + 0.5) for i in range(len(categories))]
    periods = [_wrap(c.period, max(8, int(step / 7))) for c in categories]
    legend_y = scale.bottom + 18 + LINE * max(len(lines) for lines in periods) + 16
    height = int(legend_y + 14)
    out: list[str] = [
        f'<svg class="bvpp-chart__svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{html_text(title)}</title>',
        f'<desc id="{ident}-desc">{html_text(description(indicator))}</desc>',
    ]
    out += _axes(scale, unit)
    out += _target_lines(goals, scale, unit)
    out += _lines(categories, xs, scale)
    for x, category, lines in zip(xs, categories, periods, strict=True):
        if category.point is not None:
            y = scale.y(category.point.value)
            out.append(
                f'<circle class="bvpp-chart__marker" cx="{x:.1f}" cy="{y:.1f}" r="5" fill="currentColor"/>'
            )
            out.append(_text(x, y - 10, [shown(category.point.text, unit)],
                             'class="bvpp-chart__value" text-anchor="middle" font-weight="700"'))
        else:
            out.append(_text(x, scale.bottom - 8, ["not yet provided"],
                             'class="bvpp-chart__value" text-anchor="middle" font-style="italic"'))
        out.append(_text(x, scale.bottom + 18, lines, 'class="bvpp-chart__period" text-anchor="middle"'))
    out += _legend(goals, legend_y)
    out.append("</svg>")
    return Markup("".join(out))


def _lines(categories: list[_Category], xs: list[float], scale: _Scale) -> list[str]:
    """The actual values joined by a solid line, broken where the draft leaves a value out."""
    runs: list[list[str]] = [[]]
    for x, category in zip(xs, categories, strict=True):
        if category.point is None:
            runs.append([])
        else:
            runs[-1].append(f"{x:.1f},{scale.y(category.point.value):.1f}")
    return [
        f'<polyline class="bvpp-chart__actual" points="{" ".join(run)}" fill="none" '
        'stroke="currentColor" stroke-width="2.5"/>'
        for run in runs
        if len(run) > 1
    ]


def _axes(scale: _Scale, unit: str | None) -> list[str]:
    right, bottom = WIDTH - RIGHT, scale.bottom
    out = [f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="currentColor"/>',
           f'<line x1="{LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="currentColor"/>']
    for i in range(5):
        value = scale.low + (scale.high - scale.low) * i / 4
        y = scale.y(value)
        label = f"{value.normalize():f}" + ("%" if unit == "%" else "")
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="currentColor" '
                   'stroke-opacity="0.15"/>')
        out.append(_text(LEFT - 6, y + 4, [label], 'text-anchor="end"'))
    if unit and unit != "%":
        middle = (TOP + bottom) / 2
        out.append(_text(14, middle, [unit], f'text-anchor="middle" transform="rotate(-90 14 {middle:.1f})"'))
    return out


def _target_lines(goals: list[Point], scale: _Scale, unit: str | None) -> list[str]:
    """Each target as a horizontal line across the plot, labelled at its right end."""
    out: list[str] = []
    right = WIDTH - RIGHT
    taken: list[tuple[float, float]] = []
    for goal in goals:
        y = scale.y(goal.value)
        lines = [f"{goal.kind.capitalize()} {shown(goal.text, unit)}", *_wrap(f"({goal.period})", 24)]
        top = y + 4
        while any(top < end and top + LINE * len(lines) > start for start, end in taken):
            top += LINE
        taken.append((top - LINE + 2, top + LINE * (len(lines) - 1) + 4))
        out.append(f'<line class="bvpp-chart__target" x1="{LEFT}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" '
                   f'stroke="currentColor" stroke-width="2" stroke-dasharray="{_DASHES[goal.kind]}"/>')
        out.append(_text(right + 6, top, lines, 'class="bvpp-chart__target-label"'))
    return out


def _legend(goals: list[Point], y: float) -> list[str]:
    """What each line style means, in words."""
    items = [("actual", "Actual value")]
    kinds = {goal.kind for goal in goals}
    items += [(kind, kind.capitalize()) for kind in ("target", "stretch target") if kind in kinds]
    out: list[str] = []
    x = LEFT
    for kind, words in items:
        dashes = f' stroke-dasharray="{_DASHES[kind]}"' if kind in _DASHES else ""
        out.append(f'<line x1="{x}" y1="{y - 4:.1f}" x2="{x + 28}" y2="{y - 4:.1f}" stroke="currentColor" '
                   f'stroke-width="2.5"{dashes}/>')
        if kind == "actual":
            out.append(f'<circle cx="{x + 14}" cy="{y - 4:.1f}" r="4" fill="currentColor"/>')
        out.append(_text(x + 34, y, [words], ""))
        x += 34 + 7 * len(words) + 24
    return out
