"""Output folders that cannot eat input: refused site folders, bvpp's marker, staging leftovers."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import Project
from generator.publish.outputs import SITE_MARKER, RefusedOutputError, refuse_unsafe_site
from generator.publish.staging import remove_leftovers
from tests.conftest import ROOT, copy_project


def build(project: Project, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--project", str(project.root), "--no-pdf", *extra])
    return result.exit_code, result.stderr


def digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones and .git included) with a hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_refused(project: Project, site_dir: Path | str, reason: str, *extra: str) -> None:
    """``bvpp build --site-dir`` exits 2 with one line naming ``reason``; nothing changed."""
    (project.root / ".git").mkdir(exist_ok=True)
    (project.root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project.root / "notes.txt").write_text("uncommitted work\n")
    before = digest(project.root)
    code, err = build(project, "--site-dir", str(site_dir), *extra)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert reason in err and "Traceback" not in err, err
    assert digest(project.root) == before
    assert not [p for p in project.root.parent.rglob(".*building-*")], "nothing may be staged"


def test_the_project_folder_is_refused(project: Project) -> None:
    assert_refused(project, project.root, "it is the project folder")


def test_a_folder_holding_the_project_is_refused(project: Project) -> None:
    assert_refused(project, project.root.parent, "it holds the project folder")


def test_the_content_folder_and_folders_inside_it_are_refused(project: Project) -> None:
    assert_refused(project, project.content, "it is the content folder")
    assert_refused(project, project.content / "site", "it is inside the content folder")


def test_a_folder_holding_another_content_folder_is_refused(project: Project, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "content").parent.mkdir()
    (project.content).rename(elsewhere / "content")
    assert_refused(project, elsewhere, "it holds the content folder", "--content", str(elsewhere / "content"))


def test_the_theme_folder_is_refused(project: Project) -> None:
    assert_refused(project, project.root / "theme", "it is the theme folder")


def test_the_working_folder_is_refused(project: Project) -> None:
    assert_refused(project, project.root / "build" / "site", "it is inside the project's working folder")


def test_the_home_folder_and_a_folder_holding_it_are_refused(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home" / "officer"
    home.mkdir(parents=True)
    (home / ".bashrc").write_text("# mine\n")
    monkeypatch.setenv("HOME", str(home))
    assert_refused(project, home, "it is the home folder")
    assert_refused(project, home.parent, "it holds the home folder")
    assert (home / ".bashrc").read_text() == "# mine\n"


def test_the_file_system_root_is_refused(project: Project) -> None:
    assert_refused(project, "/", "it is the file-system root")


def test_a_non_empty_folder_bvpp_did_not_make_is_refused(project: Project, tmp_path: Path) -> None:
    theirs = tmp_path / "photos"
    theirs.mkdir()
    (theirs / "holiday.jpg").write_bytes(b"\xff\xd8 not really a photo")
    assert_refused(project, theirs, "a folder that bvpp did not make and is not empty")
    assert (theirs / "holiday.jpg").read_bytes() == b"\xff\xd8 not really a photo"


def test_refusal_follows_symlinks(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    link = tmp_path / "innocent-looking"
    link.symlink_to(project)
    with pytest.raises(RefusedOutputError, match="it is the project folder"):
        refuse_unsafe_site(link, project, project / "content", project / "theme")


@pytest.mark.site
def test_default_site_and_bvpp_made_folders_are_published(project: Project, tmp_path: Path) -> None:
    code, err = build(project)
    assert code == 0, err
    assert (project.site / "index.html").is_file()
    assert (project.site / SITE_MARKER).is_file()
    assert project.site.stat().st_mode & 0o055 == 0o055, "a web server must be able to read it"
    # a site of an older bvpp has no marker: recognised by its files, and marked by the next build
    (project.site / SITE_MARKER).unlink()
    # (older bvpp sites all had Material's lunr index, which sites now built with Pagefind lack)
    (project.site / "search").mkdir()
    (project.site / "search" / "search_index.json").write_text('{"docs": []}')
    (project.site / "stale.html").write_text("from an older build")
    code, err = build(project)
    assert code == 0, err
    assert (project.site / SITE_MARKER).is_file()
    assert not (project.site / "stale.html").exists()
    # an empty folder, and a folder bvpp made elsewhere, may be published into
    empty = tmp_path / "public"
    empty.mkdir()
    code, err = build(project, "--site-dir", str(empty))
    assert code == 0, err
    code, err = build(project, "--site-dir", str(empty))
    assert code == 0, err
    assert (empty / "index.html").is_file() and (empty / SITE_MARKER).is_file()


@pytest.mark.site
def test_the_next_build_removes_what_a_killed_build_left(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    project.site.mkdir()  # an empty site folder: publishing into it is allowed
    child = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", "--project", str(project.root), "--no-pdf"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    staged: list[Path] = []
    deadline = time.monotonic() + 120
    while not staged and time.monotonic() < deadline and child.poll() is None:
        # MkDocs is writing pages: kill the build outright, as a power cut or the OOM killer would
        staged = [p for p in project.root.glob(".site.building-*") if (p / "assets").is_dir()]
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert staged, "the build was not caught in its MkDocs stage"
    assert staged[0].is_dir(), "a killed build leaves its staging folder"
    # what no build made stays: a folder with the name but not bvpp's, and one a build still holds
    foreign = project.root / ".site.building-notours"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    code, err = build(project)
    assert code == 0, err
    assert not staged[0].exists()
    assert (foreign / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in project.root.iterdir() if p.name.startswith(".site")) == [foreign.name]


def test_a_staging_folder_in_use_is_left_alone(tmp_path: Path) -> None:
    import fcntl

    site = tmp_path / "site"
    running = tmp_path / ".site.building-abcd1234"
    running.mkdir()
    with (running / SITE_MARKER).open("w") as marker:
        fcntl.flock(marker, fcntl.LOCK_EX)  # as a build in another process holds it
        child = subprocess.run(
            [sys.executable, "-c", f"from generator.publish.staging import remove_leftovers as r; "
             f"from pathlib import Path; print(r(Path({str(site)!r})))"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )
        assert child.stdout.strip() == "[]" and running.is_dir()
    assert remove_leftovers(site) == [running] and not running.exists()
    # an unmarked folder of an older bvpp: mkdtemp's name and 0700 mode, old enough
    old = tmp_path / ".site.building-x1y2z3_4"
    old.mkdir(mode=0o700)
    old.chmod(0o700)  # whatever the umask
    assert remove_leftovers(site) == []  # just made: it may be a build about to write its marker
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert remove_leftovers(site) == [old]
