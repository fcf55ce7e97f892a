"""Open data for indicators: CSV and JSON for each indicator and for all of them.

The files go into the generated docs folder (MkDocs copies them as they are) and hold the same
figures as the pages, each with the sentence of the plan it comes from, plus the status the
published rule gives and the rule's settings. Text cells that a spreadsheet would run as a
formula (starting ``=``, ``+``, ``-`` or ``@``) get a leading apostrophe in the CSV files
(:func:`generator.core.escape.guard_formula`, the one rule for every CSV download).
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.core.downloads import readable_json
from generator.core.escape import guard_formula
from generator.core.rendercache import reuse
from generator.derive.citations import IndicatorIndex
from generator.derive.rating import Rating
from generator.model import urls as paths
from generator.model.indicators import Indicator, PeriodRow, Reading

INDICATOR_COLUMNS = (
    "id", "family", "code", "title", "definition", "unit", "polarity", "owner", "frequency",
    "last_updated", "next_due", "latest_period", "latest_value", "target_period", "target",
    "status", "outlook", "at_risk", "stale", "short_term_direction", "long_term_direction", "themes", "page",
)
VALUE_COLUMNS = (
    "indicator", "code", "period", "date", "actual", "target", "stretch_target", "missing", "source", "note",
)


def _number(reading: Reading) -> str:
    return f"{reading.value}" if reading.value is not None else ""


def _value_record(indicator: Indicator, row: PeriodRow) -> dict[str, str]:
    gaps = [f"{name}: {r.missing}" for name, r in
            (("actual", row.actual), ("target", row.target), ("stretch_target", row.stretch_target))
            if r.missing]
    return {
        "indicator": indicator.id,
        "code": indicator.label if indicator.spec.code else "",
        "period": row.period,
        "date": row.date.isoformat() if row.date else "",
        "actual": _number(row.actual),
        "target": _number(row.target),
        "stretch_target": _number(row.stretch_target),
        "missing": "; ".join(gaps),
        "source": row.source,
        "note": row.note,
    }


def _flag(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def _indicator_record(indicator: Indicator, rating: Rating, themes: list[str]) -> dict[str, str]:
    spec = indicator.spec
    latest, target = rating.latest, rating.target
    return {
        "id": spec.id,
        "family": spec.family,
        "code": indicator.label if spec.code else "",
        "title": spec.title or "",
        "definition": spec.definition or "",
        "unit": spec.unit or "",
        "polarity": spec.polarity or "",
        "owner": spec.owner or "",
        "frequency": spec.frequency or "",
        "last_updated": spec.last_updated.isoformat() if spec.last_updated else "",
        "next_due": spec.next_due.isoformat() if spec.next_due else "",
        "latest_period": latest.period if latest else "",
        "latest_value": f"{latest.value}" if latest else "",
        "target_period": target.period if target else "",
        "target": f"{target.value}" if target else "",
        "status": rating.status,
        "outlook": rating.outlook or "",
        "at_risk": _flag(rating.at_risk),
        "stale": _flag(rating.stale),
        "short_term_direction": rating.short_term,
        "long_term_direction": rating.long_term,
        "themes": "; ".join(themes),
        "page": paths.indicator(spec.id).removesuffix(".md") + "/",
    }


def _csv(columns: tuple[str, ...], records: Iterable[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({key: guard_formula(value) for key, value in record.items()})
    return out.getvalue().encode("utf-8")


def indicator_files(index: IndicatorIndex) -> dict[str, bytes]:
    """Every download: all indicators (CSV, values CSV, JSON), and each indicator (CSV, JSON).

    Made once per build (2 s for 3,000 indicators): the open data package describes them and the
    pages list them, from the same files (:class:`generator.render.opendata.resource.Source`).
    """
    rule = index.catalogue.rule
    if rule is None:
        return {}
    settings = {
        "as_at": rule.as_at.isoformat(),
        "tolerance_percent": f"{rule.tolerance_percent}",
        "no_change_percent": f"{rule.no_change_percent}",
        "forecast_points": rule.forecast_points,
        "explained": paths.RATING_RULE.removesuffix(".md") + "/",
    }
    files: dict[str, bytes] = {}
    summaries, everything, values = [], [], []
    for indicator in index.catalogue.indicators:
        rating = index.ratings[indicator.id]
        themes = [t.title for t in index.themes(indicator.id)]
        citing = [c.outcome.id for c in index.citations[indicator.id]]
        # The same inputs make the same files: bvpp serve reuses them (generator.core.rendercache).
        inputs = (indicator, rating, themes, citing, settings)
        one = reuse("indicator-download", inputs, functools.partial(_one_indicator, *inputs))
        summaries.append(one.record)
        values.extend(one.rows)
        everything.append(one.whole)
        if indicator.rows:  # an indicator without figures gets no download of nothing
            files[paths.indicator_csv(indicator.id)] = one.csv
            files[paths.indicator_json(indicator.id)] = one.json
    files[paths.INDICATORS_CSV] = _csv(INDICATOR_COLUMNS, summaries)
    files[paths.INDICATOR_VALUES_CSV] = _csv(VALUE_COLUMNS, values)
    files[paths.INDICATORS_JSON] = readable_json({"rating_rule": settings, "indicators": everything})
    return files


@dataclass(frozen=True)
class _OneIndicator:
    """One indicator's records and its two files."""

    record: dict[str, str]
    rows: list[dict[str, str]]
    whole: dict[str, Any]
    csv: bytes
    json: bytes


def _one_indicator(
    indicator: Indicator, rating: Rating, themes: list[str], citing: list[str], settings: dict[str, Any]
) -> _OneIndicator:
    record = _indicator_record(indicator, rating, themes)
    rows = [_value_record(indicator, row) for row in indicator.rows]
    whole = {**record, "values": rows, "cited_by_outcomes": citing}
    one = readable_json({"rating_rule": settings, "indicator": whole})
    return _OneIndicator(record, rows, whole, _csv(VALUE_COLUMNS, rows), one)
