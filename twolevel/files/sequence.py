"""Sequence files (DESIGN.md, MODEL.md section 2): strict TOML parsing into a SequenceProblem.

Top level: solution, objective, discount (beta per year), pressure_cost (kappa), learning
(dtheta); shared Home parameters in [home]; the pressure in [pressure] (initial pi_0, growth gamma
per year, failure phi per failed negotiation); one [[partners]] entry per deal: name, relief rho_j,
duration T_j, willing_after k_j, [partners.home] (Home's parameters for the deal, overriding
[home]) and [partners.partner] (the Partner government, named by the entry's name). Every problem
is one TwoLevelError naming the field.
"""
from ..common import validate as v
from ..common.errors import TwoLevelError
from ..common.validate import check_keys
from ..sequencing.problem import (HOME_KEYS, PARTNER_NUMBERS, SEQUENCE_NUMBERS, Partner,
                                  SequenceProblem, check_home_keys, check_objective, count)
from .negotiation import side, side_fields, solution
from .toml import numbers, scalar, table

PRESSURE_KEYS = {"initial": ("any", True), "growth": ("any", False), "failure": ("any", False)}
TOP_NUMBERS = {k: (rule, False) for k, (rule, _) in SEQUENCE_NUMBERS.items()
               if k not in PRESSURE_KEYS}
SEQUENCE_KEYS = ("solution", "objective", *TOP_NUMBERS, "home", "pressure", "partners")
PARTNER_KEYS = ("name", *PARTNER_NUMBERS, "home", "partner")


def home_fields(field, doc, shared) -> dict:
    """Home's parameters from [home] (``shared``, may name Home) or [partners.home]."""
    doc = table(field, doc)
    check_home_keys(field, doc, ("name", *HOME_KEYS) if shared else HOME_KEYS)
    return side_fields(field, doc, "home", required=False)


def partner(field, doc) -> Partner:
    """One [[partners]] entry."""
    doc = table(field, doc)
    check_keys(field, doc, PARTNER_KEYS)
    for key in ("name", "partner"):
        if key not in doc:
            raise TwoLevelError(f"{field}.{key}", "is required")
    name = v.name(f"{field}.name", doc["name"])
    extra = {k: scalar(f"{field}.{k}", doc[k], rule) for k, (rule, _) in PARTNER_NUMBERS.items()
             if k in doc}
    if "willing_after" in extra:
        extra["willing_after"] = count(f"{field}.willing_after", doc["willing_after"])
    theirs = table(f"{field}.partner", doc["partner"])
    if "name" in theirs:
        raise TwoLevelError(f"{field}.partner.name", f"the partner is named by {field}.name")
    other = side(f"{field}.partner",
                 {**side_fields(f"{field}.partner", theirs, "partner"), "name": name}, "partner")
    home = home_fields(f"{field}.home", doc.get("home", {}), shared=False)
    try:
        return Partner(name, other, home, **extra)
    except TwoLevelError as exc:
        raise exc.within(field) from None


def sequence_problem(doc: dict) -> SequenceProblem:
    """A SequenceProblem from a parsed sequence document."""
    check_keys("", doc, SEQUENCE_KEYS)
    home = home_fields("home", doc.get("home", {}), shared=True)
    if "pressure" not in doc:
        raise TwoLevelError("pressure", "is required (a table with initial, growth, failure)")
    pressure = table("pressure", doc["pressure"])
    check_keys("pressure", pressure, tuple(PRESSURE_KEYS))
    pressure = numbers("pressure", pressure, PRESSURE_KEYS)
    top = {k: scalar(k, doc[k], rule) for k, (rule, _) in TOP_NUMBERS.items() if k in doc}
    objective = check_objective(doc.get("objective", "welfare"))
    entries = doc["partners"]
    if not isinstance(entries, list) or not entries:
        raise TwoLevelError("partners", "must be a non-empty array of tables ([[partners]])")
    partners = [partner(f"partners[{i}]", e) for i, e in enumerate(entries)]
    return SequenceProblem(home=home, partners=tuple(partners), **pressure, **top,
                           objective=objective, solution=solution(doc))
