"""Indicator pages: one per indicator, the index (by family, theme and status), and the rule.

Every figure on these pages comes from the same :class:`IndicatorIndex` (catalogue, ratings,
citations), and the chart from the same rows as the table under which it sits, so a status,
a chart and a table can never disagree.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from generator.core.rendercache import reuse
from generator.derive.citations import IndicatorIndex
from generator.derive.rating import STATUSES, Point, Rating
from generator.load.indicators import COLUMN_NAMES, FIGURE_COLUMNS
from generator.model import indicator_urls as indicator_paths
from generator.model import urls as paths
from generator.model.indicators import FAMILY_NAMES, NOT_YET_AVAILABLE, Indicator, RatingRule, Reading
from generator.model.plan import Plan, Theme
from generator.render.jinja import render
from generator.render.pages.chart import chart_svg, shown
from generator.render.pages.common import ContactView, DirectorateView, Lookups, outcome_title, priority_label

STATUS_ICONS = {
    "on target": "✓",
    "within tolerance": "≈",
    "off target": "✗",
    "no target yet": "–",
    "no data yet": "○",
}
"""A shape for each status, always beside its words: status is never shown by colour alone
(the at-risk and stale flags have theirs in ``_indicators.md.j2``)."""


@dataclass(frozen=True)
class Summary:
    """An indicator as a row of a listing: what the index and theme pages show."""

    id: str
    label: str
    title: str
    path: str
    latest: str
    target: str
    status: str
    status_slug: str
    icon: str
    at_risk: bool
    stale: bool
    themes: str


def _figure(point: Point, unit: str | None) -> str:
    return f"{shown(point.text, unit)} ({point.period})"


def _slug(words: str) -> str:
    return words.replace(" ", "-")


def summary(index: IndicatorIndex, indicator: Indicator) -> Summary:
    """One indicator's row in a listing."""
    rating = index.ratings[indicator.id]
    unit = indicator.spec.unit
    return Summary(
        id=indicator.id,
        label=indicator.label,
        title="" if indicator.spec.code is None else indicator.spec.title or NOT_YET_AVAILABLE,
        path=indicator_paths.page(indicator.id),
        latest=_figure(rating.latest, unit) if rating.latest else "none yet",
        target=_figure(rating.target, unit) if rating.target else "none given",
        status=rating.status,
        status_slug=_slug(rating.status),
        icon=STATUS_ICONS[rating.status],
        at_risk=rating.at_risk is True,
        stale=rating.stale is True,
        themes=", ".join(t.title for t in index.themes(indicator.id)),
    )


def theme_indicators(index: IndicatorIndex, theme: Theme) -> list[Summary]:
    """The indicators the theme's outcomes cite (or report), in catalogue order."""
    return [
        summary(index, indicator)
        for indicator in index.catalogue.indicators
        if any(c.theme.id == theme.id for c in index.citations[indicator.id])
    ]


def indicator_pages(plan: Plan, look: Lookups) -> Iterator[tuple[str, str]]:
    """Every indicator page, the index and the rule page (none when there is no catalogue)."""
    index = look.indicators
    rule = index.catalogue.rule
    if rule is None:
        return
    yield indicator_paths.INDEX, _index_page(plan, index, rule)
    yield indicator_paths.RULE, render(
        "indicator_rule.md.j2", page=indicator_paths.RULE, rule=_rule_view(rule),
        icons=STATUS_ICONS,
    )
    for indicator in index.catalogue.indicators:
        yield indicator_paths.page(indicator.id), _indicator_page(indicator, index, look)


def _rule_view(rule: RatingRule) -> SimpleNamespace:
    return SimpleNamespace(
        as_at=rule.as_at.strftime("%-d %B %Y"),
        tolerance=f"{rule.tolerance_percent.normalize():f}",
        no_change=f"{rule.no_change_percent.normalize():f}",
        forecast_points=rule.forecast_points,
    )


def _index_page(plan: Plan, index: IndicatorIndex, rule: RatingRule) -> str:
    rows = [summary(index, i) for i in index.catalogue.indicators]
    family_of = {i.id: i.spec.family for i in index.catalogue.indicators}
    families = [
        SimpleNamespace(
            anchor=_slug(family.lower()), title=title, rows=[r for r in rows if family_of[r.id] == family]
        )
        for family, title in FAMILY_NAMES.items()
    ]
    themes = [
        SimpleNamespace(title=theme.title, anchor=f"theme-{theme.id}", path=paths.theme(theme),
                        rows=theme_indicators(index, theme))
        for theme in plan.themes_in_order()
    ]
    statuses = [
        SimpleNamespace(title=status.capitalize(), anchor=_slug(status), icon=STATUS_ICONS[status],
                        rows=[r for r in rows if r.status == status])
        for status in STATUSES
    ]
    return render(
        "indicators.md.j2",
        page=indicator_paths.INDEX,
        total=len(rows),
        families=[f for f in families if f.rows],
        themes=themes,
        uncited=[r for r in rows if not r.themes],
        statuses=statuses,
        at_risk=[r for r in rows if r.at_risk],
        stale=[r for r in rows if r.stale],
        as_at=_rule_view(rule).as_at,
        downloads=_downloads(None),
    )


def _downloads(indicator_id: str | None) -> SimpleNamespace:
    if indicator_id is None:
        return SimpleNamespace(csv=indicator_paths.ALL_CSV, values_csv=indicator_paths.ALL_VALUES_CSV,
                               json=indicator_paths.ALL_JSON)
    return SimpleNamespace(csv=indicator_paths.csv_file(indicator_id), values_csv=None,
                           json=indicator_paths.json_file(indicator_id))


def _cell(reading: Reading, unit: str | None) -> SimpleNamespace:
    return SimpleNamespace(
        text=shown(reading.text, unit) if reading.given else None,
        missing=reading.missing,
    )


def _indicator_page(indicator: Indicator, index: IndicatorIndex, look: Lookups) -> str:
    rating = index.ratings[indicator.id]
    citations = [
        SimpleNamespace(
            title=outcome_title(c.outcome), path=paths.outcome(c.outcome),
            where=f"{c.theme.title}, {priority_label(c.priority)}",
            fields=", ".join(look.labels[f] for f in c.fields) if c.fields else "reports its figures",
        )
        for c in index.citations[indicator.id]
    ]
    spec = indicator.spec
    owner = look.directorates.get(spec.owner) if spec.owner else None
    contacts = [look.contacts[c] for c in spec.contacts if c in look.contacts]
    # Everything the page shows comes from these inputs: bvpp serve reuses the page (chart
    # included) while they are unchanged (generator.core.rendercache).
    inputs = (indicator, rating, citations, owner, contacts)
    return reuse("indicator-page", inputs, functools.partial(_indicator_text, *inputs))


def _indicator_text(
    indicator: Indicator,
    rating: Rating,
    citations: list[SimpleNamespace],
    owner: DirectorateView | None,
    contacts: list[ContactView],
) -> str:
    spec = indicator.spec
    page = indicator_paths.page(indicator.id)
    title = f"{indicator.label}: {spec.title}" if spec.code and spec.title else indicator.label
    return render(
        "indicator.md.j2",
        page=page,
        title=title,
        spec=spec,
        family_name=FAMILY_NAMES[spec.family],
        not_available=NOT_YET_AVAILABLE,
        polarity={"higher": "Higher is better", "lower": "Lower is better"}.get(spec.polarity or ""),
        owner=owner,
        contacts=contacts,
        last_updated=spec.last_updated.strftime("%-d %B %Y") if spec.last_updated else None,
        rows=[
            SimpleNamespace(
                period=row.period, date=row.date.isoformat() if row.date else None,
                cells=[_cell(getattr(row, name), spec.unit) for name in FIGURE_COLUMNS],
                source=row.source, note=row.note,
            )
            for row in indicator.rows
        ],
        columns=[COLUMN_NAMES[name].capitalize() for name in FIGURE_COLUMNS],
        chart=chart_svg(indicator, f"{indicator.label}: values and targets"),
        rating=_rating_view(rating, spec.unit),
        citations=citations,
        downloads=_downloads(indicator.id),
    )


def _rating_view(rating: Rating, unit: str | None) -> SimpleNamespace:
    """The rating in words, each sentence saying what it was worked out from."""
    latest, target, final = rating.latest, rating.target, rating.final_target
    compared = ""
    if latest and target:
        shortfall = rating.shortfall_percent
        by = f"{abs(shortfall):.1f}% of the target" if shortfall is not None else "the whole target"
        compared = (
            f"The latest value, {shown(latest.text, unit)} ({latest.period}), "
            + (f"meets the target of {shown(target.text, unit)} ({target.period})."
               if rating.status == "on target"
               else f"misses the target of {shown(target.text, unit)} ({target.period}) by {by}; "
               f"the tolerance is {rating.tolerance_percent.normalize():f}%.")
        )
    elif latest:
        compared = f"The latest value is {_figure(latest, unit)}; the sources give no target for it."
    risk = None
    if rating.at_risk is not None and final is not None and latest is not None:
        goal = f"the {final.kind} of {shown(final.text, unit)} ({final.period})"
        if rating.forecast is not None:
            forecast = shown(f"{rating.forecast:.1f}", unit)
            risk = (f"A straight line through the last {rating.forecast_points} dated values reaches "
                    f"{forecast} by {final.period}, which {'misses' if rating.at_risk else 'meets'} {goal}.")
        else:
            risk = (f"The latest value, {shown(latest.text, unit)}, "
                    f"{'misses' if rating.at_risk else 'meets'} {goal} "
                    "(too few dated values for a forecast).")
    return SimpleNamespace(
        status=rating.status,
        slug=_slug(rating.status),
        icon=STATUS_ICONS[rating.status],
        compared=compared,
        at_risk=rating.at_risk,
        risk=risk,
        stale=rating.stale,
        next_due=rating.next_due.strftime("%-d %B %Y") if rating.next_due else None,
        short_term=rating.short_term,
        long_term=rating.long_term,
    )
