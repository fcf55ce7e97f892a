"""Jinja rendering for generated pages, with escaping enforced rather than remembered.

Templates write Markdown, so Jinja's HTML autoescape does not fit. Instead ``finalize``
refuses any plain string: every value from data must pass through a filter of
:mod:`generator.core.escape` (``md``, ``h``) that returns ``Markup``. A template that prints raw
data fails the build at once, in tests, instead of publishing it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from collections.abc import Iterator
from typing import Any

import jinja2
from markupsafe import Markup

from generator.core.escape import front_matter_title, html_attr, html_text, md_text
from generator.core.rendercache import reuse
from generator.core.words import count_words
from generator.model import urls as paths
from generator.model.base import Gap
from generator.render.fragments import GLOBALS as FRAGMENTS
from generator.render.fragments import gap_html
from generator.render.phones import phone_html


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


def _yaml(value: object) -> Markup:
    """A front-matter ``title``: plain text only, escaped here once (see ``title_html``)."""
    if isinstance(value, Markup) or not isinstance(value, str):
        # Markup is escaped already (a second escape shows "&amp;"); a Gap or a number has
        # no business in a title line without a template choosing its words.
        raise UnescapedValueError(f"a front-matter title takes plain text, found {type(value).__name__}")
    return front_matter_title(value)


def _h(value: str | None) -> Markup:
    return html_text(value or "")


@functools.cache
def environment(compiled: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The Jinja environment for every page template (one per compiled-template cache)."""
    env = jinja2.Environment(
        bytecode_cache=compiled,
        loader=jinja2.PackageLoader("generator.render", "templates"),
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
    env.filters["phone"] = phone_html
    env.filters["count"] = count_words
    env.filters["yaml"] = _yaml
    env.globals["outcome_path"] = paths.outcome
    env.globals["is_gap"] = lambda v: isinstance(v, Gap)
    env.globals["gap_html"] = gap_html
    env.globals.update(FRAGMENTS)
    env.globals["md_link"] = lambda src, dst: Markup(paths.md_link(src, dst))
    env.globals["html_link"] = lambda src, dst: html_attr(paths.html_link(src, dst))
    env.globals["file_href"] = lambda src, dst: html_attr(paths.file_href(src, dst))
    return env


_ACTIVE: contextvars.ContextVar[jinja2.Environment | None] = contextvars.ContextVar("jinja", default=None)
"""The environment of the build in progress (see :func:`compiled_templates`)."""


@contextlib.contextmanager
def compiled_templates(cache: jinja2.BytecodeCache) -> Iterator[None]:
    """Within this block, templates compile once per project and are kept in ``cache``.

    Scoped to the block (and to this thread or task), so that no build changes the environment
    another build, a test or the preview is using.
    """
    token = _ACTIVE.set(environment(cache))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def render(template: str, **context: Any) -> str:
    """Render one template to page text; normalises the trailing newline.

    Under ``bvpp serve``'s render cache the text of an earlier build is reused when the
    template and every value passed are unchanged (:mod:`generator.core.rendercache`).
    """
    return reuse(template, context, lambda: _render(template, context))


def _render(template: str, context: dict[str, Any]) -> str:
    text = (_ACTIVE.get() or environment()).get_template(template).render(**context)
    return text.rstrip("\n") + "\n"
