"""Dotted parameter paths into a negotiation, for sweeps (DESIGN.md, "A sweep").

A path names one scenario key: ``home.pressure``, ``partner.batna``, ``home.ratification`` (a
mode: its values are strings), or a constituency's key by the constituency's name,
``home.constituencies.farmers.slope``. The keys and their rules are
those of the scenario files (model.SIDE_KEYS, model.CONSTITUENCY_KEYS, validate.RULES).
"""
from dataclasses import dataclass, replace

import numpy as np

from ..common import validate as v
from ..common.errors import TwoLevelError
from ..negotiation.model import Negotiation
from ..negotiation.model import CONSTITUENCY_KEYS, SIDE_KEYS

ROLES = ("home", "partner")


@dataclass(frozen=True)
class Path:
    """``text`` resolved: side ``role``, constituency index ``index`` (None for a side key), the
    scenario ``key`` and its validation ``rule``."""

    text: str
    role: str
    index: int | None
    key: str
    rule: str


def names(base: Negotiation) -> list[str]:
    """Every path that ``base`` can sweep."""
    out = []
    for role in ROLES:
        side = getattr(base, role)
        out += [f"{role}.{key}" for key in SIDE_KEYS[role] if getattr(side, key) is not None]
        out += [f"{role}.constituencies.{c.name}.{key}"
                for c in side.constituencies for key in CONSTITUENCY_KEYS]
    return out


def resolve(base: Negotiation, text) -> Path:
    """The parameter of ``base`` named by ``text``; an unknown path is a TwoLevelError naming it."""
    if not isinstance(text, str):
        raise TwoLevelError(str(text), f"a parameter path must be a string, got {text!r}")
    role, _, rest = text.partition(".")
    if role not in ROLES:
        raise _unknown(base, text)
    side = getattr(base, role)
    if rest.startswith("constituencies."):
        name, _, key = rest[len("constituencies."):].rpartition(".")
        known = [c.name for c in side.constituencies]
        if name not in known:
            raise TwoLevelError(text, f"no constituency named {name!r} in {role} "
                                f"(known: {', '.join(known) or 'none'})")
        if key not in CONSTITUENCY_KEYS:
            raise TwoLevelError(text, f"unknown constituency key {key!r} "
                                f"(allowed: {', '.join(CONSTITUENCY_KEYS)})")
        return Path(text, role, known.index(name), key, CONSTITUENCY_KEYS[key][0])
    if rest not in SIDE_KEYS[role] or getattr(side, rest) is None:
        raise _unknown(base, text)
    return Path(text, role, None, rest, SIDE_KEYS[role][rest][0])


def _unknown(base, text):
    return TwoLevelError(text, f"unknown parameter (sweepable: {', '.join(names(base))})")


def check(path: Path, values, field) -> np.ndarray:
    """``values`` as a float64 array (a str array for a choice such as the ratification mode)
    checked by the path's rule; errors name ``field``."""
    arr = v.check(field, values, path.rule)
    return np.asarray(arr, dtype=str if path.rule in v.CHOICES else float)


def apply(base: Negotiation, columns) -> Negotiation:
    """``base`` with each path of ``columns`` {Path: array} replaced by its array: a vectorised
    Negotiation whose shape is the columns' broadcast shape."""
    sides = {}
    for role in ROLES:
        side = getattr(base, role)
        own = {p.key: col for p, col in columns.items() if p.role == role and p.index is None}
        cons = list(side.constituencies)
        for p, col in columns.items():
            if p.role == role and p.index is not None:
                cons[p.index] = replace(cons[p.index], **{p.key: col})
        sides[role] = replace(side, constituencies=tuple(cons), **own)
    return Negotiation(sides["home"], sides["partner"], base.solution)
