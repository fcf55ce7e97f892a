"""``python -m generator`` is the bvpp command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_importing_the_module_runs_the_command_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["bvpp", "--help"])
    with pytest.raises(SystemExit) as exited:
        import generator.__main__  # noqa: F401  (running it is the point)
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "Usage:" in out and "build" in out and "check" in out


def test_python_dash_m_generator_checks_the_bundled_plan() -> None:
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--project", str(ROOT), "--quiet"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
