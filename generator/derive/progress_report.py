"""What a progress report says, computed from the data and nothing else.

For one plan and one reporting period: each task's state in the period, the counts by status,
the outstanding items with the reasons given, what changed since the previous period, what is
overdue at the period's end (never at today's date), the totals the source states beside the
tasks the data names, and the linked indicators. Pages and rules both read these values, so a
count on one page cannot disagree with another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model.base import Gap
from generator.model.progress import Period, PlacedTask, ProgressPlan, StatedTotal, StatusLabel, StatusUpdate

NO_STATUS = "no-status"
"""The state of a task whose update gives progress but no status."""
NOT_REPORTED = "not-reported"
"""The state of a task the period's report says nothing about."""


@dataclass(frozen=True)
class TaskState:
    """A task as one period's report leaves it."""

    placed: PlacedTask
    update: StatusUpdate | None
    status: StatusLabel | None

    @property
    def state(self) -> str:
        """The status id, or :data:`NO_STATUS` / :data:`NOT_REPORTED`."""
        if self.status is not None:
            return self.status.id
        return NO_STATUS if self.update is not None else NOT_REPORTED


@dataclass(frozen=True)
class StatusCount:
    """How many tasks a period leaves in one state."""

    state: str
    label: str
    means: str
    count: int


@dataclass(frozen=True)
class Change:
    """A task whose state differs from the previous period's."""

    placed: PlacedTask
    before: TaskState
    after: TaskState


@dataclass(frozen=True)
class Overdue:
    """A task due before the period's end and not done by then."""

    state: TaskState
    due: dt.date
    last_status: StatusLabel | None


@dataclass(frozen=True)
class StatedRow:
    """One line of a stated total: what the source states and how many named tasks match."""

    label: str
    stated: int | None
    named: int


@dataclass(frozen=True)
class StatedCheck:
    """A total the source states, set beside the tasks the data names."""

    stated: StatedTotal
    rows: tuple[StatedRow, ...]
    named: int
    unnamed: int | None
    """How many the source counts but does not name (None when it gives no total)."""
    disagreements: tuple[str, ...]


@dataclass(frozen=True)
class PeriodReport:
    """Everything a period's progress report shows."""

    plan: ProgressPlan
    period: Period
    previous: Period | None
    states: tuple[TaskState, ...]
    counts: tuple[StatusCount, ...]
    outstanding: tuple[TaskState, ...]
    changes: tuple[Change, ...]
    overdue: tuple[Overdue, ...]
    undated: int
    """Tasks with no due date, which can never show as overdue."""
    stated: tuple[StatedCheck, ...]

    @property
    def reported(self) -> int:
        """How many tasks the period's report says something about."""
        return sum(1 for s in self.states if s.update is not None)


def task_state(plan: ProgressPlan, placed: PlacedTask, period: Period) -> TaskState:
    """The task's update and status in one period."""
    update = plan.update(placed.id, period.id)
    return TaskState(placed, update, plan.status(update.status) if update else None)


def state_label(state: str, plan: ProgressPlan) -> tuple[str, str]:
    """The words and meaning for a state: the key's label, or the two states outside the key."""
    if state == NO_STATUS:
        return "No status reported", "none"
    if state == NOT_REPORTED:
        return "Not yet reported", "unreported"
    status = plan.status(state)
    return (status.label, status.means) if status else (state, "none")


def period_report(plan: ProgressPlan, period: Period) -> PeriodReport:
    """The report for one period of a plan."""
    states = tuple(task_state(plan, placed, period) for placed in plan.tasks())
    previous = plan.previous(period)
    changes: list[Change] = []
    if previous is not None:
        for state in states:
            before = task_state(plan, state.placed, previous)
            if before.state != state.state:
                changes.append(Change(state.placed, before, state))
    overdue = []
    for state in states:
        due = state.placed.task.due
        last = plan.status_as_of(state.placed.id, period)
        if due is not None and due < period.end and (last is None or last.means != "done"):
            overdue.append(Overdue(state, due, last))
    return PeriodReport(
        plan=plan,
        period=period,
        previous=previous,
        states=states,
        counts=_counts(plan, states),
        outstanding=tuple(s for s in states if s.status is not None and s.status.means == "outstanding"),
        changes=tuple(changes),
        overdue=tuple(overdue),
        undated=sum(1 for s in states if s.placed.task.due is None),
        stated=tuple(stated_check(plan, t) for t in plan.config.stated_totals if t.period == period.id),
    )


def _counts(plan: ProgressPlan, states: tuple[TaskState, ...]) -> tuple[StatusCount, ...]:
    order = [s.id for s in plan.config.status_key] + [NO_STATUS, NOT_REPORTED]
    tally = {state: 0 for state in order}
    for state in states:
        tally[state.state] = tally.get(state.state, 0) + 1
    return tuple(
        StatusCount(state, *state_label(state, plan), count)
        for state, count in tally.items()
        if count or state in {s.id for s in plan.config.status_key}
    )


def stated_check(plan: ProgressPlan, stated: StatedTotal) -> StatedCheck:
    """A stated total beside the named tasks' statuses in its period, and any disagreement."""
    period = plan.period(stated.period)
    named_statuses: list[StatusLabel | None] = [
        plan.status_as_of(task_id, period) if period else None for task_id in stated.tasks
    ]
    rows: list[StatedRow] = []
    problems: list[str] = []
    total = stated.total if isinstance(stated.total, int) else None
    rows.append(StatedRow("In all", total, len(stated.tasks)))
    for status_id, count in stated.statuses.items():
        named = sum(1 for s in named_statuses if s is not None and s.id == status_id)
        label = state_label(status_id, plan)[0]
        rows.append(StatedRow(label, count, named))
        if named > count:
            problems.append(
                f"the source states {count} {label.lower()}, but {named} of the named tasks have "
                "that status"
            )
    unnamed = None
    if total is not None:
        rest = total - sum(stated.statuses.values())
        others = sum(1 for s in named_statuses if s is None or s.id not in stated.statuses)
        if stated.statuses and rest >= 0:
            labels = " or ".join(state_label(i, plan)[0].lower() for i in stated.statuses)
            rows.append(StatedRow(f"Not {labels}", rest, others))
        if rest < 0:
            problems.append(f"the stated counts add up to {total - rest}, more than the total {total}")
        elif others > rest:
            problems.append(
                f"{others} named tasks have another status, but the stated counts leave only {rest}"
            )
        unnamed = total - len(stated.tasks)
        if unnamed < 0:
            problems.append(f"{len(stated.tasks)} tasks are named, more than the total {total}")
    return StatedCheck(stated, tuple(rows), len(stated.tasks), unnamed, tuple(problems))


def stated_words(stated: StatedTotal) -> str | None:
    """The source's words for a total it does not give as a number (None when it does)."""
    return stated.total.missing if isinstance(stated.total, Gap) else None


def latest_state(plan: ProgressPlan, placed: PlacedTask) -> TaskState:
    """The task as its most recent update leaves it (not reported at all: no update)."""
    found = plan.latest(placed.id)
    if found is None:
        return TaskState(placed, None, None)
    update = found[1]
    return TaskState(placed, update, plan.status(update.status))
