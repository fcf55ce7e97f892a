"""Files under content/ that are not plain files, or that lead outside it, are refused unread.

These cases cannot live in the committed corpus as files (git stores no FIFO, socket or device,
and a link to a place outside the checkout means nothing on another machine), so they are made
here at run time. The corpus's ``special.txt`` cases (tests/test_corpus.py) make the same kinds
from a one-line description; this file adds what the corpus cannot show: no hang, a device, a
link made after the survey, and that nothing of the target's text is echoed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator.core.files import ContentFiles
from generator.load.plan import load_content
from tests.conftest import copy_project

SECRET = "root:x:0:0:do-not-echo-this-line:/root:/bin/bash"


def _messages(content: Path) -> str:
    _plan, problems = load_content(content)
    return "\n".join(p.format() for p in problems)


def test_a_fifo_is_refused_and_check_does_not_hang(tmp_path: Path) -> None:
    """The real command, in its own process, with a deadline: before, it waited forever."""
    project = copy_project(tmp_path / "project")
    os.mkfifo(project.content / "sections" / "99-pipe.md")
    os.mkfifo(project.content / "plan.yaml.tmp")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--project", str(project.root)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 1
    assert "content/sections/99-pipe.md: expected a plain file, found a named pipe (FIFO)" in done.stderr
    assert "content/plan.yaml.tmp: expected a plain file" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_socket_and_a_device_link_are_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(project.content / "tables" / "live.csv"))
        (project.content / "themes" / "zero.yaml").symlink_to("/dev/zero")
        shown = _messages(project.content)
    finally:
        server.close()
    assert "content/tables/live.csv: expected a plain file, found a socket" in shown
    # /dev/zero is outside content/: refused as a link before it could stream without end
    assert "content/themes/zero.yaml: expected a file inside the content folder" in shown


@pytest.mark.parametrize("name", ["contacts.yaml", "sections/03-borrowed.md", "tables/lpsa-areas.csv"])
def test_a_link_out_of_content_is_refused_and_its_text_never_shown(tmp_path: Path, name: str) -> None:
    project = copy_project(tmp_path / "p")
    outside = tmp_path / "outside.txt"
    outside.write_text(f"{SECRET}\n---\nid: x\n", encoding="utf-8")
    target = project.content / name
    target.unlink(missing_ok=True)
    target.symlink_to(outside)
    plan, problems = load_content(project.content)
    shown = "\n".join(p.format() for p in problems)
    assert plan is None
    assert f"content/{name}: expected a file inside the content folder, found a symbolic link" in shown
    assert "do-not-echo" not in shown and "root:x" not in shown


def test_a_linked_folder_out_of_content_is_refused_whole(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "99-extra.md").write_text(f"---\nid: extra\ntitle: {SECRET}\n---\n", encoding="utf-8")
    (project.content / "sections" / "more").symlink_to(elsewhere)
    (project.content / "themes" / "linked.yaml").symlink_to(elsewhere / "99-extra.md")
    shown = _messages(project.content)
    assert "content/sections/more: expected a file inside the content folder" in shown
    assert "content/themes/linked.yaml: expected a file inside the content folder" in shown
    assert "do-not-echo" not in shown


def test_a_link_inside_content_is_followed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    section = project.content / "sections" / "02-about-harrow.md"
    kept = project.content / "kept-about-harrow.md"
    section.rename(kept)
    section.symlink_to(Path("..") / kept.name)
    plan, problems = load_content(project.content)
    assert plan is not None, [p.format() for p in problems]
    assert any(s.id == "about-harrow" for s in plan.sections)


def test_a_pipe_made_after_the_survey_is_opened_without_waiting(tmp_path: Path) -> None:
    """The race: the survey saw a plain file, then a pipe took its place before the read."""
    files = ContentFiles(tmp_path, tmp_path)
    pipe = tmp_path / "late.yaml"
    os.mkfifo(pipe)
    text, problems = files.read_text(pipe, "late.yaml")  # O_NONBLOCK: returns at once
    assert text is None
    assert problems[0].message == "expected a plain file, found a named pipe (FIFO)"


def test_a_link_made_after_the_survey_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    files = ContentFiles(content, tmp_path)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (content / "late.yaml").symlink_to(tmp_path / "secret.txt")
    text, problems = files.read_text(content / "late.yaml", "content/late.yaml")
    assert text is None
    assert "symbolic link to a place outside it" in problems[0].message
