"""Hypothesis strategies of single negotiations aimed at the numeric edges of the kernel: typed-in
decimals whose thresholds coincide on paper, ZOPAs that are one point on paper (at x = 1 or
r_P = r_H), gapped frontiers (split win-sets without side payments) and extreme magnitudes.

``scenario()`` draws (home, partner, power, scale): kernel arrays of one scenario at unit scale,
and a factor by which every utility may be rescaled.
"""
import numpy as np
from hypothesis import strategies as st

from twolevel.negotiation.arrays import side_arrays

tenths = st.integers(-15, 15).map(lambda i: i / 10)
positive = st.integers(1, 25).map(lambda i: i / 10)


@st.composite
def constituencies(draw, sign, m):
    """m constituencies; each may copy an earlier one times 2, 3 or 1/2 (same threshold on paper,
    different floats)."""
    e, k, v0, w = [], [], [], []
    for j in range(m):
        if j and draw(st.booleans()):
            i = draw(st.integers(0, j - 1))
            f = draw(st.sampled_from([2.0, 3.0, 0.5]))
            e.append(round(f * e[i], 10))
            k.append(round(f * k[i], 10))
            v0.append(round(f * v0[i], 10))
        else:
            e.append(draw(tenths))
            k.append(draw(st.sampled_from([sign, -sign, 0.0])) * draw(positive))
            v0.append(draw(tenths))
        w.append(draw(st.sampled_from([1.0, 2.0, 0.5])))
    return dict(e=e, k=k, v0=v0, w=w)


@st.composite
def side(draw, sign):
    m = draw(st.integers(0, 3))
    return dict(gain=draw(tenths), rate=draw(positive), batna=draw(tenths),
                funds_cost=draw(st.sampled_from([1.0, 1.5])),
                budget=draw(st.sampled_from([np.inf, 0.0, 0.3])),
                quota=draw(st.sampled_from([0.5, 1.0, 0.4, 2 / 3])),
                discount=draw(st.sampled_from([0.5, 0.9, 0.95])),
                **draw(constituencies(sign, m)))


@st.composite
def scenario(draw):
    home, partner = draw(side(-1.0)), draw(side(1.0))
    kind = draw(st.sampled_from(["typed", "point at 1", "point", "gapped"]))
    if kind == "point at 1":          # r_P = (d_P - g_P) / c_P = 1 on paper
        partner["batna"] = round(partner["gain"] + partner["rate"], 10)
    elif kind == "point":             # r_P = r_H on paper, both rates 1
        home["rate"] = partner["rate"] = 1.0
        r = draw(st.integers(0, 10)) / 10
        partner["batna"] = round(partner["gain"] + r, 10)
        home["batna"] = round(home["gain"] - r, 10)
    elif kind == "gapped":            # W_H = [0, a] and [b, 1], no side payments
        a, b = sorted(draw(st.lists(st.integers(1, 9), min_size=2, max_size=2, unique=True)))
        home.update(e=[a / 10, -b / 10], k=[-1.0, 1.0], v0=[0.0, 0.0], w=[1.0, 1.0], quota=0.5,
                    budget=0.0)
    power = draw(st.sampled_from([0.0, 0.3, 0.5, 1.0]))
    scale = 10.0 ** draw(st.integers(-100, 100))
    return side_arrays((1,), **home), side_arrays((1,), **partner), np.array([power]), scale


def rescaled(side, a):
    """Every utility of ``side`` times a."""
    from dataclasses import replace
    return replace(side, gain=a * side.gain, rate=a * side.rate, batna=a * side.batna,
                   budget=a * side.budget, e=a * side.e, k=a * side.k, v0=a * side.v0)
