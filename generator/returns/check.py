"""Check a return against the plan: every cell, all problems at once, and what it would change.

A return is refused whole when any problem is found: nothing of it is written. A figure for a
period that already holds a *different* published figure (or a task already updated for the
period, differently) is refused unless the import is told to replace, and then the old value is
shown beside the new. A row identical to what is published changes nothing, so importing the
same return twice is harmless.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from generator.core.figures import parse_figure
from generator.core.problems import FirstGiven, Location, Problem, suggest_known
from generator.model.indicators import Indicator, PeriodRow
from generator.model.plan import Plan
from generator.model.progress import ProgressPlan, StatusUpdate
from generator.returns.layout import FORMAT, INDICATORS, TASKS, position
from generator.returns.read import Cell, ReturnFile
from generator.returns.rows import ReturnPeriod, matching_row, return_rows

REPLACE_HINT = "check with the directorate; to overwrite what is published, import again with --replace"
TEMPLATE_HINT = "make a new template with 'bvpp returns template' and copy the return's entries into it"


@dataclass(frozen=True)
class FigureChange:
    """An indicator's actual for the period, to add (``old`` None) or to replace."""

    indicator: str
    label: str
    period: str
    actual: str
    note: str
    source: str
    row: PeriodRow | None
    """The published row for the period this figure goes into, if there is one."""
    old: str | None = None


@dataclass(frozen=True)
class TaskChange:
    """A task's update for the period, to add (``old`` None) or to replace."""

    plan: str
    update: StatusUpdate
    old: StatusUpdate | None = None


@dataclass
class Changes:
    """What a return would change, and how many of its rows are already published as they are."""

    period: ReturnPeriod
    directorate: str
    figures: list[FigureChange] = field(default_factory=list)
    tasks: list[TaskChange] = field(default_factory=list)
    unchanged: int = 0


def check_return(plan: Plan, found: ReturnFile, replace: bool) -> tuple[Changes | None, list[Problem]]:
    """What the return changes, or the problems that stop it (all of them)."""
    problems: list[Problem] = []
    period, directorate = _about(plan, found, problems)
    if period is None:
        return None, problems
    changes = Changes(period, directorate)
    _indicators(plan, found.sheets.get(INDICATORS, []), changes, replace, problems)
    _tasks(plan, found.sheets.get(TASKS, []), changes, replace, problems)
    return (None if problems else changes), problems


def _about(plan: Plan, found: ReturnFile, problems: list[Problem]) -> tuple[ReturnPeriod | None, str]:
    about = found.about
    where = Location(found.name)
    form, form_at = about.get("format", ("", where))
    if form != FORMAT:
        wrong = f'expected a return of the format "{FORMAT}", found "{form}"'
        problems.append(_remake(form_at, "format", wrong))
        return None, ""
    label, _ = about.get("period", ("", where))
    ends_text, ends_at = about.get("ends", ("", where))
    try:
        period = ReturnPeriod(label, dt.date.fromisoformat(ends_text))
    except ValueError:
        wrong = f'expected the period\'s end as YYYY-MM-DD, found "{ends_text}"'
        problems.append(_remake(ends_at, "ends", wrong))
        return None, ""
    directorate, _ = about.get("directorate", ("", where))
    mark, mark_at = about.get("fingerprint", ("", where))
    now = return_rows(plan, period, directorate or None).fingerprint
    if mark != now:
        problems.append(
            _remake(
                mark_at,
                "fingerprint",
                "this return was made for indicators, tasks or status keys that have changed "
                "since: it is stale",
                kind="stale",
            )
        )
    return period, directorate


def _remake(where: Location, field: str, message: str, kind: str = "content") -> Problem:
    """A problem only a new template cures: the return is of another format, period or plan."""
    return Problem(where, field, message, TEMPLATE_HINT, kind=kind)


def _cell(row: list[Cell], sheet: str, heading: str) -> Cell:
    return row[position(sheet, heading)]


def _unknown(cell: Cell, heading: str, expected: str, known: list[str]) -> Problem:
    """A key cell that names nothing the plan has, with the nearest name it does have."""
    return Problem(
        cell.location,
        heading,
        f'expected {expected}, found "{cell.text}"',
        suggest_known(cell.text, known) or TEMPLATE_HINT,
    )


def _invisible(row: list[Cell], sheet: str, headings: tuple[str, ...], problems: list[Problem]) -> bool:
    """Whether a text cell of the row holds an invisible character (the first such cell is reported)."""
    return any(_invisible_in(_cell(row, sheet, heading), heading, problems) for heading in headings)


def _invisible_in(cell: Cell, heading: str, problems: list[Problem]) -> bool:
    bad = next(
        (c for c in cell.text if c not in "\n\t" and unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"}),
        None,
    )
    if bad is not None:
        problems.append(
            Problem(
                cell.location,
                heading,
                f"expected plain text, found the invisible character U+{ord(bad):04X}",
                "retype the text, or paste it as plain text",
            )
        )
    return bad is not None


def _indicators(
    plan: Plan, rows: list[list[Cell]], changes: Changes, replace: bool, problems: list[Problem]
) -> None:
    catalogue = plan.indicators
    known = {i.id: i for i in catalogue.indicators} if catalogue else {}
    seen: FirstGiven[str, Cell] = FirstGiven()
    for row in rows:
        indicator = _indicator_of(row, known, seen, problems)
        if indicator is None or _invisible(row, INDICATORS, ("Note", "Source"), problems):
            continue
        text = _figure_text(_cell(row, INDICATORS, "Actual"), problems)
        if text is not None:
            _figure_change(plan, indicator, row, text, changes, replace, problems)


def _indicator_of(
    row: list[Cell], known: dict[str, Indicator], seen: FirstGiven[str, Cell], problems: list[Problem]
) -> Indicator | None:
    """The row's indicator: one of the plan's, given once in the return."""
    key = _cell(row, INDICATORS, "Indicator")
    indicator = known.get(key.text)
    if indicator is None:
        problems.append(_unknown(key, "Indicator", "an indicator of the plan", sorted(known)))
    elif (first := seen.earlier(key.text, key)) is not None:
        problems.append(_repeated(key, "Indicator", f"{indicator.label} is", first, "indicator"))
    else:
        return indicator
    return None


def _repeated(cell: Cell, heading: str, subject: str, first: Cell, one: str) -> Problem:
    """A return gives each indicator, and each task, in one row."""
    return Problem(
        cell.location, heading, f"{subject} already given at {first.location}", f"give each {one} one row"
    )


def _figure_text(actual: Cell, problems: list[Problem]) -> str | None:
    """The actual as published (without its %), or None when it is left empty or is not a figure."""
    figure = parse_figure(actual.text)
    if figure is None or figure.unit == "£":
        problems.append(
            Problem(
                actual.location,
                "Actual",
                f'expected a number as published (for example 48 or 48.5), found "{actual.text}"',
                "type the figure in digits; the unit belongs to the indicator, and words go in Note",
            )
        )
        return None
    return None if figure.value is None else figure.text.removesuffix("%")


def _figure_change(
    plan: Plan,
    indicator: Indicator,
    row: list[Cell],
    text: str,
    changes: Changes,
    replace: bool,
    problems: list[Problem],
) -> None:
    """Count the figure as unchanged, refuse it as a conflict, or add it to the changes."""
    published = matching_row(indicator, changes.period)
    old = _published_actual(published)
    if old == text:
        changes.unchanged += 1
    elif old is not None and published is not None and published.actual.given and not replace:
        problems.append(
            Problem(
                _cell(row, INDICATORS, "Actual").location,
                "Actual",
                f'{indicator.label} already has {old} published for "{published.period}"; '
                f"this return gives {text}",
                REPLACE_HINT,
                kind="conflict",
            )
        )
    else:
        note, source = _cell(row, INDICATORS, "Note"), _cell(row, INDICATORS, "Source")
        given = source.text or _default_source(plan, changes)
        period_label = published.period if published is not None else changes.period.label
        changes.figures.append(
            FigureChange(indicator.id, indicator.label, period_label, text, note.text, given, published, old)
        )


def _published_actual(published: PeriodRow | None) -> str | None:
    """The published actual for the period, a gap's words marked as missing; None when none."""
    if published is None or not (published.actual.given or published.actual.missing):
        return None
    text = published.actual.text
    return f"missing: {text}" if published.actual.missing else text


def _default_source(plan: Plan, changes: Changes) -> str:
    directorate = plan.directorate(changes.directorate) if changes.directorate else None
    who = f" from {directorate.name}" if directorate is not None else ""
    return f"Quarterly return for {changes.period.label}{who}"


def _tasks(
    plan: Plan, rows: list[list[Cell]], changes: Changes, replace: bool, problems: list[Problem]
) -> None:
    plans = {p.id: p for p in plan.progress}
    seen: FirstGiven[tuple[str, str], Cell] = FirstGiven()
    for row in rows:
        progress = _plan_of(row, plans, seen, problems)
        if progress is None or _invisible(row, TASKS, ("Progress", "Next actions"), problems):
            continue
        update = _status_update(row, progress, problems)
        if update is not None:
            _task_change(plan, progress, update, _cell(row, TASKS, "Status"), changes, replace, problems)
    for progress in plans.values():
        if any(c.plan == progress.id for c in changes.tasks):
            _period_fits(progress.id, plan, changes.period, problems)


def _plan_of(
    row: list[Cell],
    plans: dict[str, ProgressPlan],
    seen: FirstGiven[tuple[str, str], Cell],
    problems: list[Problem],
) -> ProgressPlan | None:
    """The progress plan of the row's task: the plan and the task exist, and the row is its only one."""
    plan_cell, task_cell = _cell(row, TASKS, "Plan"), _cell(row, TASKS, "Task")
    progress = plans.get(plan_cell.text)
    if progress is None:
        problems.append(_unknown(plan_cell, "Plan", "a progress plan", sorted(plans)))
    elif progress.task(task_cell.text) is None:
        tasks = [t.id for t in progress.tasks()]
        problems.append(_unknown(task_cell, "Task", f"a task of {progress.title}", tasks))
    elif (first := seen.earlier((progress.id, task_cell.text), task_cell)) is not None:
        problems.append(_repeated(task_cell, "Task", "this task is", first, "task"))
    else:
        return progress
    return None


def _status_update(row: list[Cell], progress: ProgressPlan, problems: list[Problem]) -> StatusUpdate | None:
    """The row's update; None when it reports nothing or names a status the plan's key lacks."""
    status, words, actions = (_cell(row, TASKS, h) for h in ("Status", "Progress", "Next actions"))
    status_id = None
    if status.text:
        entry = next((s for s in progress.config.status_key if status.text in (s.label, s.id)), None)
        if entry is None:
            labels = ", ".join(f'"{s.label}"' for s in progress.config.status_key)
            problems.append(
                Problem(
                    status.location,
                    "Status",
                    f'expected one of the statuses of {progress.title} ({labels}), found "{status.text}"',
                    "choose the status from the cell's drop-down list",
                )
            )
            return None
        status_id = entry.id
    if status_id is None and not words.text and not actions.text:
        return None  # nothing reported for this task
    return StatusUpdate(
        task=_cell(row, TASKS, "Task").text,
        status=status_id,
        progress=_paragraphs(words.text),
        next_actions=_paragraphs(actions.text),
    )


def _task_change(
    plan: Plan,
    progress: ProgressPlan,
    update: StatusUpdate,
    status: Cell,
    changes: Changes,
    replace: bool,
    problems: list[Problem],
) -> None:
    """Count the update as unchanged, refuse it as a conflict, or add it to the changes."""
    old = _published_update(plan, progress.id, changes.period, update.task)
    if old is not None and _same(old, update):
        changes.unchanged += 1
    elif old is not None and not replace:
        problems.append(
            Problem(
                status.location,
                "Status",
                f"{update.task} already has an update published for {changes.period.label}, "
                "which this return changes",
                REPLACE_HINT,
                kind="conflict",
            )
        )
    else:
        changes.tasks.append(TaskChange(progress.id, update, old))


def _paragraphs(text: str) -> list[str] | None:
    found = [line.strip() for line in text.split("\n") if line.strip()]
    return found or None


def _same(old: StatusUpdate, new: StatusUpdate) -> bool:
    return (old.status, old.progress, old.next_actions) == (new.status, new.progress, new.next_actions)


def _published_update(plan: Plan, plan_id: str, period: ReturnPeriod, task: str) -> StatusUpdate | None:
    progress = next(p for p in plan.progress if p.id == plan_id)
    own = next((p for p in progress.config.periods if p.end == period.ends), None)
    return progress.update(task, own.id) if own is not None else None


def _period_fits(plan_id: str, plan: Plan, period: ReturnPeriod, problems: list[Problem]) -> None:
    """A new period comes after the plan's last; an id already used must end on the same day."""
    progress = next(p for p in plan.progress if p.id == plan_id)
    periods = progress.config.periods
    if any(p.end == period.ends for p in periods):
        return
    clash = progress.period(period.progress_id)
    where = Location(f"{progress.folder}/plan.yaml")
    if clash is not None:
        problems.append(
            _remake(
                clash.where("end"),
                "periods",
                f'the period "{clash.id}" ends {clash.end.isoformat()}, but this return is for '
                f"a period ending {period.ends.isoformat()}",
                kind="stale",
            )
        )
    elif periods[-1].end > period.ends:
        problems.append(
            Problem(
                where,
                "periods",
                f"expected a period after {periods[-1].end.isoformat()} (the plan's last), found "
                f"{period.ends.isoformat()}",
                "a return adds a new period at the end of the plan; "
                "to correct an earlier period, edit its update file",
            )
        )
