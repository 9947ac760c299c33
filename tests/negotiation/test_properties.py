"""Properties of the solutions (MODEL.md section 1) on random negotiations.

Efficiency and individual rationality are checked with the reference solver's brute-force
callables on its grid of F; the comparative statics compare two kernel calls.
"""
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from scenarios import SHAPES, batch, log_uniform
from twolevel.negotiation.arrays import side_arrays
from twolevel.negotiation.intervals import total_length
from twolevel.negotiation.kernel import SOLUTIONS, solve_arrays
from twolevel.negotiation.reference import Reference

TOL = 1e-9
seeds = st.integers(0, 2**32 - 1)
solutions = st.sampled_from(SOLUTIONS)


@settings(max_examples=25, deadline=None)
@given(seed=seeds, solution=solutions)
def test_outcome_is_feasible_rational_and_efficient(seed, solution):
    """x* in F, s_H, s_P >= 0, and no point of F's grid dominates x* (both surpluses at least
    as large, one larger by more than TOL)."""
    rng = np.random.default_rng(seed)
    for m_home, m_partner in SHAPES:
        home, partner, power = batch(rng, 6, m_home, m_partner)
        out = solve_arrays(home, partner, power, solution, intervals=False)
        for i in np.flatnonzero(out.agreement):
            ref = Reference.from_arrays(home, partner, power, i)
            x = out.concession[i]
            assert ref.feasible(x, TOL), (ref.home, ref.partner, x)
            s_home, s_partner = ref.surpluses(x)
            assert s_home >= -TOL and s_partner >= -TOL
            g_home, g_partner, margin = ref._on_grid
            inside = margin >= 0
            better = inside & (((g_home > s_home + TOL) & (g_partner >= s_partner - 1e-12))
                               | ((g_partner > s_partner + TOL) & (g_home >= s_home - 1e-12)))
            assert not better.any(), (ref.home, ref.partner, ref.power, x,
                                      ref.grid[better][:3], s_home, s_partner)


def rescale(side, a, b):
    """The side's utility rescaled: U -> a U + b (gain, batna shifted; rates, constituency values
    and budget scaled so that S -> a S)."""
    return replace(side, gain=a * side.gain + b, rate=a * side.rate, batna=a * side.batna + b,
                   budget=a * side.budget, e=a[:, None] * side.e, k=a[:, None] * side.k,
                   v0=a[:, None] * side.v0)


@settings(max_examples=25, deadline=None)
@given(seed=seeds, solution=solutions, which=st.sampled_from(["home", "partner", "both"]))
def test_invariant_to_affine_rescaling(seed, solution, which):
    """Nash and KS (and Rubinstein, whose frontier only rescales) are invariant to U -> a U + b
    for either side, a > 0."""
    rng = np.random.default_rng(seed)
    for m_home, m_partner in SHAPES:
        n = 24
        home, partner, power = batch(rng, n, m_home, m_partner)
        base = solve_arrays(home, partner, power, solution)
        a = log_uniform(rng, 0.1, 10, (2, n))
        b = rng.uniform(-5, 5, (2, n))
        if which in ("home", "both"):
            home = rescale(home, a[0], b[0])
        if which in ("partner", "both"):
            partner = rescale(partner, a[1], b[1])
        out = solve_arrays(home, partner, power, solution, intervals=False)
        # a ZOPA of one point (e.g. a typed-in threshold at exactly 1) can vanish by rounding
        wide = total_length(base.zopa) > 1e-9
        assert np.array_equal(out.agreement[wide], base.agreement[wide])
        both = out.agreement & base.agreement
        assert np.allclose(out.concession[both], base.concession[both], rtol=0, atol=1e-8)
        if which != "partner":
            a_home, b_home = a[0][both], b[0][both]
            assert np.allclose(out.home_utility[both], a_home * base.home_utility[both] + b_home,
                               rtol=1e-9, atol=1e-9)
            assert np.allclose(out.side_payment_home[both], a_home * base.side_payment_home[both],
                               rtol=1e-9, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(seed=seeds, solution=solutions)
def test_concession_never_falls_when_home_batna_falls(seed, solution):
    """With Home's constituencies losing (slopes <= 0) and Partner's gaining (>= 0) from x, U_H is
    non-increasing and U_P non-decreasing: a lower d_H never lowers the concession."""
    rng = np.random.default_rng(seed)
    for m_home, m_partner in SHAPES:
        home, partner, power = batch(rng, 24, m_home, m_partner, monotone=True)
        base = solve_arrays(home, partner, power, solution, intervals=False)
        weaker = replace(home, batna=home.batna - rng.uniform(0, 0.5, home.n))
        out = solve_arrays(weaker, partner, power, solution, intervals=False)
        assert np.all(out.agreement[base.agreement])          # F only grows
        both = base.agreement
        assert np.all(out.concession[both] >= base.concession[both] - TOL), (
            np.flatnonzero(out.concession[both] < base.concession[both] - TOL))


def test_batna_monotonicity_needs_monotone_utilities():
    """The slope condition above is needed. Home pays a winner from concessions (loss 3 (1 - x)),
    Partner a loser (loss 3 x), lam = 1: s_H = 2 x - 2 - d_H rises and s_P = -2 x - d_P falls
    in x, so a weaker Home (d_H from -2 to -4: s_H = 2 x + 2) gets less by a lower x. On F = [0, 1]:
    Nash (theta 1/2) maximises x (1 - x), then (1 + x)(1 - x): 1/2 -> 0. KS: x / 1 = 1 - x, then
    (1 + x) / 2 = 1 - x: 1/2 -> 1/3. Rubinstein (delta 1/2), phi(p) = 2 - p, then 4 - p:
    p* = 2 (1/2) / (3/4) = 4/3, then min(8/3, M_P = 2) = 2, and x* = 1 - p* / 4: 2/3 -> 1/2."""
    def concessions(d_home):
        home = side_arrays((1,), gain=1.0, rate=1.0, batna=d_home, discount=0.5, e=[0.0],
                           k=[3.0], v0=[3.0], w=[1.0])
        partner = side_arrays((1,), gain=0.0, rate=1.0, batna=-2.0, discount=0.5, e=[0.0],
                              k=[-3.0], v0=[0.0], w=[1.0])
        return [solve_arrays(home, partner, np.array([0.5]), sol).concession[0] for sol in SOLUTIONS]
    assert concessions(-2.0) == pytest.approx([1 / 2, 1 / 2, 2 / 3], abs=1e-12)
    assert concessions(-4.0) == pytest.approx([0, 1 / 3, 1 / 2], abs=1e-12)


@settings(max_examples=25, deadline=None)
@given(seed=seeds, solution=solutions)
def test_narrower_home_winset_never_raises_concession(seed, solution):
    """Tied hands: Home without side payments (budget 0), its constituencies veto players
    (quota 1). Raising the status_quo of a losing one (slope < 0) moves its threshold left, so
    F shrinks to F ∩ [0, t']; the concession never rises."""
    rng = np.random.default_rng(seed)
    for m_home, m_partner in [(mh, mp) for mh in (1, 2, 3) for mp in (0, 1, 2)]:
        home, partner, power = batch(rng, 24, m_home, m_partner)
        home = replace(home, budget=np.zeros(home.n), quota=np.ones(home.n))
        j = rng.integers(0, m_home, home.n)
        rows = np.arange(home.n)
        home = replace(home, k=home.k.copy())
        home.k[rows, j] = -np.abs(home.k[rows, j]) - 0.1
        base = solve_arrays(home, partner, power, solution, intervals=False)
        v0 = home.v0.copy()
        v0[rows, j] += rng.uniform(0, 0.5, home.n)
        out = solve_arrays(replace(home, v0=v0), partner, power, solution, intervals=False)
        assert np.all(base.agreement[out.agreement])            # F only shrinks
        both = out.agreement
        assert np.all(out.concession[both] <= base.concession[both] + TOL), (
            np.flatnonzero(out.concession[both] > base.concession[both] + TOL))


def test_narrower_winset_can_raise_concession_without_veto():
    """The veto condition above is needed. With quota 0.5 a loser (supports x <= 0.6 - v0) and a
    winner (x >= 0.8) each suffice: W_H = [0, 0.6 - v0] ∪ [0.8, 1]. With r_P = 0, r_H = 1 and
    theta = 1/2 Nash maximises x (1 - x): x* = 0.5 for v0 = 0, but for v0 = 0.5, W_H = [0, 0.1] ∪
    [0.8, 1] and 0.8 (0.16) beats 0.1 (0.09)."""
    def nash(v0):
        home = side_arrays((1,), gain=1.0, rate=1.0, batna=0.0, budget=0.0, quota=0.5,
                           e=[0.6, -0.8], k=[-1.0, 1.0], v0=[v0, 0.0], w=[1.0, 1.0])
        partner = side_arrays((1,), gain=0.0, rate=1.0, batna=0.0)
        return solve_arrays(home, partner, np.array([0.5])).concession[0]
    assert nash(0.0) == pytest.approx(0.5, abs=1e-12)
    assert nash(0.5) == pytest.approx(0.8, abs=1e-12)


@settings(max_examples=25, deadline=None)
@given(seed=seeds, solution=solutions)
def test_empty_zopa_gives_no_agreement_and_nan_terms(seed, solution):
    """r_P > r_H: side payments only lower utilities, so F is empty."""
    rng = np.random.default_rng(seed)
    for m_home, m_partner in SHAPES:
        home, partner, power = batch(rng, 8, m_home, m_partner)
        gap = rng.uniform(1e-6, 0.5, home.n)
        r_home = (home.gain - home.batna) / home.rate
        partner = replace(partner, batna=partner.gain + partner.rate * (r_home + gap))
        out = solve_arrays(home, partner, power, solution)
        assert not out.agreement.any()
        for field in ("concession", "home_utility", "partner_utility", "side_payment_home",
                      "side_payment_partner", "payments_home", "payments_partner", "zopa"):
            assert np.isnan(getattr(out, field)).all(), field
        assert not Reference.from_arrays(home, partner, power, 0).solve(solution).agreement


@settings(max_examples=15, deadline=None)
@given(seed=seeds)
def test_limits_are_the_ends_of_f(seed):
    """limit_partner = min F and limit_home = max F: the ends of the ZOPA's interval union, by
    the reference's feasibility test just inside and outside them; NaN exactly without agreement."""
    rng = np.random.default_rng(seed)
    for m_home, m_partner in SHAPES:
        home, partner, power = batch(rng, 8, m_home, m_partner)
        out = solve_arrays(home, partner, power, "nash")
        empty = np.isnan(out.zopa[:, 0, 0])
        assert (np.isnan(out.limit_home) == empty).all() and (empty == ~out.agreement).all()
        assert (np.isnan(out.limit_partner) == empty).all()
        lo, hi = out.zopa[~empty, 0, 0], np.nanmax(out.zopa[~empty, :, 1], -1)
        assert np.array_equal(out.limit_partner[~empty], lo)
        assert np.array_equal(out.limit_home[~empty], hi)
        for i in np.flatnonzero(~empty):
            ref = Reference.from_arrays(home, partner, power, i)
            assert ref.feasible(out.limit_home[i], TOL) and ref.feasible(out.limit_partner[i], TOL)
            assert not ref.feasible(out.limit_home[i] + 1e-6, 0.0) or out.limit_home[i] > 1 - 1e-6
            assert not ref.feasible(out.limit_partner[i] - 1e-6, 0.0) or out.limit_partner[i] < 1e-6
