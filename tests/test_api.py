"""The public API (``generator.__all__``, docs/api.md): every name resolves, and check and build
run through it alone."""

from __future__ import annotations

import re

import generator
from generator.pipeline import Project
from tests.conftest import ROOT


def test_every_public_name_resolves_and_is_documented() -> None:
    documented = set(re.findall(r"`generator\.(\w+)`", (ROOT / "docs" / "api.md").read_text(encoding="utf-8")))
    for name in generator.__all__:
        assert getattr(generator, name) is not None
    assert set(generator.__all__) <= documented, sorted(set(generator.__all__) - documented)
    assert sorted(generator.__all__) == sorted(set(dir(generator)) & set(generator.__all__))


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        generator.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_check_and_build_through_the_api(project: Project) -> None:
    found = generator.check(generator.Project.at(project.root))
    assert isinstance(found.plan, generator.Plan)
    assert not found.report.errors and found.report.warnings
    assert all(isinstance(p, generator.Problem) for p in found.report.warnings)
    plan, problems = generator.load_content(project.content)
    assert plan is not None and not [p for p in problems if p.severity is generator.Severity.ERROR]
    assert sorted(p.format() for p in generator.validate(plan)) == sorted(p.format() for p in found.report.warnings)
    result = generator.build(project, pdf=False)
    assert isinstance(result, generator.BuildResult)
    assert (project.site / "index.html").is_file()
    assert result.pages > 100


def test_a_content_problem_is_a_content_error(project: Project) -> None:
    plan = project.content / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("status: draft", "status: maybe"), encoding="utf-8")
    try:
        generator.build(project, pdf=False)
    except generator.ContentError as exc:
        assert exc.problems[0].location.line == 7
    else:
        raise AssertionError("expected ContentError")
