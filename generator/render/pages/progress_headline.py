"""A progress report's headline: the source's own count first, then what the data names.

A board reads the headline before anything else, so it must never contradict the source
("15 work areas, 12 completed" is not "Completed 0, Outstanding 4") and never lead with a row
of zeros because nothing was reported: where no task has a status, one sentence says so.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.core.escape import html_text
from generator.derive.progress_report import NO_STATUS, NOT_REPORTED, PeriodReport
from generator.render.pages.progress_views import status_badge


def _count(number: int, word: str) -> str:
    return f"{number:,} {word if number == 1 else word + 's'}"


def nothing_reported(report: PeriodReport) -> str | None:
    """One sentence when no task has a status in this period; None when some do."""
    if any(s.status is not None for s in report.states):
        return None
    level = report.plan.config.levels[-1].lower()
    total = len(report.states)
    with_update = sum(1 for s in report.states if s.update is not None)
    period = report.period.title
    if with_update == 0:
        return (
            f"Nothing reported yet: the {period} report has no update for any of the {_count(total, level)}."
        )
    return (
        f"No status reported: the {period} report gives progress in words for {with_update} of the "
        f"{_count(total, level)}, but no status for any of them."
    )


def named_counts(report: PeriodReport) -> Markup:
    """What the data names, each count beside its status badge: ``✗ Outstanding 4``."""
    return Markup("; ").join(
        Markup("{} {}").format(status_badge(c.means, c.label), c.count)
        for c in report.counts if c.count and c.state not in (NO_STATUS, NOT_REPORTED)
    )


def _stated(report: PeriodReport) -> str:
    """``15 work areas for completion by the Board during 2006, 12 completed``, one per stated count."""
    labels = {s.id: s.label.lower() for s in report.plan.config.status_key}
    found = []
    for check in report.stated:
        stated = check.stated
        total = stated.total
        counted = ", ".join(f"{n} {labels.get(status, status)}" for status, n in stated.statuses.items())
        what = f"{total} {stated.scope}" if isinstance(total, int) else f"{stated.scope} (number not given)"
        found.append(f"{what}, {counted}" if counted else what)
    return "; ".join(found)


def headline(report: PeriodReport) -> Markup:
    """The source's stated counts first, then the data's; or the one nothing-reported sentence."""
    stated = _stated(report)
    parts: list[Markup] = [Markup("The source states: {}.").format(stated)] if stated else []
    quiet = nothing_reported(report)
    if quiet is not None:
        parts.append(html_text(quiet))
    elif report.stated:
        named = sum(c.count for c in report.counts if c.state not in (NO_STATUS, NOT_REPORTED))
        level = report.plan.config.levels[-1].lower()
        parts.append(Markup("The data names {}: {}.").format(_count(named, level), named_counts(report)))
    else:
        parts.append(named_counts(report))
    return Markup(" ").join(parts)
