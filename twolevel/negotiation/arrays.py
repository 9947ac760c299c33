"""Kernel inputs: one side of a negotiation as broadcast float64 arrays.

Scalars of a side have the scenario shape ``(N,)``; constituency parameters have shape ``(N, m)``.
"""
from dataclasses import dataclass, fields

import numpy as np


@dataclass(frozen=True, eq=False)
class SideArrays:
    """Side parameters in MODEL.md notation, flattened to N scenarios.

    gain g, rate c (Home's cost c_H, Partner's benefit c_P), batna d = d0 - pi, funds_cost lam,
    budget B, quota q, discount delta; constituencies: gain e, slope k, status_quo v0, weight w;
    the ratification mode as ``ex_post`` (bool: True = ex_post, False = committed) and the
    veto_rent eta (used by ``ratification.solve_ratified`` only; the kernel ignores them).
    """

    gain: np.ndarray
    rate: np.ndarray
    batna: np.ndarray
    funds_cost: np.ndarray
    budget: np.ndarray
    quota: np.ndarray
    discount: np.ndarray
    e: np.ndarray
    k: np.ndarray
    v0: np.ndarray
    w: np.ndarray
    ex_post: np.ndarray
    veto_rent: np.ndarray

    @property
    def n(self) -> int:
        return self.gain.shape[0]

    @property
    def m(self) -> int:
        return self.e.shape[-1]

    def take(self, idx) -> "SideArrays":
        """The scenarios ``idx`` (an index or slice along the first axis)."""
        return SideArrays(**{f.name: getattr(self, f.name)[idx] for f in fields(self)})


def spread(x, shape) -> np.ndarray:
    """``x`` broadcast to the scenario ``shape`` and flattened to a contiguous (N,) float array."""
    return np.ascontiguousarray(np.broadcast_to(np.asarray(x, float), shape).reshape(-1))


def concat(parts) -> SideArrays:
    """SideArrays stacked along the scenario axis."""
    return SideArrays(**{f.name: np.concatenate([getattr(p, f.name) for p in parts])
                         for f in fields(SideArrays)})


def side_arrays(shape, *, gain, rate, batna, funds_cost=1.0, budget=np.inf, quota=0.5,
                discount=0.95, e=(), k=(), v0=(), w=(), ex_post=False, veto_rent=0.0):
    """Broadcast side parameters to scenario ``shape`` and flatten to N = prod(shape).

    ``e, k, v0, w`` are sequences (one entry per constituency) of scalars or arrays; ``ex_post``
    is a bool (array): the side ratifies ex post.
    """
    n = int(np.prod(shape, dtype=np.int64))

    def flat(v):
        return spread(v, shape)

    def stack(vals):
        if len(vals) == 0:
            return np.zeros((n, 0))
        return np.stack([flat(v) for v in vals], axis=-1)

    return SideArrays(gain=flat(gain), rate=flat(rate), batna=flat(batna),
                      funds_cost=flat(funds_cost), budget=flat(budget), quota=flat(quota),
                      discount=flat(discount), e=stack(e), k=stack(k), v0=stack(v0), w=stack(w),
                      ex_post=np.ascontiguousarray(
                          np.broadcast_to(np.asarray(ex_post, bool), shape).reshape(-1)),
                      veto_rent=flat(veto_rent))
