"""Build stage: a validated plan → generated Markdown pages and the site navigation.

Pure functions: no file is read or written here. The result maps each page's path (relative
to the generated docs folder) to its Markdown text; the navigation is a value for MkDocs'
``nav`` setting. The nav is deliberately shallow (themes and priorities): outcome pages are
reached from their priority page, so the cost of rendering the nav does not grow with the
number of outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator import paths
from generator.models import Plan
from generator.pages.common import lookups, priority_label
from generator.pages.indexes import index_pages
from generator.pages.themes import theme_pages


@dataclass(frozen=True)
class SiteSources:
    """Everything the generator hands to MkDocs."""

    pages: dict[str, str]
    nav: list[Any]


def build(plan: Plan) -> SiteSources:
    """Every page of the site, and its navigation, from one plan."""
    look = lookups(plan)
    pages: dict[str, str] = {}
    for path, text in [*index_pages(plan, look), *theme_pages(plan, look)]:
        pages[path] = text
    return SiteSources(pages=pages, nav=build_nav(plan))


def build_nav(plan: Plan) -> list[Any]:
    """Home, the plan's contents in order (themes with their priorities), then browse pages."""
    themes = {t.id: t for t in plan.themes}
    sections = {s.id: s for s in plan.sections}
    plan_items: list[Any] = []
    theme_items: list[Any] = []
    for item in plan.plan.contents:
        if item in sections:
            plan_items.append({sections[item].title: paths.section(sections[item])})
        elif item in themes:
            theme = themes[item]
            children: list[Any] = [{"Overview": paths.theme(theme)}]
            children += [{priority_label(p): paths.priority(theme, p)} for p in theme.priorities]
            if isinstance(theme.other_activity, list) and theme.other_activity:
                children.append({"Other areas of activity": paths.other_activity(theme)})
            theme_items.append({theme.title: children})
    nav: list[Any] = [{"Home": paths.HOME}]
    if plan_items:
        nav.append({"About the plan": plan_items})
    nav.append({"Themes": theme_items})
    nav.append(
        {
            "Browse": [
                {"By directorate": paths.DIRECTORATES},
                {"Contacts": paths.CONTACTS},
                {"What is still missing": paths.GAPS},
                *([{"How the text was transcribed": paths.CORRECTIONS}] if plan.corrections else []),
            ]
        }
    )
    return nav
