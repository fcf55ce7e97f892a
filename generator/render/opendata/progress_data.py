"""Progress plans as open data: every task, and every status update reported for it per period."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model.base import Gap
from generator.model.progress import PlacedTask, ProgressPlan
from generator.render.opendata.resource import (
    Column,
    Resource,
    Row,
    Source,
    gap_columns,
    text_fields,
)

PLAN_ID = Column("plan_id", "string", "The progress plan's id", required=True)
MEANS = "'done', 'underway', 'outstanding' or 'not-started'"
"""What a status label means, in the words every plan shares (the label is the plan's own)."""


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
    yield Resource(
        "progress-tasks",
        "Progress plans: tasks",
        "Every task of every progress plan, in plan order, with its owners, due date, links to the "
        "BVPP and its latest reported status.",
        (
            PLAN_ID,
            Column("id", "string", "The task's id, unique within its plan", required=True),
            Column("groups", "string", "The groups the task sits in, outermost first", many=True),
            *gap_columns("title", "string", "The task in the source's words"),
            Column("owners", "string", "Owners by role, as 'Role: names'", many=True),
            Column(
                "owners_missing",
                "string",
                "Roles the source leaves blank, as 'Role: the source's words'",
                many=True,
            ),
            Column("directorates", "string", "Codes of the directorates that lead the task", many=True),
            Column("due", "date", "The date the task is due by"),
            Column("due_as_stated", "string", "The due date in the source's words"),
            Column("flagship_measure", "string", "For a flagship action: what is measured"),
            Column("flagship_target", "string", "For a flagship action: the target"),
            Column("flagship_date", "date", "For a flagship action: the date the target is to be met by"),
            Column("indicators", "string", "Codes of performance indicators the task affects", many=True),
            Column("outcomes", "string", "Ids of BVPP outcomes the task serves", many=True),
            Column("priorities", "string", "BVPP priorities the task serves, as theme-id/letter", many=True),
            Column("latest_period", "string", "The last period that reports on the task"),
            Column("latest_status", "string", "The status that period gives, in the plan's key's words"),
            Column("latest_status_means", "string", MEANS),
            Column("note", "string", "An editor's note on how the task was read from the source"),
        ),
        tuple(_task_row(p, placed) for p in plan.progress for placed in p.tasks()),
        primary_key=("plan_id", "id"),
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
    yield Resource(
        "progress-updates",
        "Progress plans: status updates",
        "What each period's progress report says about each task: its status, the progress and "
        "reasons given, and the actions planned next.",
        (
            PLAN_ID,
            Column("period", "string", "The reporting period's id", required=True),
            Column("period_title", "string", "The reporting period as reports name it", required=True),
            Column("period_end", "date", "The last day the period covers", required=True),
            Column("task_id", "string", "The task reported on", required=True),
            Column("status", "string", "The status given, in the plan's key's words; empty if none"),
            Column("status_means", "string", MEANS),
            *gap_columns("progress", "string", "The progress reported, one entry per paragraph", many=True),
            *gap_columns("next_actions", "string", "Actions planned for the next period", many=True),
            Column("note", "string", "An editor's note on the transcription"),
        ),
        tuple(records),
        primary_key=("plan_id", "period", "task_id"),
    )
