"""Solutions on a Pareto frontier given as edges in utility space, vectorised over scenarios.

A frontier (or the union of several, one per coalition) is a set of edges (N, E) from
(h1, p1) to (h2, p2) with h1 >= h2 and p1 <= p2 (h = U_H, p = U_P); a point of F is an edge
of length 0. On an edge
p(h) = p1 + s (h1 - h), s = (p2 - p1) / (h1 - h2) > 0, and the feasible stretch is
h in [lo, hi] with lo = max(h2, d_H), hi = min(h1, h1 + (p1 - d_P) / s) (both surpluses >= 0).
Each objective below is concave along an edge, so its maximiser on the edge is its stationary
point clipped to [lo, hi]; the solution is the best edge (exact, no iteration).
"""
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Edges:
    """Frontier edges (N, E); ``X1``, ``X2`` (N, E, K) the packages at their ends; ``ok`` masks
    padding."""

    h1: np.ndarray
    p1: np.ndarray
    h2: np.ndarray
    p2: np.ndarray
    X1: np.ndarray
    X2: np.ndarray
    ok: np.ndarray

    def stretch(self, dH, dP):
        """(s, lo, hi, valid): slope and feasible stretch [lo, hi] of each edge."""
        dH, dP = dH[:, None], dP[:, None]
        width = self.h1 - self.h2
        with np.errstate(divide="ignore", invalid="ignore"):
            s = np.where(width > 0, (self.p2 - self.p1) / width, 1.0)
        lo = np.maximum(self.h2, dH)
        hi = np.minimum(self.h1, self.h1 + (self.p1 - dP) / s)
        # within rounding (1e-9) of feasible: an end of F that the LP reached inexactly
        valid = self.ok & (lo <= hi + 1e-9 * (1 + np.abs(self.h1) + np.abs(self.p1)))
        return s, lo, np.maximum(hi, lo), valid

    def partner(self, s, h):
        """p(h) on each edge."""
        return self.p1 + s * (self.h1 - h)

    def package(self, index, h):
        """x at Home utility ``h`` (N,) on edge ``index`` (N,): the mix of the edge's ends."""
        rows = np.arange(len(index))
        h1, h2 = self.h1[rows, index], self.h2[rows, index]
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(h1 > h2, (h1 - h) / (h1 - h2), 0.0)
        t = np.clip(np.nan_to_num(t), 0.0, 1.0)[:, None]
        return (1 - t) * self.X1[rows, index] + t * self.X2[rows, index]


def best(keys, valid):
    """Per row, the column maximising ``keys`` lexicographically among ``valid`` ones; and
    whether any is valid."""
    order = np.lexsort(tuple(np.where(valid, k, -np.inf) for k in reversed(keys)), axis=-1)
    return order[:, -1], valid.any(-1)


def take(a, index):
    return a[np.arange(len(index)), index]


def nash(edges: Edges, dH, dP, theta):
    """(edge, h, agreement) maximising (h - d_H)^theta (p - d_P)^(1 - theta); ties to the larger
    theta s_H + (1 - theta) s_P, then s_H + s_P. Stationary point on an edge:
    h = d_H + theta M / s, M = (p1 - d_P) + s (h1 - d_H)."""
    s, lo, hi, valid = edges.stretch(dH, dP)
    t = theta[:, None]
    M = (edges.p1 - dP[:, None]) + s * (edges.h1 - dH[:, None])
    h = np.clip(dH[:, None] + t * M / s, lo, hi)
    aH = np.maximum(h - dH[:, None], 0.0)
    aP = np.maximum(edges.partner(s, h) - dP[:, None], 0.0)
    index, agree = best((aH ** t * aP ** (1 - t), t * aH + (1 - t) * aP, aH + aP), valid)
    return index, take(h, index), agree


def ideal(edges: Edges, dH, dP):
    """(max_F s_H, max_F s_P) over the feasible stretches (NaN where F is empty)."""
    s, lo, hi, valid = edges.stretch(dH, dP)
    with np.errstate(invalid="ignore"):
        mH = np.where(valid, hi, -np.inf).max(-1) - dH
        mP = np.where(valid, edges.partner(s, lo), -np.inf).max(-1) - dP
    none = ~valid.any(-1)
    return np.where(none, np.nan, mH), np.where(none, np.nan, mP)


def balanced(edges: Edges, dH, dP, h0, p0, A, B):
    """(edge, h, value, any): maximise min((h - h0) / A, (p - p0) / B) over F (ties to the larger
    h + p); A or B = inf counts that side as fully served (ratio 1). Crossing on an edge:
    h = (B h0 + A (p1 - p0 + s h1)) / (B + A s)."""
    s, lo, hi, valid = edges.stretch(dH, dP)
    A, B, h0, p0 = A[:, None], B[:, None], h0[:, None], p0[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = (B * h0 + A * (edges.p1 - p0 + s * edges.h1)) / (B + A * s)
    cross = np.where(np.isinf(A), lo, np.where(np.isinf(B), hi, cross))
    h = np.clip(np.nan_to_num(cross, nan=0.0), lo, hi)
    p = edges.partner(s, h)
    with np.errstate(divide="ignore", invalid="ignore"):
        rH = np.where(np.isinf(A), 1.0, (h - h0) / A)
        rP = np.where(np.isinf(B), 1.0, (p - p0) / B)
    value = np.minimum(rH, rP)
    index, agree = best((value, h + p), valid)
    return index, take(h, index), take(value, index), agree


def kalai_smorodinsky(edges: Edges, dH, dP):
    """(edge, h, agreement): the KS point, min(s_H / M_H, s_P / M_P) maximised over F with the
    ideal surpluses M (a side whose ideal surplus is 0 counts as fully served)."""
    mH, mP = ideal(edges, dH, dP)
    A = np.where(mH > 0, mH, np.inf)
    B = np.where(mP > 0, mP, np.inf)
    index, h, _, agree = balanced(edges, dH, dP, dH, dP, A, B)
    return index, h, agree


def gain_left(edges: Edges, dH, dP, h0, p0):
    """The largest t with some point of F at least (h0 + t, p0 + t); 0 where F is empty."""
    one = np.ones_like(dH)
    _, _, value, agree = balanced(edges, dH, dP, h0, p0, one, one)
    return np.where(agree, value, 0.0)
