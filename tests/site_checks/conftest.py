"""One real build of the bundled plan per session, served over http, and one headless Chromium.

The browser tests (marker ``browser``) drive Debian's Chromium through Playwright's Python
client; no browser is downloaded. Every request any page makes is recorded, and a page that
asks anything of a host other than the local test server fails its test.
"""

from __future__ import annotations

import http.server
import importlib.util
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from benchmarks.serving import serve_folder
from generator import pipeline
from tests.conftest import copy_project, require
from tests.site_checks.browsing import AXE, AXE_URL

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Request, Route

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@dataclass(frozen=True)
class BuiltSite:
    """The published site folder of one real build, and the build's result."""

    root: Path
    result: pipeline.BuildResult


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """Build a copy of the bundled project once for every check in this folder (without the PDF)."""
    project = copy_project(tmp_path_factory.mktemp("site-checks") / "project")
    result = pipeline.build(project, pdf=False)  # the PDF has its own tests; it costs seconds
    return BuiltSite(project.site, result)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site, plus axe-core at :data:`AXE_URL` (cached by the browser)."""

    def translate_path(self, path: str) -> str:
        """Map :data:`AXE_URL` to node_modules; everything else to the site folder."""
        if urlsplit(path).path == "/" + AXE_URL:
            return str(AXE)
        return super().translate_path(path)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@contextmanager
def served(root: Path) -> Iterator[str]:
    """A site folder served over http on a free local port (search needs http, not file://)."""
    with serve_folder(root, _SiteHandler) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    """The built site served over http on a free local port."""
    with served(built_site.root) as url:
        yield url


def chromium_path() -> str | None:
    """Debian's Chromium, as installed by scripts/system-deps.sh."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class RequestLog:
    """Every URL the browser asked for, in order, and those it was refused."""

    urls: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def is_local(url: str) -> bool:
    """True for the local test server (and for data: and blob: URLs, which fetch nothing)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or (
        parts.scheme == "http" and parts.hostname == "127.0.0.1"
    )


@pytest.fixture(scope="session")
def request_log() -> RequestLog:
    """The session's record of browser requests (filled by the ``browser`` fixture)."""
    return RequestLog()


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory, request_log: RequestLog) -> Iterator[BrowserContext]:
    """One headless Chromium for the session, with a fresh profile; nothing leaves this machine."""
    require(importlib.util.find_spec("playwright") is not None, "the playwright Python package")
    executable = chromium_path()
    require(executable is not None, "Chromium (Debian package chromium)")
    require(AXE.is_file(), "axe-core (node_modules/, installed by scripts/setup.sh with npm ci)")
    from playwright.sync_api import sync_playwright

    def guard(route: Route, request: Request) -> None:
        if is_local(request.url):
            route.continue_()
        else:
            request_log.blocked.append(request.url)
            route.abort()

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 800},
        )
        context.on("request", lambda r: request_log.urls.append(r.url))
        context.route("**/*", guard)
        try:
            yield context
        finally:
            context.close()


@contextmanager
def open_tab(browser: BrowserContext, request_log: RequestLog) -> Iterator[Page]:
    """A new tab; when it closes, every request made meanwhile must have gone to the test server."""
    first = len(request_log.urls)
    tab = browser.new_page()
    yield tab
    tab.close()
    foreign = [url for url in request_log.urls[first:] if not is_local(url)]
    assert not foreign, f"the page asked third-party hosts for: {foreign}"


@pytest.fixture
def page(browser: BrowserContext, request_log: RequestLog) -> Iterator[Page]:
    """A new tab for one test (see :func:`open_tab`)."""
    with open_tab(browser, request_log) as tab:
        yield tab
