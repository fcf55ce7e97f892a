"""The MkDocs stage: build the generated docs into a site, and publish it only if it passed.

MkDocs empties its ``site_dir`` before writing, so a failure half-way leaves a broken site.
Here MkDocs builds into a fresh temporary folder beside the published one; only when the
build and its strict checks succeed is the temporary folder swapped into place. After any
failure the last good site is exactly as it was.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.problems import Location, Problem


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

    ``dirty`` (the live preview only, see :mod:`generator.preview.site`) keeps ``site_dir`` and
    renders only the pages whose Markdown is newer than their HTML.
    """
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.core.templatecache import theme_cache  # compiled templates kept between builds

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with _captured_mkdocs_log() as log:
        try:
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
            with _quiet_dirty_notice(dirty):
                mkdocs_build.build(config, dirty=dirty)
        except (MkDocsException, OSError) as exc:
            problems = [_record_problem(r) for r in log.records]
            if not problems:
                problems.append(Problem(Location("mkdocs.yml"), "", str(exc), kind="mkdocs"))
            raise SiteBuildError(problems) from exc
        except Exception as exc:  # a theme template or plugin failing: still a failed build
            problems = [_record_problem(r) for r in log.records]
            problems.append(
                Problem(
                    Location("mkdocs"),
                    "",
                    f"the build stopped with an unexpected error: {type(exc).__name__}: {exc}",
                    "the published site was left as it was; a theme override or plugin may be "
                    "at fault (run 'mkdocs build' in the project folder to see the traceback)",
                    kind="mkdocs",
                )
            )
            raise SiteBuildError(problems) from exc


def _record_problem(record: logging.LogRecord) -> Problem:
    return Problem(Location("mkdocs"), "", record.getMessage(), kind="mkdocs")


def publish(settings: MkDocsSettings, site_dir: Path) -> None:
    """Build into a temporary folder, then swap it in for ``site_dir`` in one step."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        build_mkdocs(settings, staging)
        _swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _old(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.previous")


def _recover(site_dir: Path) -> None:
    """Finish a swap that an earlier process was killed in the middle of."""
    old = _old(site_dir)
    if old.exists() and not site_dir.exists():
        old.rename(site_dir)
    elif old.exists():
        shutil.rmtree(old)


def exchange(first: Path, second: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 RENAME_EXCHANGE).

    Returns False where the system cannot (another OS, an old kernel or C library, a file
    system without support); the caller then falls back to two renames.
    """
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(
        at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange
    )
    return bool(result == 0)


def _swap_in(staging: Path, site_dir: Path) -> None:
    if site_dir.exists() and exchange(staging, site_dir):
        return  # the old site is now in staging, which the caller removes
    old = _old(site_dir)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
