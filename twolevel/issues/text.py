"""An IssuesProblem as its scenario file (TOML), for the record a sweep keeps of its base."""
from ..common.errors import TwoLevelError
from ..negotiation.text import toml_number, toml_string
from .model import AGENCY_RULES, HOME_RULES, ISSUE_RULES, PARTNER_RULES, PUBLICITY_RULES


def dumps(problem) -> str:
    """The scenario file of ``problem``, whose parameters must all be scalars."""
    if problem.shape != ():
        raise TwoLevelError("base", f"must be one scenario (scalar parameters), got parameters "
                            f"of shape {problem.shape}")

    def keys(obj, rules):
        return [f"{k} = {toml_number(getattr(obj, k))}" for k in rules]

    lines = [f"solution = {toml_string(problem.solution)}", "", "[publicity]",
             *keys(problem.publicity, PUBLICITY_RULES)]
    for role, rules in (("home", HOME_RULES), ("partner", PARTNER_RULES)):
        gov = getattr(problem, role)
        lines += ["", f"[{role}]", f"name = {toml_string(gov.name)}", *keys(gov, rules)]
    for a in problem.agencies:
        slopes = ", ".join(f"{toml_string(k)} = {toml_number(s)}" for k, s in a.slopes.items())
        lines += ["", "[[home.agencies]]", f"name = {toml_string(a.name)}",
                  *keys(a, AGENCY_RULES), f"slopes = {{ {slopes} }}"]
    for i in problem.issues:
        lines += ["", "[[issues]]", f"name = {toml_string(i.name)}", *keys(i, ISSUE_RULES)]
    return "\n".join(lines) + "\n"
