"""A programme's or a board report's page: its record, its data, then its words as printed.

The page leads with what the product reads from the source (the stated number of projects and
the gap where their names should be, the flagship tests, the reporting rhythm; the funding,
dated facts and lists of a report), then gives the source's prose word for word from
``document.md``, its headings one level down, its ``{{ missing: … }}`` lines as gaps.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from generator.core.figures import long_date
from generator.derive.markers import GAP_MARKER, scan_markers
from generator.model import urls as paths
from generator.model.base import Gap
from generator.model.plan import Plan
from generator.model.progress import ProgressPlan
from generator.render.fragments import gap_html
from generator.render.jinja import render
from generator.render.pages.views import LabelledValue

KIND_WORDS = {"plan": "Plan", "programme": "Improvement programme", "report": "Report to the board"}
"""How the site names each kind of document in the family."""

EVERY = {"month": "Monthly", "quarter": "Quarterly"}

Row = LabelledValue[str]
"""A labelled value of the cover's summary list, in plain text."""


def record_rows(progress: ProgressPlan) -> list[Row]:
    """The document's cover as label and value, in the source's order."""
    config = progress.config
    rows = [Row("From", config.body or "")] if config.body else []
    rows.append(Row("Kind", KIND_WORDS[config.kind]))
    record = config.record
    if record is not None:
        day = long_date(record.date)
        printed = "" if record.date_as_stated == day else f" (printed “{record.date_as_stated}”)"
        rows += [Row("Meeting", record.meeting), Row("Date", day + printed), Row("Subject", record.subject)]
        # A cover line with no label ("(Executive-side only)") is shown as printed.
        rows += [Row(d.label, d.value) if d.value else Row("Also printed", d.label) for d in record.details]
    rows.append(Row("Source", config.source))
    rows.append(Row("Levels", " › ".join(config.levels)))
    return rows


def document_markdown(progress: ProgressPlan, page: str) -> Markup:
    """The source's prose: headings one level down, gap lines as gap markers."""
    document = progress.document
    if document is None:
        return Markup("")
    lines = document.body.split("\n")
    gaps = {m.index: m for m in scan_markers(document)}
    fenced = False
    for index, line in enumerate(lines):
        if line.strip().startswith(("```", "~~~")):
            fenced = not fenced
        if index in gaps and (found := GAP_MARKER.match(gaps[index].text)):
            lines[index] = gap_html(Gap(missing=found["words"]), paths.html_link(page, paths.GAPS))
        elif not fenced and re.match(r"#{1,5} ", line):
            lines[index] = "#" + line  # the page's own h1 and h2 sit above the document's
    # The document is the officer's Markdown, published as Markdown (validate refuses raw HTML in it).
    return Markup("\n".join(lines))


def programme_page(plan: Plan, progress: ProgressPlan, tasks_markdown: str) -> str:
    """The page of a programme or report; ``tasks_markdown`` is its tasks' tables, if any."""
    page = paths.progress_plan(progress.id)
    config = progress.config
    programme = config.programme
    return render(
        "programme.md.j2",
        page=page,
        progress=progress,
        config=config,
        kind=KIND_WORDS[config.kind],
        rows=record_rows(progress),
        level_plural=plural(config.levels[-1]),
        programme=programme,
        rhythm=[(EVERY[s.every], s) for s in programme.rhythm] if programme else [],
        projects_gap=_projects_gap(progress),
        facts=[(f, long_date(f.date) if f.date else "") for f in config.facts],
        clearance=[(c, long_date(c.date)) for c in config.record.clearance] if config.record else [],
        document=document_markdown(progress, page),
        tasks=[t.task for t in progress.tasks()],
        tasks_markdown=tasks_markdown,
        reports=[(p.title, paths.progress_report(progress.id, p.id)) for p in config.periods],
        river=paths.DATA_RIVER,
    )


def plural(word: str) -> str:
    """A level's name for many: ``Priority`` → ``Priorities``, ``Project`` → ``Projects``."""
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word if word.endswith("s") else word + "s"


def _projects_gap(progress: ProgressPlan) -> Gap | None:
    programme = progress.config.programme
    if programme is None:
        return None
    unnamed = programme.projects.count - len(progress.tasks())
    return Gap(missing="the projects are not named in the source") if unnamed > 0 else None
