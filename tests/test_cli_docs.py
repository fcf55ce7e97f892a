"""Every ``bvpp`` command and every option is documented in ``docs/cli.md``, in step with --help.

The reference is ``docs/cli.md``: options of ``bvpp`` itself (``--version``) anywhere in it, and
one ``### `bvpp <command>` `` subsection per command that names each of the command's options
(``--strict``, ``-q``, …) and ends with the command's ``--help`` exactly as it prints today.
After changing a command, refresh those blocks and read the diff:

    BVPP_REFRESH_GOLDEN=1 .venv/bin/python -m pytest tests/test_cli_docs.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import main

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
SECTION = "Command line reference"
HELP_BLOCK = re.compile(r"(<!-- help: (?P<name>[a-z ]+) -->\n```text\n)(?P<text>[^`]*?)(\n```\n)")


def reference() -> str:
    """The command line reference, or a failure saying what is missing."""
    if not REFERENCE.is_file():
        pytest.fail(f"docs/cli.md does not exist; it needs the '# {SECTION}'")
    return REFERENCE.read_text(encoding="utf-8")


def help_text(name: str) -> str:
    """What ``bvpp NAME --help`` prints, at a fixed width so the reference is stable."""
    result = CliRunner().invoke(main, [*name.split(), "--help"], prog_name="bvpp", terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output.rstrip("\n")


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
    assert name in sections, f"docs/cli.md needs a '### `bvpp {name}`' subsection in '{SECTION}'"
    command = commands()[name]
    missing = [flag for flag in flags(command) if not mentions(sections[name], flag)]
    assert not missing, f"'### `bvpp {name}`' in docs/cli.md does not mention {missing}"


def test_options_of_bvpp_itself_are_documented() -> None:
    missing = [flag for flag in flags(main) if not mentions(reference(), flag)]
    assert not missing, f"'## {SECTION}' in docs/cli.md does not mention {missing}"


def test_no_documented_command_is_gone() -> None:
    gone = sorted(set(command_sections()) - set(commands()))
    assert not gone, f"docs/cli.md documents commands that do not exist: {gone}"


def test_reference_shows_each_command_help_as_it_prints() -> None:
    text = reference()
    shown = {match["name"]: match["text"] for match in HELP_BLOCK.finditer(text)}
    if os.environ.get("BVPP_REFRESH_GOLDEN"):
        REFERENCE.write_text(
            HELP_BLOCK.sub(lambda m: m.group(1) + help_text(m["name"]) + m.group(4), text), encoding="utf-8"
        )
        return
    missing = sorted(set(commands()) - set(shown))
    assert not missing, f"docs/cli.md has no '<!-- help: NAME -->' block for {missing}"
    stale = [name for name in sorted(shown) if shown[name] != help_text(name)]
    assert not stale, (
        f"docs/cli.md's --help of {stale} differs from what bvpp prints; refresh with "
        "BVPP_REFRESH_GOLDEN=1 .venv/bin/python -m pytest tests/test_cli_docs.py"
    )
