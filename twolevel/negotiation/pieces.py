"""The two-level game as linear pieces: the exact reduction behind every solution kernel.

Each side's cheapest side payment S is piecewise linear on [0, 1] (``coalitions.envelope``, built
from that side's coalitions alone). On every piece between consecutive breakpoints of either side
both surpluses are linear,
    s_H = aH + bH x = (g_H - d_H - lam_H Sa_H) - (c_H + lam_H Sb_H) x,
    s_P = aP + bP x = (g_P - d_P - lam_P Sa_P) + (c_P - lam_P Sb_P) x,
and F restricted to the piece is the interval [lo, hi] where s_H, s_P >= 0, S_H <= B_H, S_P <= B_P
(a half-line's root within thresholds.TOL of a piece's end is that end, and ends crossed by at
most TOL are the point between them: a ZOPA that is one point on paper, such as x = 1 or
r_P = r_H, is not lost to rounding). F is the union of the pieces' intervals; every
solution maximises an objective that is concave on each piece, so the optimum is the best of the
pieces' own maximisers.
"""
import numpy as np
from numba import njit

from .coalitions import SA, SB, XS
from .compiled import helper
from .thresholds import TOL

# the feasible pieces of one scenario, in x order, as rows of one array (6, size): [lo, hi],
# s_H = aH + bH x, s_P = aP + bP x
LO, HI, AH, BH, AP, BP = range(6)


@njit(cache=True)
def pieces(size):
    return np.empty((6, size))


@helper
def halfline(a, b, u, v):
    """{x in [u, v] : a + b x >= 0} as (lo, hi), lo > hi if empty; a root within TOL of u or v
    is that end."""
    if b == 0.0:
        return (u, v) if a >= 0.0 else (np.inf, -np.inf)
    r = -a / b
    if abs(r - u) <= TOL:
        r = u
    elif abs(r - v) <= TOL:
        r = v
    if b > 0.0:
        return max(u, r), v
    return u, min(v, r)


@helper
def _cut(lo, hi, a, b, u, v):
    l2, h2 = halfline(a, b, u, v)
    return max(lo, l2), min(hi, h2)


@helper
def build(FH, nH, FP, nP, home, partner, pc):
    """The feasible pieces into ``pc`` from both sides' S (``coalitions.envelope``: breakpoints
    F[XS], lines F[SA] + F[SB] x); ``home``, ``partner`` = (g, c, d, lam, B). Returns their
    number."""
    xsH, saH, sbH, xsP, saP, sbP = FH[XS], FH[SA], FH[SB], FP[XS], FP[SA], FP[SB]
    gH, cH, dH, lamH, budgetH = home
    gP, cP, dP, lamP, budgetP = partner
    iH = 0
    iP = 0
    u = 0.0
    K = 0
    while iH < nH and iP < nP:
        v = min(xsH[iH + 1], xsP[iP + 1])
        aH = (gH - dH) - lamH * saH[iH]
        bH = -cH - lamH * sbH[iH]
        aP = (gP - dP) - lamP * saP[iP]
        bP = cP - lamP * sbP[iP]
        lo, hi = _cut(u, v, aH, bH, u, v)
        lo, hi = _cut(lo, hi, aP, bP, u, v)
        if budgetH < np.inf:
            lo, hi = _cut(lo, hi, budgetH - saH[iH], -sbH[iH], u, v)
        if budgetP < np.inf:
            lo, hi = _cut(lo, hi, budgetP - saP[iP], -sbP[iP], u, v)
        if hi < lo <= hi + TOL:         # ends crossed by rounding: one point on paper
            lo = hi = min(v, max(u, 0.5 * (lo + hi)))
        if lo <= hi:
            pc[LO, K], pc[HI, K] = lo, hi
            pc[AH, K], pc[BH, K], pc[AP, K], pc[BP, K] = aH, bH, aP, bP
            K += 1
        if xsH[iH + 1] == v:
            iH += 1
        if xsP[iP + 1] == v:
            iP += 1
        u = v
    return K


@helper
def opposed(bH, bP):
    """One surplus rises and the other falls (by sign: a product of slopes can underflow)."""
    return (bH > 0.0 and bP < 0.0) or (bH < 0.0 and bP > 0.0)


@helper
def one_candidate(lo, hi, bH, bP, cross):
    """The best point of a piece for an objective that is concave on it and rises in both
    surpluses: ``cross`` (the balance point) clipped to [lo, hi] where the surpluses move in
    opposite directions; otherwise the end both rise towards (hi if both slopes are >= 0, not
    both 0; else lo). Returns (x, True if x is ``cross`` itself)."""
    if opposed(bH, bP):
        if not np.isfinite(cross):
            return lo, False
        if cross < lo:
            return lo, False
        if cross > hi:
            return hi, False
        return cross, True
    if bH >= 0.0 and bP >= 0.0 and (bH > 0.0 or bP > 0.0):
        return hi, False
    return lo, False


@helper
def surplus(a, b, x):
    """max(0, a + b x)."""
    return max(0.0, a + b * x)


@helper
def better(k1, k2, k3, b1, b2, b3):
    """(k1, k2, k3) > (b1, b2, b3) lexicographically."""
    if k1 != b1:
        return k1 > b1
    if k2 != b2:
        return k2 > b2
    return k3 > b3


@helper
def best_surplus(pc, K, home):
    """max over F of s_H (``home``) or s_P: linear on pieces, so at an end."""
    best = -np.inf
    for j in range(K):
        a, b = (pc[AH, j], pc[BH, j]) if home else (pc[AP, j], pc[BP, j])
        best = max(best, a + b * pc[LO, j], a + b * pc[HI, j])
    return best


@helper
def zopa_rows(pc, K, out):
    """F's components (pieces touching within TOL joined) into ``out`` rows; their number (rows
    beyond ``out`` are counted, not written)."""
    out[:, :] = np.nan
    n = 0
    hi = -np.inf
    for j in range(K):
        if n > 0 and pc[LO, j] <= hi + TOL:
            hi = max(hi, pc[HI, j])
        else:
            if n > 0 and n <= out.shape[0]:
                out[n - 1, 1] = hi
            n += 1
            if n <= out.shape[0]:
                out[n - 1, 0] = pc[LO, j]
            hi = pc[HI, j]
    if n > 0 and n <= out.shape[0]:
        out[n - 1, 1] = hi
    return n
