"""Random sides with mixed constituencies, and brute-force quota checks, for the tests."""
import numpy as np

from twolevel.negotiation.arrays import side_arrays
from twolevel.negotiation.reference import SidePayment, SideParams


def random_side(rng, n, m):
    """n scenarios of one side with m constituencies of mixed slopes (weights, quota varied)."""
    k = rng.choice([-1.0, 1.0, 0.0], size=(n, m), p=[0.5, 0.35, 0.15]) * rng.uniform(0.1, 3, (n, m))
    e = rng.uniform(-1, 1, (n, m))
    v0 = e + np.where(k != 0, k, 1.0) * rng.uniform(-0.3, 1.3, (n, m))
    w = rng.choice([1.0, 2.0], size=(n, m)) if rng.random() < 0.3 else rng.uniform(0.1, 5, (n, m))
    if rng.random() < 0.5:       # typed-in values: v_i(t_i) may round to either side of v0_i
        e, k, v0 = np.round(e, 2), np.round(k, 1), np.round(v0, 2)
    quota = rng.choice([rng.uniform(0.05, 1), 1.0, 0.5])
    return side_arrays((n,), gain=0.0, rate=1.0, batna=0.0, quota=np.full(n, quota),
                       e=list(e.T), k=list(k.T), v0=list(v0.T), w=list(w.T))


def brute_force(side, i):
    return SidePayment(SideParams.from_arrays(side, i))
