"""Progress plans: their files loaded into one located :class:`ProgressPlan` each, and queries.

Loading follows :mod:`generator.load`: each YAML file is parsed strictly and validated against
its model in :mod:`generator.progress_models`; problems come back as values, all of them.
Rules that need a whole plan (a task named in an update exists, a status is in the key) are
:mod:`generator.progress_rules`' job. The queries here (a task's update in a period, its
latest status) are what every report and page is computed from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.load import ContentLayout, load_yaml_file
from generator.models import ID_PATTERN, Gap
from generator.problems import Location, Problem, Severity
from generator.progress_models import (
    Period,
    ProgressPlanFile,
    StatusLabel,
    StatusUpdate,
    Task,
    TaskGroup,
    TasksFile,
    UpdatesFile,
)

FOLDER = "progress"
"""The content folder holding one folder per progress plan."""


@dataclass(frozen=True)
class PlacedTask:
    """A task with the groups it sits in, outermost first."""

    task: Task
    groups: tuple[TaskGroup, ...]

    @property
    def id(self) -> str:
        """The task's id."""
        return self.task.id

    def owners(self, role: str) -> list[str] | Gap | None:
        """The task's owners in a role: its own, else its nearest group's, else None."""
        holders: list[Task | TaskGroup] = [self.task, *reversed(self.groups)]
        for holder in holders:
            if role in holder.owners:
                return holder.owners[role]
        return None


@dataclass(frozen=True)
class ProgressPlan:
    """One progress plan: its settings, its tasks and its updates by period."""

    id: str
    folder: str
    """The plan's folder as shown in messages, e.g. ``content/progress/hsp-work-plan``."""
    config: ProgressPlanFile
    tasks_file: TasksFile
    updates: dict[str, UpdatesFile] = field(default_factory=dict)
    """Update files by period id (periods without a file have no updates)."""
    update_files: dict[str, str] = field(default_factory=dict)
    """Each update file's path as shown in messages, by period id."""

    @property
    def title(self) -> str:
        """The plan's name."""
        return self.config.title

    def tasks(self) -> list[PlacedTask]:
        """Every task in plan order, with its groups."""
        return list(self._tasks)

    @cached_property
    def _tasks(self) -> tuple[PlacedTask, ...]:
        found: list[PlacedTask] = []

        def walk(groups: list[TaskGroup], above: tuple[TaskGroup, ...]) -> None:
            for group in groups:
                inside = (*above, group)
                walk(group.groups or [], inside)
                found.extend(PlacedTask(task, inside) for task in group.tasks or [])

        walk(self.tasks_file.groups or [], ())
        found.extend(PlacedTask(task, ()) for task in self.tasks_file.tasks or [])
        return tuple(found)

    @cached_property
    def _updates_by_task(self) -> dict[str, dict[str, StatusUpdate]]:
        """Each period's updates by task id (the first, where a task is updated twice)."""
        return {
            period_id: {u.task: u for u in reversed(file.updates)}
            for period_id, file in self.updates.items()
        }

    def task(self, task_id: str) -> PlacedTask | None:
        """The task with this id, if there is one."""
        return next((t for t in self.tasks() if t.id == task_id), None)

    def period(self, period_id: str) -> Period | None:
        """The period with this id, if there is one."""
        return next((p for p in self.config.periods if p.id == period_id), None)

    def previous(self, period: Period) -> Period | None:
        """The period before this one, if any."""
        ids = [p.id for p in self.config.periods]
        index = ids.index(period.id)
        return self.config.periods[index - 1] if index > 0 else None

    def status(self, status_id: str | None) -> StatusLabel | None:
        """The key entry for a status id (None for none or an unknown id)."""
        return next((s for s in self.config.status_key if s.id == status_id), None)

    def update(self, task_id: str, period_id: str) -> StatusUpdate | None:
        """What the period's report says about the task, if it says anything."""
        return self._updates_by_task.get(period_id, {}).get(task_id)

    def latest(self, task_id: str, upto: Period | None = None) -> tuple[Period, StatusUpdate] | None:
        """The task's most recent update (up to and including ``upto``), and its period."""
        periods = self.config.periods
        if upto is not None:
            periods = periods[: [p.id for p in periods].index(upto.id) + 1]
        for period in reversed(periods):
            found = self.update(task_id, period.id)
            if found is not None:
                return period, found
        return None

    def status_as_of(self, task_id: str, period: Period) -> StatusLabel | None:
        """The task's last reported status up to the end of ``period`` (None if never given)."""
        periods = self.config.periods[: [p.id for p in self.config.periods].index(period.id) + 1]
        for earlier in reversed(periods):
            found = self.update(task_id, earlier.id)
            if found is not None and found.status is not None:
                return self.status(found.status)
        return None


def load_progress(layout: ContentLayout) -> tuple[list[ProgressPlan], list[Problem]]:
    """Every plan under ``content/progress/``; the plans that loaded, and every problem."""
    root = layout.root / FOLDER
    if not root.is_dir():
        return [], []
    plans: list[ProgressPlan] = []
    problems: list[Problem] = []
    for folder in layout.listing(root, "*"):
        if not folder.is_dir():
            problems.append(_not_read(layout, folder, "put each plan in its own folder"))
            continue
        plan = _load_plan(layout, folder, problems)
        if plan is not None:
            plans.append(plan)
    plans.sort(key=lambda p: (p.config.periods[0].end, p.id))
    return plans, problems


def _load_plan(layout: ContentLayout, folder: Path, problems: list[Problem]) -> ProgressPlan | None:
    shown = layout.display(folder)
    if not re.fullmatch(ID_PATTERN, folder.name):
        problems.append(
            Problem(
                Location(shown),
                "",
                f'expected a plan id as the folder name, found "{folder.name}"',
                "the folder name is the plan's web address: lower-case letters, digits and "
                "single hyphens",
            )
        )
        return None
    before = len(problems)
    config = load_yaml_file(layout, folder / "plan.yaml", ProgressPlanFile, problems)
    tasks = load_yaml_file(layout, folder / "tasks.yaml", TasksFile, problems)
    updates: dict[str, UpdatesFile] = {}
    files: dict[str, str] = {}
    for path in layout.listing(folder / "updates", "*"):
        if path.suffix != ".yaml" or not path.is_file():
            problems.append(_not_read(layout, path, "update files are YAML: <period-id>.yaml"))
            continue
        loaded = load_yaml_file(layout, path, UpdatesFile, problems)
        if loaded is not None:
            updates[path.stem] = loaded
            files[path.stem] = layout.display(path)
    for path in layout.listing(folder, "*"):
        if path.name not in {"plan.yaml", "tasks.yaml", "updates"}:
            problems.append(
                _not_read(layout, path, "a plan folder holds plan.yaml, tasks.yaml and updates/")
            )
    failed = any(p.severity is Severity.ERROR for p in problems[before:])
    if config is None or tasks is None or failed:
        return None
    return ProgressPlan(folder.name, shown, config, tasks, updates, files)


def _not_read(layout: ContentLayout, path: Path, hint: str) -> Problem:
    return Problem(
        Location(layout.display(path)),
        "",
        "this file is not read, so it is not published",
        hint,
        Severity.WARNING,
        kind="progress",
    )
