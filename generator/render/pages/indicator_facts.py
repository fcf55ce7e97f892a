"""The "About" summary of an indicator: only the facts the plan gives, and one line for the rest.

A column of "not yet available" tells a reader nothing; one sentence naming what the plan does
not give ("The plan does not give its title, definition and unit") says the same in one place.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.core.escape import html_attr, html_text
from generator.model import urls as paths
from generator.model.indicators import IndicatorSpec
from generator.render.pages.common import ContactView, DirectorateView
from generator.render.pages.views import LabelledValue
from generator.render.phones import phone_html


def _link(page: str, target: str, words: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(html_attr(paths.html_link(page, target)), html_text(words))


def and_list(words: list[str]) -> str:
    """``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def indicator_facts(
    spec: IndicatorSpec,
    page: str,
    family_name: str,
    owner: DirectorateView | None,
    contacts: list[ContactView],
    last_updated: str | None,
    next_due: str | None,
) -> tuple[list[LabelledValue[Markup]], str]:
    """The facts the plan gives, and what it does not give, in words (empty when nothing is missing)."""
    polarity = {"higher": "Higher is better", "lower": "Lower is better"}.get(spec.polarity or "")
    contact_html = Markup("; ").join(
        _link(page, c.path, c.name)
        + (Markup(" (") + html_text(c.role) + Markup(")") if c.role else Markup(""))
        + (Markup(", ") + phone_html(c.phone) if c.phone else Markup(""))
        for c in contacts
    )
    candidates: list[tuple[str, str, Markup | None]] = [
        ("Family", "family", html_text(family_name)),
        ("Code", "code", html_text(spec.label) if spec.code else None),
        ("Title", "title", html_text(spec.title) if spec.title else None),
        ("Definition", "definition", html_text(spec.definition) if spec.definition else None),
        ("Unit", "unit", html_text(spec.unit) if spec.unit else None),
        ("Which way is better", "which way is better", html_text(polarity) if polarity else None),
        ("Source of the title and definition", "source", html_text(spec.source) if spec.source else None),
        ("Responsible directorate", "responsible directorate",
         _link(page, owner.path, owner.name) if owner else None),
        ("Contact", "contact officer", contact_html or None),
        ("Measured", "how often it is measured", html_text(spec.frequency) if spec.frequency else None),
        ("Last updated", "last update", html_text(last_updated) if last_updated else None),
        ("Next figure due", "next due date", html_text(next_due) if next_due else None),
    ]
    facts = [LabelledValue(label, value) for label, _name, value in candidates if value is not None]
    unknown = [
        name for label, name, value in candidates
        # a source only makes sense beside a title or definition it is the source of
        if value is None and not (label.startswith("Source") and not (spec.title or spec.definition))
    ]
    return facts, and_list(unknown) if unknown else ""
