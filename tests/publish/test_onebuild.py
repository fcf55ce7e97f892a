"""One build of a project at a time: a second is refused before it reads or writes anything."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import pipeline
from generator.cli import main
from generator.core.problems import ContentError
from generator.publish.onebuild import LOCK_FILE, BuildRunningError, one_build_at_a_time
from tests.conftest import copy_project
from tests.test_corpus import tree_digest


def test_a_second_build_is_refused_and_changes_nothing(project: pipeline.Project) -> None:
    before = tree_digest(project.root)
    with one_build_at_a_time(project.root), pytest.raises(BuildRunningError, match=f"process {os.getpid()}"):
        pipeline.build(project, pdf=False)
    after = tree_digest(project.root)
    assert {name: after[name] for name in before} == before  # the user's files untouched
    assert set(after) - set(before) == {LOCK_FILE.as_posix()}  # no docs, no site, no cache
    assert not project.site.exists()


def test_the_command_says_who_holds_the_lock_and_exits_1(project: pipeline.Project) -> None:
    with one_build_at_a_time(project.root):  # held as another build would hold it
        result = CliRunner().invoke(main, ["build", "--project", str(project.root), "--no-pdf"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "another bvpp build of this project is running (process " in result.stderr
    assert result.stderr.rstrip().endswith("; the site was not changed")


def test_the_lock_is_free_after_a_build_and_after_a_failed_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    pipeline.build(project, pdf=False)
    (project.content / "themes" / "environment.yaml").write_text("themes: [", encoding="utf-8")
    with pytest.raises(ContentError):
        pipeline.build(project, pdf=False)
    with one_build_at_a_time(project.root):  # taken at once: neither build kept it
        pass


def test_a_killed_build_never_blocks_the_next(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys, time; from pathlib import Path;"
            "from generator.publish.onebuild import one_build_at_a_time;"
            "cm = one_build_at_a_time(Path(sys.argv[1])); cm.__enter__();"
            "print('held', flush=True); time.sleep(60)"
        ), str(tmp_path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(BuildRunningError), one_build_at_a_time(tmp_path):
            pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with (tmp_path / LOCK_FILE).open() as lock:  # the lock went with its process
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
