"""Draft gaps: everything the source leaves out, found in one pass over the model.

A gap is either explicit (a ``missing:`` value, where the source says "to be completed" or
leaves a cell empty) or a placeholder inside text ("XXX", "tbc", "[... to be inserted]").
The same list drives the gaps page, the gap markers on pages and ``bvpp check``'s warnings,
so they can never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.core.problems import Location
from generator.core.text import line_column
from generator.derive.markers import GAP_MARKER, missing_figures, scan_markers
from generator.derive.progress_report import stated_check
from generator.model import urls as paths
from generator.model.base import Gap, Model, Section
from generator.model.plan import Outcome, Plan, Priority, Theme
from generator.model.progress import ProgressPlan, Task, TaskGroup

PLACEHOLDER = re.compile(
    r"\\?\[[^\]\n]*?\b(?:to be|tbc|when available|not available)\b[^\]\n]*\\?\]"  # [... to be inserted]
    # "STATS to be completed" ending a text; "to be completed Dec 04" is a plan, not a gap
    r"|\bto be (?:completed|inserted|updated|confirmed)(?=\s*[.*]?\s*$)"
    r"|\btbc\b|\bX{3,}\b|£x{2,}m\b|\?\?",
    re.IGNORECASE | re.MULTILINE,
)
"""Words that mark an unfinished place in a draft's text."""

def placeholders(text: str) -> Iterator[re.Match[str]]:
    """Every PLACEHOLDER match in ``text``.

    Plain substring tests rule out almost every text first: running the regular expression
    over all of a 5,000-outcome plan's text took 0.3 s, twice per build. Each alternative of
    PLACEHOLDER needs one of these substrings (keep them in step with it).
    """
    low = text.lower()
    if "[" in low or "??" in low or "to be" in low or "tbc" in low or "xxx" in low or "£xx" in low:
        yield from PLACEHOLDER.finditer(text)


@dataclass(frozen=True)
class DraftGap:
    """One place where the draft does not yet say what it should."""

    location: Location
    page: str
    group: str
    context: str
    field: str
    words: str
    explicit: bool


def field_labels(plan: Plan) -> dict[str, str]:
    """The plan's own column headings for outcome fields."""
    period, previous = plan.plan.period, plan.plan.previous_period
    return {
        "statement": "Outcome",
        "lead_directorates": "Lead directorate",
        "what_we_did": f"Background/what we did in {previous}",
        "actions_planned": f"Action planned and targets for {period} and later",
        "related": "Relevant plans, strategies and PIs",
        "contacts": "Contact for further information",
        "title": "Title",
        "intro": "Introduction",
        "outcomes": "Outcomes",
        "other_activity": "Other areas of activity",
        "indicators_table": "Table of BVPIs and local PIs",
        "missing": "Whole section",
        "contact": "Contact details",
        "expansion": "What it stands for",
    }


def find_gaps(plan: Plan) -> list[DraftGap]:
    """Every gap in the plan, in plan order (a build works them out once: derive/facts.py)."""
    labels = field_labels(plan)
    found: list[DraftGap] = []
    for section in plan.sections:
        found.extend(_section_gaps(section))
    for theme in plan.themes:
        found.extend(_theme_gaps(theme, labels))
    found.extend(_table_gaps(plan))
    found.extend(_site_gaps(plan, labels))

    found.extend(progress_gaps(plan))
    return found


def _table_gaps(plan: Plan) -> Iterator[DraftGap]:
    """Cells that a table's checks need and the draft leaves without a figure."""
    for missing in missing_figures(plan):
        cell, table = missing.cell, missing.table
        words = cell.text or "left blank in the draft"
        yield DraftGap(
            cell.location, missing.page, "Tables", f"{table.spec.title} › {cell.row}",
            table.heading(cell.column), words, True,
        )


def _site_gaps(plan: Plan, labels: dict[str, str]) -> Iterator[DraftGap]:
    """The council's contact route and the glossary's unexplained abbreviations."""
    yield from model_gaps(
        plan.plan, ["contact"], paths.ACCESSIBILITY, "Contact details", "Accessibility statement", labels
    )
    for entry in plan.glossary:
        yield from model_gaps(entry, ["expansion"], paths.GLOSSARY, "Glossary", entry.term, labels)


def _label(labels: dict[str, str], field: str) -> str:
    return labels.get(field, field.replace("_", " ").capitalize())


def model_gaps(
    item: Model, fields: list[str], page: str, group: str, context: str, labels: dict[str, str]
) -> Iterator[DraftGap]:
    """The gaps in some fields of one model: explicit ``missing:`` values and placeholders."""
    for field in fields:
        value = getattr(item, field)
        if isinstance(value, Gap):
            yield DraftGap(
                item.where(field), page, group, context, _label(labels, field), value.missing, True
            )
            continue
        # the location is looked up only for a match: most texts have none, and a plan of
        # 5,000 outcomes has some 60,000 texts
        texts: list[tuple[tuple[str | int, ...], str]] = []
        if isinstance(value, str):
            texts = [((field,), value)]
        elif isinstance(value, list):
            texts = [((field, i), v) for i, v in enumerate(value) if isinstance(v, str)]
        for where, text in texts:
            for match in placeholders(text):
                yield DraftGap(
                    item.where(*where), page, group, context, _label(labels, field), match.group(0), False
                )


_OUTCOME_FIELDS = ["statement", "lead_directorates", "what_we_did", "actions_planned", "related", "contacts"]


def outcome_context(theme: Theme, priority: Priority | None, outcome: Outcome) -> str:
    """How a gap's place is named: theme › priority › outcome."""
    where = f"Priority {priority.letter}" if priority else "Other areas of activity"
    statement = outcome.statement if isinstance(outcome.statement, str) else f"({outcome.id})"
    return f"{theme.title} › {where} › {statement}"


def _theme_gaps(theme: Theme, labels: dict[str, str]) -> Iterator[DraftGap]:
    group = theme.title
    yield from model_gaps(
        theme, ["intro", "other_activity", "indicators_table"], paths.theme(theme), group,
        theme.title, labels,
    )
    for priority in theme.priorities:
        yield from model_gaps(
            priority, ["title", "outcomes"], paths.priority(theme, priority), group,
            f"{theme.title} › Priority {priority.letter}", labels,
        )
    for parent, outcome in theme.outcomes():
        yield from model_gaps(
            outcome, _OUTCOME_FIELDS, paths.outcome(outcome), group,
            outcome_context(theme, parent, outcome), labels,
        )


def _section_gaps(section: Section) -> Iterator[DraftGap]:
    page = paths.section(section)
    group = "Narrative sections"
    if section.missing:
        yield DraftGap(
            section.where("missing"), page, group, section.title, "Whole section", section.missing, True
        )
    for marker in scan_markers(section):
        if found := GAP_MARKER.match(marker.text):
            yield DraftGap(marker.location, page, group, section.title, "Text", found["words"], True)
    for match in PLACEHOLDER.finditer(section.body):
        line, column = line_column(section.body, match.start())
        location = Location(section.where().file, section.body_line + line - 1, column)
        yield DraftGap(location, page, group, section.title, "Text", _sentence(section.body, match), False)


def _sentence(body: str, match: re.Match[str]) -> str:
    """The placeholder as the draft words it: a bracketed note whole, else a short excerpt."""
    words = match.group(0).replace("\\[", "[").replace("\\]", "]")
    if words.startswith("["):
        return words
    start = max(body.rfind("\n", 0, match.start()) + 1, match.start() - 40)
    end = body.find("\n", match.end())
    end = min(end if end != -1 else len(body), match.end() + 40)
    excerpt = body[start:end].strip()
    return ("…" if start > 0 and body[start - 1] != "\n" else "") + excerpt + (
        "…" if end < len(body) and body[end] != "\n" else ""
    )


def progress_gaps(plan: Plan) -> Iterator[DraftGap]:
    """Every gap in every progress plan, plan by plan, in file order."""
    for progress in plan.progress:
        yield from _plan_gaps(progress)


def group_name(progress: ProgressPlan) -> str:
    """How the gaps page names a plan's part."""
    return f"Progress: {progress.title}"


def _title(holder: Task | TaskGroup) -> str:
    return holder.title if isinstance(holder.title, str) else "(title not yet provided)"


def _plan_gaps(progress: ProgressPlan) -> Iterator[DraftGap]:
    group = group_name(progress)
    page = paths.progress_plan(progress.id)
    config = progress.config
    labels = {
        "title": config.levels[-1],
        "progress": config.headings.progress,
        "next_actions": config.headings.next_actions or "Next actions",
        **{role.id: role.label for role in config.owner_roles},
    }
    seen: set[int] = set()
    for placed in progress.tasks():
        for depth, holder in enumerate(placed.groups):
            if id(holder) not in seen:
                seen.add(id(holder))
                context = " › ".join([progress.title, *(_title(g) for g in placed.groups[: depth + 1])])
                group_labels = {**labels, "title": config.levels[depth]}
                yield from model_gaps(holder, ["title"], page, group, context, group_labels)
                yield from _owner_gaps(holder, page, group, context, labels)
        context = " › ".join([progress.title, *(_title(g) for g in placed.groups), _title(placed.task)])
        target = f"{page}#{placed.id}"
        yield from model_gaps(placed.task, ["title"], target, group, context, labels)
        yield from _owner_gaps(placed.task, target, group, context, labels)
        for period in config.periods:
            update = progress.update(placed.id, period.id)
            if update is not None:
                where = f"{paths.progress_report(progress.id, period.id)}#{placed.id}"
                yield from model_gaps(
                    update, ["progress", "next_actions"], where, group, f"{context} ({period.title})", labels
                )
    yield from _document_gaps(progress, page, group)
    for stated in config.stated_totals:
        stated_in = progress.period(stated.period)
        where = paths.progress_report(progress.id, stated.period) if stated_in else page
        context = f"{progress.title} › {stated.scope}"
        if isinstance(stated.total, Gap):
            yield DraftGap(stated.where("total"), where, group, context, "Total", stated.total.missing, True)
        check = stated_check(progress, stated)
        if check.unnamed:
            total = stated.total if isinstance(stated.total, int) else 0
            yield DraftGap(
                stated.where("tasks"), where, group, context, "Tasks",
                f"{check.unnamed} of the {total} are not named in the source", True,
            )


def _owner_gaps(
    holder: Model, page: str, group: str, context: str, labels: dict[str, str]
) -> Iterator[DraftGap]:
    owners = getattr(holder, "owners", {})
    for role, value in owners.items():
        if isinstance(value, Gap):
            yield DraftGap(
                holder.where("owners", role), page, group, context, labels.get(role, role),
                value.missing, True,
            )


def _document_gaps(progress: ProgressPlan, page: str, group: str) -> Iterator[DraftGap]:
    """What a programme's or report's source leaves out: its own missing parts, unnamed projects."""
    if progress.document is not None:
        for marker in scan_markers(progress.document):
            if found := GAP_MARKER.match(marker.text):
                yield DraftGap(marker.location, page, group, progress.title, "Text", found["words"], True)
    programme = progress.config.programme
    if programme is None:
        return
    if programme.kpi_impacts is not None:
        yield DraftGap(
            programme.where("kpi_impacts"), page, group, progress.title,
            "Indicators the projects should move", programme.kpi_impacts.missing, True,
        )
    stated = programme.projects
    unnamed = stated.count - len(progress.tasks())
    if unnamed > 0:
        about = f"{stated.qualifier} " if stated.qualifier else ""
        yield DraftGap(
            stated.where("count"), page, group, progress.title, progress.config.levels[-1] + "s",
            (f"{unnamed} of the " if unnamed < stated.count else "the ")
            + f"{about}{stated.count} {stated.what} are not named in the source",
            True,
        )
