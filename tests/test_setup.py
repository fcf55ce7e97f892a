"""A fresh clone's set-up: the lock is used and honest, set-up is quiet and quick, a missing
system library is one line of advice rather than a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from generator.pipeline import Project
from generator.publish.outputs import SITE_MARKER

ROOT = Path(__file__).resolve().parent.parent

# Makes cffi fail exactly as it does on a machine without Pango, before WeasyPrint loads it.
_NO_PANGO = '''
import cffi.api
def _dlopen(self, name, flags=0):
    raise OSError(f"cannot load library {name!r}: {name}: cannot open shared object file: "
                  "No such file or directory.  Additionally, ctypes.util.find_library() did not "
                  "manage to locate a library called " + repr(name))
cffi.api.FFI.dlopen = _dlopen
'''


def _locked_versions() -> dict[str, str]:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    return {package["name"]: package["version"] for package in lock["package"] if "version" in package}


def test_every_installed_package_is_the_locked_version() -> None:
    locked = _locked_versions()
    installed = {
        re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower(): dist.version for dist in metadata.distributions()
    }
    for name in ("pyyaml", "mkdocs", "mkdocs-material", "jinja2", "weasyprint", "pytest", "properdocs"):
        assert installed.get(name) == locked[name], f"{name}: installed {installed.get(name)}, locked {locked[name]}"
    drifted = {name: (version, locked[name]) for name, version in installed.items()
               if name in locked and version != locked[name]}
    assert not drifted, f"installed (left) differs from uv.lock (right): {drifted}; run scripts/setup.sh --tests"


def test_every_locked_package_is_pinned_with_hashes() -> None:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    unhashed = [
        package["name"]
        for package in lock["package"]
        if package.get("source", {}).get("registry")
        and not all("hash" in wheel for wheel in package.get("wheels", []))
    ]
    assert not unhashed
    registry = [p for p in lock["package"] if p.get("source", {}).get("registry")]
    assert len(registry) > 80  # the direct and the indirect dependencies alike


def test_the_lock_answers_pyproject() -> None:
    """uv.lock was made from today's pyproject.toml (an edited dependency needs `uv lock`)."""
    uv = ROOT / ".cache" / "uv-0.13.8" / "bin" / "uv"
    assert uv.is_file(), "scripts/setup.sh installs uv into .cache/"
    result = subprocess.run(
        [str(uv), "lock", "--check", "--offline", "--python", sys.executable],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"},
    )
    assert result.returncode == 0, result.stderr


def _installed_stamps() -> dict[str, int]:
    site = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    return {p.name: p.stat().st_mtime_ns for p in site.glob("*.dist-info")}


def test_a_second_setup_installs_nothing_and_says_one_line() -> None:
    """Its time is measured by benchmarks/setup_time.py (0.1 s here), not asserted in a test."""
    before = _installed_stamps()
    result = subprocess.run(
        ["bash", "scripts/setup.sh", "--tests"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("set-up: .venv holds"), lines
    assert _installed_stamps() == before, "a set-up with nothing to do reinstalled packages"


def test_build_without_pango_says_what_to_do_in_one_line(project: Project, tmp_path: Path) -> None:
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(_NO_PANGO, encoding="utf-8")
    site = project.root / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    (site / SITE_MARKER).write_text("made by bvpp", encoding="utf-8")  # else refused as not bvpp's
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--project", str(project.root)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(shim)},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "libgobject-2.0-0" in lines[0]
    assert "apt-get install libpango-1.0-0" in lines[0]
    assert "--no-pdf" in lines[0]
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"
