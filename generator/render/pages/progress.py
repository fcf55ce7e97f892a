"""Progress pages: the index of plans, each plan's page, its reports per period, its browse page.

Also the summary table that a narrative section places with ``{{ progress: PLAN-ID }}`` (the
BVPP's "Harrow's Improvement Plan"): it is built from the same tasks and updates as the plan's
own pages, so the plan document and the reports cannot disagree.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from markupsafe import Markup

from generator.core.escape import html_attr, html_text
from generator.core.figures import long_date
from generator.core.rendercache import reuse
from generator.derive.citations import IndicatorIndex
from generator.derive.markers import progress_placements
from generator.derive.progress_indicators import (
    IndicatorLink,
    linked_indicators,
    resolve_code,
)
from generator.derive.progress_report import (
    NO_STATUS,
    NOT_REPORTED,
    PeriodReport,
    StatedCheck,
    TaskState,
    latest_state,
    period_report,
    stated_words,
)
from generator.model import urls as paths
from generator.model.base import Gap
from generator.model.plan import Plan
from generator.model.progress import Period, PlacedTask, ProgressPlan
from generator.render.jinja import render
from generator.render.pages.family import family
from generator.render.pages.programme import programme_page
from generator.render.pages.progress_browse import browse_page
from generator.render.pages.progress_headline import headline, nothing_reported
from generator.render.pages.progress_rows import (
    ChangeRow,
    CountRow,
    IndicatorRow,
    OutstandingRow,
    OverdueRow,
    PlanRow,
    ReportLink,
    StatedView,
)
from generator.render.pages.progress_views import (
    MEANINGS,
    GroupRows,
    TaskRow,
    paragraphs,
    plan_words,
    state_badge,
    status_badge,
    task_row,
    task_title,
)
from generator.render.pages.views import Link


def progress_pages(plan: Plan, index: IndicatorIndex | None) -> Iterator[tuple[str, str]]:
    """The progress index and every plan's page, browse page and period reports.

    ``index`` is the plan's indicator index, or None while it has no catalogue."""
    if not plan.progress:
        return
    yield paths.PROGRESS, _index(plan)
    for progress in plan.progress:
        # bvpp serve reuses a plan's pages while everything they read is unchanged.
        make = functools.partial(_plan_pages, plan, progress, index)
        yield from reuse("progress-pages", _read_by(plan, progress, index), make)


def _plan_pages(plan: Plan, progress: ProgressPlan, index: IndicatorIndex | None) -> list[tuple[str, str]]:
    if progress.config.kind == "plan":
        pages = [(paths.progress_plan(progress.id), _plan_page(plan, progress, index))]
    else:
        page = programme_page(plan, progress, _tasks_md(plan, progress, index))
        pages = [(paths.progress_plan(progress.id), page)]
    if progress.config.periods:  # a programme with no reports yet has no statuses to browse
        pages.append((paths.progress_browse(progress.id), browse_page(plan, progress)))
    for period in progress.config.periods:
        report = period_report(progress, period)
        pages.append((paths.progress_report(progress.id, period.id), _report_page(plan, report, index)))
    return pages


def _tasks_md(plan: Plan, progress: ProgressPlan, index: IndicatorIndex | None) -> str:
    """A programme's task tables with their latest status, once it has reports."""
    if not progress.config.periods or not progress.tasks():
        return ""
    page = paths.progress_plan(progress.id)
    states = [latest_state(progress, placed) for placed in progress.tasks()]
    groups = _groups(plan, progress, states, page, index, latest=True)
    return render("progress_tasks.md.j2", groups=groups, progress=progress)


def _read_by(plan: Plan, progress: ProgressPlan, index: IndicatorIndex | None) -> tuple[object, ...]:
    """Everything of the plan that a progress plan's pages read (the render cache's key).

    The progress plan itself; the sections (one may place its table, and names it); the
    directorates (its browse page); the statements of the outcomes its tasks serve; and the
    indicators its tasks link, with their ratings. A test edits each and compares.
    """
    served = sorted({outcome_id for placed in progress.tasks() for outcome_id in placed.task.outcomes})
    outcomes = [(i, outcome.statement) for i in served if (outcome := plan.outcome(i)) is not None]
    codes = sorted({code for placed in progress.tasks() for code in placed.task.indicators})
    linked = []
    for code in codes:
        indicator = resolve_code(index, code) if index is not None else None
        rating = index.ratings.get(indicator.id) if index is not None and indicator else None
        linked.append((code, indicator, rating))
    return progress, plan.sections, plan.directorates, outcomes, linked, index is not None


def progress_table_html(
    plan: Plan, plan_id: str, page: str, gaps_href: str | None = None, links: bool = True
) -> str | None:
    """A plan's summary table for a narrative section: every task's latest status and progress.

    None for a plan id the plan does not have (validation reports the marker). The PDF passes
    its own ``gaps_href`` and ``links=False``: it has no pages of the site to link to.
    """
    progress = next((p for p in plan.progress if p.id == plan_id), None)
    if progress is None:
        return None
    states = [latest_state(progress, placed) for placed in progress.tasks()]
    return render(
        "progress_table.md.j2",
        page=page,
        progress=progress,
        plan_path=paths.progress_plan(progress.id),
        headings=progress.config.headings,
        levels=progress.config.levels,
        has_groups=len(progress.config.levels) > 1,
        groups=_groups(plan, progress, states, page, None, latest=True, gaps_href=gaps_href),
        links=links,
        key=_key(progress)[:-2],
        extra=_key(progress)[-2:],
        reported=sum(1 for s in states if s.update is not None),
        total=len(states),
    )


def _groups(
    plan: Plan,
    progress: ProgressPlan,
    states: list[TaskState] | tuple[TaskState, ...],
    page: str,
    index: IndicatorIndex | None,
    period: Period | None = None,
    latest: bool = False,
    gaps_href: str | None = None,
) -> list[GroupRows]:
    """Task rows grouped by their innermost group, in plan order."""
    grouped: dict[int, tuple[tuple[str, ...], list[TaskRow]]] = {}
    for state in states:
        groups = state.placed.groups
        key = id(groups[-1]) if groups else 0
        titles = tuple(g.title if isinstance(g.title, str) else "(title not yet provided)" for g in groups)
        row = task_row(plan, progress, state, page, index, None if latest else period, gaps_href)
        grouped.setdefault(key, (titles, []))[1].append(row)
    return [GroupRows(titles, tuple(rows)) for titles, rows in grouped.values()]


def _key(progress: ProgressPlan) -> list[Markup]:
    return [status_badge(s.means, s.label) for s in progress.config.status_key] + [
        state_badge(NO_STATUS, progress),
        state_badge(NOT_REPORTED, progress),
    ]


def _index(plan: Plan) -> str:
    views = []
    for progress in plan.progress:
        periods = progress.config.periods
        if not periods:  # a programme or a board's report: the family list shows it
            continue
        latest = period_report(progress, periods[-1])
        views.append(
            PlanRow(
                title=progress.title,
                path=paths.progress_plan(progress.id),
                levels=" › ".join(progress.config.levels),
                tasks=len(progress.tasks()),
                reports=[Link(p.title, paths.progress_report(progress.id, p.id)) for p in periods],
                latest=Markup("{}: {}").format(html_text(periods[-1].title), headline(latest)),
            )
        )
    legend = Markup(", ").join(status_badge(means, label) for means, label in MEANINGS.items())
    return render(
        "progress_index.md.j2",
        page=paths.PROGRESS,
        plans=views,
        legend=legend,
        family=family(plan, paths.PROGRESS),
    )


def _plan_page(plan: Plan, progress: ProgressPlan, index: IndicatorIndex | None) -> str:
    page = paths.progress_plan(progress.id)
    tasks = progress.tasks()
    states = [latest_state(progress, placed) for placed in tasks]
    placed_in = progress_placements(plan).get(progress.id)
    stated_in = next(
        (
            p
            for p in reversed(progress.config.periods)
            if any(s.period == p.id for s in progress.config.stated_totals)
        ),
        None,
    )
    stated = period_report(progress, stated_in).stated if stated_in else ()
    section = next((s for s in plan.sections if s.id == placed_in), None)
    reports = []
    for period in progress.config.periods:
        report = period_report(progress, period)
        reports.append(
            ReportLink(
                title=period.title,
                path=paths.progress_report(progress.id, period.id),
                end=long_date(period.end),
                reported=report.reported,
                summary=headline(report),
            )
        )
    return render(
        "progress_plan.md.j2",
        page=page,
        progress=progress,
        task_count=len(tasks),
        group_count=len({id(t.groups[0]) for t in tasks if t.groups}),
        placed_in=Link(section.title, paths.section(section)) if section else None,
        reports=reports,
        browse_path=paths.progress_browse(progress.id),
        key=_key(progress),
        key_size=len(progress.config.status_key),
        stated=[_stated_view(check) for check in stated],
        stated_period=stated_in.title if stated_in else "",
        groups=_groups(plan, progress, states, page, index, latest=True),
        **plan_words(progress),
    )


def _report_page(plan: Plan, report: PeriodReport, index: IndicatorIndex | None) -> str:
    progress, period = report.plan, report.period
    page = paths.progress_report(progress.id, period.id)
    gaps_href = paths.html_link(page, paths.GAPS)
    periods = progress.config.periods
    following = periods[periods.index(period) + 1] if period is not periods[-1] else None
    links = linked_indicators(progress, index)
    return render(
        "progress_report.md.j2",
        page=page,
        progress=progress,
        period=period,
        period_end=long_date(period.end),
        plan_path=paths.progress_plan(progress.id),
        previous=report.previous,
        previous_path=paths.progress_report(progress.id, report.previous.id) if report.previous else None,
        next=following,
        next_path=paths.progress_report(progress.id, following.id) if following else None,
        report=report,
        counts=[CountRow(status_badge(c.means, c.label), c.count) for c in report.counts],
        headline=headline(report),
        quiet=nothing_reported(report),
        stated=[_stated_view(check) for check in report.stated],
        outstanding=[
            OutstandingRow(
                id=s.placed.id,
                title=task_title(s.placed),
                due=_due(s.placed),
                reason=paragraphs(s.update.progress if s.update else None, gaps_href, "No reason given."),
            )
            for s in report.outstanding
        ],
        changes=[
            ChangeRow(
                id=c.placed.id,
                title=task_title(c.placed),
                before=state_badge(c.before.state, progress),
                after=state_badge(c.after.state, progress),
            )
            for c in report.changes
        ],
        overdue=[
            OverdueRow(
                id=o.state.placed.id,
                title=task_title(o.state.placed),
                due=_due(o.state.placed),
                status=status_badge(o.last_status.means, o.last_status.label)
                if o.last_status
                else state_badge(o.state.state, progress),
            )
            for o in report.overdue
        ],
        catalogue=index is not None,
        indicators=[_indicator_view(link, page) for link in links] if index is not None else links,
        rule_path=paths.RATING_RULE,
        groups=_groups(plan, progress, report.states, page, index, period),
        **plan_words(progress),
    )


def _due(placed: PlacedTask) -> str:
    task = placed.task
    if task.due is None:
        return task.due_as_stated or ""
    return long_date(task.due) + (f" ({task.due_as_stated})" if task.due_as_stated else "")


def _stated_view(check: StatedCheck) -> StatedView:
    words = stated_words(check.stated)
    return StatedView(
        stated=check.stated,
        rows=check.rows,
        unnamed=check.unnamed,
        unnamed_gap=Gap(missing=f"{check.unnamed} not named in the source") if check.unnamed else None,
        total_gap=Gap(missing=words) if words else None,
        disagreements=check.disagreements,
    )


def _indicator_view(link: IndicatorLink, page: str) -> IndicatorRow:
    if link.indicator is not None:
        href = paths.html_link(page, paths.indicator(link.indicator.id))
        label = Markup('<a href="{}">{}</a>').format(html_attr(href), html_text(link.indicator.label))
    else:
        label = html_text(f"{link.code} (not in the catalogue)")
    tasks = Markup(", ").join(
        Markup('<a href="#{}">{}</a>').format(html_attr(t.id), task_title(t)) for t in link.tasks
    )
    return IndicatorRow(label=label, at_risk=link.at_risk, tasks=tasks, code=link.code)
