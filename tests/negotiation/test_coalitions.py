"""Quota rule and cheapest side payments against brute-force enumeration (itertools)."""
import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from twolevel import Constituency, Side, TwoLevelError
from twolevel.negotiation.coalitions import (MAX_CONSTITUENCIES, cheapest, masks, minimal_coalitions,
                                             ratifies)
from twolevel.negotiation.kernel import solve_arrays

from sides import brute_force, random_side


def check_cheapest(side, x):
    total, pay = cheapest(x, side)
    for i in range(side.n):
        ref = brute_force(side, i)
        want = ref(x[i])
        assert abs(total[i] - want) <= 1e-12 * max(1, want), (i, x[i], total[i], want)
        # payments go to one winning coalition, each member paid exactly its loss
        assert np.allclose(pay[i].sum(), total[i], rtol=1e-12, atol=1e-12)
        assert ref.pays_a_winning_coalition(pay[i], x[i]), (i, x[i], pay[i], ref.losses(x[i]))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), m=st.integers(0, 7))
def test_cheapest_matches_enumeration(seed, m):
    rng = np.random.default_rng(seed)
    side = random_side(rng, 16, m)
    for x in (rng.uniform(0, 1, 16), np.zeros(16), np.ones(16)):
        check_cheapest(side, x)


def test_cheapest_with_sixteen_constituencies():
    rng = np.random.default_rng(16)
    for m in (12, 16):
        side = random_side(rng, 3, m)
        for x in (rng.uniform(0, 1, 3), np.full(3, 0.9)):
            check_cheapest(side, x)


def test_seventeen_constituencies_are_refused_clearly():
    with pytest.raises(TwoLevelError, match=f"at most {MAX_CONSTITUENCIES} per side") as exc:
        masks(MAX_CONSTITUENCIES + 1)
    assert exc.value.field == "constituencies"
    cons = tuple(Constituency(f"c{i}", gain=0.0, slope=-1.0) for i in range(17))
    with pytest.raises(TwoLevelError, match="got 17") as exc:
        Side("Home", gain=1.0, cost=1.0, batna=0.0, constituencies=cons)
    assert exc.value.field == "constituencies"
    rng = np.random.default_rng(0)
    big, small = random_side(rng, 2, 17), random_side(rng, 2, 0)
    with pytest.raises(TwoLevelError, match="at most 16 per side"):
        solve_arrays(big, small, np.full(2, 0.5))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), m=st.integers(1, 6))
def test_minimal_coalitions_are_the_minimal_winning_ones(seed, m):
    """Every minimal winning coalition of every scenario is a candidate; every candidate wins
    minimally somewhere."""
    side = random_side(np.random.default_rng(seed), 5, m)
    found = {tuple(c) for c in minimal_coalitions(side.w, side.quota)}
    somewhere = set()
    for i in range(side.n):
        wins = {c for c in itertools.product((False, True), repeat=m)
                if ratifies(side.w[i][list(c)].sum(), side.w[i].sum(), side.quota[i])}
        minimal = {c for c in wins if not any(
            c[j] and c[:j] + (False,) + c[j + 1:] in wins for j in range(m))}
        assert minimal <= found
        somewhere |= minimal
    assert found == somewhere


def test_quota_rule():
    assert ratifies(0.1 + 0.2, 1.0, 0.3)               # float round-off does not defeat the quota
    assert ratifies(2.0, 4.0, 0.5) and not ratifies(1.99, 4.0, 0.5)
    assert not ratifies(2.0, 3.0, 1.0) and ratifies(3.0, 3.0, 1.0)      # unanimity
    assert ratifies(0.0, 0.0, 1.0)                      # no constituencies: always ratified


def test_no_constituencies_pay_nothing():
    side = random_side(np.random.default_rng(1), 4, 0)
    total, pay = cheapest(np.linspace(0, 1, 4), side)
    assert np.all(total == 0) and pay.shape == (4, 0)


def test_cheapest_is_nan_where_there_is_no_agreement():
    side = random_side(np.random.default_rng(2), 3, 2)
    total, pay = cheapest(np.array([np.nan, 0.5, np.nan]), side)
    assert np.isnan(total[[0, 2]]).all() and np.isnan(pay[[0, 2]]).all()
    assert np.isfinite(total[1]) and np.isfinite(pay[1]).all()


def test_the_constituency_benchmark_runs(capsys):
    """benchmarks/bench_constituencies.py runs and reports a positive rate for every m."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_constituencies.py"
    spec = importlib.util.spec_from_file_location("bench_constituencies", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rows = bench.main(["--max-m", "3", "--repeats", "1"])
    assert [r[0] for r in rows] == [1, 2, 3] and all(r[2] > 0 for r in rows)
