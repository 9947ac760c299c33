"""The two-level game as linear pieces: the exact reduction behind every solution kernel.

S(x) = min over winning coalitions of a convex piecewise-linear cost, so the net surpluses
s_H(x) = U_H(x) - d_H and s_P(x) = U_P(x) - d_P are maxima of concave pieces. Fix one winning
coalition per side (C_H, C_P) and one stretch between consecutive loss thresholds t_i of either side:
there both surpluses are linear,
    s_H = aH + bH x = (g_H - d_H - lam_H Sa_H) - (c_H + lam_H Sb_H) x,
    s_P = aP + bP x = (g_P - d_P - lam_P Sa_P) + (c_P - lam_P Sb_P) x,
and F restricted to the piece is the interval [lo, hi] where s_H, s_P >= 0, S_H <= B_H, S_P <= B_P.
Since a fixed coalition costs at least the cheapest one, F is the union of the pieces' intervals and
the optimum of any solution concept that rises in both surpluses is the best over pieces.
"""
from dataclasses import dataclass, replace

import numpy as np

from .coalitions import minimal_coalitions, winning
from .intervals import halfline
from .winset import thresholds


@dataclass(frozen=True, eq=False)
class Pieces:
    """(K, N) arrays, pieces first: s_H = aH + bH x and s_P = aP + bP x on [lo, hi] where
    ``valid`` (reductions over pieces run along the first axis, elementwise over scenarios).
    Rows come in pairs of coalitions (C_H, C_P), each as ``stretches`` consecutive rows in
    x order: K = pairs * stretches."""

    aH: np.ndarray
    bH: np.ndarray
    aP: np.ndarray
    bP: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    valid: np.ndarray
    stretches: int = 1

    def take(self, idx) -> "Pieces":
        """The scenarios ``idx``."""
        return replace(self, **{f: getattr(self, f)[:, idx] for f in ARRAYS})

    def by_pair(self, a):
        """A (K, N) array as (pairs, stretches, N)."""
        return a.reshape(-1, self.stretches, a.shape[-1])

    def restrict(self, a, b):
        """The same pieces cut to {x : a + b x >= 0} (a, b broadcast against (K, N))."""
        lo, hi = halfline(a, b)
        lo = np.maximum(self.lo, lo)
        hi = np.minimum(self.hi, hi)
        return replace(self, lo=lo, hi=hi, valid=self.valid & (lo <= hi))


ARRAYS = ("aH", "bH", "aP", "bP", "lo", "hi", "valid")


def stretches(home, partner):
    """Bounds (J + 1, N) of the J = m_H + m_P + 1 stretches of [0, 1] between the loss
    thresholds of both sides."""
    t = np.concatenate([thresholds(home.e, home.k, home.v0).T,
                        thresholds(partner.e, partner.k, partner.v0).T])      # (m, N) in [0, 1]
    if len(t) == 2:
        t = np.stack([np.minimum(t[0], t[1]), np.maximum(t[0], t[1])])
    elif len(t) > 2:
        t = np.sort(t, axis=0)
    n = home.n
    return np.concatenate([np.zeros((1, n)), t, np.ones((1, n))])


def _side_lines(side, coalitions, bounds, sign):
    """Surplus lines and feasible intervals of one side: arrays (n_coalitions, J, N)."""
    mid = 0.5 * (bounds[1:] + bounds[:-1])                                 # (J, N)
    gap = (side.v0 - side.e).T[:, None, :]                                  # (m, 1, N)
    slope = side.k.T[:, None, :]
    active = gap - slope * mid > 0                                          # (m, J, N)
    mask = coalitions.astype(float)                                         # (n, m)
    shape = (len(coalitions),) + mid.shape
    sa = (mask @ np.where(active, gap, 0.0).reshape(side.m, mid.size)).reshape(shape)  # cost sa + sb x
    sb = (mask @ np.where(active, -slope, 0.0).reshape(side.m, mid.size)).reshape(shape)
    lam = side.funds_cost
    a = (side.gain - side.batna) - lam * sa
    b = sign * side.rate - lam * sb
    lo, hi = halfline(a, b)                                                 # surplus >= 0
    lo = np.maximum(lo, bounds[:-1])
    hi = np.minimum(hi, bounds[1:])
    if not np.isposinf(side.budget).all():
        lo_b, hi_b = halfline(side.budget - sa, -sb)                        # S <= B
        lo, hi = np.maximum(lo, lo_b), np.minimum(hi, hi_b)
    win = winning(coalitions, side.w, side.quota).T[:, None, :]             # (n, 1, N)
    return a, b, lo, hi, win & (lo <= hi)


def pieces(home, partner, coalitions=None) -> Pieces:
    """The piece table of N negotiations (``home``, ``partner``: SideArrays).

    ``coalitions`` = (Home's, Partner's) candidate coalitions (default: minimal_coalitions). The
    table has K = (m_H + m_P + 1) |C_H| |C_P| pieces per scenario.
    """
    if coalitions is None:
        coalitions = (minimal_coalitions(home.w, home.quota),
                      minimal_coalitions(partner.w, partner.quota))
    bounds = stretches(home, partner)
    aH, bH, loH, hiH, okH = _side_lines(home, coalitions[0], bounds, -1.0)
    aP, bP, loP, hiP, okP = _side_lines(partner, coalitions[1], bounds, 1.0)
    # pairs (C_H, C_P): Home's coalitions on axis 0, Partner's on axis 1, then stretches
    H, P = (lambda v: v[:, None]), (lambda v: v[None, :])
    lo = np.maximum(H(loH), P(loP))
    hi = np.minimum(H(hiH), P(hiP))
    valid = H(okH) & P(okP) & (lo <= hi)
    shape = valid.shape
    n = home.n

    def flat(v):
        return np.broadcast_to(v, shape).reshape(-1, n)

    return Pieces(aH=flat(H(aH)), bH=flat(H(bH)), aP=flat(P(aP)), bP=flat(P(bP)),
                  lo=lo.reshape(-1, n), hi=hi.reshape(-1, n), valid=valid.reshape(-1, n),
                  stretches=len(bounds) - 1)


def select(x, keys, valid):
    """Per scenario, the x whose ``keys`` (a tuple of arrays, compared lexicographically: exact
    ties on one key go to the next) are largest among ``valid`` candidates; NaN where none is
    valid. All arrays (K, N)."""
    ok = valid
    for key in keys:
        key = np.where(ok, key, -np.inf)
        ok = ok & (key == key.max(0))
    best = np.argmax(ok, 0)
    out = np.take_along_axis(x, best[None], 0)[0]
    return np.where(valid.any(0), out, np.nan)


def one_candidate(pc: Pieces, cross):
    """The best point of each piece for an objective that is concave along the frontier and rises
    in both surpluses: ``cross`` (the balance point, clipped to [lo, hi]) where one surplus rises
    and the other falls (bH bP < 0); otherwise the end that both surpluses rise towards (hi if
    both slopes are >= 0, else lo)."""
    opposed = pc.bH * pc.bP < 0
    rising = (pc.bH >= 0) & (pc.bP >= 0) & ((pc.bH > 0) | (pc.bP > 0))
    with np.errstate(invalid="ignore"):
        inner = np.clip(np.where(np.isfinite(cross), cross, pc.lo), pc.lo, pc.hi)
    return np.where(opposed, inner, np.where(rising, pc.hi, pc.lo))


def pair_optimum(pc: Pieces, best):
    """Per coalition pair, the maximiser of an objective that is concave on the pair's feasible
    interval, from each piece's own maximiser ``best`` (K, N). The pair's pieces tile that interval,
    so left of the optimum every piece's maximiser is its right end and from the optimum on it is
    below it: x_C = min(min {best_j : best_j < hi_j}, max_j hi_j) over the pair's valid pieces (an
    actual candidate, no arithmetic). Returns x (pairs, N) and the pairs' validity."""
    valid = pc.by_pair(pc.valid)
    best, hi = pc.by_pair(best), pc.by_pair(pc.hi)
    inner = np.where(valid & (best < hi), best, np.inf).min(1)
    return np.minimum(inner, np.where(valid, hi, -np.inf).max(1)), valid.any(1)


def pair_surpluses(pc: Pieces, x):
    """s_H(x), s_P(x) (pairs, N) of each coalition pair at its own x (pairs, N): a pair's surplus
    is concave piecewise linear, the minimum of its stretches' lines; clipped at 0."""
    sH = (pc.by_pair(pc.aH) + pc.by_pair(pc.bH) * x[:, None]).min(1)
    sP = (pc.by_pair(pc.aP) + pc.by_pair(pc.bP) * x[:, None]).min(1)
    return np.maximum(sH, 0.0), np.maximum(sP, 0.0)


def best_over_pairs(pc: Pieces, x, valid, keys):
    """x* (N,): the pairs' optima ``x`` (pairs, N) ranked by ``keys(s_H, s_P)`` (a tuple of
    arrays, lexicographic); with one pair no ranking is needed."""
    if x.shape[0] == 1:
        return np.where(valid[0], x[0], np.nan)
    x = np.where(valid, x, 0.0)                 # invalid pairs: infinite x, masked below
    return np.where(valid.any(0), select(x, keys(*pair_surpluses(pc, x)), valid), np.nan)


def best_surplus(pc: Pieces, which):
    """max over F of s_H (``which`` = 'home') or s_P: linear on pieces, so at an end. -inf if F
    is empty."""
    a, b = (pc.aH, pc.bH) if which == "home" else (pc.aP, pc.bP)
    with np.errstate(invalid="ignore"):
        ends = np.maximum(a + b * pc.lo, a + b * pc.hi)
    return np.where(pc.valid, ends, -np.inf).max(0)
