"""Faults outside the content become one located message and exit 1, never a traceback.

The file-system faults are real, not mocked: a read-only folder is made immutable with
``chattr +i`` when the tests run as root (root ignores permission bits, but not that attribute)
and by its permission bits otherwise; a full disk is a small tmpfs mounted for the test (root
only, as in CI, which runs the suite under sudo).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import Project
from tests.conftest import require

pytestmark = pytest.mark.site


def build(project: Project, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--project", str(project.root), "--no-pdf", *extra])
    assert "Traceback" not in result.stderr and not isinstance(result.exception, OSError), result.stderr
    return result.exit_code, result.stderr


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` cannot be written to by this process, for real, until the block ends."""
    as_root = os.geteuid() == 0
    if as_root:
        require(shutil.which("chattr") is not None, "chattr (e2fsprogs)")
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError):  # the set-up itself must hold, or the test proves nothing
            (folder / "probe").mkdir()
        yield
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o755)


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[Path]:
    """A tmpfs mounted on ``folder`` (removed after)."""
    require(os.geteuid() == 0 and shutil.which("mount") is not None, "root, to mount a small disk")
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def assert_one_located_message(err: str, path: Path | str, reason: str, hint: str) -> None:
    lines = err.strip().splitlines()
    assert lines[0] == f"{path}: {reason}", err
    assert lines[1].strip().startswith("hint: ") and hint in lines[1], err
    assert "the site was not changed" in lines[-1], err


def test_a_read_only_site_parent_is_a_message_and_the_site_stays(project: Project, tmp_path: Path) -> None:
    parent = tmp_path / "www"
    parent.mkdir()
    site = parent / "plan"
    code, err = build(project, "--site-dir", str(site))
    assert code == 0, err
    before = digest(site)
    with read_only(parent):
        code, err = build(project, "--site-dir", str(site))
    assert code == 1
    reason = "Operation not permitted" if os.geteuid() == 0 else "Permission denied"
    assert_one_located_message(err, parent, f"cannot write: {reason}", "publish elsewhere with --site-dir")
    assert digest(site) == before
    assert sorted(p.name for p in parent.iterdir()) == ["plan"]


def test_a_file_where_the_site_parent_should_be_is_a_message(project: Project, tmp_path: Path) -> None:
    blocker = tmp_path / "www"
    blocker.write_text("a file, not a folder")
    code, err = build(project, "--site-dir", str(blocker / "plan"))
    assert code == 1
    assert_one_located_message(err, blocker, "cannot write: File exists", "a file stands where a folder is needed")
    assert blocker.read_text() == "a file, not a folder"


def test_a_full_disk_is_a_message_and_the_last_good_site_stays(project: Project, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        site = disk / "site"
        code, err = build(project, "--site-dir", str(site))
        assert code == 0, err
        used = shutil.disk_usage(disk).used
        # room for the site and half another copy: the next clean build runs out of space
        # half-way (a partial build links the last site's files and needs room only for new ones)
        subprocess.run(["mount", "-o", f"remount,size={used + used // 2}", str(disk)], check=True)
        before = digest(site)
        code, err = build(project, "--site-dir", str(site), "--clean")
        assert code == 1
        assert_one_located_message(
            err, site, "cannot write the new copy of the site beside it: No space left on device",
            "the disk is full",
        )
        assert digest(site) == before
        assert sorted(p.name for p in disk.iterdir()) == ["site"], "the half-built copy is removed"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_mkdocs_yml_that_is_not_yaml_is_located(project: Project) -> None:
    _edit(project.config_file, "  custom_dir: theme\n", "  custom_dir: theme\n   language: [en\n")
    line = project.config_file.read_text().splitlines().index("   language: [en") + 1
    code, err = build(project)
    assert code == 1
    assert err.startswith(f"mkdocs.yml:{line}:"), err
    assert "not valid YAML: mapping values are not allowed here" in err.splitlines()[0]
    assert "hint: check the indentation" in err
    assert not project.site.exists()


def test_mkdocs_yml_of_the_wrong_shape_is_located(project: Project) -> None:
    project.config_file.write_text("- site_name: a list, not settings\n", encoding="utf-8")
    code, err = build(project)
    assert code == 1
    assert err.splitlines()[0] == "mkdocs.yml:1:1: expected settings as 'name: value' lines, found a list", err


def test_a_setting_of_the_wrong_form_is_located_at_its_line(project: Project) -> None:
    _edit(project.config_file, "use_directory_urls: true", "use_directory_urls: perhaps")
    line = project.config_file.read_text().splitlines().index("use_directory_urls: perhaps") + 1
    code, err = build(project)
    assert code == 1
    assert err.splitlines()[0] == (
        f"mkdocs.yml:{line}:1: use_directory_urls: Expected type: bool but received: str"
    ), err
    assert "hint: see https://www.mkdocs.org/user-guide/configuration/" in err


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("{% if %}", "template error: Expected an expression, got 'end of statement block'"),
        ("{{ config.extra.bvpp.status.missing.deeper }}", "template error: UndefinedError: "),
    ],
)
def test_a_theme_template_error_names_the_template_and_line(
    project: Project, broken: str, message: str
) -> None:
    main_html = project.root / "theme" / "main.html"
    lines = main_html.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if "Some parts are still to be completed." in text)
    lines[at] = f"    Some parts {broken} are still to be completed."
    main_html.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = build(project)
    assert code == 1
    assert err.startswith(f"theme/main.html:{at + 1}:1: {message}"), err
    assert "hint: fix the template" in err


def test_a_read_only_build_folder_is_a_message_and_the_site_stays(project: Project) -> None:
    code, err = build(project)
    assert code == 0, err
    before = digest(project.site)
    (project.root / "build" / "build.lock").unlink()  # the lock is the first thing a build writes
    with read_only(project.root / "build"):
        code, err = build(project)
    assert code == 1
    reason = "Operation not permitted" if os.geteuid() == 0 else "Permission denied"
    assert err.strip().splitlines()[0] == f"{project.root / 'build' / 'build.lock'}: cannot write: {reason}", err
    assert "the site was not changed" in err.strip().splitlines()[-1], err
    assert digest(project.site) == before
