"""Random benchmark scenarios as kernel arrays.

``veto(n, seed)``: Nash with one veto constituency per side (quota 1): Home's farmers lose from
concessions (slope < 0), Partner's exporters gain from them (slope > 0); every parameter random.
``linear(n, seed)``: the plain linear problem (no constituencies), reservation points
0 < r_P < r_H < 1 so that the BATNAs lie inside both utility ranges on [0, 1].
"""
import numpy as np

from twolevel.negotiation.arrays import side_arrays

HOME_RANGES = dict(gain=(0.5, 1.5), rate=(0.5, 2.0), batna=(0.0, 0.6), funds_cost=(1.0, 2.0),
                   e=(0.0, 0.6), slope=(0.2, 2.0))
PARTNER_RANGES = dict(gain=(-0.5, 0.2), rate=(0.5, 2.0), batna=(-0.3, 0.3), funds_cost=(1.0, 2.0),
                      e=(-0.6, 0.0), slope=(0.2, 2.0))


def _draw(rng, n, ranges):
    return {key: rng.uniform(lo, hi, n) for key, (lo, hi) in ranges.items()}


def veto_params(n, seed=0):
    """Parameters (dicts of (n,) arrays) of n random one-veto-per-side scenarios."""
    rng = np.random.default_rng(seed)
    home, partner = _draw(rng, n, HOME_RANGES), _draw(rng, n, PARTNER_RANGES)
    home["slope"] = -home["slope"]
    return home, partner, rng.uniform(0.0, 1.0, n)


def _side(p, n):
    return side_arrays((n,), gain=p["gain"], rate=p["rate"], batna=p["batna"],
                       funds_cost=p["funds_cost"], quota=1.0, e=[p["e"]], k=[p["slope"]],
                       v0=[0.0], w=[1.0])


def veto(n, seed=0):
    """(home, partner, power) kernel arrays of n random one-veto-per-side scenarios."""
    home, partner, power = veto_params(n, seed)
    return _side(home, n), _side(partner, n), power


def linear_params(n, seed=0):
    """n plain linear problems: dict of (n,) arrays g_H, c_H, d_H, g_P, c_P, d_P (and r_H, r_P)."""
    rng = np.random.default_rng(seed)
    r = np.sort(rng.uniform(0.0, 1.0, (n, 2)), -1)
    g_h, c_h = rng.uniform(0.5, 1.5, n), rng.uniform(0.5, 2.0, n)
    g_p, c_p = rng.uniform(-0.5, 0.5, n), rng.uniform(0.5, 2.0, n)
    return dict(g_H=g_h, c_H=c_h, d_H=g_h - c_h * r[:, 1], g_P=g_p, c_P=c_p,
                d_P=g_p + c_p * r[:, 0], r_H=r[:, 1], r_P=r[:, 0])


def linear(p):
    """Kernel arrays (home, partner, power = 1/2) of ``linear_params(...)``."""
    n = len(p["g_H"])
    home = side_arrays((n,), gain=p["g_H"], rate=p["c_H"], batna=p["d_H"])
    partner = side_arrays((n,), gain=p["g_P"], rate=p["c_P"], batna=p["d_P"])
    return home, partner, np.full(n, 0.5)
