"""Interval arithmetic on arrays: half-lines of linear inequalities and unions of intervals.

Intervals are stored padded: an array (..., n, 2) of [lo, hi] rows, NaN rows unused, sorted by lo.
"""
import numpy as np


def halfline(a, b):
    """The set {x : a + b x >= 0} as (lo, hi); empty as (inf, -inf). ``a`` may be +inf."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        root = -a / b                       # a = +inf: -inf (b > 0) or +inf (b < 0), as it should
    lo = np.where(b > 0, root, -np.inf)
    hi = np.where(b < 0, root, np.inf)
    flat = b == 0
    if flat.any():                          # b = 0: everything if a >= 0, else nothing
        empty = np.broadcast_to(flat & (a < 0), lo.shape)
        lo[empty], hi[empty] = np.inf, -np.inf
    return lo, hi


def merge(lo, hi, valid):
    """Union of intervals [lo, hi] along the last axis where ``valid``: padded (..., n, 2).

    Touching or overlapping intervals are merged; the result is sorted and NaN-padded.
    """
    lo = np.where(valid, lo, np.inf)
    hi = np.where(valid, hi, -np.inf)
    order = np.argsort(lo, axis=-1, kind="stable")
    lo = np.take_along_axis(lo, order, -1)
    hi = np.take_along_axis(hi, order, -1)
    live = np.isfinite(lo)
    reach = np.maximum.accumulate(hi, axis=-1)
    before = np.concatenate([np.full(lo.shape[:-1] + (1,), -np.inf), reach[..., :-1]], -1)
    start = live & (lo > before)
    after = np.concatenate([start[..., 1:] | ~live[..., 1:], np.ones(lo.shape[:-1] + (1,), bool)], -1)
    stop = live & after
    return np.stack([compact(np.where(start, lo, np.nan)), compact(np.where(stop, reach, np.nan))], -1)


def compact(a):
    """Move the non-NaN entries of the last axis to the front, keeping their order."""
    order = np.argsort(np.isnan(a), axis=-1, kind="stable")
    return np.take_along_axis(a, order, -1)


def to_list(padded):
    """Padded intervals (n, 2) of one scenario as a list of [lo, hi] floats."""
    padded = np.asarray(padded)
    return [[float(a), float(b)] for a, b in padded if not np.isnan(a)]


def total_length(padded):
    """Total length of padded interval unions (..., n, 2)."""
    return np.nansum(padded[..., 1] - padded[..., 0], axis=-1)
