"""Built-in cases: the TOML scenario files in this folder, named by their file stem.

A case file starts with a comment block whose ``# summary: ...`` line describes the case in one
line (without such a line, the first comment line is the summary).
"""
from pathlib import Path

from ..common.errors import TwoLevelError

FOLDER = Path(__file__).resolve().parent


def names() -> list[str]:
    """Names of the built-in cases, sorted."""
    return sorted(p.stem for p in FOLDER.glob("*.toml"))


def path(name: str) -> Path:
    """The file of case ``name``; an unknown name is a TwoLevelError listing the known ones."""
    known = names()
    if not isinstance(name, str) or name not in known:
        listing = ", ".join(known) if known else "none installed"
        raise TwoLevelError("case", f"unknown case {name!r} (known: {listing})")
    return FOLDER / f"{name}.toml"


def load(name: str):
    """Case ``name`` as a Negotiation, or as a sequence problem for a sequence case."""
    from ..files import load as load_file
    return load_file(path(name), label=f"case {name}")


def load_negotiation(name: str):
    """Case ``name``, which must be one negotiation (not a sequence)."""
    from ..files import load_negotiation as load_file
    return load_file(path(name), label=f"case {name}")


def summary(name: str) -> str:
    """The one-line description of case ``name`` from its leading comments ('' if none)."""
    comments = []
    with open(path(name), encoding="utf-8", errors="replace") as lines:
        for line in lines:
            line = line.strip()
            if not line.startswith("#"):
                if line:
                    break
                continue
            comments.append(line.lstrip("#").strip())
    for text in comments:
        key, sep, rest = text.partition(":")
        if sep and key.strip().lower() == "summary":
            return rest.strip()
    return next((text for text in comments if text), "")
