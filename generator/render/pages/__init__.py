"""Build stage: a validated plan → generated Markdown pages and the site navigation.

Pure functions: no file is read or written here. The result maps each page's path (relative
to the generated docs folder) to its Markdown text; the navigation is a value for MkDocs'
``nav`` setting. The nav is deliberately shallow (themes and priorities): outcome pages are
reached from their priority page, so the cost of rendering the nav does not grow with the
number of outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from generator.core.downloads import Download
from generator.core.escape import title_html
from generator.derive.citations import has_indicators
from generator.derive.facts import Facts, derive_facts
from generator.model import urls as paths
from generator.model.changes import Baseline
from generator.model.plan import Plan
from generator.render.abbreviations import Abbreviations, mark_first_uses, plan_abbreviations
from generator.render.cards import as_cards
from generator.render.opendata.package import DataFiles, build_data
from generator.render.opendata.registry import source_for
from generator.render.pages.accessibility import NAV_TITLE as ACCESSIBILITY_TITLE
from generator.render.pages.accessibility import accessibility_page
from generator.render.pages.changes import NAV_TITLE as CHANGES_TITLE
from generator.render.pages.changes import changes_page
from generator.render.pages.common import lookups, priority_label
from generator.render.pages.downloads import NAV_TITLE as DOWNLOADS_TITLE
from generator.render.pages.downloads import downloads_page
from generator.render.pages.family import nav_entries
from generator.render.pages.glossary import NAV_TITLE as GLOSSARY_TITLE
from generator.render.pages.glossary import glossary_page
from generator.render.pages.indexes import home_page, index_pages
from generator.render.pages.indicators import indicator_pages
from generator.render.pages.progress import progress_pages
from generator.render.pages.river import data_river_page
from generator.render.pages.themes import theme_pages
from generator.render.spacing import spaced


@dataclass(frozen=True)
class SiteSources:
    """Everything the generator hands to MkDocs."""

    pages: dict[str, str]
    nav: list[Any]
    files: dict[str, bytes] = field(default_factory=dict)
    """Other files for the docs folder: the open data (CSV, JSON, datapackage.json)."""


def build(
    plan: Plan, pdf: Download | None = None, baseline: Baseline | None = None, facts: Facts | None = None
) -> SiteSources:
    """Every page of the site, and its navigation, from one plan.

    ``pdf`` is the whole plan as a PDF when the build made one: the home page and the
    download page then link it with its size. ``baseline`` is the last publication's records:
    the changes page and files list what differs from them (a first publication has none).
    ``facts`` are the plan's derived facts, worked out here when the caller has none.
    """
    return _draft(plan, pdf, baseline, facts).sources


@dataclass(frozen=True)
class Draft:
    """The site's pages made before the PDF is; :meth:`finish` adds the PDF's size.

    So a build can render the pages while the PDF is still being made in another process
    (:mod:`generator.render.pdf_job`), then finish with its size, never a placeholder. The
    pages that give the size are the home and downloads pages; a test holds :meth:`finish`
    to :func:`build`'s pages, so a third page showing the size would be caught.
    """

    plan: Plan
    facts: Facts
    data: DataFiles
    sources: SiteSources
    """Every page as without a PDF."""

    def finish(self, pdf: Download | None) -> SiteSources:
        """The site's pages, the home and downloads pages linking ``pdf`` with its size."""
        if pdf is None:
            return self.sources
        known = plan_abbreviations(self.plan)
        pages = dict(self.sources.pages)  # the same paths in the same order
        pages[paths.DATA_PAGE] = _finished(downloads_page(self.plan, self.data, pdf), known)
        pages[paths.HOME] = _finished(home_page(self.plan, len(self.facts.gaps), pdf), known)
        return replace(self.sources, pages=pages)


def prepare(plan: Plan, baseline: Baseline | None = None, facts: Facts | None = None) -> Draft:
    """Every page as :func:`build` makes them without a PDF; see :class:`Draft`."""
    return _draft(plan, None, baseline, facts)


def _draft(plan: Plan, pdf: Download | None, baseline: Baseline | None, facts: Facts | None) -> Draft:
    facts = facts or derive_facts(plan)
    look = lookups(plan, facts, pdf)
    source = source_for(plan, facts)  # the indicator downloads are made here, once
    data = build_data(source, baseline)
    pages: dict[str, str] = {paths.DATA_PAGE: downloads_page(plan, data, pdf)}
    for path, text in [
        *index_pages(plan, look), *theme_pages(plan, look), accessibility_page(plan, len(facts.gaps)),
        glossary_page(plan),
    ]:
        pages[path] = text
    pages.update(indicator_pages(plan, look))
    pages.update(progress_pages(plan, facts.catalogue))
    if plan.progress:
        pages[paths.DATA_RIVER] = data_river_page(plan)
    path, text = changes_page(plan, data.changes, [*pages, paths.CHANGES])
    pages[path] = text
    known = plan_abbreviations(plan)
    pages = {path: _finished(text, known) for path, text in pages.items()}
    files = {**data.files, **source.indicator_files}
    return Draft(plan, facts, data, SiteSources(pages=pages, nav=build_nav(plan), files=files))


def _finished(text: str, known: Abbreviations) -> str:
    """A page as published: its card grids laid out, each abbreviation's first use marked, its
    cells kept apart for the search index."""
    return spaced(mark_first_uses(as_cards(text), known))


def _escaped(nav: list[Any]) -> list[Any]:
    """The nav with every title HTML-escaped: Material prints nav titles raw (see ``title_html``)."""
    return [
        {title_html(title): _escaped(target) if isinstance(target, list) else target}
        for entry in nav
        for title, target in entry.items()
    ]


def build_nav(plan: Plan) -> list[Any]:
    """Home, the plan's contents in order (themes with their priorities), then browse pages.

    Every title is HTML-escaped (as ``Markup``), ready for MkDocs' ``nav`` setting.
    """
    return _escaped(_plain_nav(plan))


def _plain_nav(plan: Plan) -> list[Any]:
    """The nav with its titles as plain text; :func:`build_nav` escapes them all in one step."""
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
    if plan.progress:  # the family: a few documents, each once, so the nav stays shallow
        nav.append({"Plans and reports": nav_entries(plan)})
    nav.append(
        {
            "Browse": [
                {"By directorate": paths.DIRECTORATES},
                *([{"Indicators": paths.INDICATORS}] if has_indicators(plan) else []),
                {"Contacts": paths.CONTACTS},
                {"What is still missing": paths.GAPS},
                {CHANGES_TITLE: paths.CHANGES},
                *([{"How the text was transcribed": paths.CORRECTIONS}] if plan.corrections else []),
                {GLOSSARY_TITLE: paths.GLOSSARY},
                {ACCESSIBILITY_TITLE: paths.ACCESSIBILITY},
                {DOWNLOADS_TITLE: paths.DATA_PAGE},
            ]
        }
    )
    return nav
