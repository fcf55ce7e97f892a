"""Performance indicators as open data: the indicators module's own CSV files, described here.

:mod:`generator.render.opendata.indicator_files` writes the indicator files (all indicators, all values,
and one file per indicator); this provider lists its two all-indicator CSV files in the data
package with a schema for each column, so they are validated and listed like every other file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from generator.derive.citations import has_indicators
from generator.model import urls as paths
from generator.render.opendata.indicator_files import INDICATOR_COLUMNS, VALUE_COLUMNS
from generator.render.opendata.resource import Column, ColumnType, Resource, Row, Source

_TYPES: dict[str, ColumnType] = {
    "latest_value": "number", "target": "number", "actual": "number", "stretch_target": "number",
    "last_updated": "date", "next_due": "date", "date": "date",
}
_MEANINGS = {
    "id": "The indicator's id, as used in its address",
    "family": "The indicator's family, e.g. BVPI or LPSA",
    "code": "The indicator's code as the plan writes it, e.g. 'BVPI 12'",
    "title": "What the indicator measures",
    "definition": "How the indicator is defined",
    "unit": "The unit of its values",
    "polarity": "Whether higher or lower is better",
    "owner": "Who is responsible for the indicator",
    "frequency": "How often it is measured",
    "last_updated": "When its values were last updated",
    "next_due": "When its next value is due",
    "latest_period": "The period of the latest actual value",
    "latest_value": "The latest actual value",
    "target_period": "The period of the target the status is judged against",
    "target": "The target (in the latest_value or value columns' unit)",
    "status": "The status the published rating rule gives",
    "outlook": (
        "'on track', 'not on track' or 'too early to say' for a final target still ahead; empty otherwise"
    ),
    "at_risk": (
        "'yes' when the forecast misses the final target, 'no' when it meets it; empty when there is none"
    ),
    "stale": "'yes' when the latest value is overdue, 'no' when not; empty when it cannot tell",
    "short_term_direction": "Direction of travel since the previous value",
    "long_term_direction": "Direction of travel over the longer term",
    "themes": "The themes whose outcomes cite the indicator, separated by '; '",
    "page": "The address of the indicator's page, relative to the site's root",
    "indicator": "The indicator's id",
    "period": "The period the value is for, as the plan words it",
    "date": "The date the value is for, when the plan gives one",
    "actual": "The actual value; empty when the plan gives none",
    "stretch_target": "The stretch target; empty when the plan gives none",
    "missing": "Values the plan leaves out, as 'column: the plan's words'",
    "source": "The sentence of the plan the values come from",
    "note": "An editor's note on how the values were read",
}


def _column(name: str) -> Column:
    return Column(name, _TYPES.get(name, "string"), _MEANINGS.get(name, "See the indicator pages"))


def _rows(data: bytes) -> tuple[Row, ...]:
    return tuple(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def indicators(source: Source) -> Iterator[Resource]:
    """Every indicator with its latest value and status, and every indicator's values by period."""
    plan = source.plan
    if not has_indicators(plan):
        return
    files = source.indicator_files
    if paths.INDICATORS_CSV not in files:
        return
    yield Resource(
        "indicators",
        "Performance indicators",
        "Every performance indicator with its latest value, its target and the status the "
        "published rating rule gives it.",
        tuple(_column(name) for name in INDICATOR_COLUMNS),
        _rows(files[paths.INDICATORS_CSV]),
        formats=("csv",),
        primary_key=("id",),
        page=paths.INDICATORS,
        prebuilt={"csv": files[paths.INDICATORS_CSV]},
    )
    yield Resource(
        "indicator-values",
        "Performance indicator values",
        "Every indicator's values by period: actual, target and stretch target, with the "
        "sentence of the plan each comes from; a value the plan leaves out is empty and named "
        "in 'missing'.",
        tuple(_column(name) for name in VALUE_COLUMNS),
        _rows(files[paths.INDICATOR_VALUES_CSV]),
        formats=("csv",),
        page=paths.INDICATORS,
        prebuilt={"csv": files[paths.INDICATOR_VALUES_CSV]},
    )
