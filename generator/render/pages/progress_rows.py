"""Typed views of the progress pages: what each row and link of a template shows.

Built in :mod:`generator.render.pages.progress` and :mod:`generator.render.pages.progress_browse`,
read by the ``progress_*.md.j2`` templates by these field names; frozen, so the render cache can
fingerprint them (:mod:`generator.core.rendercache`).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.model.base import Gap
from generator.model.progress import StatedTotal
from generator.render.pages.views import Link


@dataclass(frozen=True)
class PlanRow:
    """One plan on the progress index: its reports and its latest headline."""

    title: str
    path: str
    levels: str
    tasks: int
    reports: list[Link]
    latest: Markup


@dataclass(frozen=True)
class ReportLink:
    """One period's report on its plan's page."""

    title: str
    path: str
    end: str
    reported: int
    summary: Markup


@dataclass(frozen=True)
class CountRow:
    """A status and how many tasks report it."""

    badge: Markup
    count: int


@dataclass(frozen=True)
class OutstandingRow:
    """A task still outstanding, with the reason its report gives."""

    id: str
    title: Markup
    due: str
    reason: Markup


@dataclass(frozen=True)
class ChangeRow:
    """A task whose status moved since the previous report."""

    id: str
    title: Markup
    before: Markup
    after: Markup


@dataclass(frozen=True)
class OverdueRow:
    """A task past its date and not done."""

    id: str
    title: Markup
    due: str
    status: Markup


@dataclass(frozen=True)
class StatedView:
    """What the source states about a plan's totals, beside what the data names."""

    stated: StatedTotal
    rows: object
    unnamed: int | None
    unnamed_gap: Gap | None
    total_gap: Gap | None
    disagreements: object


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator the tasks link, whether it is at risk, and the tasks that link it."""

    label: Markup
    at_risk: bool
    tasks: Markup
    code: str


@dataclass(frozen=True)
class TaskLink:
    """A task on the browse page: its title, where it is on its plan's page, its status."""

    title: Markup
    path: str
    badge: Markup


@dataclass(frozen=True)
class TaskGroupView:
    """Tasks under one heading of the browse page (a status, an owner, a directorate)."""

    name: Markup | str
    tasks: list[TaskLink]
    badge: Markup | None = None


@dataclass(frozen=True)
class RoleView:
    """One owner role (e.g. responsible officer) and its owners' tasks."""

    label: str
    owners: list[TaskGroupView]
