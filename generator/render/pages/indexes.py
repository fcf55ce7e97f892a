"""Home, narrative sections, and the browse pages: directorates, contacts, gaps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from generator.core.downloads import Download
from generator.core.figures import long_date
from generator.derive.citations import has_indicators
from generator.derive.gaps import DraftGap
from generator.model import urls as paths
from generator.model.base import Gap
from generator.model.plan import Plan
from generator.render.jinja import render
from generator.render.pages.common import Lookups, OutcomeLink, outcome_link
from generator.render.pages.family import family
from generator.render.pages.public_place import public_place
from generator.render.pages.tables import place_tables
from generator.render.pages.views import gap_groups


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the home page's contents: a theme or a narrative section."""

    title: str
    path: str
    summary: str | None


@dataclass(frozen=True)
class ThemeEntry:
    """A theme on the home page, with how much it holds."""

    title: str
    path: str
    priority_count: int
    outcome_count: int


@dataclass(frozen=True)
class DirectorateEntry:
    """A directorate on the directorates page, with how many outcomes it leads."""

    code: str
    name: str
    path: str
    count: int


@dataclass(frozen=True)
class OutcomeGroup:
    """Outcomes under one heading (a theme) of a directorate's page."""

    title: str
    outcomes: list[OutcomeLink]


@dataclass(frozen=True)
class ContactEntry:
    """An officer on the contacts page, with the outcomes that name them."""

    id: str
    name: str
    phone: str | None
    role: str | None
    outcomes: list[OutcomeLink]


def index_pages(plan: Plan, look: Lookups) -> Iterator[tuple[str, str]]:
    """The home page, every narrative section, and the browse pages."""
    gaps = list(look.facts.gaps)
    yield paths.HOME, home_page(plan, len(gaps), look.pdf)
    for section in plan.sections:
        yield paths.section(section), render(
            "section.md.j2",
            page=paths.section(section),
            section=section,
            missing_gap=Gap(missing=section.missing) if section.missing else None,
            body=place_tables(section, plan, index=look.facts.catalogue),
        )
    yield paths.DIRECTORATES, _directorates(plan, look)
    for code, view in look.directorates.items():
        yield view.path, _directorate(plan, code, look)
    yield paths.CONTACTS, _contacts(plan, look)
    yield paths.GAPS, _gaps(gaps)
    if plan.corrections:
        yield paths.CORRECTIONS, render(
            "corrections.md.j2", page=paths.CORRECTIONS,
            corrections=[
                c.model_copy(update={
                    "place": public_place(c.place, plan), "repaired": public_place(c.repaired, plan),
                })
                for c in plan.corrections
            ],
        )


def home_page(plan: Plan, gap_count: int, pdf: Download | None = None) -> str:
    """The home page; with ``pdf``, it links the whole plan as a PDF with its size."""
    themes = {t.id: t for t in plan.themes}
    sections = {s.id: s for s in plan.sections}
    contents = []
    for item in plan.plan.contents:
        if item in themes:
            t = themes[item]
            contents.append(ContentsEntry(title=t.heading, path=paths.theme(t), summary=None))
        elif item in sections:
            s = sections[item]
            contents.append(ContentsEntry(title=s.title, path=paths.section(s), summary=s.summary))
    theme_views = [
        ThemeEntry(
            title=t.title,
            path=paths.theme(t),
            priority_count=len(t.priorities),
            outcome_count=sum(1 for _ in t.outcomes()),
        )
        for t in (themes[i] for i in plan.plan.contents if i in themes)
    ]
    return render(
        "home.md.j2",
        page=paths.HOME,
        plan=plan.plan,
        date_text=long_date(plan.plan.date),
        gap_count=gap_count,
        contents=contents,
        themes=theme_views,
        has_corrections=bool(plan.corrections),
        has_progress=bool(plan.progress),
        family=family(plan, paths.HOME) if plan.progress else "",
        has_indicators=has_indicators(plan),
        pdf=pdf,
    )


def _directorates(plan: Plan, look: Lookups) -> str:
    counts = plan.lead_counts()
    unassigned = sum(1 for _t, _p, o in plan.outcomes() if isinstance(o.lead_directorates, Gap))
    views = [
        DirectorateEntry(code=d.code, name=d.name, path=d.path, count=counts[d.code])
        for d in look.directorates.values()
    ]
    return render("directorates.md.j2", page=paths.DIRECTORATES, directorates=views, unassigned=unassigned)


def _directorate(plan: Plan, code: str, look: Lookups) -> str:
    view = look.directorates[code]
    groups: dict[str, list[OutcomeLink]] = {}
    for theme, priority, outcome in plan.outcomes():
        leads = outcome.lead_directorates
        if isinstance(leads, Gap) or code not in leads:
            continue
        others = ", ".join(c for c in leads if c != code)
        link = replace(outcome_link(theme, priority, outcome), shared=others)
        groups.setdefault(theme.title, []).append(link)
    return render(
        "directorate.md.j2",
        page=view.path,
        directorate=view,
        count=sum(len(v) for v in groups.values()),
        groups=[OutcomeGroup(title=k, outcomes=v) for k, v in groups.items()],
    )


def _contacts(plan: Plan, look: Lookups) -> str:
    by_contact: dict[str, list[OutcomeLink]] = {c: [] for c in look.contacts}
    for theme, priority, outcome in plan.outcomes():
        if isinstance(outcome.contacts, list):
            for cid in dict.fromkeys(outcome.contacts):
                by_contact.setdefault(cid, []).append(outcome_link(theme, priority, outcome))
    views = sorted(
        (
            ContactEntry(id=c.id, name=c.name, phone=c.phone, role=c.role, outcomes=by_contact[c.id])
            for c in look.contacts.values()
        ),
        key=lambda v: _surname_key(v.name),
    )
    return render("contacts.md.j2", page=paths.CONTACTS, contacts=views)


def _surname_key(name: str) -> tuple[str, str]:
    parts = name.split()
    return (parts[-1].casefold(), name.casefold()) if parts else ("", "")


def _gaps(gaps: list[DraftGap]) -> str:
    return render("gaps.md.j2", page=paths.GAPS, total=len(gaps), groups=gap_groups(gaps))
