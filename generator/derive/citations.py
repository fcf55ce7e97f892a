"""Which outcomes cite which indicators, links in outcome text, and the codes that resolve to none.

Computed once per build from the plan (:func:`indicator_index`, through
:func:`generator.derive.facts.derive_facts`): the same index gives the
backlinks on indicator pages, the "indicators cited by this theme's outcomes" tables, the
links in outcome text, and ``bvpp check``'s warnings for unknown or ambiguous codes, so they
can never disagree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.core.escape import Span, html_linked, md_linked
from generator.core.problems import Location, dotted
from generator.derive.codes import Mention, find_codes
from generator.derive.rating import Rating, rate
from generator.model import urls as paths
from generator.model.indicators import Catalogue, Indicator
from generator.model.plan import Outcome, Plan, Priority, Theme

CITING_FIELDS = ("what_we_did", "actions_planned", "related")
"""The outcome fields whose text is searched for indicator codes."""


@dataclass(frozen=True)
class Citation:
    """An outcome that cites (or reports the figures of) an indicator."""

    theme: Theme
    priority: Priority | None
    outcome: Outcome
    fields: tuple[str, ...]
    """The outcome fields the code appears in; empty when listed in the indicator's ``outcomes``."""


@dataclass(frozen=True)
class Unresolved:
    """A code in outcome text that names no indicator, or could name several."""

    mention: Mention
    location: Location
    field: str
    candidates: tuple[str, ...]
    """For an ambiguous code, the indicators it could be (labels); empty for an unknown one."""


@dataclass
class IndicatorIndex:
    """The catalogue with everything computed from the plan about it."""

    catalogue: Catalogue
    codes: dict[tuple[str, str], Indicator] = field(default_factory=dict)
    citations: dict[str, list[Citation]] = field(default_factory=dict)
    unresolved: list[Unresolved] = field(default_factory=list)
    ratings: dict[str, Rating] = field(default_factory=dict)

    def resolve(self, mention: Mention) -> Indicator | None:
        """The indicator a code names, if exactly one."""
        return self.codes.get((mention.family, mention.code))

    def candidates(self, mention: Mention) -> list[Indicator]:
        """Indicators a code without its letter or sub-number could mean (``181`` → ``181a``…)."""
        within = re.compile(re.escape(mention.code) + r"(?:[a-z]|\.[0-9.]+[a-z]?)")
        return [
            indicator
            for (family, code), indicator in self.codes.items()
            if family == mention.family and within.fullmatch(code)
        ]

    def themes(self, indicator_id: str) -> list[Theme]:
        """The themes whose outcomes cite the indicator, in plan order, once each."""
        seen: dict[str, Theme] = {}
        for citation in self.citations.get(indicator_id, []):
            seen.setdefault(citation.theme.id, citation.theme)
        return list(seen.values())

    @functools.cached_property
    def by_outcome(self) -> dict[str, list[Indicator]]:
        """Outcome id → the indicators that list it or that it cites, in catalogue order.

        The reverse of :attr:`citations`, made once, so that every outcome page can show each
        indicator that points to it (links both ways, issue 16).
        """
        found: dict[str, list[Indicator]] = {}
        for indicator in self.catalogue.indicators:
            for outcome_id in dict.fromkeys(c.outcome.id for c in self.citations.get(indicator.id, [])):
                found.setdefault(outcome_id, []).append(indicator)
        return found

    @functools.cached_property
    def links(self) -> CodeLinks:
        """What pages need to link codes in outcome text: nothing else of the index."""
        return CodeLinks({key: indicator.id for key, indicator in self.codes.items()})


@dataclass(frozen=True)
class CodeLinks:
    """Indicator codes and the indicators they name: all that linking outcome text needs.

    Kept apart from :class:`IndicatorIndex` so that a page's inputs stay narrow: an edit that
    changes who cites an indicator does not change the inputs of every page with outcome text
    (see :mod:`generator.core.rendercache`).
    """

    codes: dict[tuple[str, str], str]
    """(family, code) → indicator id."""

    def _spans(self, text: str, page: str, link: Callable[[str, str], str]) -> Iterator[Span]:
        for mention in find_codes(text):
            indicator_id = self.codes.get((mention.family, mention.code))
            if indicator_id is not None and mention.span is not None:
                yield (*mention.span, link(page, paths.indicator(indicator_id)))

    def md(self, text: str, page: str) -> Markup:
        """Outcome text for Markdown on ``page``, escaped, with each known code a link."""
        return md_linked(text, lambda flat: list(self._spans(flat, page, paths.md_link)))

    def html(self, text: str, page: str) -> Markup:
        """Outcome text for raw HTML on ``page``, escaped, with each known code a link."""
        return html_linked(text, lambda flat: list(self._spans(flat, page, paths.html_link)))


def has_indicators(plan: Plan) -> bool:
    """True when the plan has an indicator catalogue (and so indicator pages)."""
    return plan.indicators is not None and plan.indicators.rule is not None


def _texts(outcome: Outcome) -> Iterator[tuple[str, int, str]]:
    for name in CITING_FIELDS:
        value = getattr(outcome, name)
        if isinstance(value, list):
            for index, text in enumerate(value):
                yield name, index, text


def indicator_index(plan: Plan) -> IndicatorIndex:
    """Resolve every code in the plan's outcomes against its catalogue; rate every indicator.

    A build works it out once (:func:`generator.derive.facts.derive_facts`) and hands it on.
    """
    return _indicator_index(plan)


def listed_by_outcome(indicators: Iterable[Indicator]) -> dict[str, list[Indicator]]:
    """Each outcome id an indicator lists (``outcomes:``) → the indicators listing it, in order.

    One pass: the comprehension it replaced scanned every indicator for every link, which is
    quadratic once a large catalogue links its indicators to outcomes.
    """
    listed: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        for outcome_id in dict.fromkeys(indicator.spec.outcomes):
            listed.setdefault(outcome_id, []).append(indicator)
    return listed


def _indicator_index(plan: Plan) -> IndicatorIndex:
    catalogue: Catalogue = plan.indicators or Catalogue()
    index = IndicatorIndex(catalogue)
    for indicator in catalogue.indicators:
        if indicator.spec.code is not None:
            index.codes[(indicator.spec.family, indicator.spec.code)] = indicator
        index.citations[indicator.id] = []
        if catalogue.rule is not None:
            index.ratings[indicator.id] = rate(indicator, catalogue.rule)
    listed = listed_by_outcome(catalogue.indicators)
    for theme, priority, outcome in plan.outcomes():
        cited: dict[str, list[str]] = {i.id: [] for i in listed.get(outcome.id, [])}
        for name, position, text in _texts(outcome):
            for mention in find_codes(text):
                found = index.resolve(mention)
                if found is not None:
                    fields = cited.setdefault(found.id, [])
                    if name not in fields:
                        fields.append(name)
                    continue
                index.unresolved.append(
                    Unresolved(
                        mention,
                        outcome.where(name, position),
                        dotted(outcome.field_path(name, position)),
                        tuple(c.label for c in index.candidates(mention)),
                    )
                )
        for indicator_id, fields in cited.items():
            index.citations[indicator_id].append(Citation(theme, priority, outcome, tuple(fields)))
    return index
