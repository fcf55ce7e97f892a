"""Rules over programmes and board reports: their data is a reading of their prose, nothing more.

A programme's or report's ``document.md`` holds the source's words; its ``plan.yaml`` quotes
from them (criteria, tests, funded areas, dated facts, the reporting rhythm). Each quotation
must be found in the document, and each figure (a count, a sum) in its own quotation: so the
data cannot say what the source does not. A plan of tasks needs a period to report in and a
status key to report with; a programme or a report may have neither yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.core.problems import Problem, dotted
from generator.load.progress import DOCUMENT
from generator.model.base import Model
from generator.model.progress import ProgressPlan


def programme_problems(progress: ProgressPlan) -> Iterator[Problem]:
    """Every problem in a plan's family fields (a plan without them has none)."""
    config = progress.config
    if config.kind == "plan" and not config.periods:
        yield _problem(
            config,
            ("periods",),
            "expected at least one reporting period, found none",
            "add a period, or set kind: programme or kind: report for a plan with no reports yet",
        )
    if config.periods and not config.status_key:
        yield _problem(
            config,
            ("status_key",),
            "expected a status key for a plan with periods, found none",
            "list the statuses a task can have (id, label, means)",
        )
    quotes = list(_quotations(progress))
    if quotes and progress.document is None:
        yield _problem(
            config,
            (),
            f"expected {DOCUMENT} beside plan.yaml: this plan quotes its source",
            f"put the source's text, word for word, in {progress.folder}/{DOCUMENT}",
        )
        return
    text = plain(progress.document.body) if progress.document else ""
    for holder, path, words in quotes:
        if plain(words) not in text:
            yield _problem(
                holder,
                path,
                f'expected words found in {DOCUMENT}, found "{words}"',
                "quote the source exactly; the data may not say what the source does not",
            )
    yield from _figures(progress)


def plain(text: str) -> str:
    """Text as a reader sees it: no Markdown emphasis or list numbers, spaces collapsed."""
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"^\s*(?:\d+\.|[-*])\s+", "", text, flags=re.MULTILINE)
    return " ".join(text.split())


def _quotations(progress: ProgressPlan) -> Iterator[tuple[Model, tuple[str | int, ...], str]]:
    config = progress.config
    if (programme := config.programme) is not None:
        yield programme.projects, ("words",), programme.projects.words
        for field in ("selection_criteria", "flagship_tests"):
            for i, item in enumerate(getattr(programme, field)):
                yield programme, (field, i), item
        for step in programme.rhythm:
            yield step, ("words",), step.words
    for funding in config.funding:
        yield funding, ("words",), funding.words
        yield funding, ("up_to_as_stated",), funding.up_to_as_stated
        yield funding, ("purpose",), funding.purpose
        for i, area in enumerate(funding.areas):
            yield funding, ("areas", i), area
    for fact in config.facts:
        yield fact, ("words",), fact.words
        if fact.date_as_stated:
            yield fact, ("date_as_stated",), fact.date_as_stated
    for named in config.lists:
        yield named, ("words",), named.words
        for i, item in enumerate(named.items):
            yield named, ("items", i), item
    for feed in config.feeds:
        yield feed, ("words",), feed.words
        yield feed, ("data",), feed.data


def _figures(progress: ProgressPlan) -> Iterator[Problem]:
    """A count or a sum must be the one its own quotation prints."""
    config = progress.config
    if (programme := config.programme) is not None:
        stated = programme.projects
        if not re.search(rf"\b{stated.count}\b", plain(stated.words)):
            yield _problem(
                stated,
                ("count",),
                f"expected the count its words print, found {stated.count}",
                f'the words are "{stated.words}"',
            )
    for funding in config.funding:
        if f"£{funding.up_to:,}" not in funding.up_to_as_stated:
            yield _problem(
                funding,
                ("up_to",),
                f"expected the sum its words print, found {funding.up_to}",
                f'the words are "{funding.up_to_as_stated}"',
            )


def _problem(model: Model, path: tuple[str | int, ...], message: str, hint: str) -> Problem:
    return Problem(model.where(*path), dotted(model.field_path(*path)), message, hint)
