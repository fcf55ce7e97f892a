"""Every ``bvpp`` command and every option is documented in the README's command line reference.

The reference is the README section headed ``## Command line reference``: options of ``bvpp``
itself (``--version``) anywhere in it, and one ``### `bvpp <command>` `` subsection per command
that names each of the command's options (``--strict``, ``-q``, …).
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from generator.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
SECTION = "Command line reference"


def reference() -> str:
    """The README's command line reference section, or a failure saying what is missing."""
    if not README.is_file():
        pytest.fail(f"README.md does not exist; it needs a '## {SECTION}' section")
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {SECTION}[ \t]*\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if match is None:
        pytest.fail(f"README.md has no '## {SECTION}' section")
    return match.group(1)


def command_sections() -> dict[str, str]:
    """Each ``### `bvpp <command>` `` subsection of the reference, by command name."""
    parts = re.split(r"^### `bvpp ([^`]+)`[ \t]*$", reference(), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def commands(group: click.Group = main, prefix: str = "") -> dict[str, click.Command]:
    """Every command, subcommands of groups included, by its full name (``check``)."""
    found: dict[str, click.Command] = {}
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        found[prefix + name] = command
        if isinstance(command, click.Group):
            found.update(commands(command, f"{prefix}{name} "))
    return found


def flags(command: click.Command) -> list[str]:
    """Every option flag of a command, long and short (``--quiet``, ``-q``)."""
    return [
        flag
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden
        for flag in (*param.opts, *param.secondary_opts)
    ]


def mentions(text: str, flag: str) -> bool:
    """Whether ``text`` names ``flag`` as a whole word (``--site-dir`` is not ``--site``)."""
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text) is not None


@pytest.mark.parametrize("name", sorted(commands()))
def test_command_is_documented(name: str) -> None:
    sections = command_sections()
    assert name in sections, f"README.md needs a '### `bvpp {name}`' subsection in '{SECTION}'"
    command = commands()[name]
    missing = [flag for flag in flags(command) if not mentions(sections[name], flag)]
    assert not missing, f"'### `bvpp {name}`' in README.md does not mention {missing}"


def test_options_of_bvpp_itself_are_documented() -> None:
    missing = [flag for flag in flags(main) if not mentions(reference(), flag)]
    assert not missing, f"'## {SECTION}' in README.md does not mention {missing}"


def test_no_documented_command_is_gone() -> None:
    gone = sorted(set(command_sections()) - set(commands()))
    assert not gone, f"README.md documents commands that do not exist: {gone}"
