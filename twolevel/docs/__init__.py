"""The documentation pages (Markdown), shipped with the package: ``names()``, ``path(name)``,
``read(name)``. Module docstrings cite them by name ("MODEL.md section 1"); ``twolevel docs NAME``
prints one."""
from pathlib import Path

from ..common.errors import TwoLevelError

INSTALLED = Path(__file__).resolve().parent          # pages copied here when the package is built
SOURCE = Path(__file__).resolve().parents[2] / "docs"  # a source checkout (editable install)


def folder() -> Path:
    """Where the pages are: the installed copy, else the source tree's docs/."""
    return INSTALLED if any(INSTALLED.glob("*.md")) else SOURCE


def names() -> list[str]:
    """The pages' names (file stems), sorted."""
    return sorted(p.stem for p in folder().glob("*.md"))


def path(name: str) -> Path:
    """The file of page ``name`` (with or without .md, any case); unknown: a TwoLevelError."""
    stem = str(name).removesuffix(".md").lower()
    for known in names():
        if known.lower() == stem:
            return folder() / f"{known}.md"
    raise TwoLevelError("page", f"unknown page {name!r} (known: {', '.join(names())})")


def read(name: str) -> str:
    """The Markdown text of page ``name``."""
    return path(name).read_text(encoding="utf-8")
