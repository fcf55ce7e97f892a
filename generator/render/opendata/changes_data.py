"""What has changed since the last publication, as open data: one record per change."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import urls as paths
from generator.model.changes import ChangeReport
from generator.render.opendata.dictionary import declared, phrase
from generator.render.opendata.resource import Resource


def changes(report: ChangeReport) -> Iterator[Resource]:
    """Every change since the last publication; no records on a first publication."""
    title, date = report.baseline_title, report.baseline_date
    if title is None:
        compared = phrase("first_publication")
    elif date is None:
        compared = phrase("compared_with", title=title)
    else:
        compared = phrase("compared_with_dated", title=title, date=date.isoformat())
    yield declared(
        "changes",
        tuple(
            {
                "kind": c.kind, "id": c.id, "title": c.title, "detail": c.detail or None,
                "before": c.before or None, "after": c.after or None,
                "status_before": c.status_before or None, "status_after": c.status_after or None,
                "page": c.page or None,
            }
            for c in report.changes
        ),
        words={"compared": compared},
        # No JSON without a record: frictionless cannot read a table from an empty JSON array.
        formats=("csv", "json") if report.changes else ("csv",),
        page=paths.CHANGES,
    )

