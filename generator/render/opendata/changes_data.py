"""What has changed since the last publication, as open data: one record per change."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import urls as paths
from generator.model.changes import ChangeReport
from generator.render.opendata.resource import Column, Resource


def changes(report: ChangeReport) -> Iterator[Resource]:
    """Every change since the last publication; no records on a first publication."""
    compared = (
        f"Compared with {report.baseline_title}"
        + (f" ({report.baseline_date.isoformat()})" if report.baseline_date else "")
        + "."
        if report.baseline_title is not None
        else "This is the first publication: there was nothing to compare with, so there are no records."
    )
    yield Resource(
        "changes",
        "What has changed since the last publication",
        "Each figure, target, outcome, task and gap that is new, changed or removed since the "
        f"version published before this one. {compared}",
        (
            Column(
                "kind",
                "string",
                "What changed, e.g. 'new figure', 'figure changed', 'target moved', 'outcome reworded', "
                "'task status changed', 'new gap', 'gap filled'",
                required=True,
            ),
            Column(
                "id",
                "string",
                "The id of the indicator or outcome, the task as 'plan/task', or the page of a gap",
                required=True,
            ),
            Column(
                "title", "string", "What changed: the indicator, outcome, task or place", required=True
            ),
            Column(
                "detail",
                "string",
                "The period of a figure or target, the progress plan of a task, the field of a gap",
            ),
            Column("before", "string", "The value or words before; empty for something new"),
            Column("after", "string", "The value or words now; empty for something removed"),
            Column("status_before", "string", "For a figure or target: the indicator's status before"),
            Column("status_after", "string", "For a figure or target: the indicator's status now"),
            Column("page", "string", "The address of the page that shows it, relative to the site's root"),
        ),
        tuple(
            {
                "kind": c.kind, "id": c.id, "title": c.title, "detail": c.detail or None,
                "before": c.before or None, "after": c.after or None,
                "status_before": c.status_before or None, "status_after": c.status_after or None,
                "page": c.page or None,
            }
            for c in report.changes
        ),
        # No JSON without a record: frictionless cannot read a table from an empty JSON array.
        formats=("csv", "json") if report.changes else ("csv",),
        page=paths.CHANGES,
    )

