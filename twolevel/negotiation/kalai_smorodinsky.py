"""Kalai–Smorodinsky solution (MODEL.md 1.2).

With ideal surpluses M_H = max_F s_H and M_P = max_F s_P, x* maximises min(s_H / M_H, s_P / M_P) over
F (ties to the larger s_H + s_P): on a connected frontier this is the point where the normalised
surpluses are equal; where F has a gap it is the best point on either side. On a piece the two
normalised surpluses are lines and cross at
    x = (aP / M_P - aH / M_H) / (bH / M_H - bP / M_P),
the piece's best point where one rises and the other falls (else the end both rise towards);
the objective is concave on each coalition pair's interval, so the pair's optimum follows from
its pieces' and x* is the best pair.
A side whose ideal surplus is 0 counts as fully served (ratio 1).
"""
import numpy as np

from .pieces import Pieces, best_over_pairs, best_surplus, one_candidate, pair_optimum


def kalai_smorodinsky(pc: Pieces):
    """KS concession x* (N,); NaN where F is empty."""
    mH = best_surplus(pc, "home")
    mP = best_surplus(pc, "partner")
    scale_H = np.where(mH > 0, mH, np.inf)      # s / inf = 0, plus 1 below: ratio 1
    scale_P = np.where(mP > 0, mP, np.inf)
    with np.errstate(divide="ignore", invalid="ignore"):
        xc = ((pc.aP / scale_P + (mP <= 0)) - (pc.aH / scale_H + (mH <= 0))) / (
            pc.bH / scale_H - pc.bP / scale_P)
    x, valid = pair_optimum(pc, one_candidate(pc, xc))

    def keys(sH, sP):
        return np.minimum(sH / scale_H + (mH <= 0), sP / scale_P + (mP <= 0)), sH + sP

    return best_over_pairs(pc, x, valid, keys)
