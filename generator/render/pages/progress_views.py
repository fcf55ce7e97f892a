"""Views of progress tasks for the page templates: escaped text, status badges, task rows.

Every value from the data is escaped here or by the templates' filters. Status is shown by an
icon of its own shape and a text label, with a colour class only as a third cue, so that it
never rests on colour alone.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from markupsafe import Markup

from generator.core.escape import html_attr, html_text
from generator.core.figures import long_date
from generator.derive.citations import IndicatorIndex
from generator.derive.progress_indicators import resolve_code
from generator.derive.progress_report import TaskState, state_label
from generator.model import urls as paths
from generator.model.base import Gap
from generator.model.plan import Plan
from generator.model.progress import Period, PlacedTask, ProgressPlan, StatusUpdate
from generator.render.fragments import gap_html

ICONS = {
    "done": "✓",
    "underway": "◐",
    "outstanding": "✗",
    "not-started": "○",
    "none": "□",
    "unreported": "⋯",
}
"""One shape per meaning: a tick, a half-filled circle, a cross, an empty circle, a square, an
ellipsis (a dotted circle looked the same as "not started"'s empty one at
text size). Each is hidden from screen readers, which read the label beside it."""

MEANINGS = {
    "done": "done",
    "underway": "underway",
    "outstanding": "outstanding",
    "not-started": "not started",
    "none": "no status reported",
    "unreported": "not yet reported",
}
"""Each meaning in words, for legends."""

_EMPHASIS = re.compile(r"\*(?=\S)([^*\n]*?\S)\*")


@functools.cache  # a few statuses, asked for by every task row of every report
def status_badge(means: str, label: str) -> Markup:
    """A status as an icon and its words (the colour class is the third cue, never the only)."""
    return Markup(
        '<span class="bvpp-pstatus bvpp-pstatus--{means}"><span class="bvpp-pstatus__icon" '
        'aria-hidden="true">{icon}</span> {label}</span>'
    ).format(means=html_attr(means), icon=ICONS.get(means, "□"), label=html_text(label))


def state_badge(state: str, plan: ProgressPlan) -> Markup:
    """The badge for a task's state in a period (a status id, no status, or not reported)."""
    return status_badge(*reversed(state_label(state, plan)))


def rich_html(text: str) -> Markup:
    """Progress text as HTML: escaped, with ``*words*`` emphasised (the source's underlining)."""
    flat = " ".join(text.split())
    pieces: list[Markup] = []
    position = 0
    for match in _EMPHASIS.finditer(flat):
        pieces.append(_spaced(flat[position : match.start()]))
        pieces.append(Markup("<em>{}</em>").format(html_text(match.group(1))))
        position = match.end()
    pieces.append(_spaced(flat[position:]))
    return Markup("").join(pieces)


def _spaced(text: str) -> Markup:
    """Escaped text that keeps a leading and a trailing space (they separate it from <em>)."""
    if not text.strip():
        return Markup(" ") if text else Markup("")
    lead = " " if text[0] == " " else ""
    trail = " " if text[-1] == " " else ""
    return Markup(lead) + html_text(text) + Markup(trail)


def paragraphs(value: list[str] | Gap | None, gaps_href: str, absent: str) -> Markup:
    """Paragraphs of progress as HTML; a gap marker; or ``absent`` in words when there are none."""
    if value is None:
        return Markup('<p class="bvpp-progress__none">{}</p>').format(html_text(absent))
    if isinstance(value, Gap):
        return gap_html(value, gaps_href)
    return Markup("").join(Markup("<p>{}</p>").format(rich_html(text)) for text in value)


def names(value: list[str] | Gap | None, gaps_href: str) -> Markup:
    """Owners' names as published, a gap marker, or 'not named' when no level names any."""
    if value is None:
        return Markup('<span class="bvpp-progress__none">not named</span>')
    if isinstance(value, Gap):
        return gap_html(value, gaps_href)
    return html_text(", ".join(value))


@dataclass(frozen=True)
class TaskRow:
    """One task as a row of a plan's or a report's table."""

    id: str
    title: Markup
    owners: tuple[tuple[str, Markup], ...]
    details: tuple[Markup, ...]
    badge: Markup
    when: str
    """The period the status and progress are from, when it is not the page's own."""
    progress: Markup
    next_actions: Markup


@dataclass(frozen=True)
class GroupRows:
    """A group's heading (its titles, outermost first) and its task rows."""

    titles: tuple[str, ...]
    rows: tuple[TaskRow, ...]


def task_row(
    plan: Plan,
    progress: ProgressPlan,
    state: TaskState,
    page: str,
    index: IndicatorIndex | None,
    period: Period | None = None,
    gaps_href: str | None = None,
) -> TaskRow:
    """A task's row: its title, owners and details, and its state in ``period`` (or latest)."""
    placed, gaps_href = state.placed, gaps_href or paths.html_link(page, paths.GAPS)
    task = placed.task
    when = ""
    if period is None and state.update is not None:
        latest = progress.latest(placed.id)
        when = latest[0].title if latest else ""
    update: StatusUpdate | None = state.update
    absent = "Not yet reported"
    return TaskRow(
        id=task.id,
        title=gap_html(task.title, gaps_href) if isinstance(task.title, Gap) else html_text(task.title),
        owners=tuple(
            (role.label, names(placed.owners(role.id), gaps_href))
            for role in progress.config.owner_roles
        ),
        details=tuple(_details(plan, placed, page, index)),
        badge=state_badge(state.state, progress),
        when=when,
        progress=paragraphs(update.progress if update else None, gaps_href, absent),
        next_actions=paragraphs(update.next_actions if update else None, gaps_href, absent),
    )


def _details(plan: Plan, placed: PlacedTask, page: str, index: IndicatorIndex | None) -> list[Markup]:
    task = placed.task
    found: list[Markup] = []
    if task.due is not None:
        stated = f" ({task.due_as_stated})" if task.due_as_stated else ""
        found.append(Markup("Due: {}").format(html_text(long_date(task.due) + stated)))
    elif task.due_as_stated:
        found.append(Markup("Due: {}").format(html_text(task.due_as_stated)))
    if task.flagship is not None:
        flag = task.flagship
        found.append(
            Markup("Flagship action: measure: {}; target: {}; by {}").format(
                html_text(flag.measure), html_text(flag.target), html_text(long_date(flag.date))
            )
        )
    if task.directorates:
        found.append(Markup("Directorate: {}").format(html_text(", ".join(task.directorates))))
    if task.indicators:
        linked = Markup(", ").join(_indicator(code, page, index) for code in task.indicators)
        found.append(Markup("Indicators: ") + linked)
    served = [(i, outcome) for i in task.outcomes if (outcome := plan.outcome(i)) is not None]
    links = [
        Markup('<a href="{}">{}</a>').format(
            html_attr(paths.html_link(page, paths.outcome(outcome))),
            html_text(s if isinstance(s := outcome.statement, str) else i),
        )
        for i, outcome in served
    ]
    links += [html_text(ref) for ref in task.priorities]
    if links:
        found.append(Markup("Serves: ") + Markup("; ").join(links))
    if task.note:
        found.append(Markup("Note: {}").format(html_text(task.note)))
    return found


def _indicator(code: str, page: str, index: IndicatorIndex | None) -> Markup:
    indicator = resolve_code(index, code) if index is not None else None
    if indicator is None:
        return html_text(code)
    href = paths.html_link(page, paths.indicator(indicator.id))
    return Markup('<a href="{}">{}</a>').format(html_attr(href), html_text(code))


def plan_words(progress: ProgressPlan) -> dict[str, str]:
    """The words a plan calls its levels by, for the templates: "project", "projects", …"""
    levels = progress.config.levels
    return {
        "level_word": levels[-1].lower(),
        "task_word": f"{levels[-1].lower()}s",
        "group_word": f"{levels[0].lower()}s" if len(levels) > 1 else "",
    }


def task_title(placed: PlacedTask) -> Markup:
    """A task's title, escaped; its id where the source gives it none."""
    title = placed.task.title
    return html_text(title if isinstance(title, str) else f"({placed.id})")
