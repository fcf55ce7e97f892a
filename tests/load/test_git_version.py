"""The content folder as a git commit holds it: exported, never touching the working tree."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.load.git_version import content_at
from generator.load.published import BaselineError

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
}


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=True, env=GIT_ENV)
    return done.stdout.decode().strip()


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository whose content/plan.yaml says "first" at the tag v1 and "second" now."""
    content = tmp_path / "repo" / "content"
    content.mkdir(parents=True)
    git(tmp_path / "repo", "init", "-q")
    (content / "plan.yaml").write_text("title: first\n", encoding="utf-8")
    git(tmp_path / "repo", "add", "-A")
    git(tmp_path / "repo", "commit", "-q", "-m", "first")
    git(tmp_path / "repo", "tag", "v1")
    (content / "plan.yaml").write_text("title: second\n", encoding="utf-8")
    (content / "new.yaml").write_text("added later\n", encoding="utf-8")
    return content


def test_the_folder_is_exported_as_the_commit_holds_it(repository: Path) -> None:
    with content_at(repository, "v1") as earlier:
        assert (earlier / "plan.yaml").read_text(encoding="utf-8") == "title: first\n"
        assert not (earlier / "new.yaml").exists()
        assert earlier.name == "content" and not earlier.is_relative_to(repository.parent)
    assert not earlier.exists()  # the temporary folder is removed afterwards
    assert (repository / "plan.yaml").read_text(encoding="utf-8") == "title: second\n"


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("no-such-tag", "--since: expected a git commit, branch or tag of"),
        ("--output=/tmp/x", "--since: expected a git commit, branch or tag, found '--output=/tmp/x'"),
    ],
)
def test_a_ref_that_is_no_commit_is_a_message(repository: Path, ref: str, message: str) -> None:
    with pytest.raises(BaselineError, match="^" + message.replace("(", r"\(")), content_at(repository, ref):
        pass


def test_a_commit_without_the_folder_is_a_message(repository: Path) -> None:
    other = repository.parent / "other"
    other.mkdir()
    with pytest.raises(BaselineError, match="the commit has no folder other"), content_at(other, "v1"):
        pass


def test_a_folder_outside_git_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    with pytest.raises(BaselineError, match="is not in a git repository"), content_at(tmp_path / "content", "HEAD"):
        pass
