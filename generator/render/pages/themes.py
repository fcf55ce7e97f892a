"""Theme, priority and outcome pages: the plan's own structure."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.model import urls as paths
from generator.model.base import Gap
from generator.model.plan import Outcome, Plan, Priority, Theme
from generator.render.jinja import render
from generator.render.pages.common import (
    Lookups,
    outcome_title,
    parent_path,
    priority_label,
    priority_title,
    shortened,
)
from generator.render.pages.indicators import summary, theme_indicators
from generator.render.pages.views import Link


def theme_pages(plan: Plan, look: Lookups) -> Iterator[tuple[str, str]]:
    """Every theme page, priority page, other-activity page and outcome page."""
    for theme in plan.themes:
        yield paths.theme(theme), _theme_page(theme, look)
        for priority in theme.priorities:
            yield paths.priority(theme, priority), _priority_page(theme, priority, look)
        if isinstance(theme.other_activity, list) and theme.other_activity:
            yield paths.other_activity(theme), _table_page(
                theme, None, theme.other_activity, look
            )
        for parent, outcome in theme.outcomes():
            yield paths.outcome(outcome), _outcome_page(theme, parent, outcome, look)


@dataclass(frozen=True)
class PriorityView:
    """A priority on its theme's page: its outcomes, or the gap the draft leaves instead."""

    letter: str
    title: str | Gap
    path: str
    outcomes: list[Link]
    gap: Gap | None


@dataclass(frozen=True)
class ThemeWords:
    """What a theme page prints of its theme (only these, so other edits reuse the page)."""

    title: str
    heading: str
    intro: str | Gap


def _links(outcomes: list[Outcome]) -> list[Link]:
    return [Link(title=outcome_title(o), path=paths.outcome(o)) for o in outcomes]


def _theme_page(theme: Theme, look: Lookups) -> str:
    priorities = [
        PriorityView(
            letter=p.letter,
            title=p.title,
            path=paths.priority(theme, p),
            outcomes=_links(p.outcomes) if isinstance(p.outcomes, list) else [],
            gap=p.outcomes if isinstance(p.outcomes, Gap) else None,
        )
        for p in theme.priorities
    ]
    other = theme.other_activity
    return render(
        "theme.md.j2",
        page=paths.theme(theme),
        # what the page shows of the theme, not the theme: an outcome's edit leaves it alone
        theme=ThemeWords(title=theme.title, heading=theme.heading, intro=theme.intro),
        priorities=priorities,
        other=_links(other) if isinstance(other, list) else [],
        other_gap=other if isinstance(other, Gap) else None,
        other_path=paths.other_activity(theme),
        indicators_gap=theme.indicators_table,
        indicators=theme_indicators(look.indicators, theme),
        indicators_index=paths.INDICATORS,
    )


def _priority_page(theme: Theme, priority: Priority, look: Lookups) -> str:
    outcomes = priority.outcomes if isinstance(priority.outcomes, list) else []
    return _table_page(
        theme,
        priority,
        outcomes,
        look,
        outcomes_gap=priority.outcomes if isinstance(priority.outcomes, Gap) else None,
    )


def _table_page(
    theme: Theme,
    priority: Priority | None,
    outcomes: list[Outcome],
    look: Lookups,
    outcomes_gap: Gap | None = None,
) -> str:
    title = priority_title(priority) if priority else "Other areas of activity"
    page = parent_path(theme, priority)
    directorates, contacts = look.cited_by(outcomes)
    return render(
        "priority.md.j2",
        page=page,
        theme_title=theme.title,
        theme_intro=theme.intro,
        theme_path=paths.theme(theme),
        title=title,
        short=priority_label(priority),
        title_gap=priority.title if priority and isinstance(priority.title, Gap) else None,
        outcomes=outcomes,
        outcomes_gap=outcomes_gap,
        caption=f"{theme.title}: {title}",
        labels=look.labels,
        directorates=directorates,
        contacts=contacts,
        links=look.indicators.links,
    )


def _outcome_page(
    theme: Theme, priority: Priority | None, outcome: Outcome, look: Lookups
) -> str:
    page = paths.outcome(outcome)
    parent = parent_path(theme, priority)
    title = outcome_title(outcome)
    directorates, contacts = look.cited_by([outcome])
    return render(
        "outcome.md.j2",
        page=page,
        title=title,
        short=shortened(title),
        crumbs=[
            ("Home", paths.HOME),
            (theme.title, paths.theme(theme)),
            (priority_label(priority), parent),
        ],
        outcome=outcome,
        theme_title=theme.title,
        theme_path=paths.theme(theme),
        parent_title=priority_title(priority) if priority else "Other areas of activity",
        parent_path=parent,
        labels=look.labels,
        directorates=directorates,
        contacts=contacts,
        links=look.indicators.links,
        indicators=[summary(look.indicators, i) for i in look.indicators.by_outcome.get(outcome.id, [])],
    )
