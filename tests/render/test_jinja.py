"""The escaping guard in the page templates' ``finalize``: a value printed without the filter its
context needs fails the render; escaped text, numbers and nothing at all pass.

The real environment (every filter and global the page templates use), templates from strings.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from markupsafe import Markup

from generator.model.base import Gap
from generator.render.jinja import UnescapedValueError, environment, render


def printed(template: str, **context: Any) -> str:
    return environment().from_string(template).render(**context)


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("plain text", "str 'plain text'"),
        ("<script>alert(1)</script>", "str '<script>alert(1)</script>'"),
        ("", "str ''"),
    ],
)
def test_a_plain_string_printed_bare_fails(value: str, named: str) -> None:
    with pytest.raises(UnescapedValueError, match="without \\|md or \\|h") as caught:
        printed("before {{ value }} after", value=value)
    assert named in str(caught.value)


@pytest.mark.parametrize("value", [True, False])
def test_a_bool_printed_bare_fails_although_it_is_a_number(value: bool) -> None:
    # bool is an int to Python: without its own check "True" would pass as a figure.
    with pytest.raises(UnescapedValueError, match=f"bare boolean {value!r}"):
        printed("{{ value }}", value=value)


def test_a_gap_printed_bare_fails() -> None:
    gap = Gap(missing="to be completed")
    with pytest.raises(UnescapedValueError, match="template printed Gap"):
        printed("{{ value }}", value=gap)


def test_a_gap_through_the_text_filter_fails_too() -> None:
    """``|md`` would print a gap's words as if they were the content: gaps take the gap macro."""
    with pytest.raises(UnescapedValueError, match="gap\\(\\) macro"):
        printed("{{ value|md }}", value=Gap(missing="to be completed"))


def test_other_objects_printed_bare_fail() -> None:
    with pytest.raises(UnescapedValueError, match="template printed list"):
        printed("{{ value }}", value=["a", "b"])


def test_markup_numbers_and_none_pass() -> None:
    text = printed(
        "{{ markup }}|{{ whole }}|{{ part }}|{{ nothing }}|end",
        markup=Markup("<b>bold</b>"), whole=45, part=2.5, nothing=None,
    )
    assert text == "<b>bold</b>|45|2.5||end"


def test_the_filters_make_a_string_printable_and_escape_it() -> None:
    text = printed("{{ value|h }} / {{ value|md }}", value="<b>Fish & chips</b>")
    assert text.startswith("&lt;b&gt;Fish &amp; chips&lt;/b&gt; / ")
    assert "<b>" not in text


def test_a_title_takes_only_plain_text() -> None:
    with pytest.raises(UnescapedValueError, match="found Markup"):
        printed("title: {{ value|yaml }}", value=Markup("already &amp; escaped"))
    with pytest.raises(UnescapedValueError, match="found Gap"):
        printed("title: {{ value|yaml }}", value=Gap(missing="to be completed"))


def test_an_anchor_takes_only_an_id() -> None:
    assert printed("{{ value|anchor }}", value="lifelong-learning") == "lifelong-learning"
    with pytest.raises(UnescapedValueError, match="not a valid anchor id"):
        printed("{{ value|anchor }}", value='x" onclick="alert(1)')



def test_the_count_filter_writes_no_bracketed_plural() -> None:
    assert printed("{{ 1|count('theme') }}, {{ 3|count('theme') }}") == "1 theme, 3 themes"

def _directorate(count: object) -> SimpleNamespace:
    return SimpleNamespace(code="CEX", name="Chief <Exec> & Co", path="directorates/cex.md", count=count)


def test_render_fills_a_real_template_escaped_and_ends_with_one_newline() -> None:
    text = render("directorates.md.j2", page="directorates.md", directorates=[_directorate(3)], unassigned=1)
    assert "Chief &lt;Exec&gt; &amp; Co</a></th><td>CEX</td><td>3</td>" in text
    assert "1 outcome has no lead directorate" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_a_real_template_given_text_where_it_expects_a_number_fails() -> None:
    """The page template prints the count bare, as a number may be; a string there is refused."""
    with pytest.raises(UnescapedValueError, match="str '3'"):
        render("directorates.md.j2", page="directorates.md", directorates=[_directorate("3")], unassigned=0)
