"""The MkDocs stage: build the generated docs into a site, and publish it only if it passed.

MkDocs empties its ``site_dir`` before writing, so a failure half-way leaves a broken site.
Here MkDocs builds into a fresh staging folder beside the published one (:mod:`generator.publish.staging`);
only when the build and its strict checks succeed is it swapped into place. After any failure
the last good site is exactly as it was.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.problems import Location, Problem
from generator.publish.incremental import (
    built_from,
    can_link,
    fingerprint,
    link_unchanged,
    record,
    skip_unchanged,
    unchecked_anchor_links,
)
from generator.publish.mkdocs_problems import config_problems, record_problem, template_problem
from generator.publish.outputs import WRITE_FAULTS, output_error, writing
from generator.publish.search import index_site
from generator.publish.staging import recover, staging_folder, swap_in


class SiteBuildError(Exception):
    """MkDocs could not build the site; carries its messages as problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems) or "mkdocs build failed")


@dataclass(frozen=True)
class MkDocsSettings:
    """What the generator adds to mkdocs.yml for one build."""

    config_file: Path
    docs_dir: Path
    nav: list[Any]
    site_name: str
    extra: dict[str, Any]
    site_url: str | None = None
    """The public address of the site, when the build is told it (``bvpp build --site-url``);
    otherwise mkdocs.yml's own ``site_url``, if any."""


def site_url(text: str) -> str:
    """The site's public address as MkDocs wants it (ending in "/"), or ValueError saying why.

    Without it, the 404 page links its styles and pages from the server's root, which breaks on
    a site published in a folder (GitHub Pages: ``https://owner.github.io/repository/``), and
    the sitemap holds no addresses.
    """
    from urllib.parse import urlsplit

    # MkDocs and Material print the address raw (<link rel="canonical">, the sitemap): a
    # character that could end an attribute or start a tag is refused, never escaped, as no
    # real address needs one unencoded.
    unsafe = sorted({c for c in text.strip() if c in _UNSAFE_IN_URL or not c.isprintable() or c.isspace()})
    if unsafe:
        shown = " ".join(repr(c) for c in unsafe)
        expected = "expected an address without quotes, angle brackets or spaces"
        raise ValueError(f"{expected}; found {shown} in {text!r}")
    parts = urlsplit(text.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc:
        example = "https://www.example.gov.uk/plan/"
        raise ValueError(f"expected the full address, such as {example}; found {text!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"expected an address without '?' or '#' parts; found {text!r}")
    return parts.geturl().rstrip("/") + "/"


_UNSAFE_IN_URL = frozenset("\"'<>`\\{}|^")
"""Characters a URL never holds unencoded (RFC 3986) and that HTML gives a meaning."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


BUILD_ENVIRONMENT = {
    "NO_MKDOCS_2_WARNING": "1",
    "SOURCE_DATE_EPOCH": "0",
}
"""Set for MkDocs' run only, each unless the user set it. Material prints a banner about MkDocs 2
on every build unless told not to. MkDocs stamps the build's date into the sitemap (each page's
``lastmod``, which theme/sitemap.xml leaves out: the build date is not when a page changed) and
into ``sitemap.xml.gz``'s header; 0 there means "no time given" (RFC 1952), so the same content
gives the same files on any day, from a partial build or a clean one."""


@contextmanager
def _build_environment() -> Iterator[None]:
    """:data:`BUILD_ENVIRONMENT` for the build only; then the environment is as it was."""
    added = [name for name in BUILD_ENVIRONMENT if name not in os.environ]
    os.environ.update({name: BUILD_ENVIRONMENT[name] for name in added})
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


@contextmanager
def _captured_mkdocs_log() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


@contextmanager
def _quiet_dirty_notice(dirty: bool) -> Iterator[None]:
    """Drop MkDocs' warning that a build is dirty (strict mode would fail on it); nothing else."""
    if not dirty:
        yield
        return
    logger = logging.getLogger("mkdocs.commands.build")

    def keep(record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")

    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)


def build_mkdocs(settings: MkDocsSettings, site_dir: Path, dirty: bool = False) -> None:
    """Run the real ``mkdocs build --strict`` into ``site_dir`` (which it empties).

    ``dirty`` keeps ``site_dir`` and renders only the pages whose Markdown is newer than their
    HTML (the live preview, :mod:`generator.preview.site`, and partial published builds,
    :mod:`generator.publish.incremental`). Raises :class:`SiteBuildError` with located problems
    (``mkdocs.yml:LINE:COL``, a theme template's line), or
    :class:`~generator.publish.outputs.OutputError` when the system refuses a write.
    """
    with _mkdocs_run(settings, site_dir) as log:
        run_mkdocs(load_mkdocs_config(settings, site_dir), log, dirty=dirty)


@contextmanager
def _mkdocs_run(settings: MkDocsSettings, site_dir: Path) -> Iterator[_Collect]:
    """MkDocs' log captured and every failure of a run turned into a located problem."""
    from mkdocs.exceptions import MkDocsException

    check_config(settings.config_file)
    with _build_environment(), _captured_mkdocs_log() as log:
        try:
            yield log
        except OSError as exc:
            if exc.errno in WRITE_FAULTS:
                raise output_error(exc, site_dir) from exc
            raise SiteBuildError(_problems(log, settings, str(exc))) from exc
        except MkDocsException as exc:
            raise SiteBuildError(_problems(log, settings, str(exc))) from exc
        except SiteBuildError:
            raise
        except Exception as exc:  # a theme template or plugin failing: still a failed build
            located = template_problem(exc, settings.config_file.parent)
            problems = _problems(log, settings, "")
            problems.append(located or Problem(
                Location("mkdocs"),
                "",
                f"the build stopped with an unexpected error: {type(exc).__name__}: {exc}",
                "the published site was left as it was; a theme override or plugin may be "
                "at fault (run 'mkdocs build' in the project folder to see the traceback)",
                kind="mkdocs",
            ))
            raise SiteBuildError(problems) from exc


def load_mkdocs_config(settings: MkDocsSettings, site_dir: Path) -> Any:
    """mkdocs.yml with the generator's settings, building into ``site_dir``, with bvpp's plugins."""
    from mkdocs.config import load_config

    from generator.core.templatecache import theme_cache  # compiled templates kept between builds

    config = load_config(
        config_file=str(settings.config_file),
        docs_dir=str(settings.docs_dir),
        site_dir=str(site_dir),
        nav=settings.nav,
        site_name=settings.site_name,
        strict=True,
        **({"site_url": settings.site_url} if settings.site_url else {}),
    )
    config["extra"] = {**dict(config["extra"]), **settings.extra}
    config.plugins["bvpp-template-cache"] = theme_cache(settings.config_file.parent)
    return config


def run_mkdocs(config: Any, log: _Collect, dirty: bool = False, plugin: Any = None) -> None:
    """Build with a loaded configuration, in full or ``dirty``, with an extra ``plugin`` if given."""
    from mkdocs.commands import build as mkdocs_build

    if plugin is not None:
        config.plugins["bvpp-partial"] = plugin
    with _quiet_dirty_notice(dirty):
        mkdocs_build.build(config, dirty=dirty)
    del log  # read by _mkdocs_run when the build fails


def check_config(config_file: Path) -> None:
    """Raise :class:`SiteBuildError` with a located problem if ``mkdocs.yml`` cannot be read."""
    problems = config_problems(config_file)
    if problems:
        raise SiteBuildError(problems)


def _problems(log: _Collect, settings: MkDocsSettings, fallback: str) -> list[Problem]:
    # MkDocs logs "Error building page 'x.md': <the error>" before the error itself reaches here;
    # the error is reported once, located, instead
    records = [r for r in log.records if not r.getMessage().startswith("Error building page")]
    problems = [record_problem(r, settings.config_file) for r in records]
    if not problems and fallback:
        problems.append(Problem(Location("mkdocs.yml"), "", fallback, kind="mkdocs"))
    return problems


@dataclass
class Published:
    """How a site was published: which way MkDocs built it, and the seconds each step took."""

    rendered: str
    """"pages" (only the pages that changed, on the last published site) or "full"."""
    seconds: dict[str, float]
    """Each step's seconds, in order: "mkdocs", "link" (the unchanged files of the last site
    linked in; partial builds only), "search" (the index) and "swap" (the new site in, the old
    one removed)."""
    linked: int = 0
    """How many files of the last site the build took over."""


def publish(settings: MkDocsSettings, site_dir: Path, clean: bool = False) -> Published:
    """Build into a staging folder beside ``site_dir``, index it for search, then swap it in at once.

    When nothing but pages' Markdown has changed since the published site was built, MkDocs
    renders only those pages and the rest is linked from the published site
    (:mod:`generator.publish.incremental`); otherwise, or with ``clean``, every page is rendered. The
    published site carries :data:`~generator.publish.outputs.SITE_MARKER`; leftovers of killed
    builds are removed first (:mod:`generator.publish.staging`). A write the system refuses
    becomes an :class:`~generator.publish.outputs.OutputError`; the last good site is then as it was.
    """
    site_dir = site_dir.resolve()
    clock = _Clock()
    with writing(site_dir):
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        recover(site_dir)
        with staging_folder(site_dir) as staging, writing(site_dir, staging):
            with _mkdocs_run(settings, staging) as log:
                config = load_mkdocs_config(settings, staging)
                digest = fingerprint(config, _given(settings))
                partial = (not clean and digest is not None and built_from(site_dir) == digest
                           and can_link(site_dir, staging))
                skip = skip_unchanged(site_dir) if partial else None
                run_mkdocs(config, log, dirty=partial, plugin=skip)
                if skip is not None and unchecked_anchor_links(site_dir, staging, skip):
                    partial, skip = False, None  # links to them go unchecked unless all is rendered
                    run_mkdocs(load_mkdocs_config(settings, staging), log)
            clock.lap("mkdocs")
            linked = link_unchanged(site_dir, staging, skip.made) if skip is not None else 0
            if skip is not None:
                clock.lap("link")
            index_search(staging)
            clock.lap("search")
            if digest is not None:
                record(staging, digest)
            swap_in(staging, site_dir)
    clock.lap("swap")  # with the old site's removal, as the staging folder is left
    return Published("pages" if partial else "full", clock.seconds, linked)


class _Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.seconds[step] = now - self.last
        self.last = now


def _given(settings: MkDocsSettings) -> dict[str, Any]:
    """What the generator gives MkDocs, as plain data for the fingerprint."""
    return {"nav": settings.nav, "site_name": settings.site_name, "extra": settings.extra,
            "site_url": settings.site_url}


def index_search(site_dir: Path) -> None:
    """Index the built site for search (:mod:`generator.publish.search`); SiteBuildError if it fails."""
    problems = index_site(site_dir)
    if problems:
        raise SiteBuildError(problems)
