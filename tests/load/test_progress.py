"""Progress plans under content/progress/: one located plan per folder, and what is not read."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.core.problems import Severity
from generator.load.documents import ContentLayout
from generator.load.progress import load_progress
from tests.conftest import ROOT


def progress_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "progress", content / "progress")
    return content


def test_every_bundled_plan_loads_in_date_order(tmp_path: Path) -> None:
    plans, problems = load_progress(ContentLayout(progress_copy(tmp_path)))
    assert problems == []
    assert {p.id for p in plans} == {path.name for path in (ROOT / "content" / "progress").iterdir()}
    assert [(p.first_date(), p.id) for p in plans] == sorted((p.first_date(), p.id) for p in plans)
    work = next(p for p in plans if p.id == "hsp-work-plan")
    assert work.folder.endswith("progress/hsp-work-plan")
    assert work.updates and set(work.update_files) == set(work.updates)
    assert all(shown.endswith(f"updates/{period}.yaml") for period, shown in work.update_files.items())


def test_no_progress_folder_is_no_plans_and_no_problem(tmp_path: Path) -> None:
    assert load_progress(ContentLayout(tmp_path)) == ([], [])


def test_a_folder_named_unlike_an_id_is_refused(tmp_path: Path) -> None:
    content = progress_copy(tmp_path)
    (content / "progress" / "hsp-work-plan").rename(content / "progress" / "HSP Work Plan")
    plans, problems = load_progress(ContentLayout(content))
    assert "hsp-work-plan" not in {p.id for p in plans}
    assert [p.message for p in problems] == ['expected a plan id as the folder name, found "HSP Work Plan"']


def test_stray_files_are_warnings_that_they_are_not_published(tmp_path: Path) -> None:
    content = progress_copy(tmp_path)
    (content / "progress" / "notes.txt").write_text("x", encoding="utf-8")
    (content / "progress" / "hsp-work-plan" / "minutes.docx").write_bytes(b"x")
    (content / "progress" / "hsp-work-plan" / "updates" / "2007-06.txt").write_text("x", encoding="utf-8")
    plans, problems = load_progress(ContentLayout(content))
    assert "hsp-work-plan" in {p.id for p in plans}  # warnings do not stop the plan
    assert {p.severity for p in problems} == {Severity.WARNING}
    assert sorted((p.location.file.rsplit("/", 1)[-1], p.hint.split(":")[0]) for p in problems) == [
        ("2007-06.txt", "update files are YAML"),
        ("minutes.docx", "a plan folder holds plan.yaml, tasks.yaml, document.md and updates/"),
        ("notes.txt", "put each plan in its own folder"),
    ]


def test_a_plan_with_a_broken_file_is_left_out_and_located(tmp_path: Path) -> None:
    content = progress_copy(tmp_path)
    (content / "progress" / "hsp-work-plan" / "tasks.yaml").unlink()
    plans, problems = load_progress(ContentLayout(content))
    assert "hsp-work-plan" not in {p.id for p in plans}
    assert any("hsp-work-plan/tasks.yaml" in p.location.file for p in problems)
