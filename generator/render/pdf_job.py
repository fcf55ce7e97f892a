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
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from generator.derive.facts import Facts
from generator.model.plan import Plan
from generator.render.pdf import PlanPdf, cached_path, keep, pdf_html, plan_document, warm_up, write_pdf

_POLL_SECONDS = 0.2
"""How often a waiting parent checks that the child is still alive."""


class _Cancelled:
    """Used in ``with``: cancelled when the block is left, however it is left."""

    def cancel(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.cancel()


class PdfProcessError(Exception):
    """The PDF process ended without an answer (killed, or crashed in WeasyPrint's C libraries)."""


class PdfWorker(_Cancelled):
    """A forked child that loads WeasyPrint and its fonts at once, then renders the one HTML
    document it is sent: started before the content is read, it is ready when the HTML is."""

    def __init__(self, process: Any, line: Connection) -> None:
        self.process = process
        self.line = line

    def cancel(self) -> None:
        """End the child if it is still running, and reap it; safe to call more than once."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.line.close()


def start_worker() -> PdfWorker | None:
    """Fork the child that will render the PDF (None where this system cannot fork).

    Use it as a context manager, so the child is ended whatever happens to the caller.
    """
    if not can_fork():
        return None
    context = multiprocessing.get_context("fork")
    here, there = context.Pipe(duplex=True)
    process = context.Process(target=_serve, args=(there, os.getpid()), name="bvpp-pdf", daemon=True)
    process.start()
    there.close()  # the child's end: once the child exits, a read here ends rather than waits
    return PdfWorker(process, here)


@contextlib.contextmanager
def pdf_worker(wanted: bool) -> Iterator[PdfWorker | None]:
    """:func:`start_worker` when a PDF is ``wanted`` (else None), ended when the block is left."""
    worker = start_worker() if wanted else None
    try:
        yield worker
    finally:
        if worker is not None:
            worker.cancel()


class PendingPdf(_Cancelled):
    """A PDF being rendered in a second process, or already at hand (reused from the cache)."""

    def __init__(
        self,
        plan: Plan,
        cache: Path | None,
        kept: Path | None,
        data: bytes | None = None,
        worker: PdfWorker | None = None,
        reused: bool = False,
    ) -> None:
        self._plan = plan
        self._cache = cache
        self._kept = kept
        self._data = data
        self._worker = worker
        self.reused = reused
        """Whether the PDF came from the cache, with no rendering."""
        self.started = time.perf_counter()
        self.seconds = 0.0
        """How long the rendering took, from the HTML's sending to its answer (0 when reused)."""

    def result(self) -> PlanPdf:
        """The rendered PDF (kept in the cache); waits for the child, or raises what it raised."""
        if self._data is None:
            self._data = self._wait()
            self.seconds = time.perf_counter() - self.started
            if self._cache is not None and self._kept is not None:
                keep(self._cache, self._kept, self._data)
        return plan_document(self._plan, self._data)

    def _wait(self) -> bytes:
        assert self._worker is not None
        process, line = self._worker.process, self._worker.line
        try:
            while not line.poll(_POLL_SECONDS):
                if not process.is_alive() and not line.poll(0):
                    raise PdfProcessError(
                        f"cannot make the PDF: its process ended without an answer "
                        f"(exit code {process.exitcode}); build without the PDF: bvpp build --no-pdf"
                    )
            kind, payload, where = line.recv()
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
        """End the child if it is still running; safe to call more than once."""
        if self._worker is not None:
            self._worker.cancel()


def start_plan_pdf(
    plan: Plan, cache: Path | None = None, facts: Facts | None = None, worker: PdfWorker | None = None
) -> PendingPdf:
    """Begin the plan's PDF: reused from ``cache`` at once, or rendered by a forked child.

    ``worker`` is a child started earlier (:func:`start_worker`), else one is forked now. Use
    the result as a context manager, so the child is ended whatever happens to the caller.
    """
    html = pdf_html(plan, facts)
    kept = cached_path(cache, html)
    if kept is not None and kept.is_file():
        if worker is not None:
            worker.cancel()  # nothing to render
        return PendingPdf(plan, cache, kept, data=kept.read_bytes(), reused=True)
    worker = worker or start_worker()
    if worker is None:  # Windows: rendered here and now, as before
        data = write_pdf(html)
        if cache is not None and kept is not None:
            keep(cache, kept, data)
        return PendingPdf(plan, cache, kept, data=data)
    worker.line.send(html)
    return PendingPdf(plan, cache, kept, worker=worker)


def can_fork() -> bool:
    """Whether this system can fork a child (not Windows): else the PDF renders in this process."""
    return "fork" in multiprocessing.get_all_start_methods()


def _serve(line: Connection, parent: int) -> None:
    """The child: load WeasyPrint, wait for the HTML, render it, then send ("pdf", bytes) or
    ("error", the pickled exception, its traceback). A failure to load (no Pango) is sent
    only if a PDF is asked for; a parent that closes the line without asking ends the child."""
    _die_with_parent(parent)
    failed: BaseException | None = None
    try:
        warm_up()
    except BaseException as exc:  # kept for the parent, who may not need a PDF at all
        failed = exc
    try:
        html = line.recv()
    except EOFError:
        return
    try:
        if failed is not None:
            raise failed
        line.send(("pdf", write_pdf(html), ""))
    except BaseException as exc:  # everything goes back to the parent to raise
        line.send(("error", _pickled(exc), traceback.format_exc()))
    finally:
        line.close()


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
