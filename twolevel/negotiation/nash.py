"""Generalised Nash solution: x* maximises s_H^theta s_P^(1 - theta) over F (MODEL.md 1.1).

On a piece where s_H = aH + bH x and s_P = aP + bP x (bH = -C, bP = E in MODEL.md), the first-order
condition theta bH s_P + (1 - theta) bP s_H = 0 gives
    x = -(1 - theta) aH / bH - theta aP / bP,
i.e. x = (1 - theta)(A - d_H)/C - theta (D - d_P)/E, and there
    s_H = theta (aH - aP bH / bP),   s_P = (1 - theta)(aP - aH bP / bH)
(exact for theta near 0 or 1, where s_H = aH + bH x would round to 0). The log of the product is
concave on a piece: its maximiser is that point clipped to [lo, hi] where the surpluses move in
opposite directions, else the end both rise towards. x* is the best piece by
theta log s_H + (1 - theta) log s_P (logs: no underflow at any scale of the utilities), ties to
the larger theta s_H + (1 - theta) s_P, then to the larger s_H + s_P (Pareto).
"""
import numpy as np

from .compiled import helper
from .pieces import AH, AP, better, BH, BP, HI, LO, one_candidate, surplus


def stationary(aH, bH, aP, bP, theta):
    """x = -(1 - theta) aH / bH - theta aP / bP (NaN or inf where a slope is zero)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -(1 - theta) * aH / bH - theta * aP / bP


@helper
def log_product(sH, sP, theta):
    """theta log s_H + (1 - theta) log s_P, a zero power dropping its factor."""
    out = 0.0
    if theta > 0.0:
        out += theta * np.log(sH)
    if theta < 1.0:
        out += (1.0 - theta) * np.log(sP)
    return out


@helper
def nash(pc, K, theta):
    """Nash concession x* over the K pieces ``pc`` for Home's power ``theta``."""
    best = np.nan
    b1 = b2 = b3 = -np.inf
    for j in range(K):
        aH, bH, aP, bP = pc[AH, j], pc[BH, j], pc[AP, j], pc[BP, j]
        cross = np.nan
        if bH != 0.0 and bP != 0.0:
            cross = -(1.0 - theta) * (aH / bH) - theta * (aP / bP)
        x, inner = one_candidate(pc[LO, j], pc[HI, j], bH, bP, cross)
        if inner:
            sH = max(0.0, theta * (aH - aP * (bH / bP)))
            sP = max(0.0, (1.0 - theta) * (aP - aH * (bP / bH)))
        else:
            sH, sP = surplus(aH, bH, x), surplus(aP, bP, x)
        k1 = log_product(sH, sP, theta)
        k2 = theta * sH + (1.0 - theta) * sP
        k3 = sH + sP
        if np.isnan(best) or better(k1, k2, k3, b1, b2, b3):
            best, b1, b2, b3 = x, k1, k2, k3
    return best
