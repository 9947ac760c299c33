"""Thresholds of support t_i = (v0_i - e_i) / k_i (MODEL.md section 1), decided exactly.

Constituency i supports x iff v_i(x) = e_i + k_i x >= v0_i: x >= t_i for k_i > 0, x <= t_i for
k_i < 0, always or never (e_i >= v0_i) for k_i = 0.

Thresholds equal on paper (2/7 as 0.2 / 0.7 and 0.6 / 2.1) round to adjacent floats, and a
threshold of 1 on paper can round to 1 + 2^-52. Support is therefore decided on canonical
thresholds: a threshold within TOL of 0 or 1 is that end, and thresholds in [0, 1] within TOL of
each other (in a chain) are one point, the smallest of them. TOL is absolute on the concession
scale [0, 1] (scale-free: t_i is a ratio), far above rounding (~1e-16) and far below any
difference a model could mean.
"""
import numpy as np
from numba import njit

from .compiled import helper

TOL = 1e-12


def crossing(e, k, v0):
    """t_i = (v0_i - e_i) / k_i, unclipped (inf or NaN where k_i = 0)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return (np.asarray(v0, float) - e) / k


def thresholds(e, k, v0):
    """Canonical t_i (see the module text) clipped to [0, 1]; 0 where k_i = 0 (no threshold)."""
    e, k, v0 = np.broadcast_arrays(*(np.asarray(a, float) for a in (e, k, v0)))
    t = np.empty(e.shape)
    if t.size:
        _canonical_rows(*(a.reshape(-1, e.shape[-1]) if e.ndim else a.reshape(1, 1)
                          for a in (e, k, v0, t)))
    return np.where(k == 0, 0.0, np.clip(t, 0.0, 1.0))


@njit(cache=True)
def _canonical_rows(e, k, v0, t):
    idx = np.empty(e.shape[1], np.int64)
    for i in range(e.shape[0]):
        canonical(e[i], k[i], v0[i], t[i], idx)


@helper
def canonical(e, k, v0, t, idx):
    """Canonical thresholds of one side into ``t`` (m,): crossings snapped to 0 or 1 within TOL
    and merged within TOL in [0, 1]; NaN where k_i = 0. ``idx`` (m,) int64 is work space."""
    m = e.shape[0]
    for i in range(m):
        if k[i] == 0.0:
            t[i] = np.nan
            continue
        ti = (v0[i] - e[i]) / k[i]
        if abs(ti) <= TOL:
            ti = 0.0
        elif abs(ti - 1.0) <= TOL:
            ti = 1.0
        t[i] = ti
    # chains of thresholds in [0, 1] closer than TOL become their smallest: sort those indices
    n = 0
    for i in range(m):
        if t[i] >= 0.0 and t[i] <= 1.0:
            j = n
            while j > 0 and t[idx[j - 1]] > t[i]:
                idx[j] = idx[j - 1]
                j -= 1
            idx[j] = i
            n += 1
    for j in range(1, n):
        if t[idx[j]] - t[idx[j - 1]] <= TOL:
            t[idx[j]] = t[idx[j - 1]]


@helper
def supports(x, e, k, v0, t):
    """v_i(x) >= v0_i decided on the canonical threshold t_i."""
    if k > 0.0:
        return x >= t
    if k < 0.0:
        return x <= t
    return e >= v0


@helper
def points(t, pts):
    """Sorted distinct points {0, 1} and the canonical thresholds inside, into ``pts``; their
    number."""
    n = 0
    pts[0] = 0.0
    n = 1
    for i in range(t.shape[0]):
        ti = t[i]
        if ti > 0.0 and ti < 1.0:
            j = n
            while j > 0 and pts[j - 1] > ti:
                pts[j] = pts[j - 1]
                j -= 1
            pts[j] = ti
            n += 1
    pts[n] = 1.0
    n += 1
    out = 1
    for j in range(1, n):                  # drop repeats (merged thresholds are equal)
        if pts[j] != pts[out - 1]:
            pts[out] = pts[j]
            out += 1
    return out
