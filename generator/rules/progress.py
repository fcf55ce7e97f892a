"""Rules over progress plans: references, levels, keys, periods, stated totals and markers.

Loading has checked each file against its model; these rules need a whole plan (and the BVPP
around it): an update names a task that exists, a status is in the plan's key, the tasks nest
as deep as the plan's levels say, a total the source states agrees with the tasks it names.
Every problem is a located value; nothing raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator.core.problems import Location, Problem, Severity, dotted, suggest_known
from generator.derive.citations import IndicatorIndex
from generator.derive.markers import PROGRESS_MARKER, scan_markers
from generator.derive.progress_indicators import resolve_code
from generator.derive.progress_report import stated_check
from generator.model.base import Model
from generator.model.plan import Plan
from generator.model.progress import ProgressPlan, Task, TaskGroup
from generator.rules.programme import programme_problems

RESERVED_PERIODS = frozenset({"index", "browse"})
"""Period ids that would clash with a plan's own pages (index.md, browse.md)."""


def progress_problems(plan: Plan, index: IndicatorIndex | None) -> list[Problem]:
    """Every problem in the plan's progress plans and in its ``{{ progress: … }}`` markers.

    ``index`` is the plan's indicator index, or None while it has no catalogue."""
    problems: list[Problem] = []
    for progress in plan.progress:
        problems += _settings(progress)
        problems += _levels(progress)
        problems += _tasks(plan, progress, index)
        problems += _updates(progress)
        problems += _stated(progress)
        problems += programme_problems(progress)
    problems += _markers(plan)
    return problems


def _at(model: Model, *field: str | int) -> tuple[Location, str]:
    return model.where(*field), dotted(model.field_path(*field))


def _duplicates(items: Iterable[Model], name: str, what: str) -> Iterator[Problem]:
    first: dict[str, Model] = {}
    for item in items:
        value = str(getattr(item, name))
        if value in first:
            where, field = _at(item, name)
            yield Problem(where, field, f'{what} "{value}" is already given at {first[value].where(name)}')
        first.setdefault(value, item)


def _settings(progress: ProgressPlan) -> Iterator[Problem]:
    config = progress.config
    yield from _duplicates(config.status_key, "id", "status")
    yield from _duplicates(config.owner_roles, "id", "owner role")
    yield from _duplicates(config.periods, "id", "period")
    for period in config.periods:
        if period.id in RESERVED_PERIODS:
            where, field = _at(period, "id")
            yield Problem(
                where, field, f'"{period.id}" is a reserved name',
                "the plan's folder uses it for its own page; choose another id, e.g. 2004-03",
            )
    for before, period in zip(config.periods, config.periods[1:], strict=False):
        if period.end <= before.end:
            where, field = _at(period, "end")
            yield Problem(
                where, field,
                f"expected a date after {before.end.isoformat()} (the period before ends then), "
                f"found {period.end.isoformat()}",
                "list the periods oldest first; each ends after the one before",
            )


def _levels(progress: ProgressPlan) -> Iterator[Problem]:
    """The tasks sit at the depth the plan's levels say: groups for each outer level."""
    levels = progress.config.levels
    file = progress.tasks_file
    if len(levels) == 1:
        if file.groups is not None or file.tasks is None:
            where = file.where("groups") if file.groups is not None else file.where()
            yield Problem(
                where, "groups" if file.groups is not None else "tasks",
                f'expected a list of tasks under "tasks:", as the plan has one level ({levels[0]})',
                "write the tasks under 'tasks:'; or add the group level's name to levels in plan.yaml",
            )
        return
    if file.tasks is not None or file.groups is None:
        where = file.where("tasks") if file.tasks is not None else file.where()
        yield Problem(
            where, "tasks" if file.tasks is not None else "groups",
            f'expected groups ({levels[0]}) under "groups:", as the plan has the levels '
            f'{" / ".join(levels)}',
            "put the tasks in groups; or remove the outer levels from levels in plan.yaml",
        )
        return
    yield from _group_depth(file.groups, levels, 1)


def _group_depth(groups: list[TaskGroup], levels: list[str], depth: int) -> Iterator[Problem]:
    inner = depth == len(levels) - 1
    for group in groups:
        if inner and (group.groups is not None or group.tasks is None):
            where, field = _at(group, "groups" if group.groups is not None else "title")
            yield Problem(
                where, field,
                f'expected tasks ({levels[-1]}) under "tasks:" in this {levels[depth - 1]}',
                f"the plan's levels are {' / '.join(levels)}",
            )
        elif not inner and (group.tasks is not None or group.groups is None):
            where, field = _at(group, "tasks" if group.tasks is not None else "title")
            yield Problem(
                where, field,
                f'expected groups ({levels[depth]}) under "groups:" in this {levels[depth - 1]}',
                f"the plan's levels are {' / '.join(levels)}",
            )
        else:
            yield from _group_depth(group.groups or [], levels, depth + 1)


def _tasks(plan: Plan, progress: ProgressPlan, index: IndicatorIndex | None) -> Iterator[Problem]:
    placed = progress.tasks()
    yield from _duplicates([p.task for p in placed], "id", "task id")
    roles = sorted(r.id for r in progress.config.owner_roles)
    groups = {id(g): g for p in placed for g in p.groups}
    holders: list[Task | TaskGroup] = [*groups.values(), *(p.task for p in placed)]
    for holder in holders:
        for role in holder.owners:
            if role not in roles:
                where, field = _at(holder, "owners", role)
                yield Problem(
                    where, field, f'unknown owner role "{role}"',
                    suggest_known(role, roles)
                    or f"the plan's owner_roles are: {', '.join(roles) or 'none'}",
                )
    for task in (p.task for p in placed):
        yield from _task_references(plan, task, index)


def _task_references(plan: Plan, task: Task, index: IndicatorIndex | None) -> Iterator[Problem]:
    codes = sorted(d.code for d in plan.directorates)
    for i, code in enumerate(task.directorates):
        if code not in codes:
            where, field = _at(task, "directorates", i)
            yield Problem(where, field, f'unknown directorate "{code}" (known: {", ".join(codes)})')
    for i, outcome_id in enumerate(task.outcomes):
        if plan.outcome(outcome_id) is None:
            where, field = _at(task, "outcomes", i)
            yield Problem(
                where, field, f'no outcome has the id "{outcome_id}"',
                suggest_known(outcome_id, plan.outcome_ids()) or "outcome ids are in content/themes/*.yaml",
            )
    priorities = sorted(f"{t.id}/{p.letter}" for t in plan.themes for p in t.priorities)
    for i, ref in enumerate(task.priorities):
        if ref not in priorities:
            where, field = _at(task, "priorities", i)
            yield Problem(
                where, field, f'no priority "{ref}" in the plan',
                suggest_known(ref, priorities) or "write <theme-id>/<letter>, e.g. environment/A",
            )
    if index is not None:  # codes are checked only once there is a catalogue to check them by
        for i, code in enumerate(task.indicators):
            if resolve_code(index, code) is None:
                where, field = _at(task, "indicators", i)
                yield Problem(
                    where, field, f'indicator code "{code}" names no indicator in the catalogue',
                    "write one code as the catalogue has it (e.g. BVPI 12), or add the indicator "
                    "to content/indicators/indicators.yaml; until then it is shown without a link",
                    Severity.WARNING, kind="indicator",
                )


def _updates(progress: ProgressPlan) -> Iterator[Problem]:
    periods = [p.id for p in progress.config.periods]
    tasks = sorted(p.id for p in progress.tasks())
    statuses = [s.id for s in progress.config.status_key]
    for period_id, file in progress.updates.items():
        shown = progress.update_files[period_id]
        if period_id not in periods:
            yield Problem(
                Location(shown), "", f'"{period_id}" is not a period of the plan',
                suggest_known(period_id, periods)
                or f"name the file after a period id in plan.yaml ({', '.join(periods)})",
            )
        seen: dict[str, Location] = {}
        for update in file.updates:
            where, field = _at(update, "task")
            if update.task not in tasks:
                yield Problem(
                    where, field, f'no task has the id "{update.task}"',
                    suggest_known(update.task, tasks) or "task ids are in tasks.yaml",
                )
            elif update.task in seen:
                yield Problem(
                    where, field, f'task "{update.task}" is already updated at {seen[update.task]}',
                    "give each task one entry per period",
                )
            seen.setdefault(update.task, where)
            if update.status is not None and update.status not in statuses:
                where, field = _at(update, "status")
                yield Problem(
                    where, field,
                    f'expected a status from the plan\'s key ({", ".join(statuses)}), '
                    f'found "{update.status}"',
                    suggest_known(update.status, statuses)
                    or "leave status out if the report gives none",
                )


def _stated(progress: ProgressPlan) -> Iterator[Problem]:
    periods = [p.id for p in progress.config.periods]
    tasks = sorted(p.id for p in progress.tasks())
    statuses = [s.id for s in progress.config.status_key]
    for stated in progress.config.stated_totals:
        wrong = False
        if stated.period not in periods:
            wrong = True
            where, field = _at(stated, "period")
            yield Problem(
                where, field, f'"{stated.period}" is not a period of the plan',
                suggest_known(stated.period, periods),
            )
        for status_id in stated.statuses:
            if status_id not in statuses:
                wrong = True
                where, field = _at(stated, "statuses", status_id)
                yield Problem(
                    where, field, f'"{status_id}" is not a status of the plan\'s key',
                    suggest_known(status_id, statuses),
                )
        for i, task_id in enumerate(stated.tasks):
            if task_id not in tasks:
                wrong = True
                where, field = _at(stated, "tasks", i)
                yield Problem(
                    where, field, f'no task has the id "{task_id}"', suggest_known(task_id, tasks)
                )
        if wrong:
            continue
        for disagreement in stated_check(progress, stated).disagreements:
            where, field = _at(stated, "total")
            yield Problem(
                where, field, f"the stated total and the tasks disagree: {disagreement}",
                "compare the tasks' statuses with the source's words; the report shows both",
                Severity.WARNING, kind="arithmetic",
            )


def _markers(plan: Plan) -> Iterator[Problem]:
    known = sorted(p.id for p in plan.progress)
    first: dict[str, Location] = {}
    for section in plan.sections:
        for marker in scan_markers(section):
            match = PROGRESS_MARKER.match(marker.text)
            if match is None:
                continue
            plan_id = match["id"]
            if plan_id not in known:
                yield Problem(
                    marker.location, "body", f'unknown progress plan "{plan_id}"',
                    suggest_known(plan_id, known)
                    or "a progress plan is a folder in content/progress/; its id is the folder's name",
                )
            elif plan_id in first:
                yield Problem(
                    marker.location, "body",
                    f'progress plan "{plan_id}" is already placed at {first[plan_id]}',
                    "place each plan's table once; link to it from other places instead",
                )
            first.setdefault(plan_id, marker.location)
