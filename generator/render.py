"""Jinja rendering for generated pages, with escaping enforced rather than remembered.

Templates write Markdown, so Jinja's HTML autoescape does not fit. Instead ``finalize``
refuses any plain string: every value from data must pass through a filter of
:mod:`generator.escape` (``md``, ``h``) that returns ``Markup``. A template that prints raw
data fails the build at once, in tests, instead of publishing it.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import jinja2
from markupsafe import Markup

from generator import paths
from generator.escape import collapse, html_attr, html_text, md_text
from generator.fragments import GLOBALS as FRAGMENTS
from generator.fragments import gap_html
from generator.models import Gap
from generator.rendercache import reuse


class UnescapedValueError(jinja2.TemplateError):
    """A template printed a plain string without escaping it."""


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or value is None:
        return "" if value is None else value
    if isinstance(value, bool):
        raise UnescapedValueError(f"template printed a bare boolean {value!r}")
    if isinstance(value, int | float):
        return Markup(str(value))
    raise UnescapedValueError(
        f"template printed {type(value).__name__} {str(value)[:60]!r} without |md or |h"
    )


def _md(value: str | Gap | None) -> Markup:
    if isinstance(value, Gap):
        raise UnescapedValueError("use the gap() macro for values that may be missing")
    return md_text(value or "")


def _anchor(value: str) -> Markup:
    """An HTML id from an id field: the model already restricts ids to [a-z0-9-]."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        raise UnescapedValueError(f"not a valid anchor id: {value!r}")
    return Markup(value)


def _h(value: str | None) -> Markup:
    return html_text(value or "")


def count_words(number: int, singular: str, plural: str | None = None) -> str:
    """``1 outcome``, ``45 outcomes``: never "outcome(s)" (CONTENT-STYLE: no "(s)" plurals)."""
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment for every page template."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,  # macros then return Markup; finalize still refuses plain str
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates are package files: no stat() per page (5,000 per build)
    )
    env.filters["md"] = _md
    env.filters["h"] = _h
    env.filters["anchor"] = _anchor
    env.filters["count"] = count_words
    env.filters["yaml"] = lambda v: Markup(json.dumps(collapse(str(v)), ensure_ascii=False))
    env.globals["outcome_path"] = paths.outcome
    env.globals["is_gap"] = lambda v: isinstance(v, Gap)
    env.globals["gap_html"] = gap_html
    env.globals.update(FRAGMENTS)
    env.globals["md_link"] = lambda src, dst: Markup(paths.md_link(src, dst))
    env.globals["html_link"] = lambda src, dst: html_attr(paths.html_link(src, dst))
    return env


def render(template: str, **context: Any) -> str:
    """Render one template to page text; normalises the trailing newline.

    Under ``bvpp serve``'s render cache the text of an earlier build is reused when the
    template and every value passed are unchanged (:mod:`generator.rendercache`).
    """
    return reuse(template, context, lambda: _render(template, context))


def _render(template: str, context: dict[str, Any]) -> str:
    text = environment().get_template(template).render(**context)
    return text.rstrip("\n") + "\n"
