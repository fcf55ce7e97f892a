"""The whole plan as one PDF in the BVPP's own layout, rendered from the model.

:func:`pdf_html` builds one HTML document from the templates in ``templates/pdf/``: a title
page, contents with page numbers, the narrative sections and the themes in the plan's order
(each priority's five-column table on landscape pages), and the list of what the draft still
leaves out. ``templates/pdf/print.css`` lays it out for A4 with page numbers and, while the
plan is a draft, "DRAFT" at the top of every page. :func:`plan_pdf` turns it into PDF bytes
with WeasyPrint, reusing an identical earlier rendering.

Section bodies are the officers' Markdown, converted with the site's own extension set; their
``{{ table: … }}`` and ``{{ missing: … }}`` markers are placed by the same function the site
uses (:func:`generator.render.pages.tables.place_tables`), so the PDF and the site cannot disagree.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.resources
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions.toc import slugify
from markupsafe import Markup

from generator.core.downloads import Download
from generator.core.escape import MARKDOWN_EXTENSIONS
from generator.core.figures import long_date
from generator.core.files import atomic_write
from generator.derive.facts import Facts, derive_facts
from generator.derive.gaps import field_labels
from generator.derive.markers import scan_markers, table_anchor
from generator.model.base import Gap, Section
from generator.model.plan import Directorate, Outcome, Plan, Priority, Theme
from generator.render.abbreviations import plan_abbreviations, spell_out
from generator.render.jinja import render
from generator.render.opendata.package import package_name
from generator.render.pages.common import priority_title
from generator.render.pages.tables import place_tables
from generator.render.pages.views import gap_groups

RENDER_OPTIONS = {"pdf_tags": True}
"""WeasyPrint's options: a tagged PDF, so screen readers find its headings, lists and tables."""
GAPS_ANCHOR = "gaps"
"""The id of the gaps list in the document; every "Not yet provided" marker links to it."""
FOLDER = "downloads"


def pdf_path(plan: Plan) -> str:
    """Where the PDF goes in the docs folder, e.g. ``downloads/harrow-bvpp-2004-05.pdf``."""
    return f"{FOLDER}/{package_name(plan)}.pdf"


@dataclass(frozen=True)
class PlanPdf:
    """The rendered PDF, where it goes in the docs folder, and how pages describe it."""

    data: bytes
    download: Download


class PdfLibraryMissingError(Exception):
    """WeasyPrint is installed but the system library it renders with (Pango) cannot be loaded."""


_PANGO_HINT = (
    "install Pango (Debian/Ubuntu, as root: apt-get install libpango-1.0-0 libpangoft2-1.0-0; "
    "or scripts/system-deps.sh --pdf), or build without the PDF: bvpp build --no-pdf"
)


def _weasyprint() -> Any:
    """WeasyPrint, or :class:`PdfLibraryMissingError` naming the library it could not load."""
    try:
        import weasyprint
    except OSError as exc:  # cffi's dlopen: "cannot load library 'libgobject-2.0-0': ..."
        found = re.search(r"cannot load library '([^']+)'", str(exc))
        library = found.group(1) if found else "Pango"
        raise PdfLibraryMissingError(
            f"cannot make the PDF: the system library {library} (part of Pango) is missing; {_PANGO_HINT}"
        ) from exc
    return weasyprint


def plan_pdf(plan: Plan, cache: Path | None = None, facts: Facts | None = None) -> PlanPdf:
    """The plan's PDF, reusing the copy in ``cache`` when nothing that shapes it has changed.

    ``facts`` are the plan's derived facts when the caller has them (the pipeline does).

    Rendering takes seconds; the HTML takes milliseconds. The cache key is the HTML, the print
    CSS, the WeasyPrint version and its options, so an unchanged plan is never rendered twice.
    :func:`generator.render.pdf_job.start_plan_pdf` does the same in a second process.
    """
    html = pdf_html(plan, facts)
    kept = cached_path(cache, html)
    data = kept.read_bytes() if kept is not None and kept.is_file() else None
    if data is None:
        data = write_pdf(html)
        if cache is not None and kept is not None:
            keep(cache, kept, data)
    return plan_document(plan, data)


def cached_path(cache: Path | None, html: str) -> Path | None:
    """Where ``cache`` keeps the rendering of ``html`` (None without a cache).

    The version comes from the package's metadata, not ``weasyprint.__version__``: the same
    text, without the seconds it takes to import WeasyPrint when the copy can be reused.
    """
    if cache is None:
        return None
    settings = f"{metadata.version('weasyprint')} {sorted(RENDER_OPTIONS.items())}"
    key = hashlib.sha256("\0".join([settings, print_css(), html]).encode()).hexdigest()
    return cache / f"{key}.pdf"


def plan_document(plan: Plan, data: bytes) -> PlanPdf:
    """The rendered bytes with the description the pages give of them."""
    download = Download(
        pdf_path(plan),
        f"{plan.plan.title} (PDF)",
        "The whole plan in its printed layout, with contents and page numbers.",
        "PDF",
        len(data),
    )
    return PlanPdf(data, download)


def keep(cache: Path, kept: Path, data: bytes) -> None:
    """Store the latest rendering only: older ones are never asked for again."""
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob("*.pdf"):
        old.unlink(missing_ok=True)
    atomic_write(kept, data)


@contextlib.contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """WeasyPrint logs every CSS property it ignores at WARNING; the print CSS is ours and
    tested. Quietened for the rendering only, then the loggers are as they were."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@contextlib.contextmanager
def _rare_collections() -> Iterator[None]:
    """WeasyPrint makes hundreds of thousands of boxes and styles that live until the PDF is
    written, and Python's collector walked them again and again: a sixth of the rendering's
    CPU on the bundled plan (6.5 s to 5.6 s, measured; the same bytes, 25 MB more at peak).
    The youngest generation is collected every 50,000 allocations instead of 700 while
    rendering, then the thresholds are as they were."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, before[1], before[2])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def write_pdf(html: str) -> bytes:
    """``html`` rendered as PDF bytes by WeasyPrint (seconds: the slow part of the PDF)."""
    weasyprint = _weasyprint()
    CSS, HTML = weasyprint.CSS, weasyprint.HTML  # noqa: N806 - WeasyPrint's own class names
    with _quiet("weasyprint", "fontTools"), _rare_collections():
        document = HTML(string=html, base_url=None)
        pdf = document.write_pdf(stylesheets=[CSS(string=print_css())], **RENDER_OPTIONS)
    assert pdf is not None  # write_pdf returns the bytes when no target is given
    return bytes(pdf)


def warm_up() -> None:
    """Load WeasyPrint, its default stylesheets and the fonts the print CSS names, by rendering
    a line: the first document pays for these (a second of CPU), so a process that will render
    the plan does it while the plan is still being read. The plan's PDF comes out the same."""
    weasyprint = _weasyprint()
    with _quiet("weasyprint", "fontTools"):
        line = "<h1>Contents</h1><p>Plan <strong>2004/05</strong> <em>draft</em> ⚠</p>"
        weasyprint.HTML(string=line).render(stylesheets=[weasyprint.CSS(string=print_css())])


@functools.cache
def print_css() -> str:
    """The print stylesheet of the PDF."""
    css = importlib.resources.files("generator.render") / "templates" / "pdf" / "print.css"
    return str(css.read_text(encoding="utf-8"))



@dataclass(frozen=True)
class Entry:
    """A contents entry of the PDF: where it goes and what it says."""

    anchor: str
    title: str


@dataclass(frozen=True)
class SectionPart:
    """A narrative section in the PDF, with the tables it places."""

    kind: str
    anchor: str
    title: str
    missing: Gap | None
    body: Markup
    tables: list[Entry]


@dataclass(frozen=True)
class PriorityTable:
    """One priority's five-column table in the PDF (or the theme's other areas of activity)."""

    anchor: str
    title: str
    title_gap: Gap | None
    outcomes: list[Outcome]
    outcomes_gap: Gap | None


@dataclass(frozen=True)
class ThemePart:
    """A theme in the PDF: its priorities' tables and the directorates they name."""

    kind: str
    anchor: str
    title: str
    theme: Theme
    priorities: list[Entry]
    tables: list[PriorityTable]
    other_gap: Gap | None
    directorate_key: list[Directorate | None]


def pdf_html(plan: Plan, facts: Facts | None = None) -> str:
    """The whole plan as one HTML document laid out for print."""
    meta = plan.plan
    themes = {theme.id: theme for theme in plan.themes}
    sections = {section.id: section for section in plan.sections}
    gaps = list((facts or derive_facts(plan)).gaps)
    parts: list[SectionPart | ThemePart] = []
    for item in meta.contents:
        if item in sections:
            parts.append(_section(sections[item], plan))
        elif item in themes:
            parts.append(_theme(themes[item], plan))
    # a printed page cannot show a tooltip: each term is written in full where first used
    return spell_out(render(
        "pdf/plan.html.j2",
        plan=meta,
        date_text=long_date(meta.date),
        parts=parts,
        gaps=gap_groups(gaps),
        gap_total=len(gaps),
        gaps_anchor=GAPS_ANCHOR,
        labels=field_labels(plan),
        directorates={d.code: d for d in plan.directorates},
        contacts={c.id: c for c in plan.contacts},
    ), plan_abbreviations(plan))


def _section(section: Section, plan: Plan) -> SectionPart:
    tables = {table.id: table for table in plan.tables}
    placed = [tables[m.table_id] for m in scan_markers(section) if m.table_id in tables]
    return SectionPart(
        kind="section",
        anchor=f"section-{section.id}",
        title=section.title,
        missing=Gap(missing=section.missing) if section.missing else None,
        body=section_html(section, plan),
        tables=[Entry(title=t.spec.title, anchor=table_anchor(t)) for t in placed],
    )


def section_html(section: Section, plan: Plan) -> Markup:
    """A narrative section's body as HTML, its tables and gaps placed as on the site."""
    body = place_tables(section, plan, gaps_href=f"#{GAPS_ANCHOR}", csv_links=False)
    prefix = f"section-{section.id}-"

    def heading_id(value: str, separator: str) -> str:  # ids stay unique in the one document
        return prefix + str(slugify(value, separator))

    converter = markdown.Markdown(
        extensions=list(MARKDOWN_EXTENSIONS), extension_configs={"toc": {"slugify": heading_id}}
    )
    # The body is the officers' Markdown, which validate keeps free of raw HTML and unsafe
    # links; the tables and gap markers in it were escaped where they were made.
    return Markup(converter.convert(str(body)))


def _theme(theme: Theme, plan: Plan) -> ThemePart:
    tables = [
        PriorityTable(
            anchor=f"theme-{theme.id}-{priority.slug}",
            title=priority_title(priority),
            title_gap=priority.title if isinstance(priority.title, Gap) else None,
            outcomes=priority.outcomes if isinstance(priority.outcomes, list) else [],
            outcomes_gap=priority.outcomes if isinstance(priority.outcomes, Gap) else None,
        )
        for priority in theme.priorities
    ]
    other = theme.other_activity
    if isinstance(other, list) and other:
        tables.append(
            PriorityTable(
                anchor=f"theme-{theme.id}-other-areas-of-activity",
                title="Other areas of activity",
                title_gap=None,
                outcomes=other,
                outcomes_gap=None,
            )
        )
    leads = [o.lead_directorates for _p, o in theme.outcomes()]
    codes = sorted({code for lead in leads if isinstance(lead, list) for code in lead})
    return ThemePart(
        kind="theme",
        anchor=f"theme-{theme.id}",
        title=theme.heading,
        theme=theme,
        priorities=[_priority_entry(theme, p) for p in theme.priorities],
        tables=tables,
        other_gap=other if isinstance(other, Gap) else None,
        directorate_key=[plan.directorate(code) for code in codes if plan.directorate(code)],
    )


def _priority_entry(theme: Theme, priority: Priority) -> Entry:
    return Entry(anchor=f"theme-{theme.id}-{priority.slug}", title=priority_title(priority))
