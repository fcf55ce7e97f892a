"""What has changed: two versions' open data records in, a list of typed changes out.

Pure functions, nothing read or written. Records are matched by their ids (an indicator's
figures by indicator and period, a task by its plan and id); a gap has no id, so gaps are
matched by their page, field and words and counted, so that two identical gaps on one page
stay two.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from generator.model import urls as paths
from generator.model.changes import KINDS, Baseline, Change, ChangeKind, ChangeReport, Record, Records

_FIGURE_KINDS: dict[str, tuple[ChangeKind, ChangeKind, ChangeKind]] = {
    "actual": ("new figure", "figure changed", "figure removed"),
    "target": ("new target", "target moved", "target removed"),
}
"""For each compared column of an indicator's values: its kinds when added, changed, removed."""

PHRASES: dict[ChangeKind, tuple[str, str]] = {
    "new figure": ("new figure", "new figures"),
    "figure changed": ("figure changed", "figures changed"),
    "figure removed": ("figure removed", "figures removed"),
    "new target": ("new target", "new targets"),
    "target moved": ("target moved", "targets moved"),
    "target removed": ("target removed", "targets removed"),
    "new outcome": ("new outcome", "new outcomes"),
    "outcome reworded": ("outcome reworded", "outcomes reworded"),
    "outcome removed": ("outcome removed", "outcomes removed"),
    "new task": ("new task", "new tasks"),
    "task reworded": ("task reworded", "tasks reworded"),
    "task status changed": ("task with a new status", "tasks with a new status"),
    "task removed": ("task removed", "tasks removed"),
    "new gap": ("new gap", "new gaps"),
    "gap filled": ("gap filled", "gaps filled"),
}
"""Each kind counted in words: "1 figure changed", "2 new gaps"."""


def report(baseline: Baseline | None, now: Records) -> ChangeReport:
    """Every change from ``baseline`` to ``now``; no changes and no baseline on a first build."""
    if baseline is None:
        return ChangeReport(None, None, ())
    return ChangeReport(baseline.title, baseline.date, tuple(compare(baseline.records, now)))


def compare(before: Records, after: Records) -> list[Change]:
    """Every change from ``before`` to ``after``, grouped by kind in :data:`KINDS` order."""
    found = [*_figures(before, after), *_outcomes(before, after), *_tasks(before, after)]
    found += _gaps(before, after)
    order = {kind: index for index, kind in enumerate(KINDS)}
    return sorted(found, key=lambda change: order[change.kind])  # stable: records keep their order


def summary(changes: Sequence[Change]) -> str:
    """The changes counted in words, e.g. ``1 figure changed and 2 new gaps``; empty for none."""
    counts = Counter(change.kind for change in changes)
    parts = [f"{counts[kind]} {PHRASES[kind][counts[kind] != 1]}" for kind in KINDS if counts[kind]]
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


Keyed = dict[tuple[str, ...], Record]
"""Rows by their key's values."""


def _rows(records: Records, name: str) -> Sequence[Record]:
    return records.get(name, ())


def _by(rows: Sequence[Record], *key: str) -> Keyed:
    """Rows by their key; the first of two rows with one key wins (the loader refuses duplicates)."""
    found: Keyed = {}
    for row in rows:
        found.setdefault(tuple(row.get(part, "") for part in key), row)
    return found


def _keys(before: Keyed, after: Keyed) -> list[tuple[str, ...]]:
    """Every key: this version's in its order, then those only the earlier version had."""
    return [*after, *(key for key in before if key not in after)]


def _indicator_title(row: Record, indicator_id: str) -> str:
    code, title = row.get("code", ""), row.get("title", "")
    if code and title:
        return f"{code}: {title}"
    return code or title or indicator_id


def _figures(before: Records, after: Records) -> Iterator[Change]:
    was = _by(_rows(before, "indicators"), "id")
    now = _by(_rows(after, "indicators"), "id")
    old_values = _by(_rows(before, "indicator-values"), "indicator", "period")
    new_values = _by(_rows(after, "indicator-values"), "indicator", "period")
    for key in _keys(old_values, new_values):
        indicator, period = key
        old_row, new_row = old_values.get(key, {}), new_values.get(key, {})
        for column, (added, changed, removed) in _FIGURE_KINDS.items():
            old, new = old_row.get(column, ""), new_row.get(column, "")
            if old == new:
                continue
            about = now.get((indicator,)) or was.get((indicator,)) or {}
            yield Change(
                added if not old else removed if not new else changed,
                indicator,
                _indicator_title(about, indicator),
                detail=period,
                before=old,
                after=new,
                status_before=was.get((indicator,), {}).get("status", ""),
                status_after=now.get((indicator,), {}).get("status", ""),
                page=now.get((indicator,), {}).get("page", ""),
            )


def _outcomes(before: Records, after: Records) -> Iterator[Change]:
    was = _by(_rows(before, "outcomes"), "id")
    now = _by(_rows(after, "outcomes"), "id")
    for key in _keys(was, now):
        old, new = was.get(key), now.get(key)
        (outcome_id,) = key
        if old is None and new is not None:
            yield Change("new outcome", outcome_id, _words(new, "statement", outcome_id),
                         after=new.get("statement", ""), page=new.get("page", ""))
        elif new is None and old is not None:
            yield Change("outcome removed", outcome_id, _words(old, "statement", outcome_id),
                         before=old.get("statement", ""))
        elif old is not None and new is not None and _reworded(old, new, "statement"):
            yield Change("outcome reworded", outcome_id, _words(new, "statement", outcome_id),
                         before=old["statement"], after=new["statement"], page=new.get("page", ""))


def _words(row: Record, column: str, fallback: str) -> str:
    return row.get(column, "") or fallback


def _reworded(old: Record, new: Record, column: str) -> bool:
    """Both give words and the words differ; words given or taken away are a gap filled or new."""
    return bool(old.get(column)) and bool(new.get(column)) and old[column] != new[column]


def _tasks(before: Records, after: Records) -> Iterator[Change]:
    was = _by(_rows(before, "progress-tasks"), "plan_id", "id")
    now = _by(_rows(after, "progress-tasks"), "plan_id", "id")
    for key in _keys(was, now):
        old, new = was.get(key), now.get(key)
        plan_id, task_id = key
        ident = f"{plan_id}/{task_id}"
        page = f"{paths.url_of(paths.progress_plan(plan_id))}#{task_id}"
        if old is None and new is not None:
            yield Change("new task", ident, _words(new, "title", task_id), plan_id,
                         after=new.get("title", ""), page=page)
        elif new is None and old is not None:
            title = _words(old, "title", task_id)
            yield Change("task removed", ident, title, plan_id, before=old.get("title", ""))
        elif old is not None and new is not None:
            title = _words(new, "title", task_id)
            if _reworded(old, new, "title"):
                yield Change("task reworded", ident, title, plan_id, old["title"], new["title"], page=page)
            if old.get("latest_status", "") != new.get("latest_status", ""):
                yield Change("task status changed", ident, title, plan_id,
                             old.get("latest_status", ""), new.get("latest_status", ""), page=page)


def _gap_key(row: Record) -> tuple[str, str, str]:
    return row.get("page", ""), row.get("field", ""), row.get("words", "")


def _gaps(before: Records, after: Records) -> Iterator[Change]:
    old_rows, new_rows = _rows(before, "gaps"), _rows(after, "gaps")
    was, now = Counter(map(_gap_key, old_rows)), Counter(map(_gap_key, new_rows))
    for rows, counts, other, kind in ((new_rows, now, was, "new gap"), (old_rows, was, now, "gap filled")):
        seen: set[tuple[str, str, str]] = set()
        for row in rows:
            key = _gap_key(row)
            if key in seen:
                continue
            seen.add(key)
            page, field, words = key
            for _ in range(counts[key] - other[key]):
                yield Change(
                    "new gap" if kind == "new gap" else "gap filled",
                    page,
                    row.get("place", "") or page,
                    field,
                    before=words if kind == "gap filled" else "",
                    after=words if kind == "new gap" else "",
                    page=page,
                )
