"""Rubinstein alternating offers, Home proposing first (MODEL.md 1.3).

Let phi(p) = max {s_H(x) : x in F, s_P(x) >= p} be Home's best surplus when Partner must get p
(the Pareto frontier; piecewise linear, non-increasing). In the stationary equilibrium Partner's
offer gives it p*, the largest p in [0, M_P] with
    phi(p) >= delta_H phi(delta_P p)          (Home accepts p rather than propose next round),
with equality at an interior root; Home's offer x* gives Partner delta_P p* and is accepted at once:
x* is the Home-best point of F with s_P >= delta_P p*. In the linear case this is
U_P(x_H) - d_P = delta_P (U_P(x_P) - d_P) and U_H(x_P) - d_H = delta_H (U_H(x_H) - d_H); a
ratification cap voids Partner's offers beyond it, so p* = M_P there.
When phi is not concave the gap can have several roots: the largest is bracketed by scanning SCAN
points of [0, M_P] and then found by ``find_root`` (two roots closer than M_P / SCAN can be missed).
"""
import numpy as np
from scipy.optimize.elementwise import find_root

from .pieces import Pieces, best_over_pairs, best_surplus, pair_optimum

SCAN = 32  # points of [0, M_P] scanned for the bracket of the largest root


def frontier(pc: Pieces, p):
    """phi(p) (N,): Home's best surplus on F subject to s_P >= p (-inf if none)."""
    return best_surplus(pc.restrict(pc.aP - p, pc.bP), "home")


def partner_share(pc: Pieces, delta_H, delta_P):
    """p*, Partner's surplus from its own offer (N,); NaN where F is empty."""
    top = best_surplus(pc, "partner")
    top = np.where(np.isfinite(top), top, np.nan)

    def gap(p, rows):
        sub = pc.take(rows)
        return frontier(sub, p) - delta_H[rows] * frontier(sub, delta_P[rows] * p)

    rows = np.arange(pc.aH.shape[1])
    p = top.copy()
    inside = np.isfinite(top) & (top > 0)
    inside[inside] = gap(top[inside], rows[inside]) < 0
    if inside.any():
        rows, top = rows[inside], top[inside]
        # bracket the largest root: the last of SCAN points of [0, M_P) where gap >= 0 (gap(0) =
        # (1 - delta_H) M_H >= 0) and the next point (gap(M_P) < 0)
        scan = top[:, None] * (np.arange(SCAN + 1) / SCAN)
        values = np.stack([gap(scan[:, s], rows) for s in range(SCAN)], -1)
        at_zero = values[:, 0] <= 0
        j = (SCAN - 1 - np.argmax(values[:, ::-1] >= 0, -1))[:, None]
        lo = np.take_along_axis(scan, j, -1)[:, 0]
        hi = np.take_along_axis(scan, j + 1, -1)[:, 0]
        res = find_root(gap, (lo, hi), args=(rows,),
                        tolerances=dict(xatol=0.0, xrtol=4 * np.finfo(float).eps,
                                        fatol=0.0, frtol=0.0))
        p[inside] = np.where(at_zero, 0.0, res.x)
    return p


def rubinstein(pc: Pieces, delta_H, delta_P):
    """Rubinstein concession x* (N,) with discount factors ``delta_H``, ``delta_P`` (N,)."""
    p = partner_share(pc, delta_H, delta_P)
    cut = pc.restrict(pc.aP - delta_P * np.nan_to_num(p), pc.bP)
    # Home's best end of each piece: the end s_H rises towards (where s_H is flat, s_P's)
    toward_hi = (cut.bH > 0) | ((cut.bH == 0) & (cut.bP > 0))
    x, valid = pair_optimum(cut, np.where(toward_hi, cut.hi, cut.lo))
    return np.where(np.isnan(p), np.nan, best_over_pairs(cut, x, valid, lambda sH, sP: (sH, sP)))
