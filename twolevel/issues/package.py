"""The package deal (MODEL.md section 5): Nash or Kalai–Smorodinsky over the whole feasible set.

Without agencies F is the box cut by U_H >= d_H, U_P >= d_P and its frontier is the greedy one
(``frontier.greedy``, vectorised over scenarios). With agencies F is the union over winning
coalitions C of polytopes F_C; each frontier is found exactly by linear programs (``lp``), one
scenario at a time, and the solution is taken over the union of their edges (``edges``).
"""
import numpy as np

from . import edges as E
from .coalitions import coalitions, cheapest, winning
from .frontier import greedy
from .lp import Program
from .outcome import Deal


def frontier_edges(arr, masks) -> E.Edges:
    """The frontier edges of every scenario of ``arr`` (padded to a common count)."""
    if arr.A == 0:
        return greedy(arr.gH, arr.gP, arr.cH, arr.cP)
    win = winning(masks, arr.w, arr.q)
    rows = []
    for i in range(arr.n):
        parts = [Program(arr, i, m).frontier() for m in masks[win[i]]]
        rows.append([(h[j], p[j], h[j + 1], p[j + 1], X[j], X[j + 1])
                     for h, p, X in parts for j in range(len(h) - 1)]
                    + [(h[0], p[0], h[0], p[0], X[0], X[0]) for h, p, X in parts if len(h) == 1])
    width = max(1, max(len(r) for r in rows))
    blank = (np.nan, np.nan, np.nan, np.nan, np.zeros(arr.K), np.zeros(arr.K))
    table = [r + [blank] * (width - len(r)) for r in rows]
    h1, p1, h2, p2, X1, X2 = (np.array([[e[j] for e in r] for r in table], float)
                              for j in range(6))
    ok = np.array([[j < len(r) for j in range(width)] for r in rows], bool)
    return E.Edges(h1, p1, h2, p2, X1, X2, ok)


def solve_package(arr, solution, masks=None, ed=None) -> Deal:
    """The package of every scenario of ``arr`` by ``solution`` (nash | kalai-smorodinsky);
    ``masks`` and the frontier ``ed`` are computed unless given."""
    masks = coalitions(arr.w, arr.q, arr.beta) if masks is None else masks
    ed = frontier_edges(arr, masks) if ed is None else ed
    if solution == "nash":
        index, h, agree = E.nash(ed, arr.dH, arr.dP, arr.theta)
    else:
        index, h, agree = E.kalai_smorodinsky(ed, arr.dH, arr.dP)
    x = np.where(agree[:, None], ed.package(index, np.where(agree, h, 0.0)), np.nan)
    return evaluate(arr, x, masks)


def evaluate(arr, x, masks, agree=None) -> Deal:
    """The deal at packages x (N, K) (NaN rows: no agreement): utilities, the cheapest
    payments and the agencies that bind. ``agree`` defaults to the rows without NaN."""
    agree = ~np.isnan(x).any(-1) if agree is None else agree
    xs = np.where(agree[:, None], np.nan_to_num(x), 0.0)
    G, pay, internal, binding = cheapest(arr, xs, masks)
    G = np.where(arr.A == 0, 0.0, G)
    nan = np.where(agree, 0.0, np.nan)
    return Deal(agreement=agree,
                concessions=xs + nan[:, None] + 0.0,
                home_utility=arr.gH - (arr.cH * xs).sum(-1) - arr.lam * G + nan,
                partner_utility=arr.gP + (arr.cP * xs).sum(-1) + nan,
                side_payment=G + nan, internal_payment=internal + nan,
                payments=pay + nan[:, None], binding=binding & agree[:, None])
