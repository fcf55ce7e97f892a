"""libyaml's parser errors told in plain words, at the place to look."""

from __future__ import annotations

import pytest
import yaml

from generator.core.yamlerrors import quote_suggestion, syntax_problem


def _problem(text: str) -> tuple[int, int, str, str]:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.safe_load(text)
    problem = syntax_problem(caught.value, text, "themes/x.yaml", lambda line: ("title",) if line == 2 else None)
    assert problem.kind == "syntax" and problem.location.file == "themes/x.yaml"
    return problem.location.line, problem.location.column, problem.message, problem.hint


def test_a_second_colon_suggests_the_quoted_line() -> None:
    line, _column, message, hint = _problem("id: budget\ntitle: Budget: 2024\n")
    assert line == 2
    assert "found a second ': ' inside the value" in message
    assert hint == 'put the whole value in quotes: title: "Budget: 2024"'


def test_an_unclosed_quote_points_where_the_value_starts() -> None:
    line, column, message, _hint = _problem('id: budget\ntitle: "Budget 2024\n')
    assert (line, column) == (2, 8)
    assert message.startswith("expected a closing quote")


@pytest.mark.parametrize(
    ("line", "suggestion"),
    [
        ("title: Budget: 2024", 'title: "Budget: 2024"'),
        ('  - name: say "hi": now', '- name: "say \\"hi\\": now"'),
        ("# a comment", ""),
        ("just words", ""),
    ],
)
def test_quote_suggestion(line: str, suggestion: str) -> None:
    assert quote_suggestion(line) == suggestion
