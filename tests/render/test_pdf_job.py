"""The PDF in a second process: its answer, its failures, and no process left behind.

The rendering itself is WeasyPrint's and is tested through a real build (tests/downloads/);
here the child's work is replaced by what each case needs (an error, a crash, a long wait),
forked exactly as the real one is, so what is tested is the way the answer comes back.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from generator.model.plan import Plan
from generator.render import pdf_job
from generator.render.pdf import PdfLibraryMissingError, cached_path, pdf_html, pdf_path
from generator.render.pdf_job import PdfProcessError, pdf_worker, start_plan_pdf, start_worker

PANGO = "cannot make the PDF: the system library libgobject-2.0-0 (part of Pango) is missing"


@pytest.fixture(autouse=True)
def no_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child's loading of WeasyPrint (a second or two) is left out where it is not tested."""
    monkeypatch.setattr(pdf_job, "warm_up", lambda: None)


def _no_children() -> bool:
    return not multiprocessing.active_children()


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_childs_pdf_comes_back_described_and_kept(
    bundled_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_job, "write_pdf", lambda html: b"%PDF-" + str(len(html)).encode())
    with start_plan_pdf(bundled_plan, tmp_path) as pending:
        document = pending.result()
    assert document.data == b"%PDF-" + str(len(pdf_html(bundled_plan))).encode()
    assert document.download.path == pdf_path(bundled_plan)
    assert document.download.size == len(document.data)
    assert not pending.reused and pending.seconds > 0
    kept = cached_path(tmp_path, pdf_html(bundled_plan))
    assert kept is not None and kept.read_bytes() == document.data
    assert _no_children()


def test_an_unchanged_plan_is_reused_with_no_second_process(
    bundled_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = cached_path(tmp_path, pdf_html(bundled_plan))
    assert kept is not None
    kept.write_bytes(b"%PDF- kept")

    def refuse(html: str) -> bytes:
        raise AssertionError("rendered although a copy was kept")

    monkeypatch.setattr(pdf_job, "write_pdf", refuse)
    with start_plan_pdf(bundled_plan, tmp_path) as pending:
        assert _no_children()
        assert pending.result().data == b"%PDF- kept"
    assert pending.reused


def test_a_missing_pango_in_the_child_is_raised_here_with_its_message(
    bundled_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pango(html: str) -> bytes:
        raise PdfLibraryMissingError(PANGO)

    monkeypatch.setattr(pdf_job, "write_pdf", no_pango)
    with start_plan_pdf(bundled_plan) as pending, pytest.raises(PdfLibraryMissingError) as raised:
        pending.result()
    assert str(raised.value) == PANGO  # what the command line prints, word for word
    assert "in the PDF process" in "".join(raised.value.__notes__)  # with the child's traceback
    assert _no_children()


class _UnpicklableError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.callback = lambda: None  # a lambda cannot be pickled


def test_an_error_that_cannot_cross_processes_comes_back_as_its_words(
    bundled_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(html: str) -> bytes:
        raise _UnpicklableError("layout went wrong")

    monkeypatch.setattr(pdf_job, "write_pdf", fails)
    expected = "_UnpicklableError: layout went wrong"
    with start_plan_pdf(bundled_plan) as pending, pytest.raises(RuntimeError, match=expected):
        pending.result()


def test_a_child_that_dies_is_reported_not_waited_for(bundled_plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_job, "write_pdf", lambda html: os._exit(9))  # as a crash in Pango would
    began = time.monotonic()
    with start_plan_pdf(bundled_plan) as pending, pytest.raises(PdfProcessError, match="--no-pdf"):
        pending.result()
    assert time.monotonic() - began < 30
    assert _no_children()


def test_a_build_failing_while_the_pdf_renders_ends_the_child(
    bundled_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(html: str) -> bytes:
        time.sleep(600)
        return b""

    monkeypatch.setattr(pdf_job, "write_pdf", slow)
    with pytest.raises(ValueError, match="the pages failed"), start_plan_pdf(bundled_plan):
        (child,) = multiprocessing.active_children()
        raise ValueError("the pages failed")
    assert child.pid is not None and _gone(child.pid)
    assert _no_children()


def test_without_fork_the_pdf_renders_in_this_process(
    bundled_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_job, "can_fork", lambda: False)  # as on Windows
    monkeypatch.setattr(pdf_job, "write_pdf", lambda html: f"%PDF- {os.getpid()}".encode())
    with start_plan_pdf(bundled_plan) as pending:
        assert _no_children()
        assert pending.result().data == f"%PDF- {os.getpid()}".encode()


def test_a_child_started_early_that_cannot_load_weasyprint_says_so_only_if_asked(
    bundled_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pango() -> None:
        raise PdfLibraryMissingError(PANGO)

    monkeypatch.setattr(pdf_job, "warm_up", no_pango)
    kept = cached_path(tmp_path, pdf_html(bundled_plan))
    assert kept is not None
    kept.write_bytes(b"%PDF- kept")
    with pdf_worker(True) as worker:  # the build starts it before reading the content
        assert worker is not None
        with start_plan_pdf(bundled_plan, tmp_path, worker=worker) as pending:
            assert pending.result().data == b"%PDF- kept"  # nothing to render: no error
        assert not worker.process.is_alive()
    with pdf_worker(True) as worker, start_plan_pdf(bundled_plan, worker=worker) as pending:
        with pytest.raises(PdfLibraryMissingError) as raised:
            pending.result()
        assert str(raised.value) == PANGO
    assert _no_children()


def test_a_worker_not_needed_ends_with_its_block() -> None:
    with pdf_worker(False) as none:
        assert none is None
    worker = start_worker()
    assert worker is not None
    with worker:
        assert worker.process.is_alive()
    assert worker.process.pid is not None and _gone(worker.process.pid)
