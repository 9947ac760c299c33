"""Kernel inputs of MODEL.md section 5, flattened to N scenarios.

Governments: gH, dH (d_H = d0_H - pi_H), lam (lam_H), B (B_H), q (quota), theta; gP, dP.
Issues: cH, cP (N, K). Agencies: e, v0 (status quo with publicity), w, beta (internal budget)
(N, A) and slopes k (N, A, K).
"""
from dataclasses import dataclass, fields

import numpy as np


@dataclass(frozen=True, eq=False)
class IssueArrays:
    gH: np.ndarray
    dH: np.ndarray
    lam: np.ndarray
    B: np.ndarray
    q: np.ndarray
    theta: np.ndarray
    gP: np.ndarray
    dP: np.ndarray
    cH: np.ndarray
    cP: np.ndarray
    e: np.ndarray
    v0: np.ndarray
    w: np.ndarray
    beta: np.ndarray
    k: np.ndarray

    @property
    def n(self) -> int:
        return self.gH.shape[0]

    @property
    def K(self) -> int:
        return self.cH.shape[1]

    @property
    def A(self) -> int:
        return self.e.shape[1]

    def take(self, idx) -> "IssueArrays":
        """The scenarios ``idx`` (an index array or slice along the first axis)."""
        return IssueArrays(**{f.name: getattr(self, f.name)[idx] for f in fields(self)})

    @classmethod
    def build(cls, shape, *, cH, cP, e, v0, w, beta, k, **scalars) -> "IssueArrays":
        """Broadcast to ``shape`` and flatten; list arguments give one entry per issue or agency
        (``k``: per agency, one slope per issue)."""
        n = int(np.prod(shape, dtype=np.int64))

        def flat(x):
            return np.ascontiguousarray(np.broadcast_to(np.asarray(x, float), shape).reshape(n))

        def stack(xs, tail=()):
            return np.stack([flat(x) for x in xs], -1) if xs else np.zeros((n, 0) + tail)

        K = len(cH)
        slopes = (np.stack([stack(row) for row in k], 1) if k else np.zeros((n, 0, K)))
        return cls(**{name: flat(x) for name, x in scalars.items()}, cH=stack(cH), cP=stack(cP),
                   e=stack(e), v0=stack(v0), w=stack(w), beta=stack(beta), k=slopes)
