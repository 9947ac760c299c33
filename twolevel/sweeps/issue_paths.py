"""Dotted parameter paths into a multi-issue problem (MODEL.md section 5), for sweeps.

``home.batna``, ``partner.gain``, ``publicity.formal``, an issue's key by the issue's name
(``issues.beef.home_cost``), an agency's key by its name (``home.agencies.epb.budget``) and an
agency's slope on an issue (``home.agencies.farm.slopes.beef``). Keys and rules are those of the
scenario files (issues.model's rule tables).
"""
from dataclasses import dataclass, replace

from ..common.errors import TwoLevelError
from ..issues.model import (AGENCY_RULES, HOME_RULES, ISSUE_RULES, PARTNER_RULES,
                            PUBLICITY_RULES, IssuesProblem)

TABLES = {"home": HOME_RULES, "partner": PARTNER_RULES, "publicity": PUBLICITY_RULES}


@dataclass(frozen=True)
class IssuePath:
    """``text`` resolved: ``role`` (the table: home, partner, publicity, issues, agencies or
    slopes), the issue or agency ``index`` (None for a table key), the ``key`` and its validation
    ``rule``."""

    text: str
    role: str
    index: int | None
    key: str
    rule: str


def names(base: IssuesProblem) -> list[str]:
    """Every path that ``base`` can sweep."""
    out = [f"{t}.{k}" for t, rules in TABLES.items() for k in rules]
    out += [f"issues.{i.name}.{k}" for i in base.issues for k in ISSUE_RULES]
    out += [f"home.agencies.{a.name}.{k}" for a in base.agencies for k in AGENCY_RULES]
    return out + [f"home.agencies.{a.name}.slopes.{i}" for a in base.agencies for i in base.names]


def resolve(base: IssuesProblem, text) -> IssuePath:
    """The parameter of ``base`` named by ``text``; an unknown path is a TwoLevelError."""
    if isinstance(text, str):
        if text in names(base):
            return _found(base, text)
    raise TwoLevelError(str(text), f"unknown parameter (sweepable: {', '.join(names(base))})")


def _found(base, text) -> IssuePath:
    head, _, rest = text.partition(".")
    if head == "issues":
        name, _, key = rest.rpartition(".")
        return IssuePath(text, "issues", base.names.index(name), key, ISSUE_RULES[key])
    if rest.startswith("agencies."):
        agencies = [a.name for a in base.agencies]
        for a, name in enumerate(agencies):
            tail = rest[len("agencies."):]
            if tail.startswith(name + ".slopes."):
                return IssuePath(text, "slopes", a, tail[len(name + ".slopes."):], "any")
            if tail.startswith(name + ".") and tail[len(name) + 1:] in AGENCY_RULES:
                key = tail[len(name) + 1:]
                return IssuePath(text, "agencies", a, key, AGENCY_RULES[key])
    return IssuePath(text, head, None, rest, TABLES[head][rest])


def apply(base: IssuesProblem, columns) -> IssuesProblem:
    """``base`` with each IssuePath of ``columns`` {IssuePath: array} set to its array."""
    tables = {t: {p.key: c for p, c in columns.items() if p.role == t} for t in TABLES}
    issues, agencies = list(base.issues), list(base.agencies)
    for p, col in columns.items():
        if p.role == "issues":
            issues[p.index] = replace(issues[p.index], **{p.key: col})
        elif p.role == "agencies":
            agencies[p.index] = replace(agencies[p.index], **{p.key: col})
        elif p.role == "slopes":
            a = agencies[p.index]
            agencies[p.index] = replace(a, slopes={**a.slopes, p.key: col})
    return replace(base, issues=tuple(issues), agencies=tuple(agencies),
                   **{t: replace(getattr(base, t), **tables[t]) for t in TABLES})
