"""Performance indicators as open data: the indicators module's own CSV files, described here.

:mod:`generator.render.opendata.indicator_files` writes the indicator files (all indicators, all values,
and one file per indicator); this provider lists its two all-indicator CSV files in the data
package with a schema for each column, so they are validated and listed like every other file.
The dictionary declares their columns in the order that module writes them
(``INDICATOR_COLUMNS``, ``VALUE_COLUMNS``); a test holds the two together.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from generator.derive.citations import has_indicators
from generator.model import urls as paths
from generator.render.opendata.dictionary import declared
from generator.render.opendata.resource import Resource, Row, Source

FILES = (("indicators", paths.INDICATORS_CSV), ("indicator-values", paths.INDICATOR_VALUES_CSV))
"""Each resource, with the file :mod:`~generator.render.opendata.indicator_files` writes for it."""


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
    for name, path in FILES:
        data = files[path]
        yield declared(name, _rows(data), formats=("csv",), page=paths.INDICATORS, prebuilt={"csv": data})
