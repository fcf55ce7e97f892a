"""The typed model of progress tracking: plans of tasks, their owners, and status updates.

A progress plan lives in its own folder, ``content/progress/<plan-id>/``:

- ``plan.yaml`` (:class:`ProgressPlanFile`): what the plan is, the names of its levels
  ("Priority area / Task", "Work area"), its owner roles, its status key, its reporting
  periods, and any totals its source states without naming the tasks behind them;
- ``tasks.yaml`` (:class:`TasksFile`): the tasks, nested in groups as deep as the levels say;
- ``updates/<period-id>.yaml`` (:class:`UpdatesFile`): one file per reporting period, holding
  each task's status and the progress reported for it in that period.

Everything a report shows (counts, changes, what is overdue) is computed from these files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.model.base import (
    DirectorateCode,
    Gap,
    Id,
    IsoDate,
    Line,
    Model,
    Section,
    Sentence,
    Text,
    TextList,
)
from generator.model.programme import FamilyFields

StatusMeaning = Literal["done", "underway", "outstanding", "not-started"]
"""What a plan's own status label means, so that reports can count and compare across plans."""

PriorityRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[A-Z]$"),
    Field(description="A BVPP priority as `<theme-id>/<letter>`, e.g. `environment/A`."),
]
Owners = Annotated[
    dict[Id, Annotated[list[Line], Field(min_length=1)] | Gap],
    Field(
        description=(
            "Owners by role id (from the plan's owner_roles): a list of names or initials as "
            "published, or a gap ('missing: …') where the source leaves the cell blank."
        )
    ),
]


class StatusLabel(Model):
    """One entry of a plan's status key: its label in the plan's words and what it means."""

    id: Id = Field(description="The status's id, used in update files, e.g. `achieved`.")
    label: Line = Field(description="The key's words, e.g. `Task achieved by target date`.")
    means: StatusMeaning = Field(
        description=(
            "`done`, `underway`, `outstanding` (not done and behind) or `not-started`: decides "
            "the status's icon and how reports count it."
        )
    )


class OwnerRole(Model):
    """A kind of owner the plan names for each task, e.g. the chief officer responsible."""

    id: Id = Field(description="The role's id, used under `owners:` in tasks.yaml.")
    label: Line = Field(description="The source's column heading, e.g. `Chief Officer Responsible`.")


class Period(Model):
    """A reporting period: progress is reported per period, and 'overdue' is judged at its end."""

    id: Id = Field(description="The period's id and its update file's name, e.g. `2003-09`.")
    title: Line = Field(description="How reports name it, e.g. `September 2003`.")
    end: IsoDate = Field(description="The last day the period covers; due dates are compared with it.")
    source: Line | None = Field(
        default=None, description="The report the period's progress comes from, as the source names it."
    )
    notes: list[Line] = Field(
        default_factory=list, description="Other statements the period's report makes, word for word."
    )


class StatedTotal(Model):
    """A count the source states for a period without naming every task it counts."""

    period: Id = Field(description="The period the count was stated in.")
    scope: Line = Field(description="What is counted, in the source's words.")
    words: Sentence
    total: Annotated[int, Field(ge=0)] | Gap = Field(
        description="How many in all, or a gap with the source's words when it gives no number."
    )
    statuses: dict[Id, Annotated[int, Field(ge=0)]] = Field(
        default_factory=dict,
        description="How many the source says have each status (status id: count).",
    )
    tasks: list[Id] = Field(
        default_factory=list, description="The tasks of this data that the count covers."
    )


class TableHeadings(Model):
    """Column headings for the plan's summary table, where the plan has its own words."""

    group: Line | None = Field(default=None, description="Heading of the first level's column.")
    task: Line | None = Field(default=None, description="Heading of the task column.")
    progress: Line = Field(default="Progress", description="Heading of the progress column.")
    status: Line = Field(default="Status", description="Heading of the status column.")
    next_actions: Line | None = Field(
        default=None, description="Heading of the next-actions column; leave out to omit it."
    )


class ProgressPlanFile(FamilyFields):
    """`content/progress/<plan-id>/plan.yaml`: a progress plan's name, levels, status key and periods.

    A programme or a board's report adds its record and data (:class:`FamilyFields`) and may
    have no periods yet: its reports are still to come.
    """

    title: Line = Field(description="The plan's name, e.g. `CPA/IDeA Improvement Plan`.")
    source: Line = Field(description="The document the plan and its progress come from.")
    about: list[Line] = Field(
        default_factory=list, description="What the source says the plan is, one paragraph each."
    )
    levels: Annotated[list[Line], Field(min_length=1, max_length=4)] = Field(
        description=(
            "The names of the plan's levels, outermost first, the tasks' own level last: "
            "e.g. `[Priority area, Task]` or `[Work area]`."
        )
    )
    owner_roles: list[OwnerRole] = Field(
        default_factory=list, description="The kinds of owner the plan names, in column order."
    )
    status_key: list[StatusLabel] = Field(
        default_factory=list,
        description=(
            "The statuses a task can have, in the order the key lists them (a plan with periods needs one)."
        ),
    )
    periods: list[Period] = Field(
        default_factory=list,
        description="The reporting periods, oldest first (a plan of kind `plan` needs one).",
    )
    headings: TableHeadings = Field(
        default_factory=TableHeadings, description="Column headings for the plan's summary table."
    )
    stated_totals: list[StatedTotal] = Field(
        default_factory=list, description="Counts the source states without naming every task."
    )
    notes: list[Line] = Field(
        default_factory=list, description="How the plan was transcribed from its source."
    )


class Flagship(Model):
    """A flagship action's SMART terms: what is measured, the target, and by when."""

    measure: Line = Field(description="What is measured.")
    target: Line = Field(description="The target, as the plan states it.")
    date: IsoDate = Field(description="The date the target is to be met by.")


class Task(Model):
    """One task (project, action, work area) of a progress plan."""

    id: Id = Field(description="The task's id, unique within the plan; used in update files.")
    title: Text = Field(description="The task in the source's words.")
    owners: Owners = Field(default_factory=dict)
    directorates: list[DirectorateCode] = Field(
        default_factory=list, description="Codes of the directorates that lead the task."
    )
    due: IsoDate | None = Field(default=None, description="The date the task is due by.")
    due_as_stated: Line | None = Field(
        default=None, description="The due date in the source's words, e.g. `during 2006`."
    )
    flagship: Flagship | None = Field(
        default=None, description="Set for a flagship action: its SMART measure, target and date."
    )
    indicators: list[Line] = Field(
        default_factory=list, description="Codes of performance indicators the task affects, e.g. `BVPI 12`."
    )
    outcomes: list[Id] = Field(
        default_factory=list, description="Ids of BVPP outcomes the task serves."
    )
    priorities: list[PriorityRef] = Field(
        default_factory=list, description="BVPP priorities the task serves, as `<theme-id>/<letter>`."
    )
    note: Line | None = Field(
        default=None, description="An editor's note on how the task was read from the source."
    )


class TaskGroup(Model):
    """A group of tasks at one of the plan's outer levels (e.g. a priority area)."""

    title: Text = Field(description="The group's name in the source's words.")
    owners: Owners = Field(default_factory=dict)
    note: Line | None = Field(default=None, description="An editor's note on the group.")
    groups: list[TaskGroup] | None = Field(
        default=None, description="The groups of the next level down (when there is one)."
    )
    tasks: list[Task] | None = Field(
        default=None, description="The tasks, when the next level down is the tasks' own."
    )


class TasksFile(Model):
    """`content/progress/<plan-id>/tasks.yaml`: the plan's tasks, in groups as its levels say."""

    groups: list[TaskGroup] | None = Field(
        default=None, description="The groups of the outermost level (plans with two or more levels)."
    )
    tasks: list[Task] | None = Field(
        default=None, description="The tasks (plans whose only level is the tasks')."
    )


class StatusUpdate(Model):
    """What a period's report says about one task."""

    task: Id = Field(description="The task's id from tasks.yaml.")
    status: Id | None = Field(
        default=None, description="A status id from the plan's key; leave out if the report gives none."
    )
    progress: TextList | None = Field(
        default=None,
        description="The progress reported (and the reasons given), one entry per paragraph; "
        "*words between asterisks* are emphasised.",
    )
    next_actions: TextList | None = Field(
        default=None, description="Actions planned for the next period, one entry per paragraph."
    )
    note: Line | None = Field(default=None, description="An editor's note on the transcription.")


class UpdatesFile(Model):
    """`content/progress/<plan-id>/updates/<period-id>.yaml`: the status updates of one period."""

    updates: list[StatusUpdate] = Field(description="One entry per task the period reports on.")


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

    document: Section | None = None
    """The source's prose, word for word (``document.md``), for a programme or a report."""

    @property
    def title(self) -> str:
        """The plan's name."""
        return self.config.title

    def first_date(self) -> date:
        """The plan's earliest date: its document's, else its first period's end."""
        dates = [p.end for p in self.config.periods[:1]]
        if self.config.record is not None:
            dates.append(self.config.record.date)
        return min(dates) if dates else date.max

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
