"""Generalised Nash solution: x* maximises s_H^theta s_P^(1 - theta) over F (MODEL.md 1.1).

On a piece where s_H = aH + bH x and s_P = aP + bP x (bH = -C, bP = E in MODEL.md), the first-order
condition theta bH s_P + (1 - theta) bP s_H = 0 gives
    x = -(1 - theta) aH / bH - theta aP / bP,
i.e. x = (1 - theta)(A - d_H)/C - theta (D - d_P)/E, where, with Delta = aH bP - aP bH,
    s_H = theta Delta / bP,   s_P = -(1 - theta) Delta / bH
(exact even when x rounds onto an end, so the product stays continuous as theta -> 0 or 1).
The log of the product is concave on a piece, so the piece's maximiser is that point clipped to
[lo, hi] where the surpluses move in opposite directions, else the end both rise towards; x* is the
best over all pieces. Ties: larger theta s_H + (1 - theta) s_P, then larger s_H + s_P (Pareto).
"""
import numpy as np

from .pieces import Pieces, one_candidate, select, surpluses


def stationary(aH, bH, aP, bP, theta):
    """x = -(1 - theta) aH / bH - theta aP / bP (NaN or inf where a slope is zero)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -(1 - theta) * aH / bH - theta * aP / bP


def nash(pc: Pieces, theta):
    """Nash concession x* (N,) for Home's power ``theta`` (N,); NaN where F is empty."""
    xs = stationary(pc.aH, pc.bH, pc.aP, pc.bP, theta)
    x = one_candidate(pc, xs)
    sH, sP = surpluses(pc, x)
    interior = (x == xs) & (pc.bH * pc.bP < 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = pc.aH * pc.bP - pc.aP * pc.bH
        sH = np.where(interior, np.maximum(theta * delta / pc.bP, 0.0), sH)
        sP = np.where(interior, np.maximum(-(1 - theta) * delta / pc.bH, 0.0), sP)
        product = sH ** theta * sP ** (1 - theta)              # NaN only on invalid pieces
        keys = (product, theta * sH + (1 - theta) * sP, sH + sP)
    return select(x, keys, pc.valid)
