"""Ratification by weighted quota and the cheapest winning coalition's side payments.

A side ratifies iff its supporters' weight is at least q times its total weight. The cheapest side
payment is S(x) = min over winning coalitions C of sum_{i in C} l_i(x), with the loss
l_i(x) = max(0, v0_i - e_i - k_i x). It is exact: every coalition is enumerated, so a side may have
at most MAX_CONSTITUENCIES constituencies (2^16 coalitions).
"""
import numpy as np

from ..common.errors import TwoLevelError

MAX_CONSTITUENCIES = 16
QUOTA_TOL = 1e-12  # relative slack in the weight test, so that 0.1 + 0.2 >= 0.3 holds


def ratifies(support_weight, total_weight, quota):
    """The quota rule: support_weight >= q * total_weight (up to QUOTA_TOL relative)."""
    return support_weight >= quota * total_weight * (1 - QUOTA_TOL)


def losses(x, e, k, v0):
    """l_i(x) = max(0, v0_i - e_i - k_i x), broadcast over constituencies on the last axis."""
    return np.maximum(0.0, v0 - e - k * np.asarray(x)[..., None])


def masks(m):
    """All 2^m coalitions of m constituencies as a boolean (2^m, m) array."""
    if m > MAX_CONSTITUENCIES:
        raise TwoLevelError("constituencies", f"at most {MAX_CONSTITUENCIES} per side "
                            f"(exact coalition enumeration), got {m}")
    ids = np.arange(2 ** m)
    return ((ids[:, None] >> np.arange(m)) & 1).astype(bool)


def winning(mask, w, quota):
    """(N, n_coalitions) bool: coalition ``mask`` (n, m) meets the quota in each scenario."""
    return ratifies(w @ mask.T.astype(float), w.sum(-1, keepdims=True), quota[:, None])


def minimal_coalitions(w, quota):
    """Coalitions (n, m) that are minimal winning in at least one scenario.

    A cheapest winning coalition can always be taken minimal (losses are >= 0), so these suffice.
    Scenarios with equal weights and quota are handled once.
    """
    m = w.shape[-1]
    all_masks = masks(m)
    if m == 0:
        return all_masks
    rows = np.column_stack([w, quota])
    rows = rows[:1] if (rows == rows[:1]).all() else np.unique(rows, axis=0)
    win = winning(all_masks, rows[:, :m], rows[:, m])
    # removing member j from coalition c gives coalition c ^ (1 << j)
    ids = np.arange(2 ** m)
    drop = ids[:, None] ^ (1 << np.arange(m))
    still = win[:, drop] & all_masks[None]           # (rows, coalitions, members)
    minimal = win & ~still.any(-1)
    return all_masks[minimal.any(0)]


def cheapest(x, side, coalitions=None):
    """Cheapest side payment at concession x for each scenario of ``side`` (SideArrays).

    Returns (S, payments): S (N,) and payments (N, m) to the cheapest winning coalition's members.
    A side with no constituencies pays nothing.
    """
    x = np.asarray(x, float)
    if coalitions is None:
        coalitions = minimal_coalitions(side.w, side.quota)
    loss = losses(x, side.e, side.k, side.v0)                        # (N, m)
    cost = loss @ coalitions.T.astype(float)                          # (N, n)
    cost = np.where(winning(coalitions, side.w, side.quota), cost, np.inf)
    best = np.argmin(cost, axis=-1)
    total = np.take_along_axis(cost, best[:, None], -1)[:, 0]
    payments = np.where(coalitions[best], loss, 0.0)
    total = np.where(np.isnan(x), np.nan, total)
    return total, np.where(np.isnan(x)[..., None], np.nan, payments)
