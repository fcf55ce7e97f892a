"""The changes since the last publication as the terminal shows them (``bvpp changes``)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

from generator.core.figures import long_date
from generator.derive.changes import summary
from generator.model.changes import Change, ChangeReport
from generator.render.pages.changes import SECTIONS


def as_json(report: ChangeReport) -> str:
    """One JSON object: what was compared with, the count in words, and every change."""
    compared = None
    if report.baseline_title is not None:
        date = report.baseline_date.isoformat() if report.baseline_date else None
        compared = {"title": report.baseline_title, "date": date}
    return json.dumps(
        {
            "compared_with": compared,
            "summary": summary(report.changes),
            "changes": [dataclasses.asdict(change) for change in report.changes],
        },
        ensure_ascii=False,
        indent=2,
    )


def as_text(report: ChangeReport, against: str) -> Iterator[str]:
    """Lines for a terminal: what was compared with (``against`` names it), then each change."""
    if report.baseline_title is None:
        yield f"Nothing to compare with: {against} holds no earlier publication."
        return
    date = f", {long_date(report.baseline_date)}" if report.baseline_date else ""
    yield f"Compared with {against} ({report.baseline_title}{date}):"
    yield f"  {summary(report.changes) or 'nothing has changed'}."
    for _anchor, heading, kinds in SECTIONS:
        chosen = [change for change in report.changes if change.kind in kinds]
        if chosen:
            yield ""
            yield heading
            for change in chosen:
                yield from _lines(change)


def _lines(change: Change) -> Iterator[str]:
    label = change.id if "outcome" in change.kind else change.title  # an outcome's title is its statement
    where = f"{label}, {change.detail}" if change.detail else label
    if change.kind in ("new gap", "gap filled"):
        yield f"  {change.kind}: {where}: “{_one_line(change.before or change.after)}”"
        return
    status = ""
    if change.status_before != change.status_after:
        status = f" (status: {change.status_before or 'none'} → {change.status_after or 'none'})"
    values = change.before + change.after
    if "\n" not in values and len(values) < 60:
        yield f"  {change.kind}: {where}: {change.before or '-'} → {change.after or '-'}{status}"
        return
    yield f"  {change.kind}: {where}{status}"
    if change.before:
        yield f"    before: {_one_line(change.before)}"
    if change.after:
        yield f"    now:    {_one_line(change.after)}"


def _one_line(text: str) -> str:
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())
