"""The plan's PDF rendered in a second process, while this one builds the pages and the site.

WeasyPrint spends seconds on one core laying out the PDF; the rest of a build needs the other.
:func:`start_plan_pdf` works out the HTML and the cache key here (milliseconds), reuses the
cached copy when there is one (no second process, and WeasyPrint is never imported), and else
forks a child that imports WeasyPrint and renders. :meth:`PendingPdf.result` hands back the
same :class:`~generator.render.pdf.PlanPdf` that :func:`~generator.render.pdf.plan_pdf` returns,
or raises the child's exception (a missing Pango is the same
:class:`~generator.render.pdf.PdfLibraryMissingError`). A child that dies without an answer is
reported, never waited for; leaving the ``with`` block ends a child still running, so a
build that fails elsewhere leaves no process behind.

Fork, not spawn: the child starts in milliseconds with the HTML already in memory, and a
published build (the only caller) runs no other thread. Linux and macOS only, as WeasyPrint's
Pango is in practice.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import signal
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any

from generator.derive.facts import Facts
from generator.model.plan import Plan
from generator.render.pdf import PlanPdf, cached_path, keep, pdf_html, plan_document, write_pdf

_POLL_SECONDS = 0.2
"""How often a waiting parent checks that the child is still alive."""


class PdfProcessError(Exception):
    """The PDF process ended without an answer (killed, or crashed in WeasyPrint's C libraries)."""


class PendingPdf:
    """A PDF being rendered in a second process, or already at hand (reused from the cache)."""

    def __init__(
        self,
        plan: Plan,
        cache: Path | None,
        kept: Path | None,
        data: bytes | None = None,
        process: Any = None,
        answers: Connection | None = None,
        reused: bool = False,
    ) -> None:
        self._plan = plan
        self._cache = cache
        self._kept = kept
        self._data = data
        self._process = process
        self._answers = answers
        self.reused = reused
        """Whether the PDF came from the cache, with no rendering."""
        self.started = time.perf_counter()
        self.seconds = 0.0
        """How long the rendering took, from the start to its answer (0 when reused)."""

    def result(self) -> PlanPdf:
        """The rendered PDF (kept in the cache); waits for the child, or raises what it raised."""
        if self._data is None:
            self._data = self._wait()
            self.seconds = time.perf_counter() - self.started
            if self._cache is not None and self._kept is not None:
                keep(self._cache, self._kept, self._data)
        return plan_document(self._plan, self._data)

    def _wait(self) -> bytes:
        assert self._process is not None and self._answers is not None
        try:
            while not self._answers.poll(_POLL_SECONDS):
                if not self._process.is_alive() and not self._answers.poll(0):
                    raise PdfProcessError(
                        f"cannot make the PDF: its process ended without an answer "
                        f"(exit code {self._process.exitcode}); build without the PDF: bvpp build --no-pdf"
                    )
            kind, payload, where = self._answers.recv()
        except EOFError as exc:  # the child closed its end without sending: it died
            raise PdfProcessError(
                "cannot make the PDF: its process ended without an answer; "
                "build without the PDF: bvpp build --no-pdf"
            ) from exc
        finally:
            self.cancel()
        if kind == "error":
            error: BaseException = pickle.loads(payload)
            error.add_note(f"in the PDF process:\n{where}")
            raise error
        return bytes(payload)

    def cancel(self) -> None:
        """End the child if it is still running, and reap it; safe to call more than once."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
        if self._answers is not None:
            self._answers.close()

    def __enter__(self) -> PendingPdf:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.cancel()


def start_plan_pdf(plan: Plan, cache: Path | None = None, facts: Facts | None = None) -> PendingPdf:
    """Begin the plan's PDF: reused from ``cache`` at once, or rendered by a forked child.

    Use it as a context manager, so the child is ended whatever happens to the caller.
    """
    html = pdf_html(plan, facts)
    kept = cached_path(cache, html)
    if kept is not None and kept.is_file():
        return PendingPdf(plan, cache, kept, data=kept.read_bytes(), reused=True)
    if not can_fork():  # Windows: rendered here and now, as before
        data = write_pdf(html)
        if cache is not None and kept is not None:
            keep(cache, kept, data)
        return PendingPdf(plan, cache, kept, data=data)
    context = multiprocessing.get_context("fork")
    answers, answer = context.Pipe(duplex=False)
    process = context.Process(target=_render, args=(html, answer, os.getpid()), name="bvpp-pdf", daemon=True)
    process.start()
    answer.close()  # the child's end: once the child exits, a read here ends rather than waits
    return PendingPdf(plan, cache, kept, process=process, answers=answers)


def can_fork() -> bool:
    """Whether this system can fork a child (not Windows): else the PDF renders in this process."""
    return "fork" in multiprocessing.get_all_start_methods()


def _render(html: str, answer: Connection, parent: int) -> None:
    """The child: render, then send ("pdf", bytes) or ("error", the pickled exception, its traceback)."""
    _die_with_parent(parent)
    try:
        answer.send(("pdf", write_pdf(html), ""))
    except BaseException as exc:  # everything goes back to the parent to raise
        answer.send(("error", _pickled(exc), traceback.format_exc()))
    finally:
        answer.close()


def _pickled(exc: BaseException) -> bytes:
    """The exception as the parent will raise it; one that cannot be pickled, as its words."""
    try:
        return pickle.dumps(exc)
    except Exception:  # any pickling failure: fall back to the text
        return pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))


def _die_with_parent(parent: int) -> None:
    """Ask Linux to end this child if the parent dies (even by SIGKILL); elsewhere, no-op."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
