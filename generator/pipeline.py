"""The whole pipeline as plain functions: load → validate → build → write → MkDocs.

The command line and the tests both call these. Nothing here prints or exits: content
problems come back in a :class:`~generator.core.problems.Report`, and a build that cannot go on
raises :class:`~generator.core.problems.ContentError` carrying every problem.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.core.cache import ParseCache
from generator.core.cache import active as cache_active
from generator.core.downloads import Download
from generator.core.escape import title_html
from generator.core.problems import ContentError, Report
from generator.core.rendercache import RenderCache
from generator.core.templatecache import bytecode_cache
from generator.core.words import count_words
from generator.derive.changes import report as change_report
from generator.derive.facts import Facts, derive_facts
from generator.load.git_version import content_at
from generator.load.plan import load_content
from generator.load.published import BaselineError, read_published
from generator.model import urls as paths
from generator.model.changes import Baseline, ChangeReport
from generator.model.plan import Plan
from generator.publish.engines import GENERATED_CONFIG, write_generated_config
from generator.publish.incremental import code_digest
from generator.publish.mkdocs import MkDocsSettings, check_config, publish
from generator.publish.mkdocs import site_url as checked_site_url
from generator.publish.onebuild import one_build_at_a_time
from generator.publish.outputs import refuse_unsafe_site, writing
from generator.publish.write import WriteMemo, WriteResult, write_tree
from generator.render import pages
from generator.render.jinja import compiled_templates
from generator.render.opendata.package import plan_baseline
from generator.render.opendata.records import plan_records
from generator.rules.plan import validate

if TYPE_CHECKING:  # WeasyPrint's side loads only when a PDF is wanted
    from generator.render.pdf import PlanPdf
    from generator.render.pdf_job import PdfWorker, PendingPdf


@dataclass(frozen=True)
class Project:
    """Where a project's parts live; by default all under one folder."""

    root: Path
    content: Path
    docs: Path
    site: Path
    published: Path | None = None
    """The published site a build compares with (its ``data/``), when not ``site``: the preview's."""

    @classmethod
    def at(cls, root: Path, content: Path | None = None, site: Path | None = None) -> Project:
        """The standard layout under ``root``, with optional other content or site folders."""
        root = root.resolve()
        return cls(
            root=root,
            content=(content or root / "content").resolve(),
            docs=root / "build" / "docs",
            site=(site or root / "site").resolve(),
        )

    @property
    def config_file(self) -> Path:
        """The project's mkdocs.yml."""
        return self.root / "mkdocs.yml"


RENDER_CACHE = Path("build") / "render-cache.pickle"
"""Where ``bvpp build`` keeps its rendered pages between runs, under the project folder."""

Progress = Callable[[str, float, str], None]
"""Told of each stage as it ends: its name, seconds, and what it did."""


@dataclass
class Timings:
    """Seconds spent in each stage, for progress output and the benchmark."""

    stages: dict[str, float] = field(default_factory=dict)
    notify: Progress | None = None
    """Told of each stage as it ends (name, seconds, what it did): the CLI's progress lines."""

    def mark(self, stage: str, started: float, detail: str = "") -> float:
        """Record a stage that began at ``started``; return now."""
        now = time.perf_counter()
        self.add(stage, now - started, detail)
        return now

    def add(self, stage: str, seconds: float, detail: str = "") -> None:
        """Record a stage timed elsewhere."""
        self.stages[stage] = seconds
        if self.notify is not None:
            self.notify(stage, seconds, detail)


@dataclass
class CheckResult:
    """What ``check`` found: the plan (when it loaded), its derived facts, and every problem."""

    plan: Plan | None
    report: Report
    facts: Facts | None = None
    """Worked out once from the plan and read by the rules and every output (derive/facts.py)."""


@dataclass
class BuildResult:
    """What ``build`` did."""

    plan: Plan
    report: Report
    pages: int
    nav: list[Any]
    written: WriteResult
    timings: Timings
    pdf: Download | None = None
    """The whole plan as a PDF, when the build made one."""
    rendered: str = ""
    """How MkDocs built the published site: "pages" (only the pages that changed, on the last
    published site) or "full" (every page); empty when nothing was published."""


def check(project: Project, timings: Timings | None = None) -> CheckResult:
    """Load and validate; never raises for content problems."""
    timings = timings or Timings()
    report = Report()
    started = time.perf_counter()
    plan, problems = load_content(project.content)
    started = timings.mark("load", started, _plan_counts(plan))
    report.extend(problems)
    if plan is None:
        return CheckResult(plan, report)
    facts = derive_facts(plan)
    started = timings.mark("derive", started, f"{len(facts.gaps)} gaps")
    report.extend(validate(plan, facts))
    errors, warnings = count_words(len(report.errors), "error"), count_words(len(report.warnings), "warning")
    timings.mark("validate", started, f"{errors}, {warnings}")
    return CheckResult(plan, report, facts)


def _plan_counts(plan: Plan | None) -> str:
    if plan is None:
        return "the content did not load"
    return f"{len(plan.themes)} themes, {sum(1 for _ in plan.outcomes())} outcomes"


@dataclass
class Memory:
    """What ``bvpp serve`` keeps between its builds, so that an edit costs what it changes.

    Each part is exact, never a guess: files are re-parsed unless their text is identical,
    pages re-rendered unless every input is (:mod:`generator.core.rendercache`), and generated files
    read back unless this process wrote them and they have not moved since. ``bvpp build``
    keeps only the rendered pages, on disk between its runs (:data:`RENDER_CACHE`): it parses
    every file and compares every generated file with what is there.
    """

    parsed: ParseCache = field(default_factory=ParseCache)
    rendered: RenderCache = field(default_factory=RenderCache)
    written: WriteMemo = field(default_factory=WriteMemo)


def generate(
    project: Project,
    strict: bool = False,
    pdf: bool = False,
    memory: Memory | None = None,
    progress: Progress | None = None,
    since: str | None = None,
) -> BuildResult:
    """Load, validate, build pages and write the generated docs folder (no MkDocs).

    ``memory`` is kept between calls by ``bvpp serve`` (see :class:`Memory`); ``progress`` is
    told of each stage as it ends. The changes page compares the plan with the open data the
    last build published in the site folder, or with the content at git commit ``since``
    (see :func:`baseline`); a baseline that cannot be read raises
    :class:`~generator.load.published.BaselineError`.

    With ``pdf`` the whole plan is also rendered as a PDF into the docs folder (seconds, not
    milliseconds: reused from ``build/pdf-cache/`` while the plan is unchanged), in a second
    process started now, which loads WeasyPrint while this one reads the content.
    """
    from generator.render.pdf_job import pdf_worker

    with pdf_worker(pdf) as worker:  # ended when the build is, whether it succeeds or fails
        return _generate(project, strict, pdf, worker, memory, progress, since)


def _generate(
    project: Project,
    strict: bool,
    pdf: bool,
    worker: PdfWorker | None,
    memory: Memory | None,
    progress: Progress | None,
    since: str | None,
) -> BuildResult:
    timings = Timings(notify=progress)
    with cache_active(memory.parsed if memory else None):  # unchanged files are not re-parsed
        result = check(project, timings)
    started = time.perf_counter()
    failing = result.report.errors + (result.report.warnings if strict else [])
    if result.plan is None or failing:
        raise ContentError(failing or result.report.sorted())
    facts = result.facts or derive_facts(result.plan)
    earlier = baseline(project, since)
    started = timings.mark("baseline", started, earlier.title if earlier else "none: a first publication")
    # The PDF renders in a second process while the pages are built (generator.render.pdf_job);
    # the two pages giving its size are finished once it is back, so no page waits on a guess.
    pending = _start_pdf(project, result.plan, facts, worker) if pdf else None
    renders = memory.rendered if memory else None
    with (
        pending or contextlib.nullcontext(),  # a build failing here ends the PDF process too
        compiled_templates(bytecode_cache(project.root)),  # compiled once per project: faster, never staler
        renders.build() if renders else contextlib.nullcontext(),
    ):
        draft = pages.prepare(result.plan, earlier, facts)
        afresh = f", {renders.stats.pages_rendered} rendered afresh" if renders else ""
        started = timings.mark("build", started, f"{len(draft.sources.pages)} pages{afresh}")
        document = _finish_pdf(project, pending, timings, started) if pending else None
        started = time.perf_counter()
        sources = draft.finish(document.download if document else None)
    files: dict[str, str | bytes] = {**sources.pages, **sources.files}
    if document is not None:
        files[document.download.path] = document.data
    with writing(project.docs):  # a full disk or a read-only folder: a message, not a traceback
        written = write_tree(files, project.docs, memory.written if memory else None)
    timings.mark(
        "write",
        started,
        f"{len(written.written)} written, {len(written.removed)} removed, {written.unchanged} unchanged",
    )
    return BuildResult(
        result.plan, result.report, len(sources.pages), sources.nav, written, timings,
        document.download if document else None,
    )


def _start_pdf(project: Project, plan: Plan, facts: Facts, worker: PdfWorker | None) -> PendingPdf:
    from generator.render.pdf_job import start_plan_pdf

    with writing(project.root / "build" / "pdf-cache"):
        return start_plan_pdf(plan, project.root / "build" / "pdf-cache", facts, worker)


def _finish_pdf(project: Project, pending: PendingPdf, timings: Timings, started: float) -> PlanPdf:
    """Wait for the PDF; the "pdf" stage is the wait, what the PDF added to the build."""
    with writing(project.root / "build" / "pdf-cache"):
        document = pending.result()
    how = "reused" if pending.reused else f"rendered in {pending.seconds:.1f} s in a second process"
    timings.mark("pdf", started, how)
    return document


def build(
    project: Project,
    strict: bool = False,
    pdf: bool = False,
    progress: Progress | None = None,
    site_url: str | None = None,
    since: str | None = None,
    clean: bool = False,
) -> BuildResult:
    """Generate, then build and publish the site; the old site stays if anything fails.

    ``pdf=True`` also renders the whole plan as a PDF (seconds): ``bvpp build`` does so unless
    given ``--no-pdf``; tests and the live preview leave it out unless they need it.
    ``progress`` is as for :func:`generate`. A published build keeps its rendered pages in
    ``build/`` (:data:`RENDER_CACHE`) and reuses those whose inputs are unchanged.
    ``site_url`` is the site's public address (checked by :func:`generator.publish.mkdocs.site_url`).
    A site folder that would replace the project, its inputs or a folder bvpp did not make is
    refused first (:class:`~generator.publish.outputs.RefusedOutputError`); a write the system refuses
    raises :class:`~generator.publish.outputs.OutputError`. ``since`` is as for :func:`generate`:
    by default the site folder's last publication. The site is built from the published one
    when only pages changed (:mod:`generator.publish.incremental`); ``clean`` builds it from
    nothing whatever changed. One build of a project runs at a time: a second is refused before
    it reads anything (:class:`~generator.publish.onebuild.BuildRunningError`).
    """
    address = checked_site_url(site_url) if site_url else None  # ValueError before any work
    # before any work: where the site would go, and whether MkDocs can read its settings
    refuse_unsafe_site(project.site, project.root, project.content, project.root / "theme")
    check_config(project.config_file)
    with one_build_at_a_time(project.root):  # two at once could publish a mix of their pages
        # Pages rendered by the last build of this project are reused while their inputs are the
        # same (generator.core.rendercache); --clean renders every one. Kept for the next build.
        cache, namespace = project.root / RENDER_CACHE, code_digest()
        renders = RenderCache() if clean else RenderCache.load(cache, namespace)
        result = generate(project, strict=strict, pdf=pdf, memory=Memory(rendered=renders),
                          progress=progress, since=since)
        with writing(cache):
            renders.save(cache, namespace)
        settings = replace(mkdocs_settings(project, result), site_url=address)
        published = publish(settings, project.site, clean=clean)
        # The same settings as a file, for engines that read one (Zensical): see
        # generator.publish.engines. Written once MkDocs has accepted mkdocs.yml, so a setting of
        # the wrong form is reported by MkDocs, located, rather than tripping this copy.
        with writing(project.root / GENERATED_CONFIG):
            write_generated_config(settings, project.root / GENERATED_CONFIG)
        result.rendered = published.rendered
        details = {
            "link": f"{published.linked} unchanged files of the last site linked",
            "mkdocs": "only the changed pages rendered" if published.rendered == "pages"
            else "every page rendered",
            "search": "the search index built",
            "swap": f"published {project.site}",
        }
        for step, seconds in published.seconds.items():
            result.timings.add(step, seconds, details[step])
        return result


def baseline(project: Project, since: str | None = None) -> Baseline | None:
    """What a build compares with: the content at git commit ``since``, loaded with the normal
    loader, or else the open data the last build left in the site folder (None if none)."""
    if since is None:
        return read_published((project.published or project.site) / paths.DATA_FOLDER)
    with content_at(project.content, since) as folder:
        plan, problems = load_content(folder)
    errors = Report(problems).errors
    if plan is None or errors:
        first = f"; the first: {errors[0].message}" if errors else ""
        raise BaselineError(
            f"--since {since}: the content at that commit does not load "
            f"({count_words(len(errors), 'problem')}){first}"
        )
    return plan_baseline(plan)


def changes(project: Project, since: str | None = None) -> tuple[CheckResult, ChangeReport | None]:
    """What ``bvpp changes`` prints: the current content checked, and what changed since the
    last publication or commit ``since`` (None when the content has errors: nothing to compare)."""
    result = check(project)
    if result.plan is None or result.report.errors:
        return result, None
    return result, change_report(baseline(project, since), plan_records(result.plan))


def mkdocs_settings(project: Project, result: BuildResult) -> MkDocsSettings:
    """What the generator adds to mkdocs.yml for a build of ``result``'s pages."""
    plan = result.plan.plan
    return MkDocsSettings(
        config_file=project.config_file,
        docs_dir=project.docs,
        nav=result.nav,
        site_name=title_html(f"{plan.council}: {plan.title}"),  # Material prints it raw
        extra={
            "bvpp": {
                "status": plan.status,
                "draft_label": plan.draft_label or "Draft",
                # plain text: theme/main.html escapes these itself ("| e")
                "council": plan.council,
                "title": plan.title,
                **(
                    {"licence": plan.licence.name, "licence_url": plan.licence.url}
                    if plan.licence
                    else {}
                ),
            }
        },
    )
