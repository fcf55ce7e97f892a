"""Validate stage: rules over the whole plan. Returns every problem; raises nothing.

Loading has already checked each file against its model. These rules need the whole plan at
once: references between files, uniqueness of ids across files, the order of contents, and
the draft's gaps (reported as warnings so an officer can see what is still to write).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from generator.core.problems import Location, Problem, Severity, dotted, suggest_known
from generator.core.text import DIRECTION_CONTROL, direction_problem
from generator.derive.facts import Facts, derive_facts
from generator.derive.gaps import DraftGap
from generator.model import urls as paths
from generator.model.base import Model, Section
from generator.model.plan import Contact, Plan, Theme
from generator.rules.glossary import site_problems
from generator.rules.indicators import indicator_problems
from generator.rules.narrative import link_addresses, link_problems, locator, mask_code
from generator.rules.narrative import unsafe_url as unsafe_url  # tests/test_narrative_links.py
from generator.rules.progress import progress_problems
from generator.rules.tables import table_problems


def validate(plan: Plan, facts: Facts | None = None) -> list[Problem]:
    """Every problem in the plan: errors first by place, then draft gaps as warnings.

    ``facts`` are the plan's derived facts when the caller has them (the pipeline does);
    otherwise they are worked out here.
    """
    facts = facts or derive_facts(plan)
    problems: list[Problem] = []
    problems.extend(_contents(plan))
    problems.extend(_unique_ids(plan))
    problems.extend(_references(plan))
    problems.extend(_priorities(plan))
    problems.extend(_narrative(plan))
    problems.extend(link_problems(plan))
    problems.extend(table_problems(plan))
    problems.extend(progress_problems(plan, facts.catalogue))
    problems.extend(indicator_problems(plan, facts.indicators))
    problems.extend(site_problems(plan))
    problems.extend(_gap_warnings(facts.gaps))
    return problems


def id_key(value: str) -> str:
    """Ids compare equal after Unicode normalisation and case folding."""
    return unicodedata.normalize("NFKC", value).casefold()


def _contents(plan: Plan) -> Iterator[Problem]:
    known = {t.id: "theme" for t in plan.themes} | {s.id: "section" for s in plan.sections}
    listed = Counter(plan.plan.contents)
    for index, item in enumerate(plan.plan.contents):
        if item not in known:
            yield Problem(
                plan.plan.where("contents", index),
                f"contents[{index}]",
                f'no theme or section has the id "{item}"',
                suggest_known(item, sorted(known)) or "each entry names a file in themes/ or sections/",
            )
        elif listed[item] > 1 and plan.plan.contents.index(item) != index:
            yield Problem(
                plan.plan.where("contents", index), f"contents[{index}]", f'"{item}" is listed twice',
                "remove one of the two entries: each theme and section appears once in the plan",
            )
    for item_id, kind in known.items():
        if item_id not in listed:
            items: list[Theme | Section] = [*plan.themes, *plan.sections]
            model = next(x for x in items if x.id == item_id)
            yield Problem(
                model.where("id"),
                "id",
                f'this {kind} is not in plan.yaml\'s contents, so it would not be published',
                f'add "{item_id}" to contents in plan.yaml where it belongs in the plan',
            )


def _all_ids(plan: Plan) -> Iterator[tuple[str, Model]]:
    for theme in plan.themes:
        yield theme.id, theme
    for section in plan.sections:
        yield section.id, section
    for _theme, _priority, outcome in plan.outcomes():
        yield outcome.id, outcome
    for contact in plan.contacts:
        yield contact.id, contact


def _unique_ids(plan: Plan) -> Iterator[Problem]:
    first: dict[tuple[str, str], Model] = {}
    for value, model in _all_ids(plan):
        kind = "contact" if isinstance(model, Contact) else "page"  # not `in`: O(n²) equality
        if id_key(value) in paths.RESERVED_IDS:
            yield Problem(
                model.where("id"),
                _dotted(model.field_path("id")),
                f'"{value}" is a reserved name',
                "the site uses it for its own pages or some systems cannot store it; choose another id",
            )
        key = (kind, id_key(value))
        if key in first:
            other = first[key].where("id")
            yield Problem(
                model.where("id"),
                _dotted(model.field_path("id")),
                f'id "{value}" is already used at {other}',
                "ids must be unique (ignoring case); two pages would share one address",
            )
        else:
            first[key] = model
    codes: dict[str, Model] = {}
    for directorate in plan.directorates:
        if directorate.code in codes:
            yield Problem(
                directorate.where("code"), "code", f'directorate "{directorate.code}" is listed twice',
                "remove one of the two entries, or correct the code of one of them",
            )
        codes[directorate.code] = directorate


def _references(plan: Plan) -> Iterator[Problem]:
    directorates = sorted(d.code for d in plan.directorates)
    contacts = {c.id for c in plan.contacts}
    used: set[str] = set()
    for _theme, _priority, outcome in plan.outcomes():
        if isinstance(outcome.lead_directorates, list):
            for i, code in enumerate(outcome.lead_directorates):
                if code not in directorates:
                    yield Problem(
                        outcome.where("lead_directorates", i),
                        _dotted(outcome.field_path("lead_directorates", i)),
                        f'unknown directorate "{code}" (known: {", ".join(directorates)})',
                        "add it to directorates.yaml or correct the code",
                    )
        if isinstance(outcome.contacts, list):
            for i, contact_id in enumerate(outcome.contacts):
                used.add(contact_id)
                if contact_id not in contacts:
                    yield Problem(
                        outcome.where("contacts", i),
                        _dotted(outcome.field_path("contacts", i)),
                        f'unknown contact "{contact_id}"',
                        suggest_known(contact_id, sorted(contacts)) or "add the officer to contacts.yaml",
                    )
        named = outcome.contacts if isinstance(outcome.contacts, list) else []
        for contact_id in outcome.printed_contacts:
            if contact_id not in named:
                yield Problem(
                    outcome.where("printed_contacts", contact_id),
                    _dotted(outcome.field_path("printed_contacts", contact_id)),
                    f'expected a contact this row names, found "{contact_id}"',
                    suggest_known(contact_id, named) or "add it to the row's contacts, or remove it here",
                )
    for contact in plan.contacts:
        if contact.id not in used:
            yield Problem(
                contact.where("id"),
                "id",
                f'contact "{contact.id}" is not named by any outcome',
                "remove it, or add it to the outcomes it is the contact for",
                Severity.WARNING,
            )


def _priorities(plan: Plan) -> Iterator[Problem]:
    for theme in plan.themes:
        letters = [p.letter for p in theme.priorities]
        for index, priority in enumerate(theme.priorities):
            if letters.count(priority.letter) > 1 and letters.index(priority.letter) != index:
                yield Problem(
                    priority.where("letter"),
                    _dotted(priority.field_path("letter")),
                    f'priority letter "{priority.letter}" is used twice in this theme',
                    "give each priority of a theme its own letter, as the source does (A, B, C, …)",
                )


# What Python-Markdown itself treats as raw HTML (its HTML_RE), plus comments and <? … ?>.
_RAW_HTML = re.compile(r"</?[A-Za-z][^<>@\s]*(?:\s[^<>]*)?>|<!--|<\?")
_AUTOLINK = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*)>")
_ATTR_LIST = re.compile(r"\{:?[ ]*[^}\n ][^}\n]*\}")


def _narrative(plan: Plan) -> Iterator[Problem]:
    documents = [p.document for p in plan.progress if p.document is not None]
    for section in [*plan.sections, *documents]:  # a programme's prose is published as a section's
        body = mask_code(section.body)
        at = locator(section, body)
        yield from _raw_html(body, at)
        yield from (_link_problem(at(offset), url) for offset, url in link_addresses(body) if unsafe_url(url))
        yield from _attribute_lists(body, at)
        yield from _snippets(body, at)
        for match in DIRECTION_CONTROL.finditer(section.body):  # code included: it is shown too
            yield direction_problem(at(match.start()), "body", match.group())


def _raw_html(body: str, at: Callable[[int], Location]) -> Iterator[Problem]:
    """Raw HTML, once a line (an autolink is checked as a link instead)."""
    tagged: set[int] = set()  # lines already reported: '</b>' adds nothing to '<b>'
    for match in _RAW_HTML.finditer(body):
        autolink = _AUTOLINK.match(body, match.start())
        if autolink:
            if unsafe_url(autolink.group(1)):
                yield _link_problem(at(match.start() + 1), autolink.group(1))
            continue
        line = body.count("\n", 0, match.start())
        if match.group(0).startswith("</") and line in tagged:
            continue
        tagged.add(line)
        yield Problem(
            at(match.start()),
            "body",
            f"raw HTML is not allowed in narrative text, found {match.group(0)!r}",
            "use Markdown instead: **bold**, *italic*, lists with '- ', links [text](https://…)",
        )


def _attribute_lists(body: str, at: Callable[[int], Location]) -> Iterator[Problem]:
    """An attribute list may give an id or a class, never an attribute such as onclick=."""
    for match in _ATTR_LIST.finditer(body):
        if "=" in match.group(0):
            yield Problem(
                at(match.start()),
                "body",
                "attribute lists may only give an #id or a .class in narrative text, "
                f"found {match.group(0)!r}",
                "remove it; attributes such as onclick= would run code in a reader's browser",
            )


def _snippets(body: str, at: Callable[[int], Location]) -> Iterator[Problem]:
    for match in re.finditer("--8<--", body):
        yield Problem(
            at(match.start()),
            "body",
            "snippet includes ('--8<--') are not allowed in narrative text",
            "paste the text itself",
        )


def _link_problem(where: Location, url: str) -> Problem:
    insecure = url.lower().startswith("http://")
    return Problem(
        where,
        "body",
        "expected a link address starting https://, mailto: or tel:, or a relative one, "
        f"found {url!r}",
        "write https:// instead of http://"
        if insecure
        else "links that run code (javascript:) or use other schemes are refused; link to a web page",
    )


def _gap_warnings(gaps: Iterable[DraftGap]) -> Iterator[Problem]:
    for gap in gaps:
        kind = "missing" if gap.explicit else "placeholder"
        yield Problem(
            gap.location,
            gap.field,
            f"draft gap ({kind}): {gap.context}: \u201c{gap.words}\u201d",
            "listed on the site's 'What is still missing from this draft' page",
            Severity.WARNING,
            kind="gap",
        )


def gap_counts(gaps: Iterable[DraftGap]) -> Counter[str]:
    """How many gaps each part of the plan has (for the check summary)."""
    return Counter(g.group for g in gaps)


def _dotted(path: tuple[str | int, ...]) -> str:
    return dotted(path)
