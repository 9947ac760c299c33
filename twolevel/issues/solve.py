"""``solve``: both protocols of MODEL.md section 5 for one IssuesProblem (or an array of them).

The package is the mediated, informal channel (agencies' status quo raised by eta_pub times the
informal publicity); the positional protocol is the formal table (the formal publicity).
joint_gain_left is the largest t such that some package of the informal channel gives each side
at least t more than the positional outcome (the BATNAs where it failed): 0 exactly when the
positional outcome is (weakly) Pareto efficient there.
"""
from dataclasses import dataclass

import numpy as np

from ..common.errors import TwoLevelError
from ..negotiation.outcome import json_array
from . import edges as E
from .coalitions import coalitions
from .model import SOLUTIONS, IssuesProblem
from .outcome import Deal
from .package import frontier_edges, solve_package
from .positional import solve_positional

CONCEDED = 1e-9      # a concession above this counts as an issue agreed


@dataclass(frozen=True, eq=False)
class IssuesOutcome:
    """Package and positional deals, the joint gain left and issues conceded in each channel.
    Arrays are flat over the problem's N scenarios (N,), per-issue and per-agency arrays (N, K)
    and (N, A); ``to_dict`` gives them the problem's shape."""

    problem: IssuesProblem
    solution: str
    package: Deal
    positional: Deal
    joint_gain_left: np.ndarray

    @property
    def issues_formal(self):
        """Issues on which Home concedes at the formal table (positional protocol)."""
        return (np.nan_to_num(self.positional.concessions) > CONCEDED).sum(-1)

    @property
    def issues_informal(self):
        """Issues on which Home concedes in the package (informal channel)."""
        return (np.nan_to_num(self.package.concessions) > CONCEDED).sum(-1)

    def to_dict(self):
        """JSON-safe dict: one object per protocol, concessions and payments by name."""
        shape = self.problem.shape

        def out(a):
            return json_array(np.asarray(a).reshape(shape + np.shape(a)[1:]))

        def deal(d: Deal):
            names = [a.name for a in self.problem.agencies]
            body = {
                "agreement": out(d.agreement),
                "concessions": {n: out(d.concessions[:, k])
                                for k, n in enumerate(self.problem.names)},
                "home_utility": out(d.home_utility),
                "partner_utility": out(d.partner_utility),
                "side_payment": {"government": out(d.side_payment),
                                 "internal": out(d.internal_payment)},
                "payments": {n: out(d.payments[:, a]) for a, n in enumerate(names)},
                "binding": [n for a, n in enumerate(names) if d.binding[:, a].any()]
                if shape == () else {n: out(d.binding[:, a]) for a, n in enumerate(names)},
            }
            if d.issue_agreement is not None:
                body["issues_agreed"] = {n: out(d.issue_agreement[:, k])
                                         for k, n in enumerate(self.problem.names)}
            return body

        def count(a):
            return np.asarray(a).reshape(shape).tolist()

        return {"solution": self.solution, "package": deal(self.package),
                "positional": deal(self.positional),
                "joint_gain_left": out(self.joint_gain_left),
                "issues_conceded": {"formal": count(self.issues_formal),
                                    "informal": count(self.issues_informal)}}


def solve(problem: IssuesProblem, solution: str | None = None) -> IssuesOutcome:
    """Package and positional deals of ``problem`` by ``solution`` (default: the problem's)."""
    if not isinstance(problem, IssuesProblem):
        raise TwoLevelError("problem", f"must be an IssuesProblem, got {type(problem).__name__}")
    solution = solution or problem.solution
    if solution not in SOLUTIONS:
        raise TwoLevelError("solution", f"must be one of {', '.join(SOLUTIONS)}, got {solution!r}")
    informal, formal = problem.arrays("informal"), problem.arrays("formal")
    masks = coalitions(informal.w, informal.q, informal.beta)
    ed = frontier_edges(informal, masks)
    package = solve_package(informal, solution, masks, ed)
    positional = solve_positional(formal, solution)
    gain = joint_gain_left(informal, positional, ed)
    return IssuesOutcome(problem, solution, package, positional, gain)


def joint_gain_left(arr, positional: Deal, ed):
    """max t: some package of F (``arr``, frontier edges ``ed``) gives each side >= t more than
    the positional outcome (its BATNAs where it failed)."""
    h0 = np.where(positional.agreement, positional.home_utility, arr.dH)
    p0 = np.where(positional.agreement, positional.partner_utility, arr.dP)
    return np.maximum(E.gain_left(ed, arr.dH, arr.dP, h0, p0), 0.0)
