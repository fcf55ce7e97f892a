"""Gaps in progress plans: what their sources leave blank, and tasks counted but never named.

These join the draft's other gaps (:func:`generator.gaps.find_gaps`), so they appear on the
gaps page and as warnings in ``bvpp check`` like every other gap: an owner cell the source
leaves empty, a total it gives only in words ("some items"), and the tasks a stated total
counts that the source does not name ("12 of the 15 … are not named").
"""

from __future__ import annotations

from collections.abc import Iterator

from generator import paths
from generator.gaps import DraftGap, model_gaps
from generator.models import Gap, Model, Plan
from generator.progress import ProgressPlan
from generator.progress_models import Task, TaskGroup
from generator.progress_report import stated_check
from generator.table_rules import GAP_MARKER, scan_markers


def progress_gaps(plan: Plan) -> Iterator[DraftGap]:
    """Every gap in every progress plan, plan by plan, in file order."""
    for progress in plan.progress:
        yield from _plan_gaps(progress)


def group_name(progress: ProgressPlan) -> str:
    """How the gaps page names a plan's part."""
    return f"Progress: {progress.title}"


def _title(holder: Task | TaskGroup) -> str:
    return holder.title if isinstance(holder.title, str) else "(title not yet provided)"


def _plan_gaps(progress: ProgressPlan) -> Iterator[DraftGap]:
    group = group_name(progress)
    page = paths.progress_plan(progress.id)
    config = progress.config
    labels = {
        "title": config.levels[-1],
        "progress": config.headings.progress,
        "next_actions": config.headings.next_actions or "Next actions",
        **{role.id: role.label for role in config.owner_roles},
    }
    seen: set[int] = set()
    for placed in progress.tasks():
        for depth, holder in enumerate(placed.groups):
            if id(holder) not in seen:
                seen.add(id(holder))
                context = " › ".join([progress.title, *(_title(g) for g in placed.groups[: depth + 1])])
                group_labels = {**labels, "title": config.levels[depth]}
                yield from model_gaps(holder, ["title"], page, group, context, group_labels)
                yield from _owner_gaps(holder, page, group, context, labels)
        context = " › ".join([progress.title, *(_title(g) for g in placed.groups), _title(placed.task)])
        target = f"{page}#{placed.id}"
        yield from model_gaps(placed.task, ["title"], target, group, context, labels)
        yield from _owner_gaps(placed.task, target, group, context, labels)
        for period in config.periods:
            update = progress.update(placed.id, period.id)
            if update is not None:
                where = f"{paths.progress_report(progress.id, period.id)}#{placed.id}"
                yield from model_gaps(
                    update, ["progress", "next_actions"], where, group, f"{context} ({period.title})", labels
                )
    yield from _document_gaps(progress, page, group)
    for stated in config.stated_totals:
        stated_in = progress.period(stated.period)
        where = paths.progress_report(progress.id, stated.period) if stated_in else page
        context = f"{progress.title} › {stated.scope}"
        if isinstance(stated.total, Gap):
            yield DraftGap(stated.where("total"), where, group, context, "Total", stated.total.missing, True)
        check = stated_check(progress, stated)
        if check.unnamed:
            total = stated.total if isinstance(stated.total, int) else 0
            yield DraftGap(
                stated.where("tasks"), where, group, context, "Tasks",
                f"{check.unnamed} of the {total} are not named in the source", True,
            )


def _owner_gaps(
    holder: Model, page: str, group: str, context: str, labels: dict[str, str]
) -> Iterator[DraftGap]:
    owners = getattr(holder, "owners", {})
    for role, value in owners.items():
        if isinstance(value, Gap):
            yield DraftGap(
                holder.where("owners", role), page, group, context, labels.get(role, role),
                value.missing, True,
            )


def _document_gaps(progress: ProgressPlan, page: str, group: str) -> Iterator[DraftGap]:
    """What a programme's or report's source leaves out: its own missing parts, unnamed projects."""
    if progress.document is not None:
        for marker in scan_markers(progress.document):
            if found := GAP_MARKER.match(marker.text):
                yield DraftGap(marker.location, page, group, progress.title, "Text", found["words"], True)
    programme = progress.config.programme
    if programme is None:
        return
    if programme.kpi_impacts is not None:
        yield DraftGap(
            programme.where("kpi_impacts"), page, group, progress.title,
            "Indicators the projects should move", programme.kpi_impacts.missing, True,
        )
    stated = programme.projects
    unnamed = stated.count - len(progress.tasks())
    if unnamed > 0:
        about = f"{stated.qualifier} " if stated.qualifier else ""
        yield DraftGap(
            stated.where("count"), page, group, progress.title, progress.config.levels[-1] + "s",
            (f"{unnamed} of the " if unnamed < stated.count else "the ")
            + f"{about}{stated.count} {stated.what} are not named in the source",
            True,
        )
