"""The family of plans and reports on one site: the BVPP, each programme, plan and board report.

Each member is named with whose it is and its own dates, so that a reader of a site titled
"2004/05" sees at once that the improvement programme is of 2007 and the partnership's report
of 2009. The home page, the plans index and the navigation all read this one list.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.core.figures import long_date
from generator.model import urls as paths
from generator.model.plan import Plan
from generator.model.progress import ProgressPlan
from generator.render.jinja import render

KINDS = {
    "plan": "Plan and its progress reports",
    "programme": "Improvement programme",
    "report": "Report to the board",
}


@dataclass(frozen=True)
class Member:
    """One document of the family, as the home page and the navigation list it."""

    body: str
    title: str
    kind: str
    dates: str
    levels: str
    path: str
    year: int


def members(plan: Plan) -> list[Member]:
    """The BVPP first, then every progress plan in date order."""
    bvpp = plan.plan
    first = Member(
        bvpp.council,
        bvpp.title,
        "Best Value Performance Plan",
        f"for {bvpp.period}; {bvpp.draft_label + ', ' if bvpp.draft_label else ''}{long_date(bvpp.date)}",
        " › ".join(bvpp.levels),
        paths.HOME,
        bvpp.date.year,
    )
    return [first, *(_member(plan, p) for p in plan.progress)]


def _member(plan: Plan, progress: ProgressPlan) -> Member:
    config = progress.config
    when = []
    if config.record is not None:
        when.append(f"{config.record.meeting}, {long_date(config.record.date)}")
    if config.periods:
        reports = ", ".join(p.title for p in config.periods)
        when.append(f"progress reports: {reports}")
    return Member(
        config.body or plan.plan.council,
        config.title,
        KINDS[config.kind],
        "; ".join(when),
        " › ".join(config.levels),
        paths.progress_plan(progress.id),
        progress.first_date().year,
    )


def by_body(plan: Plan) -> dict[str, list[Member]]:
    """The members grouped by whose they are, in order of first appearance."""
    grouped: dict[str, list[Member]] = {}
    for member in members(plan):
        grouped.setdefault(member.body, []).append(member)
    return grouped


def family(plan: Plan, page: str) -> Markup:
    """The family as a Markdown section: one table per body, each document with its dates."""
    return Markup(render("_family.md.j2", page=page, groups=by_body(plan), river=paths.DATA_RIVER))


def nav_entries(plan: Plan) -> list[dict[str, object]]:
    """The navigation's "Plans and reports": the index, then each body's documents with dates."""
    entries: list[dict[str, object]] = [{"All plans and reports": paths.PROGRESS}]
    for body, listed in by_body(plan).items():
        others = [m for m in listed if m.path != paths.HOME]
        if others:
            entries.append({body: [{f"{m.title} ({m.year})": m.path} for m in others]})
    entries.append({"Data river: which data feeds which report": paths.DATA_RIVER})
    return entries
