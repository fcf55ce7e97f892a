"""Write a checked return into the content, in the project's own format.

``values.csv`` keeps every untouched record byte for byte; a changed record is rewritten in
place and a new one goes beside its indicator's other periods, in date order. An update file is
written whole from its entries (its opening comments kept), existing entries first in their own
order, new ones after them in the plan's task order; a new period is added at the end of the
plan's ``periods:``. Writing what was read gives the same bytes, so a second import changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml

from generator.load.indicators import FOLDER as INDICATORS_FOLDER
from generator.load.indicators import VALUES_FILE
from generator.load.progress import FOLDER as PROGRESS_FOLDER
from generator.model.base import Gap
from generator.model.plan import Plan
from generator.model.progress import ProgressPlan, StatusUpdate
from generator.returns.check import Changes, FigureChange

UPDATES_SCHEMA = "# yaml-language-server: $schema=../../../../schemas/progress-updates.schema.json\n"


def new_texts(plan: Plan, content: Path, changes: Changes) -> dict[Path, str]:
    """Every content file the changes touch, by path, with its new text."""
    texts: dict[Path, str] = {}
    if changes.figures:
        path = content / INDICATORS_FOLDER / VALUES_FILE
        texts[path] = values_text(path.read_text(encoding="utf-8"), changes.figures, changes)
    for progress in plan.progress:
        updates = [c.update for c in changes.tasks if c.plan == progress.id]
        if not updates:
            continue
        folder = content / PROGRESS_FOLDER / progress.id
        own = next((p for p in progress.config.periods if p.end == changes.period.ends), None)
        if own is None:
            plan_file = folder / "plan.yaml"
            texts[plan_file] = with_period(plan_file.read_text(encoding="utf-8"), changes)
        period_id = own.id if own is not None else changes.period.progress_id
        path = folder / "updates" / f"{period_id}.yaml"
        before = path.read_text(encoding="utf-8") if path.exists() else None
        entries = list(progress.updates[period_id].updates) if period_id in progress.updates else []
        texts[path] = updates_text(before, merged(progress, entries, updates), changes.period.label)
    return texts


def merged(
    progress: ProgressPlan, entries: list[StatusUpdate], updates: list[StatusUpdate]
) -> list[StatusUpdate]:
    """Existing entries in their order (replaced where updated), then new ones in task order."""
    by_task = {u.task: u for u in updates}
    kept = [_replaced(e, by_task.pop(e.task)) if e.task in by_task else e for e in entries]
    order = [t.id for t in progress.tasks()]
    return kept + sorted(by_task.values(), key=lambda u: order.index(u.task))


def _replaced(old: StatusUpdate, new: StatusUpdate) -> StatusUpdate:
    return StatusUpdate(
        task=old.task, status=new.status, progress=new.progress, next_actions=new.next_actions, note=old.note
    )


def _quoted(text: str) -> str:
    # JSON's double-quoted strings are YAML double-quoted scalars with the same meaning.
    return json.dumps(text, ensure_ascii=False)


def _list(name: str, value: list[str] | Gap | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, Gap):
        return [f"    {name}:", f"      missing: {_quoted(value.missing)}"]
    return [f"    {name}:", *(f"      - {_quoted(item)}" for item in value)]


def updates_text(before: str | None, updates: list[StatusUpdate], label: str) -> str:
    """An update file's text: its opening comments (or ours), then one entry per task."""
    if before is not None:
        head = "".join(line for line in before.splitlines(keepends=True)[: _comment_lines(before)])
    else:
        head = (
            UPDATES_SCHEMA + f"# Status updates for {label}, imported from returns ('bvpp returns import').\n"
        )
    lines = ["updates:"]
    for update in updates:
        lines.append(f"  - task: {update.task}")
        if update.status is not None:
            lines.append(f"    status: {update.status}")
        lines += _list("progress", update.progress)
        lines += _list("next_actions", update.next_actions)
        if update.note is not None:
            lines.append(f"    note: {_quoted(update.note)}")
    return head + "\n".join(lines) + "\n"


def _comment_lines(text: str) -> int:
    count = 0
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            break
        count += 1
    return count


def with_period(text: str, changes: Changes) -> str:
    """plan.yaml with the return's period added after the last of its ``periods:``."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)  # the plan loaded, so this holds
    periods = next(value for key, value in root.value if key.value == "periods")
    assert isinstance(periods, yaml.SequenceNode) and periods.value
    indent = periods.value[0].start_mark.column
    end = periods.end_mark
    lines = text.splitlines(keepends=True)
    at = end.line if end.column == 0 else end.line + 1
    pad, dash = " " * indent, " " * (indent - 2) + "- "
    period = changes.period
    entry = (
        f"{dash}id: {_quoted(period.progress_id)}\n"
        f"{pad}title: {_quoted(period.label)}\n"
        f"{pad}end: {_quoted(period.ends.isoformat())}\n"
        f"{pad}source: {_quoted('Quarterly returns imported with bvpp returns import')}\n"
    )
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines[:at]) + entry + "".join(lines[at:])


def _records(text: str) -> list[tuple[str, list[str]]]:
    """Each CSV record's own text (kept byte for byte) and its cells."""
    lines = [line + "\n" for line in text.split("\n")]  # as the loader counts lines
    if lines[-1] == "\n":
        lines.pop()
    reader = csv.reader(iter(lines), strict=True)
    found: list[tuple[str, list[str]]] = []
    start = 0
    for cells in reader:
        found.append(("".join(lines[start : reader.line_num]), cells))
        start = reader.line_num
    return found


def _record(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def values_text(text: str, figures: list[FigureChange], changes: Changes) -> str:
    """values.csv with each figure written into its period's row, or a new row in date order."""
    records = _records(text)
    header = records[0][1]
    column = {name.strip(): index for index, name in enumerate(header)}
    for figure in figures:
        if figure.row is not None:
            index = _record_at(records, figure.row.location.line)
            cells = list(records[index][1])
            _fill(cells, column, figure)
            records[index] = (_record(cells), cells)
            continue
        cells = [""] * len(header)
        cells[column["indicator"]], cells[column["period"]] = figure.indicator, figure.period
        cells[column["date"]] = changes.period.ends.isoformat()
        _fill(cells, column, figure)
        records.insert(
            _position(records, column, figure.indicator, changes.period.ends.isoformat()),
            (_record(cells), cells),
        )
    if not records[-1][0].endswith("\n"):
        records[-1] = (records[-1][0] + "\n", records[-1][1])
    return "".join(raw for raw, _ in records)


def _record_at(records: list[tuple[str, list[str]]], line: int) -> int:
    number = 1
    for index, (raw, _) in enumerate(records):
        if number == line:
            return index
        number += raw.count("\n")
    raise ValueError(f"no record starts at line {line}")  # the row was read from this very file


def _fill(cells: list[str], column: dict[str, int], figure: FigureChange) -> None:
    cells[column["actual"]] = figure.actual
    source, note = cells[column["source"]], cells[column["note"]] if "note" in column else ""
    has_target = any(cells[column[c]] for c in ("target", "stretch_target"))
    if source and has_target and figure.source not in source:
        source = f"{source}; actual: {figure.source}"
    else:
        source = figure.source
    cells[column["source"]] = source
    if figure.note and figure.note not in note:
        note = f"{note}; {figure.note}" if note else figure.note
    if "note" in column:
        cells[column["note"]] = note
    elif note:
        cells[column["source"]] = f"{source} (note: {note})"


def _position(records: list[tuple[str, list[str]]], column: dict[str, int], indicator: str, date: str) -> int:
    """Before the indicator's first later-dated row, else after its last row, else at the end."""
    last = None
    for index, (_, cells) in enumerate(records[1:], start=1):
        if cells and cells[column["indicator"]] == indicator:
            if cells[column["date"]] and cells[column["date"]] > date:
                return index
            last = index
    return len(records) if last is None else last + 1
