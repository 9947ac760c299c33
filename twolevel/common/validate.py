"""Parameter checks shared by the model objects and the scenario files. Each raises TwoLevelError
naming the field, the rule and the offending value."""
import math

import numpy as np

from .errors import TwoLevelError

HALF_OPEN_UNIT = (lambda a: np.isfinite(a) & (a > 0) & (a <= 1), "must be in (0, 1]")

# rule name -> (test on a float array, description)
RULES = {
    "any": (lambda a: np.isfinite(a), "must be a finite number"),
    "positive": (lambda a: np.isfinite(a) & (a > 0), "must be > 0"),
    "unit": (lambda a: np.isfinite(a) & (a >= 0) & (a <= 1), "must be in [0, 1]"),
    "open_unit": (lambda a: np.isfinite(a) & (a > 0) & (a < 1), "must be in (0, 1)"),
    "quota": HALF_OPEN_UNIT,
    "half_open_unit": HALF_OPEN_UNIT,
    "nonnegative": (lambda a: np.isfinite(a) & (a >= 0), "must be >= 0"),
    "funds_cost": (lambda a: np.isfinite(a) & (a >= 1), "must be >= 1"),
    "budget": (lambda a: ~np.isnan(a) & (a >= 0), "must be >= 0 (inf allowed)"),
}

# rule name -> the strings a choice-valued parameter may take
CHOICES = {"ratification": ("committed", "ex_post")}


def _show(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    return repr(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def number(field, value, rule="any"):
    """``value`` as a float or float64 array, checked against ``rule``."""
    if isinstance(value, bool) or isinstance(value, str) or value is None:
        raise TwoLevelError(field, f"must be a number, got {value!r}")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TwoLevelError(field, f"must be a number, got {value!r}") from None
    except OverflowError:
        raise TwoLevelError(field, "must be a finite number, got one too large for float64") from None
    test, text = RULES[rule]
    bad = ~test(arr)
    if bad.any():
        first = arr[bad].flat[0] if arr.ndim else arr
        raise TwoLevelError(field, f"{text}, got {_show(first)}")
    return float(arr) if arr.ndim == 0 else arr


def name(field, value):
    if not isinstance(value, str) or not value.strip():
        raise TwoLevelError(field, f"must be a non-empty string, got {value!r}")
    return value


def choice(field, value, options):
    """``value`` if it is one of ``options``."""
    if value not in options:
        raise TwoLevelError(field, f"must be one of {', '.join(options)}, got {value!r}")
    return value


def choices(field, value, options):
    """``value``, a string or an array of strings, each one of ``options``: a str or a str array."""
    arr = np.asarray(value, dtype=object)
    bad = [x for x in arr.flat if not isinstance(x, str) or x not in options]
    if bad:
        raise TwoLevelError(field, f"must be one of {', '.join(options)}, got {bad[0]!r}")
    return value if arr.ndim == 0 else np.asarray(arr.tolist(), dtype=str)


def check(field, value, rule):
    """``value`` checked by ``rule``: a choice rule (CHOICES) or a number rule (RULES)."""
    if rule in CHOICES:
        return choices(field, value, CHOICES[rule])
    return number(field, value, rule)


def named_items(field, items, kind):
    """``items`` as a tuple of ``kind`` instances with unique ``name``s (``field[i]`` in errors)."""
    items = tuple(items)
    seen = set()
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise TwoLevelError(f"{field}[{i}]", f"must be a {kind.__name__}, got {item!r}")
        if item.name in seen:
            raise TwoLevelError(f"{field}[{i}].name", f"must be unique, got {item.name!r} twice")
        seen.add(item.name)
    return items


def broadcast(shapes):
    """np.broadcast_shapes(*shapes), or one TwoLevelError if array parameters do not broadcast."""
    try:
        return np.broadcast_shapes(*shapes)
    except ValueError as exc:
        raise TwoLevelError("", f"array parameters do not broadcast: {exc}") from None


def check_keys(field, doc, allowed):
    """Reject keys of ``doc`` not in ``allowed``."""
    for key in doc:
        if key not in allowed:
            where = f"{field}.{key}" if field else key
            raise TwoLevelError(where, f"unknown key (allowed: {', '.join(allowed)})")
