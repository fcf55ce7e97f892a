"""MkDocs' own failures located in mkdocs.yml or the theme template, with a hint."""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
import pytest

from generator.publish.mkdocs_problems import CONFIG_HINT, config_problems, record_problem, template_problem


def config(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "mkdocs.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_good_settings_have_no_problem(tmp_path: Path) -> None:
    assert config_problems(config(tmp_path, "site_name: x\ntheme:\n  name: material\n")) == []
    assert config_problems(config(tmp_path, "")) == []


def test_yaml_that_does_not_parse_is_located(tmp_path: Path) -> None:
    [problem] = config_problems(config(tmp_path, "site_name: x\ntheme: [material\nnav: 1\n"))
    assert problem.location.file == "mkdocs.yml"
    assert problem.location.line >= 2
    assert problem.message.startswith("not valid YAML: ")
    assert problem.hint.endswith(CONFIG_HINT)


@pytest.mark.parametrize(("text", "found"), [("- a\n- b\n", "a list"), ("just words\n", "the value 'just words'")])
def test_settings_of_the_wrong_shape_are_located(tmp_path: Path, text: str, found: str) -> None:
    [problem] = config_problems(config(tmp_path, text))
    assert (problem.location.line, problem.location.column) == (1, 1)
    assert problem.message == f"expected settings as 'name: value' lines, found {found}"


def test_a_file_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    [problem] = config_problems(config(tmp_path, b"site_name: \xa3\n"))
    assert problem.message == "expected UTF-8 text, found byte 0xa3"


def test_a_settings_complaint_is_located_at_its_setting(tmp_path: Path) -> None:
    path = config(tmp_path, "site_name: x\n\ntheme:\n  name: nope\n")
    record = logging.LogRecord("mkdocs", logging.ERROR, "", 0,
                               "Config value 'theme': Unrecognised theme name: <class 'str'> 'nope'", None, None)
    problem = record_problem(record, path)
    assert (problem.location.file, problem.location.line, problem.location.column) == ("mkdocs.yml", 3, 1)
    assert problem.field == "theme"
    assert problem.message == "Unrecognised theme name: str 'nope'"


def test_any_other_complaint_is_passed_on_as_said(tmp_path: Path) -> None:
    record = logging.LogRecord("mkdocs", logging.WARNING, "", 0, "Doc file 'a.md' links to 'b.md'", None, None)
    problem = record_problem(record, config(tmp_path, "site_name: x\n"))
    assert (str(problem.location.file), problem.field, problem.message) == ("mkdocs", "", "Doc file 'a.md' links to 'b.md'")


def test_a_template_syntax_error_names_the_template_and_line(tmp_path: Path) -> None:
    template = tmp_path / "theme" / "main.html"
    template.parent.mkdir()
    template.write_text("line one\n{% block x %}\n{{ oops(}\n{% endblock %}\n", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template.parent))
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        env.get_template("main.html")
    problem = template_problem(caught.value, tmp_path)
    assert problem is not None
    assert (problem.location.file, problem.location.line) == ("theme/main.html", 3)
    assert problem.message.startswith("template error: ")


def test_an_error_outside_any_template_is_not_claimed(tmp_path: Path) -> None:
    try:
        raise ValueError("not a template")
    except ValueError as exc:
        assert template_problem(exc, tmp_path) is None
