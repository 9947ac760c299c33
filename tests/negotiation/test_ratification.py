"""Ratification modes (MODEL.md section 1): the layer around the kernel, its properties and a
worked example."""
from dataclasses import fields, replace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from scenarios import SHAPES, batch, with_modes
from twolevel import Constituency, Negotiation, Side, solve
from twolevel.negotiation.arrays import side_arrays
from twolevel.negotiation.kernel import OutcomeArrays, solve_arrays
from twolevel.negotiation.ratification import (RATIFICATION, ZOPA, RatifiedOutcome,
                                               solve_ratified, without_constituencies)

seeds = st.integers(0, 2**32 - 1)
SOLUTIONS = ("nash", "kalai-smorodinsky", "rubinstein")
TERMS = ("agreement", "concession", "home_utility", "partner_utility", "side_payment_home",
         "side_payment_partner")


def same(a, b):
    """Equal arrays, NaN equal to NaN (None equal to None)."""
    if a is None or b is None:
        return a is b
    return np.array_equal(a, b, equal_nan=a.dtype != bool)


@settings(max_examples=6, deadline=None)
@given(seed=seeds, solution=st.sampled_from(SOLUTIONS))
def test_committed_only_is_the_kernel(seed, solution):
    """With committed sides only the layer returns exactly what solve_arrays returns."""
    rng = np.random.default_rng(seed)
    for m_home, m_partner in ((0, 0), (1, 2), (3, 1)):
        home, partner, power = batch(rng, 16, m_home, m_partner)
        want = solve_arrays(home, partner, power, solution)
        got = solve_ratified(home, partner, power, solution)
        for f in fields(OutcomeArrays)[1:]:
            assert same(getattr(got, f.name), getattr(want, f.name)), f.name
        assert (got.reason == np.where(want.agreement, 0, ZOPA)).all()


@settings(max_examples=6, deadline=None)
@given(seed=seeds, solution=st.sampled_from(SOLUTIONS))
def test_no_constituencies_modes_coincide(seed, solution):
    """A side with no constituencies ratifies the same way in both modes."""
    rng = np.random.default_rng(seed)
    home, partner, power = batch(rng, 32, 0, 0)
    want = solve_ratified(home, partner, power, solution)
    got = solve_ratified(with_modes(rng, home), with_modes(rng, partner), power, solution)
    for f in fields(RatifiedOutcome)[1:]:
        if not f.name.startswith("ex_post"):
            assert same(getattr(got, f.name), getattr(want, f.name)), f.name


@settings(max_examples=6, deadline=None)
@given(seed=seeds)
def test_mixed_batch_equals_one_by_one(seed):
    """Scenarios of a batch with mixed modes come out as if each were solved alone."""
    rng = np.random.default_rng(seed)
    home, partner, power = batch(rng, 12, 2, 1)
    home, partner = with_modes(rng, home), with_modes(rng, partner)
    out = solve_ratified(home, partner, power)
    for i in range(home.n):
        one = solve_ratified(home.take([i]), partner.take([i]), power[[i]])
        for f in fields(RatifiedOutcome)[1:]:
            a, b = getattr(out, f.name), getattr(one, f.name)
            if f.name in ("winset_home", "winset_partner", "zopa"):
                a, b = a[i][~np.isnan(a[i, :, 0])], b[0][~np.isnan(b[0, :, 0])]
            else:
                a, b = a[[i]], b
            assert same(a, b), (f.name, i)


def one_veto(n, l, w, budget, ex_post, veto_rent=0.0, funds_cost=1.0):
    """Home g = 1, c = 1, d = 0.2 (r_H = 0.8), one veto constituency (slope -l, threshold w);
    Partner g = 0, c = 1, d = 0.1 (r_P = 0.1); theta = 0.5, so x_N = 0.45."""
    home = side_arrays((n,), gain=1.0, rate=1.0, batna=0.2, e=[l * np.asarray(w)], k=[-l],
                       v0=[0.0], w=[1.0], budget=budget, funds_cost=funds_cost, quota=1.0, ex_post=ex_post,
                       veto_rent=veto_rent)
    partner = side_arrays((n,), gain=0.0, rate=1.0, batna=0.1)
    return solve_ratified(home, partner, np.full(n, 0.5))


def test_worked_example():
    """x0 = x_N = 0.45 beyond w = 0.3: S_min = l (x0 - w) = 0.15, surplus after it
    u - lam S_min - d = 0.55 - 0.15 - 0.2 = 0.2, rent eta 0.2 / lam."""
    out = one_veto(4, 1.0, 0.3, budget=[np.inf, np.inf, 0.2, 0.1], ex_post=True,
                   veto_rent=[0.0, 0.5, 0.5, 0.5])
    np.testing.assert_allclose(out.concession, [0.45, 0.45, 0.45, np.nan])
    np.testing.assert_allclose(out.side_payment_home, [0.15, 0.25, 0.2, np.nan])
    np.testing.assert_allclose(out.home_utility, [0.4, 0.3, 0.35, np.nan])
    np.testing.assert_allclose(out.payments_home[:, 0], out.side_payment_home)
    assert out.reason.tolist() == [0, 0, 0, RATIFICATION]
    # F = [0.1, 0.45 + ...]: Home's limit once it pays l (x - 0.3): 1 - x - (x - 0.3) = 0.2
    np.testing.assert_allclose(out.limit_home, [0.55, 0.55, 0.5, 0.4])
    np.testing.assert_allclose(out.limit_partner, 0.1)


def test_surplus_failure_and_inside_winset():
    """With lam = 3 the payment eats Home's surplus: 0.55 - 3 * 0.15 < 0.2 fails; with the
    win-set reaching x_N nothing is paid and no rent is owed."""
    out = one_veto(2, 1.0, [0.3, 0.5], budget=np.inf, ex_post=True, veto_rent=1.0,
                   funds_cost=3.0)
    assert out.reason.tolist() == [RATIFICATION, 0]
    assert out.concession[1] == 0.45 and out.side_payment_home[1] == 0.0


def test_ex_post_has_no_tied_hands():
    """Committed, a narrow win-set and no side payments pull x* to min(x_N, w) (tied hands);
    ex post the table ignores the win-set: x0 = x_N whatever w, and it fails when w < x_N."""
    w = np.array([0.15, 0.25, 0.35, 0.45, 0.6])
    committed = one_veto(5, 1.0, w, budget=0.0, ex_post=False)
    ex_post = one_veto(5, 1.0, w, budget=0.0, ex_post=True)
    np.testing.assert_allclose(committed.concession, np.minimum(0.45, w))
    assert (ex_post.agreement == (w >= 0.45)).all()
    assert (ex_post.concession[ex_post.agreement] == 0.45).all()
    assert (ex_post.reason[~ex_post.agreement] == RATIFICATION).all()


@settings(max_examples=6, deadline=None)
@given(seed=seeds, solution=st.sampled_from(SOLUTIONS))
def test_ex_post_concession_ignores_own_constituencies(seed, solution):
    """An ex-post side's constituencies never move the signed concession: where ratified, x* is
    the concession of the same negotiation without them."""
    rng = np.random.default_rng(seed)
    home, partner, power = batch(rng, 32, 2, 1)
    home = replace(home, ex_post=np.ones(home.n, bool))
    out = solve_ratified(home, partner, power, solution)
    bare = solve_arrays(without_constituencies(home), partner, power, solution, intervals=False)
    agreed = out.agreement
    assert (agreed <= bare.agreement).all()
    assert same(out.concession[agreed], bare.concession[agreed])
    assert (out.reason[~agreed & bare.agreement] == RATIFICATION).all()
    assert (out.reason[~bare.agreement] == ZOPA).all()


def test_solve_reports_reason_and_modes():
    farmers = Constituency("farmers", gain=0.3, slope=-1.0)
    neg = Negotiation(Side("Korea", gain=1.0, cost=1.0, batna=0.2, budget=0.0,
                           constituencies=(farmers,), ratification=["committed", "ex_post"]),
                      Side("Chile", gain=0.0, benefit=1.0, batna=0.1))
    out = solve(neg)
    assert out.reasons.tolist() == [None, "ratification"]
    assert out.modes("home").tolist() == ["committed", "ex_post"]
    d = out.to_dict()
    assert d["reason"] == [None, "ratification"]
    assert d["ratification"] == {"home": ["committed", "ex_post"],
                                 "partner": ["committed", "committed"]}
    assert d["limits"] == {"home": [0.3, 0.3], "partner": [0.1, 0.1]}


def test_limits_skipped_on_request():
    out = solve_ratified(*batch(np.random.default_rng(0), 4, 1, 0)[:2], 0.5, intervals=False,
                         limits=False)
    assert out.limit_home is not None          # committed only: the kernel's own
    home, partner, power = batch(np.random.default_rng(0), 4, 1, 0)
    out = solve_ratified(replace(home, ex_post=np.ones(4, bool)), partner, power,
                         intervals=False, limits=False)
    assert out.limit_home is None and out.zopa is None


@pytest.mark.parametrize("mode", ["committed", "ex_post"])
def test_side_validates_modes(mode):
    side = Side("H", gain=1.0, cost=1.0, batna=0.0, ratification=mode, veto_rent=0.5)
    assert bool(side.ex_post) == (mode == "ex_post")


def test_the_ratification_benchmark_runs(capsys):
    """benchmarks/bench_ratification.py runs and times every variant against the kernel."""
    import importlib.util
    import sys
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "benchmarks"
    sys.path.insert(0, str(folder))
    try:
        spec = importlib.util.spec_from_file_location("bench_ratification",
                                                      folder / "bench_ratification.py")
        bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench)
        rows = bench.main(["--n", "40", "--repeats", "1", "--ms", "1"])
    finally:
        sys.path.remove(str(folder))
    assert len(rows) == 5 and rows[0][4] == 1.0 and all(r[3] > 0 and r[5] > 0 for r in rows)
    assert "layer, Home ex post, with limits" in capsys.readouterr().out
