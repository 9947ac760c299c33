"""Pinned examples of the numeric classes that once went wrong: floats equal on paper, support at
the ends of [0, 1], Rubinstein's largest root and discounts near 1, 16 constituencies per side,
and the scale of utilities and weights."""
import itertools
import math
from dataclasses import replace

import numpy as np
import pytest

from twolevel import Constituency, Negotiation, Side, solve
from twolevel.negotiation.arrays import side_arrays
from twolevel.negotiation.coalitions import cheapest
from twolevel.negotiation.intervals import to_list
from twolevel.negotiation.kernel import SOLUTIONS, solve_arrays
from twolevel.negotiation.reference import Reference
from twolevel.negotiation.winset import winset


def one_side(**kw):
    kw = dict(gain=0.0, rate=1.0, batna=0.0, quota=1.0) | kw
    return side_arrays((1,), **kw)


def test_thresholds_equal_on_paper_are_one_point():
    """2/7 as 0.2 / 0.7 and as 0.6 / 2.1 round to adjacent floats: one end, no NaN."""
    home = one_side(e=[0.2, 0.6], k=[-0.7, -2.1], v0=[0.0, 0.0], w=[1.0, 1.0])
    assert 0.2 / 0.7 != 0.6 / 2.1
    t = min(0.2 / 0.7, 0.6 / 2.1)                  # merged thresholds: the smallest
    assert to_list(winset(home)[0]) == [[0.0, t]]
    mirrored = one_side(e=[-0.2, -0.6], k=[0.7, 2.1], v0=[0.0, 0.0], w=[1.0, 1.0])
    assert to_list(winset(mirrored)[0]) == [[t, 1.0]]


def test_equal_thresholds_in_the_outcome_json():
    """The case as a Negotiation: the win-set ends are numbers in to_dict (no null end)."""
    cons = (Constituency("a", gain=0.2, slope=-0.7), Constituency("b", gain=0.6, slope=-2.1))
    out = solve(Negotiation(Side("H", gain=1.0, cost=1.0, batna=0.0, budget=0.0, quota=1.0,
                                 constituencies=cons),
                            Side("P", gain=0.0, benefit=1.0, batna=0.0)))
    assert out.to_dict()["winset"]["home"] == [[0.0, min(0.2 / 0.7, 0.6 / 2.1)]]
    assert out.concession == pytest.approx(2 / 7, abs=1e-15)


def test_ratified_only_at_one():
    """v = -0.9 + 0.2 x against -0.7: threshold 1 on paper, 1 + 2^-52 in floats."""
    assert (-0.7 - -0.9) / 0.2 > 1
    side = one_side(e=[-0.9], k=[0.2], v0=[-0.7], w=[1.0])
    assert to_list(winset(side)[0]) == [[1.0, 1.0]]


def test_single_point_zopa_at_one():
    """Partner's reservation point (d_P - g_P) / c_P = (-0.7 + 0.9) / 0.2 is 1 on paper."""
    home = one_side(gain=1.0, batna=-1.0, quota=0.5)
    partner = one_side(gain=-0.9, rate=0.2, batna=-0.7, quota=0.5)
    for solution in SOLUTIONS:
        out = solve_arrays(home, partner, 0.5, solution)
        assert out.agreement[0] and out.concession[0] == 1.0
        assert to_list(out.zopa[0]) == [[1.0, 1.0]]


def linear(delta_home, delta_partner, r_home=0.5, r_partner=0.1):
    """No constituencies: U_H = 1 - x, d_H = 1 - r_H; U_P = x, d_P = r_P."""
    home = one_side(gain=1.0, batna=1.0 - r_home, discount=delta_home)
    partner = one_side(gain=0.0, batna=r_partner, discount=delta_partner)
    return solve_arrays(home, partner, 0.5, "rubinstein").concession[0]


@pytest.mark.parametrize("eps_home, eps_partner", [
    (1e-3, 1e-3), (1e-9, 1e-9), (1e-12, 1e-12), (1e-12, 2e-12), (3e-12, 1e-12), (1e-12, 0.5)])
def test_rubinstein_as_discounts_approach_one(eps_home, eps_partner):
    """x* = r_P + y (r_H - r_P), y = delta_P eps_H / (eps_H + eps_P - eps_H eps_P) (MODEL.md 1.3,
    with eps = 1 - delta written out so that the closed form itself does not cancel)."""
    d_home, d_partner = 1 - eps_home, 1 - eps_partner
    e_home, e_partner = 1 - d_home, 1 - d_partner                     # the floats' own eps
    y = d_partner * e_home / (e_home + e_partner - e_home * e_partner)
    assert abs(linear(d_home, d_partner) - (0.1 + y * 0.4)) <= 1e-9


def test_rubinstein_takes_the_largest_root_of_a_gapped_frontier():
    """Home's win-set [0, 0.3] and [0.7, 1] (quota 0.5, no side payments), U_H = 1 - x, U_P = x,
    d = 0, delta_H = delta_P = 1/2: F = [0, 0.3] and [0.7, 1], phi(p) = 1 - p there and 0.3 on
    (0.3, 0.7). On [0.7, 1] p / 2 lies in (0.3, 0.5]: gap(p) = 1 - p - 0.15 >= 0 up to p* = 0.85,
    so Home offers s_P >= 0.425, the point x* = 0.7 (not the connected answer 1/3, outside F)."""
    home = one_side(gain=1.0, batna=0.0, budget=0.0, quota=0.5, e=[0.3, -0.7], k=[-1.0, 1.0],
                    v0=[0.0, 0.0], w=[1.0, 1.0], discount=0.5)
    partner = one_side(gain=0.0, batna=0.0, discount=0.5)
    out = solve_arrays(home, partner, 0.5, "rubinstein")
    assert out.concession[0] == pytest.approx(0.7, abs=1e-15)
    ref = Reference.from_arrays(home, partner, np.array([0.5]), 0)
    assert ref.gap(0.85) == pytest.approx(0.0, abs=1e-12)
    assert all(ref.gap(q) < 0 for q in np.linspace(0.85, 1.0, 200)[1:])


def test_rubinstein_asks_for_a_larger_work_array_and_then_agrees():
    """The gapped frontier above, its pieces built as the kernel builds them: with a work array
    too short for the frontier's points Rubinstein reports it (NaN, False) and the kernel grows
    its own; with one long enough it gives x* = 0.7."""
    from twolevel.negotiation.coalitions import envelope, prepare, work
    from twolevel.negotiation.pieces import build, pieces
    from twolevel.negotiation.rubinstein import rubinstein, work as rubinstein_work
    home = one_side(gain=1.0, batna=0.0, budget=0.0, quota=0.5, e=[0.3, -0.7], k=[-1.0, 1.0],
                    v0=[0.0, 0.0], w=[1.0, 1.0], discount=0.5)
    partner = one_side(gain=0.0, batna=0.0, discount=0.5)
    fs, counts = [], []
    for side in (home, partner):
        F, I, G = work(side.m, 64)
        need, ncoal, _ = prepare(0, side.e, side.k, side.v0, side.w, side.quota, -1, 0, F, I, G)
        counts.append(envelope(side.e[0], side.k[0], side.v0[0], need, ncoal, F, I))
        fs.append(F)
    pc = pieces(64)
    scalars = [tuple(float(getattr(s, f)[0]) for f in ("gain", "rate", "batna", "funds_cost",
                                                         "budget")) for s in (home, partner)]
    K = build(fs[0], counts[0], fs[1], counts[1], scalars[0], scalars[1], pc)
    x, done = rubinstein(pc, K, 0.5, 0.5, rubinstein_work(2 * K + 1))
    assert not done and math.isnan(x)
    x, done = rubinstein(pc, K, 0.5, 0.5, rubinstein_work(64))
    assert done and x == pytest.approx(0.7, abs=1e-15)


def test_distinct_sorts_and_keeps_each_value_once():
    from twolevel.negotiation.rubinstein import _distinct
    rng = np.random.default_rng(5)
    for n in (1, 2, 3, 10, 101):
        a = rng.integers(0, n, n).astype(float)
        want = np.unique(a)
        count = _distinct(a, n)
        assert count == len(want) and np.array_equal(a[:count], want)


def test_sixteen_equal_constituencies_per_side():
    """16 equal weights per side, quota 0.5 (12,870 minimal coalitions each): the cheapest side
    payment at x* is the sum of the 8 smallest losses, and the outcome is feasible."""
    rng = np.random.default_rng(16)
    m = 16
    home = side_arrays((1,), gain=1.2, rate=1.0, batna=0.2, quota=0.5,
                       e=list(rng.uniform(-0.3, 0.3, m)), k=list(-rng.uniform(0.2, 2.0, m)),
                       v0=[0.0] * m, w=[1.0] * m)
    partner = side_arrays((1,), gain=0.0, rate=1.0, batna=0.1, quota=0.5,
                          e=list(rng.uniform(-0.3, 0.3, m)), k=list(rng.uniform(0.2, 2.0, m)),
                          v0=[0.0] * m, w=[1.0] * m)
    for solution in SOLUTIONS:
        out = solve_arrays(home, partner, 0.5, solution)
        x = out.concession[0]
        assert out.agreement[0]
        loss = np.maximum(0.0, -home.e[0] - home.k[0] * x)
        assert out.side_payment_home[0] == pytest.approx(np.sort(loss)[:8].sum(), abs=1e-12)
        assert out.home_utility[0] >= 0.2 - 1e-12 and out.partner_utility[0] >= 0.1 - 1e-12


def test_sixteen_unequal_constituencies_match_enumeration():
    """Unequal weights (the minimal coalitions enumerated) at m = 16 against all 2^16 coalitions."""
    rng = np.random.default_rng(61)
    m = 16
    w = rng.uniform(0.5, 3.0, m)
    side = side_arrays((3,), gain=0.0, rate=1.0, batna=0.0, quota=0.6,
                       e=list(rng.uniform(-0.5, 0.5, (m, 3))), k=list(-rng.uniform(0.2, 2.0, (m, 3))),
                       v0=[0.0] * m, w=list(w))
    x = np.array([0.2, 0.5, 0.9])
    total, pay = cheapest(x, side)
    table = np.array(list(itertools.product((0.0, 1.0), repeat=m)))
    wins = table @ w >= 0.6 * w.sum() * (1 - 1e-12)
    for i in range(3):
        loss = np.maximum(0.0, -side.e[i] - side.k[i] * x[i])
        assert total[i] == pytest.approx((table[wins] @ loss).min(), abs=1e-12)


def scaled(side, a):
    """Every utility of ``side`` times a (S scales with it)."""
    return replace(side, gain=a * side.gain, rate=a * side.rate, batna=a * side.batna,
                   budget=a * side.budget, e=a * side.e, k=a * side.k, v0=a * side.v0)


@pytest.mark.parametrize("factor", [1e-162, 1e-100, 1e-30, 1e30, 1e100])
def test_rescaling_every_utility_changes_nothing(factor):
    """With one constituency per side and side payments, at 1e-162 a product of slopes
    underflowed to 0 (Nash and KS answered 0.125 instead of 0.377)."""
    home = one_side(gain=1.0, batna=0.2, budget=np.inf, e=[0.5], k=[-1.2], v0=[0.1], w=[1.0])
    partner = one_side(gain=0.1, rate=0.8, batna=0.2, e=[-0.1], k=[0.8], v0=[0.0], w=[1.0])
    for solution in SOLUTIONS:
        base = solve_arrays(home, partner, 0.4, solution)
        out = solve_arrays(scaled(home, factor), scaled(partner, factor), 0.4, solution)
        assert out.concession[0] == pytest.approx(base.concession[0], abs=1e-12)
        assert out.side_payment_home[0] == pytest.approx(factor * base.side_payment_home[0],
                                                         rel=1e-12)


def test_weights_of_1e308():
    """The quota test sums weights: 1e308 each must not overflow (weights enter relative to the
    largest)."""
    kw = dict(gain=1.0, batna=0.2, quota=0.5, e=[0.5, -0.1], k=[-1.2, 0.3], v0=[0.1, 0.0])
    partner = one_side(gain=0.1, rate=0.8, batna=0.2)
    big = solve_arrays(one_side(w=[1e308, 1e308], **kw), partner, 0.4)
    small = solve_arrays(one_side(w=[1.0, 1.0], **kw), partner, 0.4)
    assert big.concession[0] == small.concession[0]
    assert to_list(big.winset_home[0]) == to_list(small.winset_home[0])
    assert not math.isnan(big.concession[0])


def test_rubinstein_short_excursion_of_the_gap():
    """Found among 48,000 random scenarios: the gap's largest root lies in a short excursion that a
    32-point scan of [0, M_P] stepped over (x* was 0.42465, in Home's favour); the reference's
    finer scan and the exact fixed point agree on 0.48195."""
    home = side_arrays((1,), gain=1.3492048752929433, rate=0.40757210340469363,
                       batna=0.9386442890980209, funds_cost=2.912144058372574, budget=0.0,
                       quota=0.5, discount=0.9875030114955407,
                       e=[-0.58, -0.5354865746357185], k=[0.9, -0.17559675293032667],
                       v0=[-0.69, -0.5827755832195259], w=[0.6729094806537467, 0.2577504494407035])
    partner = side_arrays((1,), gain=0.5881668187677671, rate=0.20169647245744657,
                          batna=0.6353063093423846, budget=0.42398700326883737,
                          quota=0.14771814899998317, discount=0.5640876513636772,
                          e=[0.31959040108956627, -0.6563199319762136, 0.998259833097354],
                          k=[0.35399579045622304, 2.6127114463542696, 0.13466710265311652],
                          v0=[0.6458531987730548, 0.6290273412803766, 1.0907889620614757],
                          w=[0.7757746387228371, 0.7569358969065239, 0.7359998702400444])
    power = np.array([0.5])
    x = solve_arrays(home, partner, power, "rubinstein").concession[0]
    ref = Reference.from_arrays(home, partner, power, 0).solve("rubinstein")
    assert x == pytest.approx(ref.concession, abs=1e-9)
    assert x == pytest.approx(0.4819481948333702, abs=1e-9)
