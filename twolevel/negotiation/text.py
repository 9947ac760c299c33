"""A single-scenario Negotiation as scenario-file text (TOML, DESIGN.md), the inverse of
``scenario.negotiation``: ``scenario.negotiation(tomllib.loads(dumps(n)))`` rebuilds ``n``."""
import json
import math

from ..common.errors import TwoLevelError
from .model import CONSTITUENCY_KEYS, SIDE_KEYS


def toml_number(x) -> str:
    """A float as TOML: shortest round-trip repr, ``inf`` for infinity."""
    x = float(x)
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x)


def toml_string(s) -> str:
    """A TOML basic string (JSON escapes are valid TOML escapes; TOML also escapes DEL)."""
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_value(x) -> str:
    """A scenario value as TOML: a string (a mode) or a number."""
    return toml_string(x) if isinstance(x, str) else toml_number(x)


def dumps(negotiation) -> str:
    """The scenario file of ``negotiation``, whose parameters must all be scalars."""
    if negotiation.shape != ():
        raise TwoLevelError("base", f"must be one scenario (scalar parameters), "
                            f"got parameters of shape {negotiation.shape}")
    lines = [f"solution = {toml_string(negotiation.solution)}"]
    for role in ("home", "partner"):
        side = getattr(negotiation, role)
        lines += ["", f"[{role}]", f"name = {toml_string(side.name)}"]
        lines += [f"{key} = {toml_value(getattr(side, key))}" for key in SIDE_KEYS[role]
                  if getattr(side, key) is not None]
        for c in side.constituencies:
            lines += ["", f"[[{role}.constituencies]]", f"name = {toml_string(c.name)}"]
            lines += [f"{key} = {toml_number(getattr(c, key))}" for key in CONSTITUENCY_KEYS]
    return "\n".join(lines) + "\n"
