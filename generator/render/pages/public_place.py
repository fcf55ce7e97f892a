"""A correction's "where", in the names residents see: no file names, paths or "seed".

Editors record where a repair was made as they work, by content file ("themes/environment.yaml:
removal-of-all-graffiti (seed lines 558, 559)"). The public page names the same place by the
theme, section, table or progress plan it is published as, and calls the source's lines
"source lines" (CONTENT-STYLE: no internal words on a public page).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.model.plan import Plan

_PATH = re.compile(
    r"(?:content/)?(?P<path>(?:themes|sections|tables|progress)/[\w./-]+?\.(?:ya?ml|md|csv)"
    r"|(?:tasks|plan)\.ya?ml|updates/[\w.-]+\.ya?ml)"
)
_SEED = re.compile(r"\bseed (lines?)\b")
_MARKER = re.compile(r"\{\{\s*table:\s*(?P<id>[\w-]+)\s*\}\}")


def public_place(text: str, plan: Plan) -> str:
    """``text`` with every content path replaced by the public name of what it holds."""
    tables = {t.id: t.spec.title for t in plan.tables}
    text = _MARKER.sub(lambda m: f"the table \u201c{tables.get(m['id'], m['id'])}\u201d", text)
    return _SEED.sub(r"source \1", _PATH.sub(_namer(plan), text))


def _namer(plan: Plan) -> Callable[[re.Match[str]], str]:
    themes = {t.id: t.title for t in plan.themes}
    sections = {s.id: s.title for s in plan.sections}
    tables = {t.id: t.spec.title for t in plan.tables}
    progress = {p.id: p.config.title for p in plan.progress}
    periods = {period.id: period.title for p in plan.progress for period in p.config.periods}

    def name(match: re.Match[str]) -> str:
        parts = match["path"].split("/")
        stem = re.sub(r"\.(?:ya?ml|md|csv)$", "", parts[-1])
        if parts[0] == "themes":
            return f"the theme \u201c{themes.get(stem, stem.replace('-', ' '))}\u201d"
        if parts[0] == "sections":
            section = re.sub(r"^\d+-", "", stem)
            return f"the section \u201c{sections.get(section, section.replace('-', ' '))}\u201d"
        if parts[0] == "tables":
            return f"the table \u201c{tables.get(stem, stem.replace('-', ' '))}\u201d"
        if parts[0] == "progress" and len(parts) > 1:
            title = progress.get(parts[1], parts[1].replace("-", " "))
            if "updates" in parts:
                return f"\u201c{title}\u201d, report for {periods.get(stem, stem)}"
            return f"\u201c{title}\u201d"
        if parts[0] == "updates":
            return f"the report for {periods.get(stem, stem)}"
        return "the plan's tasks" if stem == "tasks" else "the plan's details"

    return name
