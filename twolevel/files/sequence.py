"""Sequence files (DESIGN.md, MODEL.md section 2): strict TOML parsing into a SequenceProblem.

Shared Home parameters in [home], the pressure in [pressure] (initial pi_0, growth phi), one
[[partners]] entry per deal: name, relief rho_j, [partners.home] (Home's parameters for the deal,
overriding [home]) and [partners.partner] (the Partner government, named by the entry's name).
Every problem is one TwoLevelError naming the field.
"""
from ..common import validate as v
from ..common.errors import TwoLevelError
from ..common.validate import check_keys
from ..sequencing.problem import (HOME_KEYS, Partner, SequenceProblem, check_home_keys,
                                  check_objective)
from .negotiation import side, side_fields, solution
from .toml import numbers, scalar, table

SEQUENCE_KEYS = ("solution", "objective", "discount", "pressure_cost", "home", "pressure",
                 "partners")
TOP_NUMBERS = {"discount": "half_open_unit", "pressure_cost": "nonnegative"}
PRESSURE_KEYS = {"initial": ("any", True), "growth": ("any", False)}
PARTNER_KEYS = ("name", "relief", "home", "partner")


def home_fields(field, doc, shared) -> dict:
    """Home's parameters from [home] (``shared``, may name Home) or [partners.home]."""
    doc = table(field, doc)
    check_home_keys(field, doc, ("name", *HOME_KEYS) if shared else HOME_KEYS)
    return side_fields(field, doc, "home", required=False)


def partner(field, doc) -> Partner:
    """One [[partners]] entry."""
    doc = table(field, doc)
    check_keys(field, doc, PARTNER_KEYS)
    for key in ("name", "relief", "partner"):
        if key not in doc:
            raise TwoLevelError(f"{field}.{key}", "is required")
    name = v.name(f"{field}.name", doc["name"])
    relief = scalar(f"{field}.relief", doc["relief"], "unit")
    theirs = table(f"{field}.partner", doc["partner"])
    if "name" in theirs:
        raise TwoLevelError(f"{field}.partner.name", f"the partner is named by {field}.name")
    other = side(f"{field}.partner",
                 {**side_fields(f"{field}.partner", theirs, "partner"), "name": name}, "partner")
    home = home_fields(f"{field}.home", doc.get("home", {}), shared=False)
    try:
        return Partner(name, relief, other, home)
    except TwoLevelError as exc:
        raise exc.within(field) from None


def sequence_problem(doc: dict) -> SequenceProblem:
    """A SequenceProblem from a parsed sequence document."""
    check_keys("", doc, SEQUENCE_KEYS)
    home = home_fields("home", doc.get("home", {}), shared=True)
    if "pressure" not in doc:
        raise TwoLevelError("pressure", "is required (a table with initial and growth)")
    pressure = table("pressure", doc["pressure"])
    check_keys("pressure", pressure, tuple(PRESSURE_KEYS))
    pressure = numbers("pressure", pressure, PRESSURE_KEYS)
    top = {key: scalar(key, doc[key], rule) for key, rule in TOP_NUMBERS.items() if key in doc}
    objective = check_objective(doc.get("objective", "utility"))
    entries = doc["partners"]
    if not isinstance(entries, list) or not entries:
        raise TwoLevelError("partners", "must be a non-empty array of tables ([[partners]])")
    partners = [partner(f"partners[{i}]", e) for i, e in enumerate(entries)]
    return SequenceProblem(home=home, partners=tuple(partners), initial=pressure["initial"],
                           growth=pressure.get("growth", 0.0), objective=objective,
                           solution=solution(doc), **top)
