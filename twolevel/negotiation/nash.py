"""Generalised Nash solution: x* maximises s_H^theta s_P^(1 - theta) over F (MODEL.md 1.1).

On a piece where s_H = aH + bH x and s_P = aP + bP x (bH = -C, bP = E in MODEL.md), the first-order
condition theta bH s_P + (1 - theta) bP s_H = 0 gives
    x = -(1 - theta) aH / bH - theta aP / bP,
i.e. x = (1 - theta)(A - d_H)/C - theta (D - d_P)/E. For a fixed pair of coalitions both surpluses
are concave, so the log of the product is concave on the pair's interval: each piece's maximiser
is that point clipped to [lo, hi] where the surpluses move in opposite directions, else the end
both rise towards, and the pair's optimum follows from its pieces' (``pieces.pair_optimum``).
x* is the best pair; ties go to the larger theta s_H + (1 - theta) s_P, then to the larger
s_H + s_P (Pareto). Limit: pairs are ranked by the product at their optima, which rounding can
make 0 when 0 < theta < ~1e-15 (the optimum then sits within an ulp of r_H); with one pair, as
without constituencies or with veto players only, no ranking is needed.
"""
import numpy as np

from .pieces import Pieces, best_over_pairs, one_candidate, pair_optimum


def stationary(aH, bH, aP, bP, theta):
    """x = -(1 - theta) aH / bH - theta aP / bP (NaN or inf where a slope is zero)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -(1 - theta) * aH / bH - theta * aP / bP


def nash(pc: Pieces, theta):
    """Nash concession x* (N,) for Home's power ``theta`` (N,); NaN where F is empty."""
    x, valid = pair_optimum(pc, one_candidate(pc, stationary(pc.aH, pc.bH, pc.aP, pc.bP, theta)))

    def keys(sH, sP):
        return sH ** theta * sP ** (1 - theta), theta * sH + (1 - theta) * sP, sH + sP

    return best_over_pairs(pc, x, valid, keys)
