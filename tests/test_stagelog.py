"""Progress lines on long builds: at a terminal only, one per stage, and MkDocs' page count."""

from __future__ import annotations

import io
import logging

from generator.stagelog import mkdocs_pages, stage_printer


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_pipe_or_a_ci_log_gets_nothing() -> None:
    stream = io.StringIO()
    assert stage_printer(stream) is None
    with mkdocs_pages(stream, every=0):
        logging.getLogger("mkdocs.commands.build").debug("Reading: index.md")
    assert stream.getvalue() == ""


def test_a_terminal_gets_one_line_per_stage() -> None:
    stream = Terminal()
    show = stage_printer(stream)
    assert show is not None
    show("load", 0.125, "45 outcomes")
    show("mkdocs", 12.5, "120 pages")
    assert stream.getvalue() == (
        "\r\x1b[K  load        0.12 s  45 outcomes\n"
        "\r\x1b[K  mkdocs     12.50 s  120 pages\n"
    )


def test_mkdocs_pages_are_counted_while_it_works_and_the_line_is_cleared() -> None:
    stream = Terminal()
    logger = logging.getLogger("mkdocs.commands.build")
    level = logger.level
    with mkdocs_pages(stream, every=0):
        logger.debug("Reading: index.md")
        logger.debug("Reading: themes/a.md")
        logger.debug("Building page index.md")
        logger.debug("Copying static assets.")  # not a page: not counted, not shown
    text = stream.getvalue()
    assert text.split("\r\x1b[K")[1:] == ["  mkdocs    reading page 1", "  mkdocs    reading page 2",
                                         "  mkdocs    building page 1 of 2", ""]
    assert logger.level == level and not any(type(h).__name__ == "_PageCounter" for h in logger.handlers)
