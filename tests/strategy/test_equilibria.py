"""The batched 2x2 solver against the exact rational vertex enumeration (all 6,561 games with
payoffs in {0, 1, 2}, and random games), and against nashpy on non-degenerate games."""
import itertools

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from twolevel.strategy import equilibria_2x2
from twolevel.strategy.reference import extreme_equilibria


def solver_sets(A, B):
    row, col, count = equilibria_2x2(A, B)
    assert np.all(np.isnan(row[np.arange(4) >= count[:, None]]))
    return [sorted(zip(row[k, :count[k]].tolist(), col[k, :count[k]].tolist()))
            for k in range(len(A))]


def oracle_set(a, b):
    return sorted((float(x[0]), float(y[0])) for x, y in extreme_equilibria(a, b))


def small_games():
    games = np.array(list(itertools.product([0, 1, 2], repeat=8)), float).reshape(-1, 2, 2, 2)
    return games[:, 0], games[:, 1]


def test_all_6561_games_with_payoffs_0_1_2_equal_the_exact_oracle():
    A, B = small_games()
    got = solver_sets(A, B)
    agree = sum(g == oracle_set(a.astype(int).tolist(), b.astype(int).tolist())
                for g, a, b in zip(got, A, B))
    assert agree == len(A) == 6561


def test_the_oracle_equals_gambit_enummixed_with_rationals():
    """Where pygambit is installed (a benchmark extra, built from source): gambit's rational
    vertex enumeration finds the same extreme equilibria as the oracle, and so as
    ``equilibria_2x2``, on all 6,561 games."""
    gbt = pytest.importorskip("pygambit")
    from fractions import Fraction

    def gambit_set(a, b):
        g = gbt.Game.from_arrays([[Fraction(v) for v in r] for r in a],
                                 [[Fraction(v) for v in r] for r in b])
        (p1, p2), (s1, s2) = g.players, (list(p.strategies)[0] for p in g.players)
        return sorted((float(e[p1][s1]), float(e[p2][s2]))
                      for e in gbt.nash.enummixed_solve(g, rational=True).equilibria)
    A, B = small_games()
    got = solver_sets(A, B)
    for g, a, b in zip(got, A.astype(int).tolist(), B.astype(int).tolist()):
        assert gambit_set(a, b) == oracle_set(a, b) == g


@pytest.mark.parametrize("scale", [2.0 ** -700, 2.0 ** 500])
def test_equilibria_do_not_depend_on_the_payoffs_scale(scale):
    """Scaling both players' payoffs by a power of 2 changes no difference's sign and no mixture
    (exactly), so every one of the 6,561 games keeps its equilibria, also at 2^-700, where the
    product of two payoff differences underflows to 0."""
    A, B = small_games()
    want = equilibria_2x2(A, B)
    for got, expected in zip(equilibria_2x2(A * scale, B * scale), want):
        np.testing.assert_array_equal(got, expected)


def test_games_that_are_not_2x2_are_a_clear_error():
    with pytest.raises(ValueError, match=r"2x2 games \(\.\.\., 2, 2\), got \(3, 3\)"):
        equilibria_2x2(np.zeros((3, 3)), np.zeros((3, 3)))


def test_count_distribution_on_the_6561_games_includes_degenerate_ones():
    A, B = small_games()
    _, _, count = equilibria_2x2(A, B)
    assert count.min() == 1 and count.max() == 4          # every game has one; ties give up to 4
    assert np.all(count[np.all(A == 0, axis=(1, 2)) & np.all(B == 0, axis=(1, 2))] == 4)


def test_known_games():
    A = np.array([[[3, 0], [5, 1]], [[1, -1], [-1, 1]], [[2, 0], [0, 1]]], float)
    B = np.array([[[3, 5], [0, 1]], [[-1, 1], [1, -1]], [[1, 0], [0, 2]]], float)
    got = solver_sets(A, B)
    assert got[0] == [(0.0, 0.0)]                                   # prisoners' dilemma
    assert got[1] == [(0.5, 0.5)]                                   # matching pennies
    assert got[2] == [(0.0, 0.0), (2 / 3, 1 / 3), (1.0, 1.0)]       # battle of the sexes


def test_leading_axes_broadcast():
    A, B = small_games()
    row, col, count = equilibria_2x2(A.reshape(81, 81, 2, 2), B.reshape(81, 81, 2, 2))
    flat = equilibria_2x2(A, B)
    assert row.shape == (81, 81, 4) and count.shape == (81, 81)
    np.testing.assert_array_equal(row.reshape(-1, 4), flat[0])
    np.testing.assert_array_equal(count.ravel(), flat[2])


payoff = st.fractions(min_value=-5, max_value=5, max_denominator=7)


@settings(deadline=None, max_examples=150)
@given(st.lists(payoff, min_size=8, max_size=8))
def test_random_rational_games_equal_the_oracle(values):
    a = [values[0:2], values[2:4]]
    b = [values[4:6], values[6:8]]
    got = solver_sets(np.array(a, float)[None], np.array(b, float)[None])[0]
    exact = oracle_set(a, b)
    assert len(got) == len(exact)
    np.testing.assert_allclose(np.array(got).reshape(-1, 2), np.array(exact).reshape(-1, 2),
                               rtol=0, atol=1e-12)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_oracle_on_a_degenerate_game_nashpy_misses():
    # row indifferent everywhere: column's mixture 1/2 with either pure column is extreme too
    a = [[0, 0], [0, 0]]
    b = [[1, 0], [0, 1]]
    exact = oracle_set(a, b)
    assert exact == [(0.0, 0.0), (0.5, 0.0), (0.5, 1.0), (1.0, 1.0)]
    found = {(float(x[0]), float(y[0]))
             for x, y in nashpy.Game(np.array(a), np.array(b)).support_enumeration()}
    assert found == {(0.0, 0.0), (1.0, 1.0)}
    assert solver_sets(np.array(a, float)[None], np.array(b, float)[None])[0] == exact


@settings(deadline=None, max_examples=60)
@given(st.lists(st.integers(-4, 4), min_size=8, max_size=8))
def test_nashpy_agrees_on_nondegenerate_games(values):
    a = np.array(values[:4], float).reshape(2, 2)
    b = np.array(values[4:], float).reshape(2, 2)
    d = [a[0, 0] - a[1, 0], a[0, 1] - a[1, 1], b[0, 0] - b[0, 1], b[1, 0] - b[1, 1]]
    if any(x == 0 for x in d):
        return
    ours = solver_sets(a[None], b[None])[0]
    theirs = sorted((float(x[0]), float(y[0]))
                    for x, y in nashpy.Game(a, b).support_enumeration())
    np.testing.assert_allclose(np.array(ours), np.array(theirs), atol=1e-9)


@pytest.mark.parametrize("m,n", [(3, 3), (2, 3)])
def test_oracle_matches_nashpy_on_larger_nondegenerate_games(m, n):
    rng = np.random.default_rng(m * 10 + n)
    for _ in range(20):
        a = rng.integers(-20, 20, (m, n))
        b = rng.integers(-20, 20, (m, n))
        exact = {(tuple(map(float, x)), tuple(map(float, y)))
                 for x, y in extreme_equilibria(a.tolist(), b.tolist())}
        theirs = list(nashpy.Game(a, b).vertex_enumeration())
        assert len(theirs) == len(exact)
        for x, y in theirs:
            assert any(np.allclose(x, ex) and np.allclose(y, ey) for ex, ey in exact)


def test_general_games_go_to_nashpy_and_2x2_games_to_the_exact_solver():
    from twolevel.strategy import equilibria
    rng = np.random.default_rng(5)
    a, b = rng.integers(-9, 9, (3, 4)), rng.integers(-9, 9, (3, 4))
    exact = extreme_equilibria(a.tolist(), b.tolist())
    got = equilibria(a, b)
    assert len(got) == len(exact)
    for x, y in exact:
        assert any(np.allclose(gx, np.array(x, float)) and np.allclose(gy, np.array(y, float))
                   for gx, gy in got)
    two = equilibria([[0, 0], [0, 0]], [[1, 0], [0, 1]])          # degenerate: all four found
    assert sorted((float(x[0]), float(y[0])) for x, y in two) == oracle_set(
        [[0, 0], [0, 0]], [[1, 0], [0, 1]])
    with pytest.raises(ValueError, match="m x n arrays of one shape"):
        equilibria(np.zeros((2, 2)), np.zeros((2, 3)))
