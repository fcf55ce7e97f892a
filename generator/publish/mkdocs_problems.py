"""MkDocs' failures as located problems: ``mkdocs.yml:LINE:COL`` and ``theme/main.html:LINE``.

MkDocs reports a bad setting as ``Config value 'theme': …`` without a line, a file that is not
YAML with PyYAML's own wording, and a broken theme template as a bare Jinja exception. Here each
becomes a :class:`~generator.core.problems.Problem` pointing at the line to fix, with a hint.
"""

from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path

import yaml

from generator.core.problems import Location, Problem

CONFIG_HINT = "see https://www.mkdocs.org/user-guide/configuration/ for the settings and their form"
_CONFIG_VALUE = re.compile(r"Config value '([^']+)': (.*)", re.DOTALL)


def _shown(path: Path, root: Path) -> str:
    """``path`` as the user knows it: relative to the project folder when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def config_problems(config_file: Path) -> list[Problem]:
    """What makes ``mkdocs.yml`` unreadable (not YAML, or not a mapping of settings), located."""
    from mkdocs.utils.yaml import get_yaml_loader

    name = _shown(config_file, config_file.parent)
    try:
        text = config_file.read_text(encoding="utf-8")
        # compose only: builds the node tree (with positions) without running any tag's code
        node = yaml.compose(text, Loader=get_yaml_loader())
    except UnicodeDecodeError as exc:
        return [Problem(Location(name), "", f"expected UTF-8 text, found byte {exc.object[exc.start]:#04x}",
                        "save the file as UTF-8", kind="mkdocs")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        return [Problem(where, "", f"not valid YAML: {what}",
                        "check the indentation and quoting on this line and the one above; "
                        + CONFIG_HINT, kind="mkdocs")]
    except yaml.YAMLError as exc:
        return [Problem(Location(name), "", f"not valid YAML: {exc}", CONFIG_HINT, kind="mkdocs")]
    if node is None or isinstance(node, yaml.MappingNode):
        return []
    found = "a list" if isinstance(node, yaml.SequenceNode) else f"the value {node.value!r:.40}"
    return [Problem(Location(name, node.start_mark.line + 1, node.start_mark.column + 1), "",
                    f"expected settings as 'name: value' lines, found {found}", CONFIG_HINT,
                    kind="mkdocs")]


def _setting_location(config_file: Path, setting: str) -> Location:
    """Where the top-level ``setting`` (``theme`` of ``theme.features``) is in ``mkdocs.yml``."""
    from mkdocs.utils.yaml import get_yaml_loader

    name = _shown(config_file, config_file.parent)
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=get_yaml_loader())
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return Location(name)
    top = setting.split(".", 1)[0]
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == top:
                return Location(name, key.start_mark.line + 1, key.start_mark.column + 1)
    return Location(name)


def record_problem(record: logging.LogRecord, config_file: Path) -> Problem:
    """One MkDocs warning or error; a setting's problem is located in ``mkdocs.yml``."""
    message = record.getMessage()
    setting = _CONFIG_VALUE.fullmatch(message)
    if setting is None:
        return Problem(Location("mkdocs"), "", message, kind="mkdocs")
    text = re.sub(r"<class '(\w+)'>", r"\1", setting[2].strip())  # Python's repr means nothing to an officer
    return Problem(_setting_location(config_file, setting[1]), setting[1], text,
                   CONFIG_HINT, kind="mkdocs")


def template_problem(exc: BaseException, root: Path) -> Problem | None:
    """A Jinja error in a theme template, located at the template's line; None for others."""
    import jinja2

    hint = ("fix the template (see https://jinja.palletsprojects.com/templates/); "
            "the published site was left as it was")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        file = exc.filename or exc.name or "a theme template"
        return Problem(Location(_shown(Path(file), root), exc.lineno or 0, 1), "",
                       f"template error: {exc.message}", hint, kind="mkdocs")
    # Jinja rewrites tracebacks so that a template's own frames name the template and its line
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml"))]
    if not frames:
        return None
    frame = frames[-1]
    what = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc)
    return Problem(Location(_shown(Path(frame.filename), root), frame.lineno or 0, 1), "",
                   f"template error: {type(exc).__name__}: {what}", hint, kind="mkdocs")
