"""bvpp: publish a council's performance plan as a searchable, accessible static website.

The public API, for scripts and other tools (``docs/api.md``)::

    import generator

    project = generator.Project.at(Path("my-plan"))
    result = generator.check(project)          # never raises for content problems
    for problem in result.report.sorted():
        print(problem.format())
    generator.render(project, pdf=False)        # raises ContentError, SiteBuildError, ...

Everything named in ``__all__`` is kept stable between releases; the modules behind it are
the pipeline's stages (``core``, ``model``, ``load``, ``derive``, ``rules``, ``render``,
``publish``, ``preview``) and may change. The names load on first use, so importing one stage
does not import them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "BuildResult",
    "CheckResult",
    "ContentError",
    "Location",
    "PdfLibraryMissingError",
    "Plan",
    "Problem",
    "Project",
    "Report",
    "Severity",
    "SiteBuildError",
    "UnsafeOutputError",
    "build",
    "check",
    "generate",
    "load_content",
    "validate",
]

_HOME = {
    "BuildResult": "generator.pipeline",
    "CheckResult": "generator.pipeline",
    "Project": "generator.pipeline",
    "build": "generator.pipeline",
    "check": "generator.pipeline",
    "generate": "generator.pipeline",
    "ContentError": "generator.core.problems",
    "Location": "generator.core.problems",
    "Problem": "generator.core.problems",
    "Report": "generator.core.problems",
    "Severity": "generator.core.problems",
    "Plan": "generator.model.plan",
    "load_content": "generator.load.plan",
    "validate": "generator.rules.plan",
    "SiteBuildError": "generator.publish.mkdocs",
    "UnsafeOutputError": "generator.publish.write",
    "PdfLibraryMissingError": "generator.render.pdf",
}


def __getattr__(name: str) -> Any:
    """Load a public name from its stage on first use."""
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


if TYPE_CHECKING:
    from generator.core.problems import ContentError, Location, Problem, Report, Severity
    from generator.load.plan import load_content
    from generator.model.plan import Plan
    from generator.pipeline import BuildResult, CheckResult, Project, build, check, generate
    from generator.publish.mkdocs import SiteBuildError
    from generator.publish.write import UnsafeOutputError
    from generator.render.pdf import PdfLibraryMissingError
    from generator.rules.plan import validate
