"""The ``bvpp`` command line: a thin layer that calls the pipeline and sets the exit code.

Exit codes: 0 when all is well, 1 for problems in the content (or a failed site build),
2 for wrong usage. Content problems are printed as ``file:line:col: field: message`` with a
hint, all of them, sorted by file and line; never as a traceback.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

import click
from click.decorators import FC

from generator import pipeline
from generator.core.problems import ContentError, Problem, Report, Severity
from generator.core.words import count_words
from generator.load.published import BaselineError
from generator.publish.mkdocs import SiteBuildError, site_url
from generator.publish.onebuild import BuildRunningError
from generator.publish.outputs import OutputError, RefusedOutputError
from generator.publish.write import UnsafeOutputError
from generator.render.pdf import PdfLibraryMissingError
from generator.rules.plan import gap_counts

CONTENT_PROBLEMS = 1
WRONG_USAGE = 2


def _project(root: Path, content: Path | None, site_dir: Path | None = None) -> pipeline.Project:
    if not (root / "mkdocs.yml").is_file():
        raise click.UsageError(f"{root} has no mkdocs.yml; run bvpp in the project folder or pass --project")
    return pipeline.Project.at(root, content=content, site=site_dir)


def _print_problems(problems: list[Problem], as_json: bool = False) -> None:
    if as_json:
        report = Report(problems)
        click.echo(report.to_json())
        return
    for problem in problems:
        click.echo(problem.format(), err=True)


def _stop(message: str, problems: Sequence[Problem] = ()) -> NoReturn:
    """Print the problems, then what was (not) done, and exit with :data:`CONTENT_PROBLEMS`."""
    _print_problems(list(problems))
    click.echo(message, err=True)
    sys.exit(CONTENT_PROBLEMS)


def _summary(report: Report) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    gaps = sum(1 for p in report.warnings if p.kind == "gap")
    counted = count_words(errors, "error"), count_words(warnings, "warning"), count_words(gaps, "draft gap")
    return "{}, {} ({})".format(*counted)


project_option = click.option(
    "--project",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="The project folder (holds mkdocs.yml and content/).",
)
content_option = click.option(
    "--content",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The content folder (default: content/ in the project).",
)


since_option = click.option(
    "--since",
    metavar="REF",
    default=None,
    help="Compare with the content at this git commit, branch or tag, instead of the open data "
    "the last build published in the site folder.",
)


strict_option = click.option("--strict", is_flag=True, help="Fail on warnings (draft gaps included) too.")


def format_option(choices: tuple[str, str], help_text: str) -> Callable[[FC], FC]:
    """``--format``: how the output is written; the first of the choices is the default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help_text,
    )


def site_dir_option(help_text: str) -> Callable[[FC], FC]:
    """``--site-dir``: where the site is published (and so where its last publication is read)."""
    return click.option(
        "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None, help=help_text
    )


def _checked_site_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return site_url(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bvpp")
def main() -> None:
    """Publish a council's Best Value Performance Plan as a static website."""


@main.command()
@project_option
@content_option
@strict_option
@format_option(("text", "json"), "json prints one object with every problem, for CI annotations.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, not warnings.")
def check(root: Path, content: Path | None, strict: bool, fmt: str, quiet: bool) -> None:
    """Load and validate the content; report every problem, build nothing."""
    result = pipeline.check(_project(root, content))
    report = result.report
    shown = report.errors if quiet else report.sorted()
    _print_problems(shown, as_json=fmt == "json")
    if fmt == "text":
        click.echo(_summary(report), err=True)
        if result.facts is not None:
            for part, count in gap_counts(result.facts.gaps).items():
                click.echo(f"  draft gaps in {part}: {count}", err=True)
    failing = report.errors + (report.warnings if strict else [])
    if failing:
        sys.exit(CONTENT_PROBLEMS)


@main.command()
@project_option
@content_option
@site_dir_option(
    "Where to publish the site (default: site/ in the project). Refused if it is or holds "
    "the project, content/, theme/, build/, the home folder or /, or is a non-empty folder "
    "that bvpp did not make."
)
@strict_option
@click.option(
    "--no-pdf",
    is_flag=True,
    help="Leave out the PDF of the whole plan (and its links): a quicker build.",
)
@click.option(
    "--site-url",
    envvar="BVPP_SITE_URL",
    callback=_checked_site_url,
    help="The site's public address, e.g. https://owner.github.io/plan/ (or BVPP_SITE_URL): "
    "the 404 page and the sitemap need it when the site is published in a folder.",
)
@since_option
@click.option(
    "--clean",
    is_flag=True,
    help="Build every page afresh, even when the published site could be brought up to date.",
)
def build(
    root: Path,
    content: Path | None,
    site_dir: Path | None,
    strict: bool,
    no_pdf: bool,
    site_url: str | None,
    since: str | None,
    clean: bool,
) -> None:
    """Generate the pages, build the site with MkDocs, publish it if all passed."""
    from generator.stagelog import mkdocs_pages, stage_printer

    project = _project(root, content, site_dir)
    try:
        with mkdocs_pages(sys.stderr):  # stage lines and a page count, only on a terminal
            progress = stage_printer(sys.stderr)
            result = pipeline.build(
                project, strict=strict, pdf=not no_pdf, progress=progress, site_url=site_url, since=since,
                clean=clean,
            )
    except ContentError as exc:
        problems = count_words(len(exc.problems), "problem")
        _stop(f"build stopped: {problems}; the site was not changed", exc.problems)
    except SiteBuildError as exc:
        _stop("mkdocs build failed; the site was not changed", exc.problems)
    except OutputError as exc:
        _stop("build stopped: the site could not be written; the site was not changed", exc.problems)
    except BuildRunningError as exc:
        _stop(f"build stopped: {exc}; the site was not changed")
    except RefusedOutputError as exc:  # wrong usage: nothing was read or written
        click.echo(f"Error: {exc}", err=True)
        sys.exit(WRONG_USAGE)
    except UnsafeOutputError as exc:
        raise click.ClickException(str(exc)) from exc
    except PdfLibraryMissingError as exc:
        _stop(f"{exc}; the site was not changed")
    except BaselineError as exc:
        _stop(f"{exc}\nbuild stopped: nothing to compare with; the site was not changed")
    warnings = [p for p in result.report.warnings if p.severity is Severity.WARNING]
    click.echo(
        f"built {result.pages} pages into {project.site} "
        f"({len(result.written.written)} written, {len(result.written.removed)} removed); "
        f"{count_words(len(warnings), 'warning')}, see 'bvpp check'",
        err=True,
    )
    if result.pdf is not None:
        seconds = result.timings.stages.get("pdf", 0.0)
        click.echo(f"PDF: {result.pdf.path} ({result.pdf.size_text}, {seconds:.1f} s)", err=True)


@main.command()
@project_option
@content_option
@site_dir_option("The published site to compare with (default: site/ in the project).")
@since_option
@format_option(("text", "json"), "json prints one object with every change, as data/changes.json lists them.")
def changes(root: Path, content: Path | None, site_dir: Path | None, since: str | None, fmt: str) -> None:
    """Show what has changed since the last publication (or a git commit), before you publish."""
    from generator.render.changes_text import as_json, as_text

    project = _project(root, content, site_dir)
    try:
        result, report = pipeline.changes(project, since)
    except BaselineError as exc:
        _stop(str(exc))
    if report is None:
        errors = result.report.errors
        _stop(f"{count_words(len(errors), 'error')} in the content: nothing to compare", errors)
    if fmt == "json":
        click.echo(as_json(report))
        return
    against = f"commit {since}" if since else f"the published site ({project.site})"
    for line in as_text(report, against):
        click.echo(line)


@main.command()
@project_option
@content_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to serve on.")
def serve(root: Path, content: Path | None, host: str, port: int) -> None:
    """Live preview in build/preview/: rebuild and reload open pages when a file changes."""
    from generator.preview.serve import serve_forever

    project = _project(root, content)
    try:
        serve_forever(project, host, port, click.echo)
    except OSError as exc:  # the port is taken, or the folder cannot be watched
        raise click.ClickException(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc


@main.command()
@project_option
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 listing the schema files that are missing or out of date.",
)
def schema(root: Path, check_only: bool) -> None:
    """Write the JSON Schemas that editors use to check content files (schemas/)."""
    from generator.model.schema import FOLDER, stale_schemas, write_schemas

    folder = _project(root, None).root / FOLDER
    if check_only:
        stale = stale_schemas(folder)
        for name in stale:
            click.echo(f"{FOLDER}/{name}: missing or out of date with the models", err=True)
        if stale:
            _stop("run 'bvpp schema' to regenerate them")
        return
    changed = write_schemas(folder)
    click.echo(f"{count_words(len(changed), 'schema file')} written to {folder}", err=True)


@main.group()
def returns() -> None:
    """Quarterly returns: make templates for directorates, import what comes back."""


def _iso_date(_ctx: click.Context, _param: click.Parameter, value: str) -> dt.date:
    try:
        if len(value) != 10:
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected a date written YYYY-MM-DD, found {value!r}") from exc


@returns.command("template")
@project_option
@content_option
@click.option("--period", "label", required=True, help="The period as reports name it, e.g. '2004/05 Q1'.")
@click.option("--ends", required=True, callback=_iso_date, help="The period's last day, YYYY-MM-DD.")
@click.option("--directorate", default=None, help="Only this directorate's indicators and tasks (its code).")
@format_option(("xlsx", "csv"), "csv writes a folder with one CSV file per sheet, for teams without Excel.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="The workbook to write (FILE.xlsx), or the folder for --format csv.",
)
def returns_template(
    root: Path, content: Path | None, label: str, ends: dt.date, directorate: str | None, fmt: str, out: Path
) -> None:
    """Write a return template for one period, to send to a directorate."""
    from generator.returns.commands import make_template
    from generator.returns.rows import ReturnPeriod

    if not label.strip():
        raise click.BadParameter("expected the period's name, found nothing", param_hint="--period")
    project = _project(root, content)
    period = ReturnPeriod(label.strip(), ends)
    made, problems = make_template(project.content, out, period, directorate, fmt == "csv")
    if any(p.kind == "usage" for p in problems):
        raise click.BadParameter(problems[0].message, param_hint="--directorate")
    if made is None:
        _stop(f"no template written: {count_words(len(problems), 'problem')} in the content", problems)
    rows, files = made
    click.echo(
        f"wrote {', '.join(str(f) for f in files)}: {count_words(len(rows.indicators), 'indicator')}, "
        f"{count_words(len(rows.tasks), 'task')} for {label.strip()}",
        err=True,
    )


@returns.command("import")
@project_option
@content_option
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and print what would change; write nothing.")
@click.option(
    "--replace", is_flag=True, help="Overwrite figures and updates already published for the period."
)
def returns_import(root: Path, content: Path | None, file: Path, dry_run: bool, replace: bool) -> None:
    """Check a filled-in return (.xlsx, or the folder of CSVs) and write it into the content."""
    from generator.returns.commands import import_return

    project = _project(root, content)
    done, problems = import_return(project.content, file, str(file), replace=replace, dry_run=dry_run)
    if done is None:
        counted = count_words(len(problems), "problem")
        _stop(f"nothing imported: {counted}; the content was not changed", problems)
    for line in done.lines:
        click.echo(line)
    verb = "would write" if dry_run else "wrote"
    files = ", ".join(_shown(project, f) for f in done.files) or "nothing (no changes)"
    click.echo(f"{verb} {files}", err=True)


def _shown(project: pipeline.Project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    main()
