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
from dataclasses import dataclass, fields

import numpy as np

from .coalitions import minimal_coalitions, winning
from .intervals import halfline
from .winset import thresholds


@dataclass(frozen=True, eq=False)
class Pieces:
    """(N, K) arrays: s_H = aH + bH x and s_P = aP + bP x on [lo, hi] where ``valid``."""

    aH: np.ndarray
    bH: np.ndarray
    aP: np.ndarray
    bP: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    valid: np.ndarray

    def take(self, idx) -> "Pieces":
        return Pieces(**{f.name: getattr(self, f.name)[idx] for f in fields(self)})

    def surplus_home(self, x):
        return self.aH + self.bH * x

    def surplus_partner(self, x):
        return self.aP + self.bP * x

    def restrict(self, a, b):
        """The same pieces cut to {x : a + b x >= 0} (a, b broadcast against (N, K))."""
        lo, hi = halfline(a, b)
        lo = np.maximum(self.lo, lo)
        hi = np.minimum(self.hi, hi)
        return Pieces(self.aH, self.bH, self.aP, self.bP, lo, hi, self.valid & (lo <= hi))


def _side_lines(side, coalitions, bounds, sign):
    """Surplus lines and feasible intervals of one side on each piece: arrays (N, J, n)."""
    lo_pc, hi_pc = bounds[:, :-1, None], bounds[:, 1:, None]
    mid = 0.5 * (bounds[:, 1:] + bounds[:, :-1])                       # (N, J)
    gap = (side.v0 - side.e)[:, None, :]                                # (N, 1, m)
    slope = side.k[:, None, :]
    active = gap - slope * mid[..., None] > 0                           # (N, J, m)
    mask = coalitions.T.astype(float)
    sa = np.where(active, gap, 0.0) @ mask                              # cost = sa + sb x
    sb = np.where(active, -slope, 0.0) @ mask
    lam = side.funds_cost[:, None, None]
    a = (side.gain - side.batna)[:, None, None] - lam * sa
    b = sign * side.rate[:, None, None] - lam * sb
    lo_s, hi_s = halfline(a, b)                                         # surplus >= 0
    lo_b, hi_b = halfline(side.budget[:, None, None] - sa, -sb)         # S <= B
    lo = np.maximum(np.maximum(lo_pc, lo_s), lo_b)
    hi = np.minimum(np.minimum(hi_pc, hi_s), hi_b)
    win = winning(coalitions, side.w, side.quota)[:, None, :]
    return a, b, lo, hi, win & (lo <= hi)


def pieces(home, partner, coalitions=None) -> Pieces:
    """The piece table of N negotiations (``home``, ``partner``: SideArrays).

    ``coalitions`` = (Home's, Partner's) candidate coalitions (default: minimal_coalitions). The
    table has K = (m_H + m_P + 1) |C_H| |C_P| pieces per scenario.
    """
    n = home.n
    if coalitions is None:
        coalitions = (minimal_coalitions(home.w, home.quota),
                      minimal_coalitions(partner.w, partner.quota))
    bounds = np.sort(np.concatenate([
        np.zeros((n, 1)), thresholds(home.e, home.k, home.v0),
        thresholds(partner.e, partner.k, partner.v0), np.ones((n, 1))], -1), -1)
    aH, bH, loH, hiH, okH = _side_lines(home, coalitions[0], bounds, -1.0)
    aP, bP, loP, hiP, okP = _side_lines(partner, coalitions[1], bounds, 1.0)
    shape = np.broadcast_shapes(aH[..., None].shape, aP[..., None, :].shape)

    def flat(v):
        return np.ascontiguousarray(np.broadcast_to(v, shape)).reshape(n, -1)

    lo = np.maximum(loH[..., None], loP[..., None, :])
    hi = np.minimum(hiH[..., None], hiP[..., None, :])
    valid = okH[..., None] & okP[..., None, :] & (lo <= hi)
    return Pieces(aH=flat(aH[..., None]), bH=flat(bH[..., None]), aP=flat(aP[..., None, :]),
                  bP=flat(bP[..., None, :]), lo=flat(lo), hi=flat(hi), valid=flat(valid))


def select(x, keys, valid):
    """Per row, the x whose ``keys`` (a tuple of arrays, compared lexicographically: exact ties on
    one key go to the next) are largest among ``valid`` candidates. NaN where none is valid.
    All arrays (N, K)."""
    ok = valid
    for key in keys:
        key = np.where(ok, key, -np.inf)
        ok = ok & (key == key.max(-1, keepdims=True))
    best = np.argmax(ok, -1)
    out = np.take_along_axis(x, best[:, None], -1)[:, 0]
    return np.where(valid.any(-1), out, np.nan)


def candidates(pc: Pieces, *points):
    """Candidate concessions per piece (each (N, K)) flattened to (N, c K), with the surpluses
    s_H, s_P (clipped at 0) and validity of each: returns x, s_H, s_P, valid."""
    x = np.stack(points, 1)                                              # (N, c, K)
    with np.errstate(invalid="ignore"):                                  # inf ends of invalid pieces
        sH = np.maximum(pc.aH[:, None] + pc.bH[:, None] * x, 0.0)
        sP = np.maximum(pc.aP[:, None] + pc.bP[:, None] * x, 0.0)
    valid = np.broadcast_to(pc.valid[:, None], x.shape)
    n = x.shape[0]
    return x.reshape(n, -1), sH.reshape(n, -1), sP.reshape(n, -1), valid.reshape(n, -1)


def best_surplus(pc: Pieces, which):
    """max over F of s_H (``which`` = 'home') or s_P: linear on pieces, so at an end. -inf if F
    is empty."""
    a, b = (pc.aH, pc.bH) if which == "home" else (pc.aP, pc.bP)
    ends = np.maximum(a + b * pc.lo, a + b * pc.hi)
    return np.where(pc.valid, ends, -np.inf).max(-1)
