"""TOML scenario files (DESIGN.md): strict parsing into model objects.

Every problem is reported as one TwoLevelError naming the field: unknown keys, wrong types,
out-of-range values, NaN, missing required keys, empty or unreadable files.
"""
import datetime
import tomllib
from pathlib import Path

from . import validate as v
from .errors import TwoLevelError
from .model import CONSTITUENCY_RULES, SIDE_RULES, Constituency, Negotiation, Side


def keys(rules, required, optional) -> dict:
    """{key: (validation rule, required)} in file order: the required keys, then the others."""
    return {k: (rules[k], k in required) for k in (*required, *optional)}


# "name" and "constituencies" are handled apart
OPTIONAL = ("pressure", "power", "discount", "funds_cost", "budget", "quota")
SIDE_KEYS = {
    "home": keys(SIDE_RULES, ("gain", "cost", "batna"), OPTIONAL),
    "partner": keys(SIDE_RULES, ("gain", "benefit", "batna"),
                    tuple(k for k in OPTIONAL if k != "power")),     # power is read from Home
}
CONSTITUENCY_KEYS = keys(CONSTITUENCY_RULES, ("gain", "slope"), ("status_quo", "weight"))
NEGOTIATION_KEYS = ("solution", "home", "partner")


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


def check_keys(field, doc, allowed):
    """Reject keys of ``doc`` not in ``allowed``."""
    for key in doc:
        if key not in allowed:
            where = f"{field}.{key}" if field else key
            raise TwoLevelError(where, f"unknown key (allowed: {', '.join(allowed)})")


def scalar(field, value, rule):
    """One number of a scenario file (arrays are for the Python API), checked against ``rule``."""
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


def constituency(field, doc) -> Constituency:
    doc = table(field, doc)
    check_keys(field, doc, ("name", *CONSTITUENCY_KEYS))
    if "name" not in doc:
        raise TwoLevelError(f"{field}.name", "is required")
    return Constituency(name=v.name(f"{field}.name", doc["name"]),
                        **numbers(field, doc, CONSTITUENCY_KEYS))


def side_fields(field, doc, role, required=True) -> dict:
    """Keyword arguments of ``Side`` from a [home] or [partner] table. With ``required=False``
    (overrides), required keys may be missing."""
    doc = table(field, doc)
    check_keys(field, doc, ("name", *SIDE_KEYS[role], "constituencies"))
    out = numbers(field, doc, SIDE_KEYS[role], required)
    if "name" in doc:
        out["name"] = v.name(f"{field}.name", doc["name"])
    if "constituencies" in doc:
        cons = doc["constituencies"]
        if not isinstance(cons, list):
            raise TwoLevelError(f"{field}.constituencies", "must be an array of tables "
                                f"([[{field}.constituencies]]), got {describe(cons)}")
        out["constituencies"] = tuple(constituency(f"{field}.constituencies[{i}]", c)
                                      for i, c in enumerate(cons))
    return out


def side(field, fields_, role) -> Side:
    """A Side from validated fields, errors prefixed with ``field``."""
    fields_ = {"name": role.capitalize(), **fields_}
    try:
        return Side(**fields_)
    except TwoLevelError as exc:
        raise exc.within(field) from None


def solution(doc) -> str:
    """The document's solution concept (default nash)."""
    from .kernel import SOLUTIONS
    return v.choice("solution", doc.get("solution", "nash"), SOLUTIONS)


def negotiation(doc: dict) -> Negotiation:
    """A Negotiation from a parsed negotiation document."""
    check_keys("", doc, NEGOTIATION_KEYS)
    for role in ("home", "partner"):
        if role not in doc:
            raise TwoLevelError(role, "is required (a table)")
    home = side("home", side_fields("home", doc["home"], "home"), "home")
    partner = side("partner", side_fields("partner", doc["partner"], "partner"), "partner")
    return Negotiation(home, partner, solution(doc))


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


def problem(doc):
    """A Negotiation, or a sequence problem for a document with [[partners]]."""
    if "partners" in doc:
        from .sequence_file import sequence_problem
        return sequence_problem(doc)
    return negotiation(doc)


def one_negotiation(doc) -> Negotiation:
    if "partners" in doc:
        raise TwoLevelError("partners", "this is a sequence of negotiations, not one "
                            "negotiation (`twolevel sequence` solves it)")
    return negotiation(doc)


def load(path, label=None):
    """Load a scenario file: a Negotiation (a sequence file gives a sequence problem).
    Errors name ``label`` (default: the path), then the field."""
    return parse(path, problem, label)


def load_negotiation(path, label=None) -> Negotiation:
    """Load a file that must hold one negotiation (not a sequence)."""
    return parse(path, one_negotiation, label)
