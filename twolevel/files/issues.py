"""Multi-issue scenario files (MODEL.md section 5): strict TOML parsing into an IssuesProblem.

    solution = "nash"                      # nash | kalai-smorodinsky
    [publicity]                            # formal (default 1), informal (0), effect eta_pub (0)
    [home]                                 # name, gain, batna, pressure, power, funds_cost, budget, quota
    [[home.agencies]]                      # name, weight, gain, status_quo, budget, [slopes] by issue
    [partner]                              # name, gain, batna, pressure (no cost or benefit)
    [[issues]]                             # name, home_cost, partner_benefit

Every problem is one TwoLevelError naming the field.
"""
from ..common import validate as v
from ..common.errors import TwoLevelError
from ..common.validate import check_keys
from ..issues.model import (AGENCY_RULES, HOME_RULES, ISSUE_RULES, PARTNER_RULES,
                            PUBLICITY_RULES, REQUIRED, SOLUTIONS, Agency, Government, Issue,
                            IssuesProblem, Publicity)
from .toml import describe, numbers, scalar, table

KEYS = ("solution", "publicity", "home", "partner", "issues")


def spec(rules, required=()):
    return {k: (rule, k in required) for k, rule in rules.items()}


def tables(field, value) -> list:
    """An array of tables ([[field]])."""
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise TwoLevelError(field, f"must be an array of tables ([[{field}]]), got "
                            f"{describe(value)}")
    return value


def built(field, kind, **kwargs):
    """``kind(**kwargs)`` with errors under ``field``."""
    try:
        return kind(**kwargs)
    except TwoLevelError as exc:
        raise exc.within(field) from None


def named(field, doc):
    if "name" not in doc:
        raise TwoLevelError(f"{field}.name", "is required")
    return v.name(f"{field}.name", doc["name"])


def issue(field, doc) -> Issue:
    check_keys(field, doc, ("name", *ISSUE_RULES))
    return built(field, Issue, name=named(field, doc),
                 **numbers(field, doc, spec(ISSUE_RULES, tuple(ISSUE_RULES))))


def agency(field, doc, issues) -> Agency:
    check_keys(field, doc, ("name", *AGENCY_RULES, "slopes"))
    slopes = table(f"{field}.slopes", doc.get("slopes", {}))
    for key, value in slopes.items():
        if key not in issues:
            raise TwoLevelError(f"{field}.slopes.{key}", f"no issue named {key!r} (issues: "
                                f"{', '.join(issues)})")
    slopes = {k: scalar(f"{field}.slopes.{k}", s, "any") for k, s in slopes.items()}
    return built(field, Agency, name=named(field, doc), slopes=slopes,
                 **numbers(field, doc, spec(AGENCY_RULES, ("gain",))))


def government(field, doc, rules, extra=()) -> dict:
    doc = table(field, doc)
    check_keys(field, doc, ("name", *rules, *extra))
    out = numbers(field, doc, spec(rules, REQUIRED))
    out["name"] = v.name(f"{field}.name", doc["name"]) if "name" in doc else field.capitalize()
    return out


def issues_problem(doc: dict) -> IssuesProblem:
    """An IssuesProblem from a parsed multi-issue document."""
    check_keys("", doc, KEYS)
    for key in ("home", "partner", "issues"):
        if key not in doc:
            raise TwoLevelError(key, "is required")
    issues = v.named_items("issues", (issue(f"issues[{i}]", t)
                                      for i, t in enumerate(tables("issues", doc["issues"]))),
                           Issue)
    if not issues:
        raise TwoLevelError("issues", "give at least one issue ([[issues]])")
    names = [i.name for i in issues]
    home = government("home", doc["home"], HOME_RULES, ("agencies",))
    agencies = tuple(agency(f"home.agencies[{i}]", t, names)
                     for i, t in enumerate(tables("home.agencies", doc["home"].get("agencies",
                                                                                   []))))
    partner = government("partner", doc["partner"], PARTNER_RULES)
    pub = table("publicity", doc.get("publicity", {}))
    check_keys("publicity", pub, tuple(PUBLICITY_RULES))
    solution = v.choice("solution", doc.get("solution", "nash"), SOLUTIONS)
    return IssuesProblem(home=built("home", Government, **home),
                 partner=built("partner", Government, **partner), issues=issues,
                 agencies=agencies, solution=solution,
                 publicity=Publicity(**numbers("publicity", pub, spec(PUBLICITY_RULES))))
