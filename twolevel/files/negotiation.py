"""TOML scenario files (DESIGN.md): strict parsing into model objects.

Every problem is reported as one TwoLevelError naming the field: unknown keys, wrong types,
out-of-range values, NaN, missing required keys, empty or unreadable files.
"""
from ..common import validate as v
from ..common.errors import TwoLevelError
from ..common.validate import check_keys
from ..negotiation.kernel import SOLUTIONS
from ..negotiation.model import CONSTITUENCY_KEYS, SIDE_KEYS, Constituency, Negotiation, Side
from .toml import describe, numbers, parse, table

NEGOTIATION_KEYS = ("solution", "home", "partner")


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


def one_negotiation(doc) -> Negotiation:
    if "partners" in doc:
        raise TwoLevelError("partners", "this is a sequence of negotiations, not one "
                            "negotiation (`twolevel sequence` solves it)")
    if "coercion" in doc:
        raise TwoLevelError("coercion", "this is a coercion scenario, not one negotiation "
                            "(`twolevel coerce` solves it)")
    return negotiation(doc)


def load_negotiation(path, label=None) -> Negotiation:
    """Load a file that must hold one negotiation (not a sequence)."""
    return parse(path, one_negotiation, label)
