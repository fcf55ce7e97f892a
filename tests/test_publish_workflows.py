"""The CI workflows that publish the site: they run on content changes and run real commands."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import ROOT


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _bvpp_commands(lines: list[str]) -> list[list[str]]:
    commands = []
    for line in lines:
        for part in line.split("&&"):
            words = shlex.split(part)
            if words and words[0] == "bvpp":
                commands.append(words[1:])
    return commands


def _assert_real_commands(commands: list[list[str]]) -> None:
    assert ["build"] in [c[:1] for c in commands]
    for command in commands:
        result = CliRunner().invoke(main, [command[0], "--help"])
        assert result.exit_code == 0, command
        for word in command[1:]:
            if word.startswith("--"):
                assert word in result.output, f"bvpp {command[0]} has no option {word}"


def test_github_publishes_on_pushes_that_change_the_content() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "publish.yml")
    push = workflow[True]["push"]  # YAML 1.1 reads the key "on" as true
    assert push["branches"] == ["main"]
    assert "content/**" in push["paths"]
    assert {"mkdocs.yml", "theme/**", "generator/**"} <= set(push["paths"])
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    _assert_real_commands(_bvpp_commands(runs))
    # the build is told the Pages address (a project site lives in a folder: its 404 page needs it)
    pages = next(step for step in steps if str(step.get("uses", "")).startswith("actions/configure-pages"))
    build = next(command for command in _bvpp_commands(runs) if command[0] == "build")
    assert build[build.index("--site-url") + 1] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    # the last run's site and generated pages come back before the build: a partial build
    cache = next(i for i, step in enumerate(steps) if str(step.get("uses", "")).startswith("actions/cache"))
    assert set(steps[cache]["with"]["path"].split()) == {"build", "site"}
    assert cache < next(i for i, step in enumerate(steps) if "bvpp build" in step.get("run", ""))


def test_gitlab_publishes_public_on_content_changes() -> None:
    pages = _load(ROOT / ".gitlab-ci.yml")["pages"]
    assert "content/**/*" in pages["rules"][0]["changes"]
    commands = _bvpp_commands(pages["script"])
    _assert_real_commands(commands)
    build = next(command for command in commands if command[0] == "build")
    assert build[build.index("--site-url") + 1] == "$CI_PAGES_URL/"
    assert build[build.index("--site-dir") + 1] == "public"
    assert pages["artifacts"]["paths"] == ["public"]
    assert set(pages["cache"]["paths"]) == {"build/", "public/"}
