"""Home's agencies: winning coalitions and the cheapest government payment at a package.

A coalition C wins iff its weight is at least q times the total (up to 1e-12 relative, so that
0.1 + 0.2 >= 0.3). At package x agency a has slack v_a(x) - v0_a; it can contribute
c_a = min(beta_a, slack_a) (a loser, slack < 0, needs -slack_a; a budget agency with slack pays up
to its budget beta_a). The government pays what the coalition's own money does not cover:
    G_C(x) = max(0, -sum_{a in C} min(beta_a, v_a(x) - v0_a)),
convex in x (MODEL.md section 1's S(x) when no agency holds a budget). G(x) = min over winning C.
"""
import itertools

import numpy as np

TOL = 1e-12


def winning(masks, w, q):
    """(N, C): coalition masks (C, A) meet the quota in each scenario (w (N, A), q (N,))."""
    return w @ masks.T.astype(float) >= (q * w.sum(-1) * (1 - TOL))[:, None]


def coalitions(w, q, beta):
    """(C, A) masks of the coalitions that can be the cheapest winning one in some scenario: a
    minimal winning coalition joined by any set of budget holders (beta > 0; a holder with slack
    lowers G). Unanimity (q = 1): all agencies."""
    A = w.shape[-1]
    if A == 0 or np.all(q >= 1):
        return np.ones((1, A), bool)
    holders = np.flatnonzero((beta > 0).any(0))
    extra = np.array([[a in s for a in range(A)] for r in range(len(holders) + 1)
                      for s in itertools.combinations(holders, r)], bool)
    return np.unique((minimal(w, q)[:, None] | extra[None]).reshape(-1, A), axis=0)


def minimal(w, q):
    """(C, A) masks of the coalitions that are minimal winning in some scenario."""
    A = w.shape[-1]
    rows = np.unique(np.column_stack([w, q]), axis=0)   # scenarios alike are checked once
    w, q = rows[:, :A], rows[:, A]
    ids = np.arange(2 ** A)
    masks = (ids[:, None] >> np.arange(A) & 1).astype(bool)
    win = winning(masks, w, q)                                       # (N, 2^A)
    # minimal: winning, and losing once any one member leaves (weights are positive)
    without = win[:, ids[:, None] ^ (1 << np.arange(A))] & masks      # (N, 2^A, A)
    minimal = win & ~without.any(-1)
    return masks[minimal.any(0)]


def slack(arr, x):
    """v_a(x) - v0_a (N, A) at packages x (N, K)."""
    return arr.e + np.einsum("nak,nk->na", arr.k, x) - arr.v0


def cheapest(arr, x, masks):
    """At packages x (N, K): (G, payments (N, A), internal, binding (N, A)): the government's
    payment G(x) (inf where no coalition wins), what each member of the cheapest winning
    coalition receives (max(0, -slack)), the part paid by budget agencies, and the members at or
    below their status quo (the agencies that bind)."""
    sl = slack(arr, x)
    contrib = np.minimum(arr.beta, sl)
    G = np.maximum(0.0, -(contrib @ masks.T.astype(float)))              # (N, C)
    G = np.where(winning(masks, arr.w, arr.q), G, np.inf)
    best = np.argmin(G, -1)
    member = masks[best]
    G = G[np.arange(len(best)), best]
    scale = 1e-9 * (1 + np.abs(arr.e) + np.abs(arr.v0))
    pay = np.where(member & (-sl > 1e-3 * scale), -sl, 0.0)     # no payments of rounding size
    return G, pay, pay.sum(-1) - np.where(np.isfinite(G), G, 0.0), member & (sl <= scale)
