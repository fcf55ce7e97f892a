"""Load ``content/indicators/``: the YAML catalogue and the CSV of values, strictly and located.

``values.csv`` has a row per indicator and period: ``indicator, period, date, actual, target,
stretch_target, source`` (and an optional ``note``). A figure cell holds a number as
published (``14.5``, ``14.5%``, ``1,234``), nothing, or an explicit gap in the source's own
words (``missing: XXX``). Every figure records the sentence of the plan it comes from in
``source``. Every mistake comes back as a located problem; nothing here raises.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from generator.core.csvfile import read_csv
from generator.core.figures import parse_figure
from generator.core.problems import FirstGiven, Location, Problem, suggest_known
from generator.core.strictyaml import parse_yaml
from generator.load.documents import ContentLayout, validate_document
from generator.model.indicators import Catalogue, Indicator, IndicatorsFile, IndicatorSpec, PeriodRow, Reading

FOLDER = "indicators"
YAML_FILE = "indicators.yaml"
VALUES_FILE = "values.csv"
COLUMNS = ("indicator", "period", "date", "actual", "target", "stretch_target", "source")
OPTIONAL_COLUMNS = ("note",)
FIGURE_COLUMNS = ("actual", "target", "stretch_target")
COLUMN_NAMES = {"actual": "actual", "target": "target", "stretch_target": "stretch target"}
_MISSING = re.compile(r"^missing:\s*(?P<words>\S.*)$")


def load_indicators(layout: ContentLayout) -> tuple[Catalogue, list[Problem]]:
    """The catalogue under ``content/indicators/``; an empty one if the folder is absent."""
    folder = layout.root / FOLDER
    yaml_path, csv_path = folder / YAML_FILE, folder / VALUES_FILE
    if not yaml_path.exists():
        if csv_path.exists():
            return Catalogue(), [
                Problem(
                    Location(layout.display(yaml_path)),
                    "",
                    "required file is missing: values.csv needs the indicators it names",
                    "create indicators.yaml with 'rating:' and 'indicators:' (see the README)",
                    kind="missing-file",
                )
            ]
        return Catalogue(), []
    problems: list[Problem] = []
    spec_file = _load_yaml(layout, yaml_path, problems)
    if spec_file is None:
        return Catalogue(), problems
    problems.extend(_duplicates(spec_file.indicators))
    rows: list[PeriodRow] = []
    if csv_path.exists():
        rows = _load_values(layout, csv_path, spec_file.indicators, problems)
    by_id: dict[str, list[PeriodRow]] = {}
    for row in rows:
        by_id.setdefault(row.indicator, []).append(row)
    indicators = tuple(Indicator(s, tuple(by_id.get(s.id, []))) for s in spec_file.indicators)
    return Catalogue(spec_file.rating, indicators), problems


def _load_yaml(layout: ContentLayout, path: Path, problems: list[Problem]) -> IndicatorsFile | None:
    text = layout.text(path, problems)
    if text is None:
        return None
    doc, found = parse_yaml(text, layout.display(path))
    problems.extend(found)
    if doc is None:
        return None
    return validate_document(doc, IndicatorsFile, problems)


def _duplicates(specs: list[IndicatorSpec]) -> Iterator[Problem]:
    ids: FirstGiven[str, IndicatorSpec] = FirstGiven()
    codes: FirstGiven[tuple[str, str], IndicatorSpec] = FirstGiven()
    for index, spec in enumerate(specs):
        if (first := ids.earlier(spec.id, spec)) is not None:
            yield Problem(
                spec.where("id"),
                f"indicators[{index}].id",
                f'id "{spec.id}" is already used at {first.where("id")}',
                "each indicator has its own id: it is the page's address",
            )
        if spec.code is None:
            continue
        if (first := codes.earlier((spec.family, spec.code), spec)) is not None:
            yield Problem(
                spec.where("code"),
                f"indicators[{index}].code",
                f'{spec.label} is already defined at {first.where("code")}',
                "a code names one indicator; remove or renumber one of the two",
            )


def _load_values(
    layout: ContentLayout, path: Path, specs: list[IndicatorSpec], problems: list[Problem]
) -> list[PeriodRow]:
    file = layout.display(path)
    text = layout.text(path, problems)
    if text is None:
        return []
    records, found = read_csv(text, file)
    problems.extend(found)
    if found:
        return []
    header, *body = records
    columns = [name.strip() for name, _ in header]
    found = _header_problems(columns, header)
    problems.extend(found)
    if found:
        return []
    known = {spec.id: spec for spec in specs}
    rows: list[PeriodRow] = []
    for record in body:
        if len(record) != len(columns):
            where = record[min(len(record), len(columns)) - 1][1]
            problems.append(
                Problem(
                    where,
                    "",
                    f"expected {len(columns)} cells as in the header, found {len(record)}",
                    "give every row one cell per column; text containing a comma goes in double quotes",
                )
            )
            continue
        cells = {name: (text.strip(), where) for name, (text, where) in zip(columns, record, strict=True)}
        row = _row(cells, known, problems)
        if row is not None:
            rows.append(row)
    problems.extend(_order_problems(rows))
    return rows


def _header_problems(columns: list[str], header: list[tuple[str, Location]]) -> list[Problem]:
    problems = []
    allowed = [*COLUMNS, *OPTIONAL_COLUMNS]
    for index, (name, (_, where)) in enumerate(zip(columns, header, strict=True)):
        if name not in allowed:
            problems.append(
                Problem(
                    where,
                    name,
                    f'expected one of the columns {", ".join(allowed)}, found "{name}"',
                    suggest_known(name, allowed) or "remove the column, or rename it",
                )
            )
        elif name in columns[:index]:
            problems.append(Problem(where, name, f'column "{name}" is given twice'))
    for name in COLUMNS:
        if name not in columns:
            problems.append(
                Problem(
                    header[0][1],
                    "",
                    f'required column "{name}" is missing from the header',
                    f"the first line names the columns: {','.join(COLUMNS)}",
                )
            )
    return problems


def _row(
    cells: dict[str, tuple[str, Location]],
    known: dict[str, IndicatorSpec],
    problems: list[Problem],
) -> PeriodRow | None:
    count = len(problems)
    indicator, where = cells["indicator"]
    if indicator not in known:
        problems.append(
            Problem(
                where,
                "indicator",
                f'expected the id of an indicator in indicators.yaml, found "{indicator}"',
                suggest_known(indicator, sorted(known)) or "add the indicator to indicators.yaml first",
            )
        )
    period, period_at = cells["period"]
    if not period:
        problems.append(
            Problem(period_at, "period", "expected the period as the source names it, found an empty cell",
                    'e.g. "June 2003", "2003/04", "March 2005"')
        )
    date = _date(*cells["date"], problems)
    readings = {name: _reading(name, *cells[name], problems) for name in FIGURE_COLUMNS}
    source, source_at = cells["source"]
    if not source and any(r is not None and (r.given or r.missing) for r in readings.values()):
        problems.append(
            Problem(
                source_at,
                "source",
                "expected the sentence of the plan this figure comes from, found an empty cell",
                "quote the source word for word: a figure without its source cannot be checked",
            )
        )
    note = cells.get("note", ("", where))[0]
    if len(problems) > count:
        return None
    actual, target, stretch = (readings[name] for name in FIGURE_COLUMNS)
    assert actual is not None and target is not None and stretch is not None  # no problems
    return PeriodRow(indicator, period, date, actual, target, stretch, source, note, where)


def _date(text: str, where: Location, problems: list[Problem]) -> dt.date | None:
    if not text:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError("")
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        reason = f" ({exc})" if str(exc) else ""
        problems.append(
            Problem(
                where,
                "date",
                f'expected a date written as YYYY-MM-DD, found "{text}"{reason}',
                "the date the period ends (e.g. 2004-03-31); leave it empty if the source gives none",
            )
        )
        return None


def _reading(name: str, text: str, where: Location, problems: list[Problem]) -> Reading | None:
    gap = _MISSING.match(text)
    if gap:
        return Reading(gap["words"].strip(), None, gap["words"].strip(), where)
    figure = parse_figure(text)
    if figure is None or figure.unit == "£":
        problems.append(
            Problem(
                where,
                name,
                f'expected a number such as 14.5, an empty cell, or "missing: <the source\'s words>", '
                f'found "{text}"',
                "write the figure in digits as the source gives it (35, 14.5); "
                "the unit belongs in indicators.yaml",
            )
        )
        return None
    text = figure.text.removesuffix("%") if figure.value is not None else ""
    return Reading(text, figure.value, None, where)


def _order_problems(rows: list[PeriodRow]) -> Iterator[Problem]:
    """Periods are unique per indicator, and dated rows come oldest first."""
    seen: dict[tuple[str, str], PeriodRow] = {}
    last_date: dict[str, PeriodRow] = {}
    for row in rows:
        key = (row.indicator, row.period)
        if key in seen:
            yield Problem(
                row.location,
                "period",
                f'{row.indicator}: period "{row.period}" is already given at line {seen[key].location.line}',
                "one row per indicator and period: put the actual, target and stretch target in one row",
            )
        seen.setdefault(key, row)
        if row.date is None:
            continue
        before = last_date.get(row.indicator)
        if before is not None and before.date is not None and row.date < before.date:
            yield Problem(
                row.location,
                "date",
                f"{row.indicator}: {row.date.isoformat()} comes before the date of the row above it "
                f"({before.date.isoformat()}, line {before.location.line})",
                "list each indicator's periods oldest first: charts and forecasts read them in order",
            )
        last_date[row.indicator] = row
