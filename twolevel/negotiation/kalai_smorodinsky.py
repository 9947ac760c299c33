"""Kalai–Smorodinsky solution (MODEL.md 1.2).

With ideal surpluses M_H = max_F s_H and M_P = max_F s_P, x* maximises min(s_H / M_H, s_P / M_P) over
F (ties to the larger s_H + s_P): on a connected frontier this is the point where the normalised
surpluses are equal; where F has a gap it is the best point on either side. On a piece the two
normalised surpluses are lines r = c0 + c1 x and cross at
    x = (c0_P - c0_H) / (c1_H - c1_P),
the piece's best point where one rises and the other falls (else the end both rise towards); the
objective is concave on each piece, so x* is the best piece's.
A side whose ideal surplus is 0 counts as fully served (ratio 1).
"""
import numpy as np

from .compiled import helper
from .pieces import AH, AP, best_surplus, better, BH, BP, HI, LO, one_candidate, surplus


@helper
def _ratio_line(a, b, top):
    """s / M as c0 + c1 x (1 if M <= 0)."""
    if top > 0.0:
        return a / top, b / top
    return 1.0, 0.0


@helper
def kalai_smorodinsky(pc, K):
    """KS concession x* over the K pieces ``pc``."""
    mH = best_surplus(pc, K, True)
    mP = best_surplus(pc, K, False)
    best = np.nan
    b1 = b2 = -np.inf
    for j in range(K):
        h0, h1 = _ratio_line(pc[AH, j], pc[BH, j], mH)
        p0, p1 = _ratio_line(pc[AP, j], pc[BP, j], mP)
        cross = (p0 - h0) / (h1 - p1) if h1 != p1 else np.nan
        x, _ = one_candidate(pc[LO, j], pc[HI, j], pc[BH, j], pc[BP, j], cross)
        sH, sP = surplus(pc[AH, j], pc[BH, j], x), surplus(pc[AP, j], pc[BP, j], x)
        k1 = min(sH / mH if mH > 0.0 else 1.0, sP / mP if mP > 0.0 else 1.0)
        k2 = sH + sP
        if np.isnan(best) or better(k1, k2, 0.0, b1, b2, 0.0):
            best, b1, b2 = x, k1, k2
    return best
