"""Generalised Nash solution: x* maximises s_H^theta s_P^(1 - theta) over F (MODEL.md 1.1).

On a piece where s_H = aH + bH x and s_P = aP + bP x (bH = -C, bP = E in MODEL.md), the first-order
condition theta bH s_P + (1 - theta) bP s_H = 0 gives
    x = -(1 - theta) aH / bH - theta aP / bP,
i.e. x = (1 - theta)(A - d_H)/C - theta (D - d_P)/E. The log of the product is concave on a piece, so
the piece's maximiser is that point clipped to [lo, hi] or an end; the best over all pieces is x*.
Ties: larger theta s_H + (1 - theta) s_P, then larger s_H + s_P (Pareto).
"""
import numpy as np

from .pieces import Pieces, candidates, select


def stationary(aH, bH, aP, bP, theta):
    """x = -(1 - theta) aH / bH - theta aP / bP (NaN where a slope is zero)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -(1 - theta) * aH / bH - theta * aP / bP


def nash(pc: Pieces, theta):
    """Nash concession x* (N,) for Home's power ``theta`` (N,); NaN where F is empty."""
    th = theta[:, None]
    xs = stationary(pc.aH, pc.bH, pc.aP, pc.bP, th)
    xs = np.clip(np.where(np.isfinite(xs), xs, pc.lo), pc.lo, pc.hi)
    x, sH, sP, valid = candidates(pc, pc.lo, pc.hi, xs)
    product = sH ** th * sP ** (1 - th)
    # where every candidate's product is 0 (a rounded stationary point at an end), the limit of
    # the weighted surplus decides; remaining exact ties go to the Pareto-better point
    return select(x, (product, th * sH + (1 - th) * sP, sH + sP), valid)
