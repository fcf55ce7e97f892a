"""Build stage: a validated plan → generated Markdown pages and the site navigation.

Pure functions: no file is read or written here. The result maps each page's path (relative
to the generated docs folder) to its Markdown text; the navigation is a value for MkDocs'
``nav`` setting. The nav is deliberately shallow (themes and priorities): outcome pages are
reached from their priority page, so the cost of rendering the nav does not grow with the
number of outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.core.downloads import Download
from generator.derive.citations import has_indicators
from generator.model import data_urls as data_paths
from generator.model import indicator_urls as indicator_paths
from generator.model import urls as paths
from generator.model.plan import Plan
from generator.render.abbreviations import mark_first_uses, plan_abbreviations
from generator.render.cards import as_cards
from generator.render.opendata.indicator_files import indicator_files
from generator.render.opendata.package import build_data
from generator.render.pages.accessibility import NAV_TITLE as ACCESSIBILITY_TITLE
from generator.render.pages.accessibility import accessibility_page
from generator.render.pages.common import lookups, priority_label
from generator.render.pages.downloads import NAV_TITLE as DOWNLOADS_TITLE
from generator.render.pages.downloads import downloads_page
from generator.render.pages.glossary import NAV_TITLE as GLOSSARY_TITLE
from generator.render.pages.glossary import glossary_page
from generator.render.pages.indexes import index_pages
from generator.render.pages.indicators import indicator_pages
from generator.render.pages.progress import progress_pages
from generator.render.pages.themes import theme_pages


@dataclass(frozen=True)
class SiteSources:
    """Everything the generator hands to MkDocs."""

    pages: dict[str, str]
    nav: list[Any]
    files: dict[str, bytes] = field(default_factory=dict)
    """Other files for the docs folder: the open data (CSV, JSON, datapackage.json)."""


def build(plan: Plan, pdf: Download | None = None) -> SiteSources:
    """Every page of the site, and its navigation, from one plan.

    ``pdf`` is the whole plan as a PDF when the build made one: the home page and the
    download page then link it with its size.
    """
    look = lookups(plan, pdf)
    data = build_data(plan)
    pages: dict[str, str] = {data_paths.PAGE: downloads_page(plan, data, pdf)}
    for path, text in [
        *index_pages(plan, look), *theme_pages(plan, look), accessibility_page(plan), glossary_page(plan)
    ]:
        pages[path] = text
    pages.update(indicator_pages(plan, look))
    pages.update(progress_pages(plan))
    known = plan_abbreviations(plan)
    pages = {path: mark_first_uses(as_cards(text), known) for path, text in pages.items()}
    files = {**data.files, **indicator_files(look.indicators)}
    return SiteSources(pages=pages, nav=build_nav(plan), files=files)


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
    if plan.progress:  # one entry: the index of plans and their reports keeps the nav shallow
        nav.append({"Progress": paths.PROGRESS})
    nav.append(
        {
            "Browse": [
                {"By directorate": paths.DIRECTORATES},
                *([{"Indicators": indicator_paths.INDEX}] if has_indicators(plan) else []),
                {"Contacts": paths.CONTACTS},
                {"What is still missing": paths.GAPS},
                *([{"How the text was transcribed": paths.CORRECTIONS}] if plan.corrections else []),
                {GLOSSARY_TITLE: paths.GLOSSARY},
                {ACCESSIBILITY_TITLE: paths.ACCESSIBILITY},
                {DOWNLOADS_TITLE: data_paths.PAGE},
            ]
        }
    )
    return nav
