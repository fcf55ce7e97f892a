"""A progress plan's browse page: its tasks by status, by owner and by directorate."""

from __future__ import annotations

from generator.core.escape import html_text
from generator.derive.progress_report import NO_STATUS, NOT_REPORTED, TaskState, latest_state
from generator.model import urls as paths
from generator.model.plan import Plan
from generator.model.progress import ProgressPlan
from generator.render.jinja import render
from generator.render.pages.progress_rows import RoleView, TaskGroupView, TaskLink
from generator.render.pages.progress_views import plan_words, state_badge, task_title


def browse_page(plan: Plan, progress: ProgressPlan) -> str:
    """The browse page of one plan."""
    page = paths.progress_browse(progress.id)
    plan_path = paths.progress_plan(progress.id)
    states = [latest_state(progress, placed) for placed in progress.tasks()]

    def link(state: TaskState) -> TaskLink:
        return TaskLink(
            title=task_title(state.placed),
            path=f"{plan_path}#{state.placed.id}",
            badge=state_badge(state.state, progress),
        )

    order = [s.id for s in progress.config.status_key] + [NO_STATUS, NOT_REPORTED]
    by_status = [
        TaskGroupView(
            name=state,
            badge=state_badge(state, progress),
            tasks=[link(s) for s in states if s.state == state],
        )
        for state in order
    ]
    by_owner = []
    for role in progress.config.owner_roles:
        owners: dict[str, list[TaskLink]] = {}
        for state in states:
            named = state.placed.owners(role.id)
            for name in named if isinstance(named, list) else []:
                owners.setdefault(name, []).append(link(state))
        by_owner.append(
            RoleView(
                label=role.label,
                owners=[
                    TaskGroupView(name=html_text(name), tasks=tasks)
                    for name, tasks in sorted(owners.items(), key=lambda item: item[0].casefold())
                ],
            )
        )
    names = {d.code: d.name for d in plan.directorates}
    by_directorate = [
        TaskGroupView(
            name=f"{names[code]} ({code})",
            tasks=[link(s) for s in states if code in s.placed.task.directorates],
        )
        for code in names
        if any(code in s.placed.task.directorates for s in states)
    ]
    return render(
        "progress_browse.md.j2",
        page=page,
        progress=progress,
        plan_path=plan_path,
        by_status=by_status,
        by_owner=by_owner,
        by_directorate=by_directorate,
        undirected=sum(1 for s in states if not s.placed.task.directorates),
        task_count=len(states),
        **plan_words(progress),
    )
