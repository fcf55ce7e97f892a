"""What has changed: the pure comparison, kind by kind, on records made by hand."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.derive.changes import compare, report, summary
from generator.model.changes import Baseline, Change, Record

Rows = Mapping[str, Sequence[Record]]

INDICATOR = {"id": "bvpi-12", "code": "BVPI 12", "title": "Days lost to sickness", "status": "off target",
             "page": "indicators/bvpi-12/"}


def _values(actual: str = "", target: str = "", period: str = "2003/04") -> dict[str, str]:
    return {"indicator": "bvpi-12", "period": period, "actual": actual, "target": target}


def _outcome(statement: str = "Cleaner streets", oid: str = "cleaner-streets") -> dict[str, str]:
    return {"id": oid, "statement": statement, "page": f"outcomes/{oid}/"}


def _task(title: str = "Publish the plan", status: str = "Outstanding") -> dict[str, str]:
    return {"plan_id": "cpa", "id": "publish", "title": title, "latest_status": status}


def _gap(words: str = "to be completed", field: str = "actions planned") -> dict[str, str]:
    return {"part": "Environment", "place": "Cleaner streets", "field": field, "words": words,
            "page": "outcomes/cleaner-streets/"}


def _records(**rows: Sequence[Record]) -> Rows:
    return {name.replace("_", "-"): value for name, value in rows.items()}


BASE = _records(
    indicators=[INDICATOR],
    indicator_values=[_values("9.98", "9.5")],
    outcomes=[_outcome()],
    progress_tasks=[_task()],
    gaps=[_gap()],
)


def _one(before: Rows, after: Rows) -> Change:
    found = compare(before, after)
    assert len(found) == 1, found
    return found[0]


def test_identical_records_have_no_change() -> None:
    assert compare(BASE, {name: [dict(row) for row in rows] for name, rows in BASE.items()}) == []
    assert summary([]) == ""


def test_a_figure_for_a_new_period_is_a_new_figure() -> None:
    after = {**BASE, "indicator-values": [*BASE["indicator-values"], _values("9.1", period="2004/05")]}
    change = _one(BASE, after)
    assert (change.kind, change.id, change.detail, change.before, change.after) == (
        "new figure", "bvpi-12", "2004/05", "", "9.1"
    )
    assert change.title == "BVPI 12: Days lost to sickness" and change.page == "indicators/bvpi-12/"


def test_a_changed_figure_says_old_and_new_and_the_status_change() -> None:
    after = {**BASE, "indicator-values": [_values("9.2", "9.5")],
             "indicators": [{**INDICATOR, "status": "on target"}]}
    change = _one(BASE, after)
    assert (change.kind, change.before, change.after) == ("figure changed", "9.98", "9.2")
    assert (change.status_before, change.status_after) == ("off target", "on target")


def test_a_figure_taken_out_is_a_figure_removed() -> None:
    change = _one(BASE, {**BASE, "indicator-values": [_values("", "9.5")]})
    assert (change.kind, change.before, change.after) == ("figure removed", "9.98", "")


def test_targets_added_moved_and_removed() -> None:
    before = {**BASE, "indicator-values": [_values("9.98")]}
    assert _one(before, BASE).kind == "new target"
    moved = _one(BASE, {**BASE, "indicator-values": [_values("9.98", "8")]})
    assert (moved.kind, moved.before, moved.after) == ("target moved", "9.5", "8")
    assert _one(BASE, before).kind == "target removed"


def test_outcomes_added_removed_and_reworded() -> None:
    added = {**BASE, "outcomes": [_outcome(), _outcome("Safer parks", "safer-parks")]}
    new = _one(BASE, added)
    assert (new.kind, new.id, new.title, new.page) == ("new outcome", "safer-parks", "Safer parks", "outcomes/safer-parks/")
    gone = _one(added, BASE)
    assert (gone.kind, gone.id, gone.page) == ("outcome removed", "safer-parks", "")  # no page to link
    reworded = _one(BASE, {**BASE, "outcomes": [_outcome("Cleaner streets within 48 hours")]})
    assert (reworded.kind, reworded.before, reworded.after) == (
        "outcome reworded", "Cleaner streets", "Cleaner streets within 48 hours"
    )


def test_a_statement_given_for_a_gap_is_not_a_rewording() -> None:
    before = {**BASE, "outcomes": [_outcome("")]}
    assert compare(before, BASE) == []  # the gap itself is compared by the gaps


def test_tasks_added_removed_reworded_and_given_a_new_status() -> None:
    none: Rows = {**BASE, "progress-tasks": []}
    new = _one(none, BASE)
    assert (new.kind, new.id, new.detail, new.page) == ("new task", "cpa/publish", "cpa", "progress/cpa/#publish")
    assert _one(BASE, none).kind == "task removed"
    assert _one(BASE, {**BASE, "progress-tasks": [_task("Publish the plan on time")]}).kind == "task reworded"
    status = _one(BASE, {**BASE, "progress-tasks": [_task(status="Completed")]})
    assert (status.kind, status.before, status.after) == ("task status changed", "Outstanding", "Completed")


def test_new_gaps_and_gaps_filled_are_counted_one_by_one() -> None:
    two = {**BASE, "gaps": [_gap(), _gap(), _gap("XXX", "what we did")]}
    found = compare(BASE, two)
    assert [(c.kind, c.detail, c.after) for c in found] == [
        ("new gap", "actions planned", "to be completed"), ("new gap", "what we did", "XXX")
    ]
    filled = _one(BASE, {**BASE, "gaps": []})
    assert (filled.kind, filled.title, filled.before) == ("gap filled", "Cleaner streets", "to be completed")


def test_a_gap_keeps_its_identity_when_its_outcome_is_reworded() -> None:
    after = {**BASE, "outcomes": [_outcome("Clean streets")], "gaps": [{**_gap(), "place": "Clean streets"}]}
    assert [c.kind for c in compare(BASE, after)] == ["outcome reworded"]


def test_changes_are_listed_by_kind_and_counted_in_words() -> None:
    after = {**BASE, "gaps": [], "indicator-values": [_values("9.2", "9.5"), _values("9", period="2004/05")],
             "outcomes": [_outcome("Clean streets")]}
    found = compare(BASE, after)
    assert [c.kind for c in found] == ["new figure", "figure changed", "outcome reworded", "gap filled"]
    assert summary(found) == "1 new figure, 1 figure changed, 1 outcome reworded and 1 gap filled"
    assert summary(compare(BASE, {**BASE, "gaps": [_gap(), _gap(), _gap()]})) == "2 new gaps"


def test_a_first_publication_has_nothing_to_compare_with() -> None:
    first = report(None, BASE)
    assert not first.compared and first.changes == ()
    later = report(Baseline(BASE, "Plan, Draft 1"), {**BASE, "gaps": []})
    assert later.compared and [c.kind for c in later.changes] == ["gap filled"]


def test_a_kind_of_record_the_earlier_version_did_not_publish_is_all_new() -> None:
    older = {name: rows for name, rows in BASE.items() if name != "progress-tasks"}
    assert [c.kind for c in compare(older, BASE)] == ["new task"]
