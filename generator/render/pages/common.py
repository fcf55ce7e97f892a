"""Views shared by page builders: lookups and outcome listings computed once from the model."""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.downloads import Download
from generator.derive.citations import IndicatorIndex
from generator.derive.facts import Facts
from generator.derive.gaps import field_labels
from generator.model import urls as paths
from generator.model.plan import Outcome, Plan, Priority, Theme


@dataclass(frozen=True)
class DirectorateView:
    """What a page needs to name and link a directorate."""

    code: str
    name: str
    path: str


@dataclass(frozen=True)
class ContactView:
    """What a page needs to name and link a contact."""

    id: str
    name: str
    phone: str | None
    path: str
    role: str | None = None


@dataclass(frozen=True)
class OutcomeLink:
    """An outcome as other pages list it: its title, page and place in the plan."""

    title: str
    path: str
    where: str
    shared: str = ""
    """On a directorate's page: the other directorates that lead it."""
    fields: str = ""
    """On an indicator's page: which of its columns cite the indicator."""


@dataclass(frozen=True)
class Lookups:
    """Everything page builders look up by key, built once per plan."""

    directorates: dict[str, DirectorateView]
    contacts: dict[str, ContactView]
    labels: dict[str, str]
    facts: Facts
    """The plan's derived facts: its gaps, its indicator index (derive/facts.py)."""
    pdf: Download | None = None
    """The whole plan as a PDF, when this build makes one."""

    @property
    def indicators(self) -> IndicatorIndex:
        """The indicator catalogue with its ratings and citations, and the links in outcome text."""
        return self.facts.indicators

    def cited_by(self, outcomes: list[Outcome]) -> tuple[dict[str, DirectorateView], dict[str, ContactView]]:
        """The directorates and contacts that ``outcomes`` name, and no others.

        A page is given only what it shows, so that its inputs (see
        :mod:`generator.core.rendercache`) do not change when an unrelated contact's phone does.
        """
        directorates: dict[str, DirectorateView] = {}
        contacts: dict[str, ContactView] = {}
        for outcome in outcomes:
            if isinstance(outcome.lead_directorates, list):
                directorates.update((c, self.directorates[c]) for c in outcome.lead_directorates)
            if isinstance(outcome.contacts, list):
                contacts.update((c, self.contacts[c]) for c in outcome.contacts)
        return directorates, contacts


def lookups(plan: Plan, facts: Facts, pdf: Download | None = None) -> Lookups:
    """Build the lookups for a validated plan and its derived facts."""
    return Lookups(
        facts=facts,
        pdf=pdf,
        directorates={
            d.code: DirectorateView(d.code, d.name, paths.directorate(d)) for d in plan.directorates
        },
        contacts={
            c.id: ContactView(c.id, c.name, c.phone, paths.contact_anchor(c), c.role) for c in plan.contacts
        },
        labels=field_labels(plan),
    )


def outcome_title(outcome: Outcome) -> str:
    """The outcome's statement as a title, or words that say which outcome it is when the draft lost it.

    A title has no closing full stop (the body keeps the source's): "Improved levels of
    collected recyclable waste." is titled without its ".". Where the statement is lost, the
    title quotes the start of what the row reports, so that links to two such outcomes still
    say where each goes.
    """
    if isinstance(outcome.statement, str):
        return without_full_stop(outcome.statement)
    texts = [t for field in (outcome.what_we_did, outcome.actions_planned) if isinstance(field, list)
             for t in field if isinstance(t, str)]
    if texts:
        return f"Outcome with no statement in the draft: \u201c{shortened(texts[0], 50)}\u201d"
    return "Outcome with no statement in the draft"


def without_full_stop(text: str) -> str:
    """``text`` without one closing full stop (an ellipsis "..." is kept)."""
    text = text.rstrip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def shortened(title: str, limit: int = 60) -> str:
    """``title``, or its first words within ``limit`` characters and "…" (never half a word).

    A single word longer than the limit is cut, as nothing else fits.
    """
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    words = cut.rsplit(" ", 1)[0] if " " in cut and not title[limit - 1].isspace() else cut
    return words.rstrip(" ,;:–—-") + "…"


def priority_label(priority: Priority | None) -> str:
    """``Priority A`` or ``Other areas of activity``."""
    return f"Priority {priority.letter}" if priority else "Other areas of activity"


def priority_title(priority: Priority) -> str:
    """``Priority A: Visibly improving …``, or the letter alone when the title is missing."""
    if isinstance(priority.title, str):
        return f"Priority {priority.letter}: {priority.title}"
    return f"Priority {priority.letter} (title not yet provided)"


def outcome_link(theme: Theme, priority: Priority | None, outcome: Outcome) -> OutcomeLink:
    """An outcome as an index entry."""
    return OutcomeLink(
        outcome_title(outcome),
        paths.outcome(outcome),
        f"{theme.title}, {priority_label(priority)}",
    )


def parent_path(theme: Theme, priority: Priority | None) -> str:
    """The page that lists an outcome: its priority, or the theme's other activity."""
    return paths.priority(theme, priority) if priority else paths.other_activity(theme)
