"""Figures for several issues (MODEL.md section 5): the Pareto frontier with the package and the
positional outcome, concessions by issue, agencies' vetoes, and publicity.

Every function draws on a given matplotlib Axes (or makes a new figure) and returns the Axes.
Artists that carry results have a ``gid`` (``"frontier"``, ``"package"``, ``"positional"``,
``"slack"``, ``"formal"``) so they can be found again.
"""
from dataclasses import replace

import numpy as np

from ..common.errors import TwoLevelError
from ..issues.coalitions import coalitions, slack
from ..issues.model import IssuesProblem
from ..issues.package import frontier_edges
from ..issues.solve import solve
from .style import axes_or_new

PACKAGE, POSITIONAL, BOX = "tab:blue", "tab:orange", "0.6"


def _one(problem):
    if not isinstance(problem, IssuesProblem) or problem.shape != ():
        raise TwoLevelError("problem", "must be one IssuesProblem (one scenario)")
    return problem


def frontier(problem, outcome=None, ax=None):
    """Utilities (U_H, U_P): the frontier of the informal channel's F (with the agencies), the
    frontier of the box without them (dashed), the BATNAs, the package and the positional
    outcome."""
    problem = _one(problem)
    ax = axes_or_new(ax, figsize=(5.2, 4.2), constrained_layout=True)
    outcome = outcome or solve(problem)
    arr = problem.arrays("informal")
    for label, ed, style in (
            ("frontier without agencies", frontier_edges(replace(arr, e=arr.e[:, :0],
                                                                 v0=arr.v0[:, :0],
                                                                 w=arr.w[:, :0],
                                                                 beta=arr.beta[:, :0],
                                                                 k=arr.k[:, :0]), None),
             dict(color=BOX, ls="--", lw=1.2)),
            ("frontier of F (agencies ratify)",
             frontier_edges(arr, coalitions(arr.w, arr.q, arr.beta)),
             dict(color=PACKAGE, lw=2.0, gid="frontier"))):
        s, lo, hi, valid = ed.stretch(arr.dH, arr.dP)
        first = True
        for j in np.flatnonzero(valid[0]):
            h = np.array([hi[0, j], lo[0, j]])
            ax.plot(h, ed.p1[0, j] + s[0, j] * (ed.h1[0, j] - h),
                    label=label if first else None, **style)
            first = False
    d_H, d_P = float(arr.dH[0]), float(arr.dP[0])
    ax.axvline(d_H, color="0.3", lw=0.8, ls=":")
    ax.axhline(d_P, color="0.3", lw=0.8, ls=":")
    ax.plot([d_H], [d_P], "s", color="0.3", label="no agreement (BATNAs)")
    for deal, color, name in ((outcome.package, PACKAGE, "package"),
                              (outcome.positional, POSITIONAL, "positional")):
        if deal.agreement[0]:
            ax.plot(deal.home_utility[0], deal.partner_utility[0], "o", ms=8, color=color,
                    mec="black", label=f"{name} deal", gid=name)
    ax.set_xlabel(f"{problem.home.name}'s utility $U_H$")
    ax.set_ylabel(f"{problem.partner.name}'s utility $U_P$")
    ax.set_title(f"joint gain left by the positional protocol: "
                 f"{float(outcome.joint_gain_left[0]):.3g}", fontsize="small")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small", frameon=False)
    return ax


def concessions(problem, outcome=None, ax=None):
    """Concessions x_k by issue: package against positional (hatched: the issue failed at the
    formal table)."""
    problem = _one(problem)
    outcome = outcome or solve(problem)
    K = len(problem.issues)
    ax = axes_or_new(ax, figsize=(max(5.0, 0.35 * K + 2), 3.6), constrained_layout=True)
    idx = np.arange(K)
    pkg = np.nan_to_num(outcome.package.concessions[0])
    pos = np.nan_to_num(outcome.positional.concessions[0])
    ax.bar(idx - 0.2, pkg, 0.4, color=PACKAGE, label="package (informal channel)", gid="package")
    ax.bar(idx + 0.2, pos, 0.4, color=POSITIONAL, label="positional (formal table)",
           gid="positional")
    failed = ~outcome.positional.issue_agreement[0]
    ax.bar(idx[failed] + 0.2, np.full(failed.sum(), 0.02), 0.4, color="none", edgecolor="0.4",
           hatch="xx", label="no agreement at the table")
    ax.set_xticks(idx, [n.replace("_", " ") for n in problem.names], rotation=60, ha="right",
                  fontsize="small")
    ax.set_ylabel("concession $x_k$")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    return ax


def vetoes(problem, outcome=None, ax=None):
    """Each agency's slack v_a(x) - v0_a at the package before payments (negative: it vetoes
    unless paid; its payment closes the gap), budget holders marked."""
    problem = _one(problem)
    outcome = outcome or solve(problem)
    if not outcome.package.agreement[0]:
        raise TwoLevelError("problem", "no package: nothing to show")
    arr = problem.arrays("informal")
    sl = slack(arr, outcome.package.concessions)[0]
    A = len(problem.agencies)
    ax = axes_or_new(ax, figsize=(6.0, max(3.0, 0.22 * A + 1)), constrained_layout=True)
    order = np.argsort(sl)
    y = np.arange(A)
    colors = np.where(sl[order] < 0, "tab:red", "tab:green")
    ax.barh(y, sl[order], color=colors, gid="slack")
    budget = arr.beta[0, order] > 0
    ax.plot(np.zeros(budget.sum()), y[budget], "D", color="black", label="holds a budget")
    names = [problem.agencies[i].name.replace("_", " ") for i in order]
    ax.set_yticks(y, names, fontsize="x-small")
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(r"slack at the package before payments, $v_a(x) - v_{0a}$")
    ax.set_title("red: paid to ratify; green: supports (budget holders pay)", fontsize="small")
    if budget.any():
        ax.legend(loc="lower right", fontsize="small")
    return ax


def publicity(problem, levels=None, ax=None):
    """Issues agreed at the formal table against its publicity p (positional protocol), with the
    issues conceded in the package of the informal channel for reference."""
    problem = _one(problem)
    levels = np.linspace(0, 1, 11) if levels is None else np.asarray(levels, float)
    ax = axes_or_new(ax, figsize=(5.0, 3.6), constrained_layout=True)
    formal, informal = [], []
    for p in levels:
        out = solve(replace(problem, publicity=replace(problem.publicity, formal=float(p))))
        formal.append(int(out.positional.issue_agreement[0].sum()))
        informal.append(int(out.issues_informal[0]))
    ax.plot(levels, formal, "o-", color=POSITIONAL, label="agreed at the formal table",
            gid="formal")
    ax.plot(levels, informal, "s--", color=PACKAGE,
            label=f"conceded in the package (informal, p = {problem.publicity.informal:g})")
    ax.set_xlabel("publicity of the formal table $p$")
    ax.set_ylabel("issues")
    ax.set_ylim(-0.5, len(problem.issues) + 0.5)
    ax.legend(loc="center right", fontsize="small")
    return ax
