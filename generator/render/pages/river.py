"""The data river: which data feeds which report, worked out from the content on every build.

The partnership's report of October 2009 describes one data set driving two performance
systems; the product works the same way, and this page shows it. Each stream is found, not
written: a plan's tasks and updates feed its reports (and the plan document where a section
places its summary table), a data table feeds the section that places it and the open data,
the indicator values feed the indicator pages and the reports whose tasks link them, and a
programme's reporting rhythm or a report's stated feeds are quoted from their source. So the
page cannot drift from the site it describes.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.derive.citations import has_indicators
from generator.derive.markers import placements, progress_placements
from generator.model import urls as paths
from generator.model.plan import Plan
from generator.model.progress import ProgressPlan
from generator.render.jinja import render
from generator.render.pages.programme import EVERY
from generator.render.pages.views import Link


@dataclass(frozen=True)
class Stream:
    """One data set and what it feeds; ``words`` quotes the source where the source says so."""

    data: str
    outlets: tuple[Link, ...]
    """Where the stream goes: a page of this site, or a body the source names (no path)."""
    words: str | None = None


def streams(plan: Plan) -> list[tuple[str, list[Stream]]]:
    """Every stream, grouped under the document it belongs to, in the family's order."""
    groups: list[tuple[str, list[Stream]]] = [(plan.plan.title, _bvpp_streams(plan))]
    placed = progress_placements(plan)
    sections = {s.id: s for s in plan.sections}
    for progress in plan.progress:
        found = _plan_streams(plan, progress)
        if (section_id := placed.get(progress.id)) in sections:
            section = sections[section_id]
            found.append(
                Stream(
                    f"The latest status of each {progress.config.levels[-1].lower()}",
                    (
                        Link(
                            f"{plan.plan.short_title}: {section.title} (summary table)",
                            paths.section(section),
                        ),
                    ),
                )
            )
        if found:
            groups.append((progress.title, found))
    return groups


def _bvpp_streams(plan: Plan) -> list[Stream]:
    found = []
    for table, (section, _marker) in placements(plan).items():
        spec = next(t for t in plan.tables if t.id == table)
        found.append(
            Stream(
                f"The figures of {spec.spec.title}",
                (
                    Link(section.title, paths.section(section)),
                    Link("Open data downloads", paths.DATA_PAGE),
                ),
            )
        )
    if has_indicators(plan):
        found.append(
            Stream(
                "Performance indicator values and targets",
                (
                    Link("Indicator pages, with their status", paths.INDICATORS),
                    Link("The outcomes that cite each indicator"),
                    Link("The progress reports whose tasks link an indicator", paths.PROGRESS),
                ),
            )
        )
    return found


def _plan_streams(plan: Plan, progress: ProgressPlan) -> list[Stream]:
    config = progress.config
    found = []
    word = config.levels[-1].lower()
    if config.periods:
        reports = tuple(
            Link(f"Progress report: {p.title}", paths.progress_report(progress.id, p.id))
            for p in config.periods
        )
        found.append(
            Stream(
                f"Each {word}'s status and progress, as reported for each period",
                (Link(config.title, paths.progress_plan(progress.id)), *reports),
            )
        )
    if config.programme is not None:
        for step in config.programme.rhythm:
            source = f" from {step.by}" if step.by else ""
            found.append(
                Stream(
                    f"{EVERY[step.every]}: {step.what}{source}", tuple(Link(t) for t in step.to), step.words
                )
            )
    for feed in config.feeds:
        found.append(
            Stream(feed.data[:1].upper() + feed.data[1:], tuple(Link(f) for f in feed.feeds), feed.words)
        )
    return found


def data_river_page(plan: Plan) -> str:
    """The data river page."""
    return render("data_river.md.j2", page=paths.DATA_RIVER, groups=streams(plan))
