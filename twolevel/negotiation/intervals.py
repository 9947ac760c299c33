"""Interval helpers on arrays: half-lines of linear inequalities and padded unions of intervals.

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


def to_list(padded):
    """Padded intervals (n, 2) of one scenario as a list of [lo, hi] floats."""
    padded = np.asarray(padded)
    return [[float(a), float(b)] for a, b in padded if not np.isnan(a)]


def total_length(padded):
    """Total length of padded interval unions (..., n, 2)."""
    return np.nansum(padded[..., 1] - padded[..., 0], axis=-1)
