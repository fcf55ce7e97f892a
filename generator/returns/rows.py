"""What a return holds, worked out from the plan: one row per indicator and per task.

The rows are plain text, the same for the workbook and the CSV files. The fingerprint covers
what a return's rows are checked against (ids, units, status keys), so that a template made
before the catalogue changed is recognised as stale when it comes back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from generator.derive.citations import indicator_index
from generator.model.indicators import Indicator, PeriodRow
from generator.model.plan import Plan
from generator.model.progress import PlacedTask, ProgressPlan


@dataclass(frozen=True)
class ReturnPeriod:
    """The period a return is for: its label as reports name it, and its last day."""

    label: str
    ends: dt.date

    @property
    def progress_id(self) -> str:
        """The id of a progress plan's period ending then (its update file's name), e.g. 2004-06."""
        return f"{self.ends:%Y-%m}"


@dataclass(frozen=True)
class ReturnRows:
    """The rows of one return: indicators and tasks as text, and each plan's status labels."""

    indicators: tuple[tuple[str, ...], ...]
    tasks: tuple[tuple[str, ...], ...]
    status_labels: dict[str, tuple[str, ...]]
    """Each plan's status labels in the order of its key, by plan id (plans with a task here)."""
    fingerprint: str


def matching_row(indicator: Indicator, period: ReturnPeriod) -> PeriodRow | None:
    """The indicator's row for this period: the same label, else the same end date."""
    same_label = [r for r in indicator.rows if r.period == period.label]
    same_date = [r for r in indicator.rows if r.date == period.ends]
    found = same_label or same_date
    return found[0] if found else None


def indicator_directorates(plan: Plan) -> dict[str, set[str]]:
    """Each indicator's directorates: its owner, else the leads of the outcomes citing it."""
    found: dict[str, set[str]] = {}
    if plan.indicators is None:
        return found
    citations = indicator_index(plan).citations
    for indicator in plan.indicators.indicators:
        if indicator.spec.owner is not None:
            found[indicator.id] = {indicator.spec.owner}
            continue
        found[indicator.id] = {
            code
            for citation in citations.get(indicator.id, [])
            if isinstance(citation.outcome.lead_directorates, list)
            for code in citation.outcome.lead_directorates
        }
    return found


def task_directorates(plan: Plan, task: PlacedTask) -> set[str]:
    """A task's directorates: its own, else the leads of the outcomes it serves."""
    if task.task.directorates:
        return set(task.task.directorates)
    leads: set[str] = set()
    for outcome_id in task.task.outcomes:
        outcome = plan.outcome(outcome_id)
        if outcome is not None and isinstance(outcome.lead_directorates, list):
            leads.update(outcome.lead_directorates)
    return leads


def return_rows(plan: Plan, period: ReturnPeriod, directorate: str | None) -> ReturnRows:
    """The rows of a return for ``period``, only ``directorate``'s when one is given."""
    indicators: list[tuple[str, ...]] = []
    owners = indicator_directorates(plan)
    for indicator in plan.indicators.indicators if plan.indicators else ():
        if directorate is None or directorate in owners.get(indicator.id, set()):
            indicators.append(_indicator_row(indicator, period))
    tasks: list[tuple[str, ...]] = []
    labels: dict[str, tuple[str, ...]] = {}
    for progress in plan.progress:
        for task in progress.tasks():
            if directorate is None or directorate in task_directorates(plan, task):
                tasks.append(_task_row(progress, task, period))
                labels[progress.id] = tuple(s.label for s in progress.config.status_key)
    return ReturnRows(tuple(indicators), tuple(tasks), labels, fingerprint(plan, indicators, tasks))


def _indicator_row(indicator: Indicator, period: ReturnPeriod) -> tuple[str, ...]:
    spec = indicator.spec
    latest = next((r for r in reversed(indicator.rows) if r.actual.given), None)
    own = matching_row(indicator, period)
    target = own.target.text if own is not None and own.target.given else ""
    return (
        indicator.id,
        spec.label if spec.code is not None else "",
        spec.title or "",
        spec.unit or "",
        spec.polarity or "",
        latest.actual.text if latest else "",
        latest.period if latest else "",
        target,
        "",
        "",
        "",
    )


def _task_row(progress: ProgressPlan, task: PlacedTask, period: ReturnPeriod) -> tuple[str, ...]:
    earlier = [p for p in progress.config.periods if p.end < period.ends]
    status = progress.status_as_of(task.id, earlier[-1]) if earlier else None
    owners: list[str] = []
    for role in progress.config.owner_roles:
        names = task.owners(role.id)
        if isinstance(names, list):
            owners.append(f"{role.label}: {', '.join(names)}")
    owners.extend(task.task.directorates)
    title = task.task.title if isinstance(task.task.title, str) else ""
    return (progress.id, task.id, title, "; ".join(owners), status.label if status else "", "", "", "")


def fingerprint(plan: Plan, indicators: list[tuple[str, ...]], tasks: list[tuple[str, ...]]) -> str:
    """A short hash of what the return's rows are checked against: ids, units, polarities, keys."""
    keys = {p.id: [(s.id, s.label) for s in p.config.status_key] for p in plan.progress}
    facts = {
        "indicators": [row[:5] for row in indicators],
        "tasks": [row[:2] for row in tasks],
        "status keys": {row[0]: keys[row[0]] for row in tasks},
    }
    text = json.dumps(facts, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
