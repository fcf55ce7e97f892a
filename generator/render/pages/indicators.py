"""Indicator pages: one per indicator, the index (by family, theme and status), and the rule.

Every figure on these pages comes from the same :class:`IndicatorIndex` (catalogue, ratings,
citations), and the chart from the same rows as the table under which it sits, so a status,
a chart and a table can never disagree.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, replace

from generator.core.figures import long_date, shown
from generator.core.rendercache import reuse
from generator.derive.citations import IndicatorIndex
from generator.derive.rating import STATUSES, Point, Rating
from generator.derive.wording import (
    no_figures_sentence,
    outlook_label,
    outlook_reason,
    status_label,
    status_reason,
)
from generator.load.indicators import COLUMN_NAMES, FIGURE_COLUMNS
from generator.model import urls as paths
from generator.model.indicators import FAMILY_NAMES, NOT_YET_AVAILABLE, Indicator, RatingRule, Reading
from generator.model.plan import Plan, Theme
from generator.render.jinja import render
from generator.render.pages.chart import chart_svg
from generator.render.pages.common import (
    ContactView,
    DirectorateView,
    Lookups,
    OutcomeLink,
    outcome_link,
)
from generator.render.pages.indicator_facts import indicator_facts
from generator.render.pages.views import StatusTag

STATUS_ICONS = {
    "on target": "✓",
    "within tolerance": "≈",
    "off target": "✗",
    "target ahead": "▷",
    "no target yet": "–",
    "no data yet": "○",
}
"""A shape for each status, always beside its words: status is never shown by colour alone
(the at-risk and stale flags have theirs in ``_indicators.md.j2``). An indicator with no
figures (``no figures``) has no tag at all: there is nothing to rate."""

STATUS_HEADINGS = {"target ahead": "Target not yet due"}
"""Where a status's heading on the index differs from its tag (which names the due date)."""


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
    tag: StatusTag
    has_figures: bool
    at_risk: bool | None
    stale: bool
    themes: str


def _figure(point: Point, unit: str | None) -> str:
    return f"{shown(point.text, unit)} ({point.period})"


def _slug(words: str) -> str:
    return words.replace(" ", "-")


def status_tag(status: str, words: str | None = None) -> StatusTag:
    """The tag of ``status``: the one way every page (indicator, index, outcome, changes) makes
    it. ``words`` are what the tag says where they differ from the status (a due date)."""
    return StatusTag(words=words or status, slug=_slug(status), icon=STATUS_ICONS.get(status, ""))



@dataclass(frozen=True)
class RuleView:
    """The rating rule's settings as the rule page prints them."""

    as_at: str
    tolerance: str
    no_change: str
    forecast_points: int


@dataclass(frozen=True)
class SummaryGroup:
    """Indicators under one heading of the index: a family, a theme or a status."""

    title: str
    anchor: str
    rows: list[Summary]
    path: str | None = None
    icon: str = ""


@dataclass(frozen=True)
class DownloadPaths:
    """Where an indicator's (or every indicator's) downloads are."""

    csv: str
    values_csv: str | None
    json: str


@dataclass(frozen=True)
class FigureCell:
    """A figure as published with its unit, or the source's words where it gives none."""

    text: str | None
    missing: str | None


@dataclass(frozen=True)
class FigureRow:
    """One period of an indicator's values table."""

    period: str
    date: str | None
    cells: list[FigureCell]
    source: str
    note: str


@dataclass(frozen=True)
class RatingView:
    """The rating in words, each tag with the sentence that says what it rests on."""

    status: str
    tag: StatusTag
    has_figures: bool
    reason: str
    outlook: str | None
    outlook_words: str | None
    outlook_slug: str
    outlook_reason: str | None
    at_risk: bool | None
    stale: bool | None
    next_due: str | None
    short_term: str
    long_term: str


def summary(index: IndicatorIndex, indicator: Indicator) -> Summary:
    """One indicator's row in a listing."""
    rating = index.ratings[indicator.id]
    unit = indicator.spec.unit
    return Summary(
        id=indicator.id,
        label=indicator.label,
        title="" if indicator.spec.code is None else indicator.spec.title or NOT_YET_AVAILABLE,
        path=paths.indicator(indicator.id),
        latest=_figure(rating.latest, unit) if rating.latest else "none yet",
        target=_figure(rating.target, unit) if rating.target else "none given",
        status=rating.status,
        tag=status_tag(rating.status, status_label(rating)),
        has_figures=rating.status != "no figures",
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
    yield paths.INDICATORS, _index_page(plan, index, rule)
    yield paths.RATING_RULE, render(
        "indicator_rule.md.j2", page=paths.RATING_RULE, rule=_rule_view(rule),
        icons=STATUS_ICONS,
    )
    for indicator in index.catalogue.indicators:
        yield paths.indicator(indicator.id), _indicator_page(indicator, index, look)


def _rule_view(rule: RatingRule) -> RuleView:
    return RuleView(
        as_at=long_date(rule.as_at),
        tolerance=f"{rule.tolerance_percent.normalize():f}",
        no_change=f"{rule.no_change_percent.normalize():f}",
        forecast_points=rule.forecast_points,
    )


def _index_page(plan: Plan, index: IndicatorIndex, rule: RatingRule) -> str:
    everything = [summary(index, i) for i in index.catalogue.indicators]
    rows = [r for r in everything if r.has_figures]
    family_of = {i.id: i.spec.family for i in index.catalogue.indicators}
    families = [
        SummaryGroup(
            anchor=_slug(family.lower()), title=title, rows=[r for r in rows if family_of[r.id] == family]
        )
        for family, title in FAMILY_NAMES.items()
    ]
    themes = [
        SummaryGroup(title=theme.title, anchor=f"theme-{theme.id}", path=paths.theme(theme),
                     rows=[r for r in theme_indicators(index, theme) if r.has_figures])
        for theme in plan.themes_in_order()
    ]
    statuses = [
        SummaryGroup(title=STATUS_HEADINGS.get(status, status.capitalize()), anchor=_slug(status),
                     icon=STATUS_ICONS[status],
                     rows=[r for r in rows if r.status == status])
        for status in STATUSES
    ]
    return render(
        "indicators.md.j2",
        page=paths.INDICATORS,
        total=len(everything),
        without_figures=[r for r in everything if not r.has_figures],
        families=[f for f in families if f.rows],
        themes=themes,
        uncited=[r for r in rows if not r.themes],
        statuses=statuses,
        at_risk=[r for r in rows if r.at_risk],
        stale=[r for r in rows if r.stale],
        as_at=_rule_view(rule).as_at,
        downloads=_downloads(None),
    )


def _downloads(indicator_id: str | None) -> DownloadPaths:
    if indicator_id is None:
        return DownloadPaths(csv=paths.INDICATORS_CSV, values_csv=paths.INDICATOR_VALUES_CSV,
                             json=paths.INDICATORS_JSON)
    return DownloadPaths(csv=paths.indicator_csv(indicator_id), values_csv=None,
                         json=paths.indicator_json(indicator_id))


def _cell(reading: Reading, unit: str | None) -> FigureCell:
    return FigureCell(
        text=shown(reading.text, unit) if reading.given else None,
        missing=reading.missing,
    )


def _indicator_page(indicator: Indicator, index: IndicatorIndex, look: Lookups) -> str:
    rating = index.ratings[indicator.id]
    citations = [
        replace(
            outcome_link(c.theme, c.priority, c.outcome),
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
    citations: list[OutcomeLink],
    owner: DirectorateView | None,
    contacts: list[ContactView],
) -> str:
    spec = indicator.spec
    page = paths.indicator(indicator.id)
    title = f"{indicator.label}: {spec.title}" if spec.code and spec.title else indicator.label
    facts, unknown = indicator_facts(
        spec, page, FAMILY_NAMES[spec.family], owner, contacts,
        long_date(spec.last_updated) if spec.last_updated else None,
        long_date(rating.next_due) if rating.next_due else None,
    )
    return render(
        "indicator.md.j2",
        page=page,
        title=title,
        spec=spec,
        facts=facts,
        unknown=unknown,
        contacts=contacts,
        rows=[
            FigureRow(
                period=row.period, date=row.date.isoformat() if row.date else None,
                cells=[_cell(getattr(row, name), spec.unit) for name in FIGURE_COLUMNS],
                source=row.source, note=row.note,
            )
            for row in indicator.rows
        ],
        columns=[COLUMN_NAMES[name].capitalize() for name in FIGURE_COLUMNS],
        chart=chart_svg(indicator, f"{indicator.label}: values and targets"),
        rating=_rating_view(indicator, rating),
        no_figures=no_figures_sentence(indicator),
        citations=citations,
        downloads=_downloads(indicator.id),
    )


def _rating_view(indicator: Indicator, rating: Rating) -> RatingView:
    """The rating in words: each tag beside the sentence that says what it was worked out from."""
    return RatingView(
        status=rating.status,
        tag=status_tag(rating.status, status_label(rating)),
        has_figures=rating.status != "no figures",
        reason=status_reason(indicator, rating),
        outlook=rating.outlook,
        outlook_words=outlook_label(rating),
        outlook_slug=_slug(rating.outlook) if rating.outlook else "",
        outlook_reason=outlook_reason(indicator, rating),
        at_risk=rating.at_risk,
        stale=rating.stale,
        next_due=long_date(rating.next_due) if rating.next_due else None,
        short_term=rating.short_term,
        long_term=rating.long_term,
    )
