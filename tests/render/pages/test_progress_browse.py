"""A progress plan's browse page: every task under its status, its owners and its directorates,
each linking to its row on the plan's page; the views the templates read are typed."""

from __future__ import annotations

import dataclasses

import pytest

from generator.model.plan import Plan
from generator.render.pages.progress_browse import browse_page
from generator.render.pages.progress_rows import TaskGroupView, TaskLink


def test_every_task_is_listed_under_its_status_with_a_link_to_its_row(bundled_plan: Plan) -> None:
    progress = next(p for p in bundled_plan.progress if p.id == "hsp-work-plan")
    page = browse_page(bundled_plan, progress)
    by_status = page.split("\n## By status", 1)[1].split("\n## ", 1)[0]
    for placed in progress.tasks():
        assert f"](index.md#{placed.id})" in by_status, placed.id  # its row on the plan's page
    assert by_status.count("- [") == len(progress.tasks())  # each task once under its status


def test_the_views_are_frozen_records() -> None:
    link = TaskLink(title="A task", path="progress/p/index.md#a", badge="")  # type: ignore[arg-type]
    group = TaskGroupView(name="done", tasks=[link])
    assert group.tasks[0].path.endswith("#a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        link.path = "elsewhere"  # type: ignore[misc]
