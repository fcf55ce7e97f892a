"""Problems found in the content: located, sortable values, never exceptions.

Every stage that can find something wrong with what an officer wrote returns a list of
:class:`Problem`. The command line decides what to do with them; the library never prints.
"""

from __future__ import annotations

import difflib
import enum
import json
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from generator.core.words import count_words

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


class Severity(enum.Enum):
    """How bad a problem is: errors stop a build, warnings do not (unless ``--strict``)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file. Line and column count from 1, as editors show them.

    A cell of a spreadsheet also names its sheet and cell (``Indicators``, ``F7``), and is shown
    as spreadsheet users find it; ``line`` and ``column`` then hold its row and column number,
    so that problems still sort in reading order.
    """

    file: str
    line: int = 0
    column: int = 0
    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        if self.sheet:
            return f"{self.file}, sheet {self.sheet}" + (f", cell {self.cell}" if self.cell else "")
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or missing) in the content, with where it is and how to fix it."""

    location: Location
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    kind: str = "content"

    def sort_key(self) -> tuple[str, str, int, int, str, str]:
        """Order by file (and sheet), then line and column, then field: the order officers read in."""
        loc = self.location
        return (loc.file, loc.sheet, loc.line, loc.column, self.field, self.message)

    def format(self) -> str:
        """The one-line form shown on a terminal, with the hint on a second line."""
        where = f"{self.location}: " if self.location.file else ""
        field_part = f"{self.field}: " if self.field else ""
        label = "" if self.severity is Severity.ERROR else "warning: "
        text = f"{where}{label}{field_part}{self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_json(self) -> dict[str, object]:
        """A plain dictionary for ``--format json`` (CI annotations)."""
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity.value,
            "kind": self.kind,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class Report:
    """All problems of a run, in reading order."""

    problems: list[Problem] = field(default_factory=list)

    def extend(self, more: Iterable[Problem]) -> None:
        """Add problems from another stage."""
        self.problems.extend(more)

    def sorted(self) -> list[Problem]:
        """Problems sorted by file and line; duplicates (same place, same words) dropped."""
        seen: set[tuple[object, ...]] = set()
        unique: list[Problem] = []
        for problem in sorted(self.problems, key=Problem.sort_key):
            key = (*problem.sort_key(), problem.severity)
            if key not in seen:
                seen.add(key)
                unique.append(problem)
        return unique

    @property
    def errors(self) -> list[Problem]:
        """Only the problems that stop a build."""
        return [p for p in self.sorted() if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Only the warnings (draft gaps among them)."""
        return [p for p in self.sorted() if p.severity is Severity.WARNING]

    def to_json(self) -> str:
        """The whole report as JSON, stable for golden files."""
        return json.dumps(
            {
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "problems": [p.as_json() for p in self.sorted()],
            },
            indent=2,
            ensure_ascii=False,
        )


class ContentError(Exception):
    """Raised at a stage boundary when the content cannot be built; carries every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        first = self.problems[0].format() if self.problems else "content problems"
        super().__init__(f"{count_words(len(self.problems), 'problem')}; first: {first}")


class FirstGiven(Generic[K, T]):
    """The one "already given at …" check: remembers the first item given under each key.

    Ids, codes, labels and rows must each be given once; every such rule asks this, then words
    its own problem naming where the first one stands.
    """

    def __init__(self) -> None:
        self._first: dict[K, T] = {}

    def earlier(self, key: K, item: T) -> T | None:
        """The item first given under ``key``; None when ``item`` is the first (it is then kept)."""
        if key in self._first:
            return self._first[key]
        self._first[key] = item
        return None


def suggest_known(name: str, known: list[str]) -> str:
    """A 'did you mean' hint from a list of known names."""
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f'did you mean "{close[0]}"?'
    return ""


def dotted(path: tuple[str | int, ...]) -> str:
    """``("priorities", 0, "title")`` → ``priorities[0].title``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
