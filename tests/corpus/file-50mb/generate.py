"""Write a 50 MB theme file: too big to commit, so the test calls this at run time."""

from pathlib import Path


def generate(content: Path) -> None:
    """Replace the environment theme with about 50 MB of otherwise valid YAML."""
    line = '          - "Area 1 improved from 92% to 100% between June 2003 and February 2004."\n'
    head = (content / "themes" / "environment.yaml").read_text(encoding="utf-8")
    with (content / "themes" / "environment.yaml").open("w", encoding="utf-8") as out:
        out.write(head)
        out.write("other_activity_notes:\n")
        out.write(line * (50 * 1024 * 1024 // len(line)))
