"""Win-sets (MODEL.md section 1): W = {x in [0, 1] : the supporters' weight meets the quota}.

Constituency i supports x iff v_i(x) = e_i + k_i x >= v0_i, a closed half-line with threshold
t_i = (v0_i - e_i) / k_i. Between consecutive thresholds the supporter set is constant, and at a
threshold it is the union of its two neighbours', so W is a finite union of closed intervals.
"""
import numpy as np

from .coalitions import ratifies
from .intervals import compact


def crossing(e, k, v0):
    """t_i = (v0_i - e_i) / k_i, unclipped (inf or NaN where k_i = 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (v0 - e) / k


def thresholds(e, k, v0):
    """t_i = (v0_i - e_i) / k_i clipped to [0, 1]; 0 where k_i = 0 (no threshold)."""
    return np.where(k == 0, 0.0, np.clip(crossing(e, k, v0), 0.0, 1.0))


def supported(x, side):
    """(..., N) bool: Side ``side`` (SideArrays) ratifies x with no side payment.

    v_i(x) >= v0_i is decided as x >= t_i (k_i > 0), x <= t_i (k_i < 0) or e_i >= v0_i (k_i = 0):
    exact at the thresholds themselves, where e_i + k_i t_i can round below v0_i.
    """
    x = np.asarray(x, float)[..., None]
    t = crossing(side.e, side.k, side.v0)
    support = np.where(side.k > 0, x >= t, np.where(side.k < 0, x <= t, side.e >= side.v0))
    weight = np.where(support, side.w, 0.0).sum(-1)
    return ratifies(weight, side.w.sum(-1), side.quota)


def winset(side):
    """Win-set of each scenario as padded intervals (N, m + 2, 2), NaN rows unused.

    Points alternate with the open gaps between them: 0, (0, t_1), t_1, ..., t_m, (t_m, 1), 1.
    A maximal run of members starts and ends at a point (points support at least their gaps).
    """
    pts = np.sort(np.concatenate([np.zeros((side.n, 1)), thresholds(side.e, side.k, side.v0),
                                  np.ones((side.n, 1))], -1), -1)       # (N, m + 2)
    mids = 0.5 * (pts[:, 1:] + pts[:, :-1])
    at_pt = supported(pts.T, side).T                                     # (N, m + 2)
    # a gap of length zero joins two copies of the same point
    in_gap = np.where(pts[:, 1:] > pts[:, :-1], supported(mids.T, side).T,
                      at_pt[:, 1:] & at_pt[:, :-1])                      # (N, m + 1)
    # a run continues from point j to point j + 1 iff the gap between them is in W
    cont = np.concatenate([in_gap, np.zeros((side.n, 1), bool)], -1)
    prev = np.concatenate([np.zeros((side.n, 1), bool), in_gap], -1)
    start = at_pt & ~prev
    stop = at_pt & ~cont
    return np.stack([compact(np.where(start, pts, np.nan)),
                     compact(np.where(stop, pts, np.nan))], -1)
