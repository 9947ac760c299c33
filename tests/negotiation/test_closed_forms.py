"""The kernels (and the reference solver) reproduce the closed forms of MODEL.md section 1.

Expected values are the sympy-derived expressions of ``twolevel.negotiation.symbolic``, lambdified; the kernel
must match them to 1e-9 on random arrays of negotiations.
"""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from scenarios import log_uniform
from twolevel.negotiation import symbolic as s
from twolevel.negotiation.arrays import side_arrays
from twolevel.negotiation.kernel import solve_arrays
from twolevel.negotiation.nash import stationary
from twolevel.negotiation.ratification import solve_ratified
from twolevel.negotiation.reference import Reference

N = 2000
TOL = 1e-9
seeds = st.integers(0, 2**32 - 1)


def formula(expr, *symbols):
    return sp.lambdify(symbols, expr, "numpy")


class Case:
    """n linear negotiations with 0 <= r_P < r_H <= 1 (a non-empty ZOPA inside [0, 1])."""

    def __init__(self, rng, n):
        self.rng, self.n = rng, n
        self.r_P = rng.uniform(0, 0.5, n)
        self.r_H = np.minimum(1.0, self.r_P + rng.uniform(0.02, 0.6, n))
        self.g_H, self.c_H = rng.uniform(-1, 2, n), log_uniform(rng, 0.2, 3, n)
        self.g_P, self.c_P = rng.uniform(-1, 1, n), log_uniform(rng, 0.2, 3, n)
        self.d_H = self.g_H - self.c_H * self.r_H
        self.d_P = self.g_P + self.c_P * self.r_P
        self.theta = rng.uniform(0, 1, n)
        self.delta_H, self.delta_P = rng.uniform(0.05, 0.99, (2, n))
        self.veto = {}

    def home_veto(self, w, l, budget, funds_cost=1.0, quota=1.0, ex_post=False, veto_rent=0.0):
        """One Home constituency with slope -l and threshold w: v = e - l x, v0 = e - l w; Home
        ratifies ``ex_post`` (else committed) with ``veto_rent``."""
        e = self.rng.uniform(-1, 1, self.n)
        self.veto = dict(e=[e], k=[-l], v0=[e - l * w], w=[np.ones(self.n)], budget=budget,
                         funds_cost=funds_cost, quota=quota, ex_post=ex_post, veto_rent=veto_rent)
        return self

    def solve(self, solution):
        home = side_arrays((self.n,), gain=self.g_H, rate=self.c_H, batna=self.d_H,
                           discount=self.delta_H, **self.veto)
        partner = side_arrays((self.n,), gain=self.g_P, rate=self.c_P, batna=self.d_P,
                              discount=self.delta_P)
        self.arrays = home, partner, self.theta
        return solve_ratified(home, partner, self.theta, solution)

    def reference(self, solution, i):
        return Reference.from_arrays(*self.arrays, i).solve(solution)


def capped(seed):
    """N linear negotiations and a ratification cap w in (r_P, r_H): one Home veto constituency
    with threshold w, no side payments (budget 0), so F = [r_P, w]."""
    rng = np.random.default_rng(seed)
    c = Case(rng, N)
    w = rng.uniform(c.r_P + 0.005, c.r_H - 0.005)
    return c.home_veto(w, log_uniform(rng, 0.2, 3, N), budget=0.0), w


def check(case, solution, expected, payment=None):
    out = case.solve(solution)
    assert out.agreement.all()
    np.testing.assert_allclose(out.concession, expected, rtol=0, atol=TOL)
    if payment is not None:
        np.testing.assert_allclose(out.side_payment_home, payment, rtol=0, atol=TOL)
    # the reference solver agrees too (a few scenarios: it is slow)
    for i in range(3):
        assert case.reference(solution, i).concession == pytest.approx(expected[i], abs=1e-7)


@settings(max_examples=5, deadline=None)
@given(seed=seeds)
def test_nash_linear(seed):
    c = Case(np.random.default_rng(seed), N)
    check(c, "nash", formula(s.nash_linear(), s.theta, s.r_H, s.r_P)(c.theta, c.r_H, c.r_P))


@settings(max_examples=5, deadline=None)
@given(seed=seeds)
def test_nash_stretch_is_the_kernels_stationary_point(seed):
    rng = np.random.default_rng(seed)
    a_home, a_partner, theta = rng.uniform(-2, 2, (3, N))
    theta = np.abs(theta) / 2
    b_home, b_partner = -log_uniform(rng, 0.1, 5, N), log_uniform(rng, 0.1, 5, N)
    want = formula(s.nash_stretch(), s.A, s.C, s.D, s.E, s.d_H, s.d_P, s.theta)(
        a_home, -b_home, a_partner, b_partner, 0.0, 0.0, theta)
    np.testing.assert_allclose(stationary(a_home, b_home, a_partner, b_partner, theta), want,
                               rtol=1e-12, atol=1e-12)


@settings(max_examples=5, deadline=None)
@given(seed=seeds)
def test_tied_hands(seed):
    """No side payments (budget 0), W_H = [0, w]: x* = min(x_N, w)."""
    rng = np.random.default_rng(seed)
    c = Case(rng, N)
    w = rng.uniform(c.r_P + 0.01, 1.0)
    c.home_veto(w, log_uniform(rng, 0.2, 3, N), budget=0.0, quota=rng.uniform(0.1, 1, N))
    check(c, "nash", formula(s.tied_hands(), s.theta, s.r_H, s.r_P, s.w)(c.theta, c.r_H, c.r_P, w),
          payment=np.zeros(N))


@settings(max_examples=5, deadline=None)
@given(seed=seeds)
def test_one_veto_with_side_payments(seed):
    """Side payments allowed (budget B, cost lam): x_N, x' capped at w + B / l, or w."""
    rng = np.random.default_rng(seed)
    c = Case(rng, N)
    w = rng.uniform(c.r_P + 0.01, np.minimum(1.0, c.r_H + 0.2))
    l = log_uniform(rng, 0.2, 3, N)
    lam = np.where(rng.random(N) < 0.3, 1.0, rng.uniform(1, 3, N))
    budget = np.where(rng.random(N) < 0.4, np.inf, rng.uniform(0, 0.1, N))
    c.home_veto(w, l, budget=budget, funds_cost=lam, quota=rng.uniform(0.1, 1, N))
    args = (s.theta, s.r_H, s.r_P, s.g_H, s.d_H, s.c_H, s.lam, s.l, s.w, s.B)
    values = (c.theta, c.r_H, c.r_P, c.g_H, c.d_H, c.c_H, lam, l, w, budget)
    check(c, "nash", formula(s.one_veto(), *args)(*values),
          payment=formula(s.one_veto_payment(), *args)(*values))


@settings(max_examples=5, deadline=None)
@given(seed=seeds)
def test_ex_post_one_veto(seed):
    """Home ratifies ex post (one veto constituency, budget B, cost lam, veto rent eta): the
    signed x0 = x_N, ratified iff the derived condition holds, then S and U_H - d_H as derived."""
    rng = np.random.default_rng(seed)
    c = Case(rng, N)
    w = rng.uniform(c.r_P - 0.1, np.minimum(1.0, c.r_H + 0.1))
    l = log_uniform(rng, 0.2, 3, N)
    lam = np.where(rng.random(N) < 0.3, 1.0, rng.uniform(1, 3, N))
    budget = np.where(rng.random(N) < 0.4, np.inf, rng.uniform(0, 0.2, N))
    eta = np.where(rng.random(N) < 0.2, 0.0, rng.uniform(0, 1, N))
    c.home_veto(w, l, budget=budget, funds_cost=lam, quota=rng.uniform(0.1, 1, N), ex_post=True,
                veto_rent=eta)
    args = (s.theta, s.r_H, s.r_P, s.c_H, s.lam, s.l, s.w, s.B, s.eta)
    values = (c.theta, c.r_H, c.r_P, c.c_H, lam, l, w, budget, eta)
    ratified = formula(s.ex_post_ratified(), *args)(*values)
    assert 0.2 < ratified.mean() < 0.9                      # both outcomes are exercised
    out = c.solve("nash")
    assert (out.agreement == ratified).all()
    assert (out.reason[~ratified] == 2).all()
    x0 = formula(s.ex_post_signed(), *args)(*values)
    np.testing.assert_allclose(out.concession[ratified], x0[ratified], rtol=0, atol=TOL)
    for got, expr in ((out.side_payment_home, s.ex_post_one_veto_payment()),
                      (out.home_utility - c.d_H, s.ex_post_one_veto_surplus())):
        want = np.broadcast_to(formula(expr, *args)(*values), (N,))
        np.testing.assert_allclose(got[ratified], want[ratified], rtol=0, atol=TOL)
    # ratified exactly where x0 is at most the largest affordable concession (beyond w)
    limit = formula(s.ex_post_limit(), *args)(*values)
    assert (ratified == ((x0 <= w) | (x0 <= limit))).all()
    for i in np.flatnonzero(ratified)[:3]:
        assert c.reference("nash", i).home_utility == pytest.approx(out.home_utility[i], abs=1e-7)


@settings(max_examples=5, deadline=None)
@given(seed=seeds)
def test_kalai_smorodinsky_midpoint(seed):
    c = Case(np.random.default_rng(seed), N)
    check(c, "kalai-smorodinsky", formula(s.ks_linear(), s.r_H, s.r_P)(c.r_H, c.r_P))


@settings(max_examples=5, deadline=None)
@given(seed=seeds)
def test_kalai_smorodinsky_capped(seed):
    """F = [r_P, h] with h < r_H (a ratification cap, no side payments)."""
    c, h = capped(seed)
    check(c, "kalai-smorodinsky", formula(s.ks_capped(), s.r_H, s.r_P, s.h)(c.r_H, c.r_P, h))


@settings(max_examples=5, deadline=None)
@given(seed=seeds)
def test_rubinstein_linear(seed):
    c = Case(np.random.default_rng(seed), N)
    f = formula(s.rubinstein_linear(), s.delta_H, s.delta_P, s.r_H, s.r_P)
    check(c, "rubinstein", f(c.delta_H, c.delta_P, c.r_H, c.r_P))


@settings(max_examples=5, deadline=None)
@given(seed=seeds)
def test_rubinstein_cap(seed):
    """A ratification cap x <= w (budget 0) voids Partner's offers above w."""
    c, w = capped(seed)
    f = formula(s.rubinstein_cap(), s.delta_H, s.delta_P, s.r_H, s.r_P, s.w)
    check(c, "rubinstein", f(c.delta_H, c.delta_P, c.r_H, c.r_P, w))


def test_rubinstein_limit():
    """Both discount factors -> 1 at equal rates: x* -> (r_H + r_P) / 2."""
    c = Case(np.random.default_rng(7), 200)
    c.delta_H = c.delta_P = np.full(200, 1 - 1e-7)
    out = c.solve("rubinstein")
    want = formula(s.rubinstein_limit(), s.r_H, s.r_P)(c.r_H, c.r_P)
    np.testing.assert_allclose(out.concession, want, rtol=0, atol=1e-6)


@pytest.mark.parametrize("a,b,delta", [(0.2, 0.8, 0.3), (0.3, 0.7, 0.5), (0.3, 0.8, 0.5),
                                       (0.4, 0.6, 0.7), (0.4, 0.8, 0.7), (0.1, 0.6, 0.5)])
def test_rubinstein_takes_the_largest_root(a, b, delta):
    """Partner ratifies only x <= a or x >= b (quota 1/2, budget 0); s_H = 1 - x, s_P = x on
    F = [0, a] ∪ [b, 1], so phi(p) = 1 - p (p <= a), 1 - b (a < p <= b), 1 - p (p > b). With
    delta_H = delta_P = delta, gap(p) = phi(p) - delta phi(delta p) is positive on [0, a], jumps
    below 0 just after a (1 - b < delta (1 - delta a)), and where p > b and delta p is in (a, b]
    it is 1 - p - delta (1 - b): the largest root is p* = 1 - delta (1 - b). Home's offer gives
    Partner delta p*, in (a, b]: x* = b."""
    p_star = 1 - delta * (1 - b)
    assert a < delta * p_star <= b < p_star and 1 - b < delta * (1 - delta * a)
    home = side_arrays((1,), gain=1.0, rate=1.0, batna=0.0, discount=delta)
    partner = side_arrays((1,), gain=0.0, rate=1.0, batna=0.0, discount=delta, budget=0.0,
                          quota=0.5, e=[a, -b], k=[-1.0, 1.0], v0=[0.0, 0.0], w=[1.0, 1.0])
    out = solve_arrays(home, partner, np.array([0.5]), "rubinstein")
    assert out.concession[0] == pytest.approx(b, abs=TOL)
    ref = Reference.from_arrays(home, partner, np.array([0.5]), 0).rubinstein()
    assert ref.partner_share == pytest.approx(p_star, abs=1e-9)
    assert ref.concession == pytest.approx(b, abs=1e-9)
