"""The page "What has changed since the last publication": the build's comparison, in words."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from generator.core.figures import long_date
from generator.derive.changes import summary
from generator.model import urls as paths
from generator.model.changes import Change, ChangeKind, ChangeReport
from generator.model.plan import Plan
from generator.render.jinja import render
from generator.render.pages.indicators import status_tag
from generator.render.pages.views import StatusTag

NAV_TITLE = "What has changed"

_TASKS: tuple[ChangeKind, ...] = ("new task", "task reworded", "task status changed", "task removed")

SECTIONS: tuple[tuple[str, str, tuple[ChangeKind, ...]], ...] = (
    ("figures", "Figures", ("new figure", "figure changed", "figure removed")),
    ("targets", "Targets", ("new target", "target moved", "target removed")),
    ("outcomes", "Outcomes", ("new outcome", "outcome reworded", "outcome removed")),
    ("tasks", "Tasks in the progress plans", _TASKS),
    ("gaps", "Gaps", ("new gap", "gap filled")),
)
"""The page's sections: an anchor, a heading and the kinds each lists."""

_WHAT: dict[ChangeKind, str] = {
    "new figure": "New", "figure changed": "Changed", "figure removed": "Removed",
    "new target": "New", "target moved": "Moved", "target removed": "Removed",
    "new outcome": "New", "outcome reworded": "Reworded", "outcome removed": "Removed",
    "new task": "New", "task reworded": "Reworded", "task status changed": "New status",
    "task removed": "Removed", "new gap": "New gap", "gap filled": "Filled",
}
"""Each kind in the page's "What changed" column."""


@dataclass(frozen=True)
class ChangeRow:
    """One change: what kind, which record (linked where it has a page), before and now."""

    what: str
    title: str
    href: str
    detail: str
    before: str
    after: str
    statuses: Sequence[StatusTag]


@dataclass(frozen=True)
class ChangeSection:
    """The changes of one kind, under their heading."""

    anchor: str
    heading: str
    count: str
    rows: list[ChangeRow]


def changes_page(plan: Plan, report: ChangeReport, pages: Collection[str]) -> tuple[str, str]:
    """The page listing every change, linking each record's page where this build has one."""
    urls = {paths.url_of(page) for page in pages}
    progress_titles = {p.id: p.config.title for p in plan.progress}
    sections = []
    for anchor, heading, kinds in SECTIONS:
        chosen = [change for change in report.changes if change.kind in kinds]
        if chosen:
            rows = [_row(change, urls, progress_titles) for change in chosen]
            sections.append(ChangeSection(anchor=anchor, heading=heading, count=summary(chosen), rows=rows))
    return paths.CHANGES, render(
        "changes.md.j2",
        page=paths.CHANGES,
        title=NAV_TITLE,
        compared=report.compared,
        baseline=report.baseline_title or "",
        baseline_date=long_date(report.baseline_date) if report.baseline_date else "",
        total=summary(report.changes),
        sections=sections,
        csv_path=paths.resource_file("changes", "csv"),
        json_path=paths.resource_file("changes", "json") if report.changes else "",
    )


def _row(change: Change, urls: Collection[str], progress_titles: dict[str, str]) -> ChangeRow:
    detail = change.detail
    if change.kind in _TASKS:  # a task's detail is its progress plan: by its name
        detail = progress_titles.get(detail, detail)
    return ChangeRow(
        what=_WHAT[change.kind],
        title=change.title,
        href=_href(change.page, urls),
        detail=detail,
        before=change.before,
        after=change.after,
        statuses=_statuses(change),
    )


def _href(page: str, urls: Collection[str]) -> str:
    """A link from this page to ``page`` (an address from the site's root), if this build has it."""
    address, _, anchor = page.partition("#")
    if not page or address not in urls:
        return ""  # removed since: a link would lead nowhere
    to = paths.relative(address or ".", paths.url_of(paths.CHANGES))
    return f"{to}/" + (f"#{anchor}" if anchor else "")


def _statuses(change: Change) -> Sequence[StatusTag]:
    """The indicator's status before and now (one when unchanged); none for other records."""
    words = [change.status_before, change.status_after]
    if not any(words):
        return ()
    if words[0] == words[1]:
        words = [words[1]]
    return tuple(status_tag(w) for w in words if w)
