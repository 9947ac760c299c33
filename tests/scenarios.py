"""Random batches of negotiations for the kernel-versus-reference and property tests.

A batch has a fixed number of constituencies per side (the kernel's arrays are (N, m)); parameters
mix generic values with the edge values of their rules (budget 0 and inf, funds_cost 1, power 0 and
1, quota 1, slope 0).
"""
from dataclasses import replace

import numpy as np

from twolevel.negotiation.arrays import side_arrays


def _pick(rng, n, options, p):
    """Per scenario, one of ``options`` (arrays (n,) or scalars) with probabilities ``p``."""
    which = rng.choice(len(options), size=n, p=p)
    out = np.empty(n)
    for j, opt in enumerate(options):
        out[which == j] = np.broadcast_to(opt, (n,))[which == j]
    return out


def log_uniform(rng, lo, hi, size):
    return np.exp(rng.uniform(np.log(lo), np.log(hi), size))


def _constituencies(rng, n, m, sign, monotone):
    """(e, k, v0, w) lists for m constituencies; slopes mostly of ``sign`` (Home's losers have
    k < 0, Partner's k > 0), some of the other sign or 0 unless ``monotone``."""
    cols = []
    for _ in range(m):
        size = log_uniform(rng, 0.1, 3.0, n)
        p = (0.8, 0.0, 0.2) if monotone else (0.6, 0.25, 0.15)
        k = _pick(rng, n, (sign * size, -sign * size, 0.0), p)
        e = rng.uniform(-1, 1, n)
        t = rng.uniform(-0.2, 1.2, n)                     # threshold (v0 - e) / k
        v0 = np.where(k != 0, e + k * t, e + rng.uniform(-0.3, 0.3, n))
        typed = rng.random(n) < 0.3      # typed-in values: v_i(t_i) may round either way
        e, k, v0 = (np.where(typed, np.round(a, r), a) for a, r in ((e, 2), (k, 1), (v0, 2)))
        cols.append((e, k, v0, log_uniform(rng, 0.2, 5.0, n)))
    return [list(c) for c in zip(*cols)] if cols else [[], [], [], []]


def batch(rng, n, m_home, m_partner, monotone=False):
    """(home, partner, power): n random negotiations as kernel arrays.

    With ``monotone`` Home's constituencies have slopes <= 0 and Partner's >= 0, so U_H is
    non-increasing and U_P non-decreasing in x.
    """
    def side(sign, m):
        g = rng.uniform(-1, 2, n)
        c = log_uniform(rng, 0.2, 3.0, n)
        e, k, v0, w = _constituencies(rng, n, m, sign, monotone)
        return dict(gain=g, rate=c, e=e, k=k, v0=v0, w=w,
                    funds_cost=_pick(rng, n, (1.0, rng.uniform(1, 3, n)), (0.5, 0.5)),
                    budget=_pick(rng, n, (np.inf, 0.0, rng.uniform(0, 0.6, n)), (0.4, 0.2, 0.4)),
                    quota=_pick(rng, n, (rng.uniform(0.05, 1, n), 1.0, 0.5), (0.6, 0.2, 0.2)),
                    discount=rng.uniform(0.05, 0.99, n))

    home, partner = side(-1.0, m_home), side(1.0, m_partner)
    r_partner = rng.uniform(-0.3, 0.8, n)
    r_home = r_partner + rng.uniform(-0.2, 1.0, n)
    home["batna"] = home["gain"] - home["rate"] * r_home            # r_H = (g_H - d_H) / c_H
    partner["batna"] = partner["gain"] + partner["rate"] * r_partner  # r_P = (d_P - g_P) / c_P
    power = _pick(rng, n, (rng.uniform(0, 1, n), 0.0, 1.0, 0.5), (0.7, 0.1, 0.1, 0.1))
    return side_arrays((n,), **home), side_arrays((n,), **partner), power


SHAPES = [(mh, mp) for mh in range(4) for mp in range(4)]


def with_modes(rng, side, p_ex_post=0.5):
    """``side`` with random ratification modes (ex post with probability ``p_ex_post``) and veto
    rents (0, 1 or uniform)."""
    n = side.n
    return replace(side, ex_post=rng.random(n) < p_ex_post,
                   veto_rent=_pick(rng, n, (0.0, 1.0, rng.uniform(0, 1, n)), (0.3, 0.2, 0.5)))
