"""Reading TOML files strictly: every problem is one TwoLevelError naming the file and field."""
import datetime
import tomllib
from pathlib import Path

from ..common import validate as v
from ..common.errors import TwoLevelError


def read(path) -> dict:
    """The TOML document at ``path``; errors name the file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TwoLevelError(str(path), f"cannot read the file ({exc.__class__.__name__}: "
                            f"{getattr(exc, 'strerror', None) or exc})") from None
    if not text.strip():
        raise TwoLevelError(str(path), "the file is empty")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TwoLevelError(str(path), f"not valid TOML: {exc}") from None


def describe(value) -> str:
    """``value`` named by its TOML type, for error messages."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (datetime.date, datetime.time)):
        return f"the date/time {value.isoformat()}"
    return f"{value!r}"


def table(field, value) -> dict:
    if not isinstance(value, dict):
        raise TwoLevelError(field, f"must be a table, got {describe(value)}")
    return value


def scalar(field, value, rule):
    """One number (or, for a choice rule, one string) of a scenario file (arrays are for the
    Python API), checked against ``rule``."""
    if rule in v.CHOICES:
        if not isinstance(value, str):
            raise TwoLevelError(field, f"must be one of {', '.join(v.CHOICES[rule])}, "
                                f"got {describe(value)}")
        return v.choice(field, value, v.CHOICES[rule])
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TwoLevelError(field, f"must be a number, got {describe(value)}")
    try:
        value = float(value)
    except OverflowError:
        raise TwoLevelError(field, f"must be a finite number, got an integer of "
                            f"{len(str(abs(value)))} digits") from None
    return v.number(field, value, rule)


def numbers(field, doc, spec, required=True) -> dict:
    """Validated numbers of ``doc`` by ``spec`` {key: (rule, required)}."""
    out = {}
    for key, (rule, needed) in spec.items():
        if key in doc:
            out[key] = scalar(f"{field}.{key}", doc[key], rule)
        elif needed and required:
            raise TwoLevelError(f"{field}.{key}", "is required")
    return out


def located(exc: TwoLevelError, where) -> TwoLevelError:
    """``exc`` with the file (or case) ``where`` in front of its field."""
    where = str(where)
    return TwoLevelError(f"{where}: {exc.field}" if exc.field else where, exc.message)


def parse(path, build, label=None):
    """``build(doc)`` on the TOML document at ``path``; errors name ``label`` (default: path)."""
    where = path if label is None else label
    try:
        doc = read(path)
    except TwoLevelError as exc:
        raise TwoLevelError(str(where), exc.message) from None
    try:
        return build(doc)
    except TwoLevelError as exc:
        raise located(exc, where) from None
