"""Progress plans as open data: every task, and every status update reported for it per period."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model.base import Gap
from generator.model.progress import PlacedTask, ProgressPlan
from generator.render.opendata.dictionary import declared
from generator.render.opendata.resource import Resource, Row, Source, text_fields


def _owners(plan: ProgressPlan, placed: PlacedTask) -> tuple[list[str], list[str]]:
    """``Role: names`` for each role the task has owners in, and ``Role: words`` for each gap."""
    named: list[str] = []
    missing: list[str] = []
    for role in plan.config.owner_roles:
        owners = placed.owners(role.id)
        if isinstance(owners, Gap):
            missing.append(f"{role.label}: {owners.missing}")
        elif owners:
            named.append(f"{role.label}: {', '.join(owners)}")
    return named, missing


def _task_row(plan: ProgressPlan, placed: PlacedTask) -> Row:
    task = placed.task
    owners, owners_missing = _owners(plan, placed)
    latest = plan.latest(task.id)
    status = plan.status(latest[1].status) if latest else None
    return {
        "plan_id": plan.id,
        "id": task.id,
        "groups": [g.title if isinstance(g.title, str) else f"({g.title.missing})" for g in placed.groups],
        **text_fields("title", task.title),
        "owners": owners,
        "owners_missing": owners_missing,
        "directorates": list(task.directorates),
        "due": task.due.isoformat() if task.due else None,
        "due_as_stated": task.due_as_stated,
        "flagship_measure": task.flagship.measure if task.flagship else None,
        "flagship_target": task.flagship.target if task.flagship else None,
        "flagship_date": task.flagship.date.isoformat() if task.flagship else None,
        "indicators": list(task.indicators),
        "outcomes": list(task.outcomes),
        "priorities": list(task.priorities),
        "latest_period": latest[0].id if latest else None,
        "latest_status": status.label if status else None,
        "latest_status_means": status.means if status else None,
        "note": task.note,
    }


def progress_tasks(source: Source) -> Iterator[Resource]:
    """One record per task of every progress plan, with its latest reported status."""
    plan = source.plan
    if not plan.progress:
        return
    yield declared(
        "progress-tasks",
        tuple(_task_row(p, placed) for p in plan.progress for placed in p.tasks()),
    )


def progress_updates(source: Source) -> Iterator[Resource]:
    """One record per status update: what each period's report says about each task."""
    plan = source.plan
    if not plan.progress:
        return
    records: list[Row] = []
    for progress in plan.progress:
        for period in progress.config.periods:
            file = progress.updates.get(period.id)
            for update in file.updates if file else []:
                status = progress.status(update.status)
                records.append(
                    {
                        "plan_id": progress.id,
                        "period": period.id,
                        "period_title": period.title,
                        "period_end": period.end.isoformat(),
                        "task_id": update.task,
                        "status": status.label if status else None,
                        "status_means": status.means if status else None,
                        **text_fields("progress", update.progress),
                        **text_fields("next_actions", update.next_actions),
                        "note": update.note,
                    }
                )
    yield declared("progress-updates", tuple(records))
