"""Win-sets (MODEL.md section 1): W = {x in [0, 1] : the supporters' weight meets the quota}.

Constituency i supports x iff v_i(x) = e_i + k_i x >= v0_i, a closed half-line with threshold
t_i = (v0_i - e_i) / k_i (x >= t_i for k_i > 0, x <= t_i for k_i < 0; always or never for k_i = 0).
Between consecutive thresholds the supporter set is constant, and at a threshold it is the union
of its two neighbours', so W is a finite union of closed intervals.
Support is decided on the canonical thresholds of ``thresholds``.
"""
import numpy as np
from numba import njit, prange

from .coalitions import PTS, T, WN, normalised_need, ratifies_jit
from .compiled import helper
from .thresholds import canonical, crossing, points, supports, thresholds  # noqa: F401


@helper
def ratified(x, e, k, v0, w, t, need):
    """The supporters of x (weights ``w`` normalised, quota weight ``need``) win."""
    weight = 0.0
    for i in range(e.shape[0]):
        if supports(x, e[i], k[i], v0[i], t[i]):
            weight += w[i]
    return ratifies_jit(weight, need)


@helper
def winset_row(e, k, v0, need, F, out):
    """W of one side into ``out`` (rows [lo, hi], NaN rows unused) from its canonical thresholds
    F[T] and normalised weights F[WN] (``coalitions.prepare``) and the winning weight ``need``:
    points alternate with the open gaps between them; a run of members starts and ends at a
    point."""
    m = e.shape[0]
    t, pts, wn = F[T, :m], F[PTS], F[WN, :m]
    n = points(t, pts)
    out[:, :] = np.nan
    rows = 0
    open_run = False
    for j in range(n):
        here = ratified(pts[j], e, k, v0, wn, t, need)
        if here and not open_run:
            out[rows, 0] = pts[j]
            open_run = True
        if open_run:
            gap = j + 1 < n and ratified(0.5 * (pts[j] + pts[j + 1]), e, k, v0, wn, t, need)
            if not (here and gap):
                out[rows, 1] = pts[j]
                rows += 1
                open_run = False


@njit(cache=True, parallel=True)
def _winsets(e, k, v0, w, quota, out):
    m = e.shape[1]
    for i in prange(e.shape[0]):
        F = np.empty((PTS + 1, m + 2))          # the rows T, WN, PTS of coalitions.work
        canonical(e[i], k[i], v0[i], F[T, :m], np.empty(m, np.int64))
        need = normalised_need(w[i], quota[i], F[WN, :m])
        winset_row(e[i], k[i], v0[i], need, F, out[i])


def winset(side):
    """Win-set of each scenario of ``side`` (SideArrays) as padded intervals (N, m + 2, 2)."""
    out = np.empty((side.n, side.m + 2, 2))
    _winsets(*(np.ascontiguousarray(a, float) for a in (side.e, side.k, side.v0, side.w,
                                                          side.quota)), out)
    return out
