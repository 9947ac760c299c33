"""The strategy model: the vectorised rounds against the slow twin; selection; the regimes."""
import itertools

import numpy as np
from hypothesis import given, settings, strategies as st

from twolevel.strategy import equilibria_2x2
from twolevel.strategy.game import best_response_path, choose
from twolevel.strategy.model import Player, Preferences, StrategyProblem
from twolevel.strategy.path import REGIMES, solve_path
from twolevel.strategy.reference import play


def player(name="A", **kw):
    base = dict(reference=0.0, create=1.0, brink=0.1, prize=3.0, success=0.5, cost=1.0,
                hard_success=0.25, hard_cost=1.7, concession=1.0)
    return Player(name, **{**base, **kw})


def test_best_responses_from_create_create_end_in_a_pure_equilibrium_when_there_is_one():
    games = np.array(list(itertools.product([0, 1, 2], repeat=8)), float).reshape(-1, 2, 2, 2)
    H, P = games[:, 0], games[:, 1]
    h, p = best_response_path(H, P)
    row, col, count = equilibria_2x2(H, P)
    pure = np.isin(row, (0.0, 1.0)) & np.isin(col, (0.0, 1.0))
    reached = np.any(pure & (row == 1 - h[:, None]) & (col == 1 - p[:, None]), axis=1)
    has_pure = pure.any(axis=1)
    np.testing.assert_array_equal(reached, has_pure)
    assert np.all(count[~has_pure] == 1)                 # otherwise one mixed equilibrium
    _, _, _, _, mixed = choose(H, P)
    np.testing.assert_array_equal(mixed, ~has_pure)


side = st.fixed_dictionaries({
    "reference": st.floats(0, 8), "create": st.floats(0.2, 2), "prize_extra": st.floats(0, 4),
    "success": st.floats(0, 1), "hard_share": st.floats(0, 1), "cost": st.floats(0, 2),
    "hard_extra": st.floats(0, 2), "concession": st.floats(0, 2), "brink_share": st.floats(0, 1)})


def build(name, d):
    return Player(name, reference=d["reference"], create=d["create"],
                  brink=d["brink_share"] * d["create"], prize=d["create"] + d["prize_extra"],
                  success=d["success"], cost=d["cost"],
                  hard_success=d["hard_share"] * d["success"],
                  hard_cost=d["cost"] + d["hard_extra"], concession=d["concession"])


@settings(deadline=None, max_examples=60)
@given(side, side, st.integers(1, 5), st.floats(0, 1.5), st.booleans())
def test_vectorised_rounds_equal_the_twin(a, b, rounds, escalation, eu):
    problem = StrategyProblem(build("H", a), build("P", b), rounds, escalation)
    if eu:
        problem = problem.expected_utility()
    path = solve_path(problem)
    slow = play(problem)
    assert path.rounds_played() == len(slow)
    for t, (hc, pc, dead, dh, dp) in enumerate(slow):
        assert abs(path.home_claim[t] - hc) < 1e-9 and abs(path.partner_claim[t] - pc) < 1e-9
        assert path.deadlock[t] == dead
        assert abs(path.depth_home[t] - dh) < 1e-12 and abs(path.depth_partner[t] - dp) < 1e-12
    assert bool(path.agreement) == (not slow[-1][2])


def test_arrays_broadcast_to_a_grid_equal_to_scalar_runs():
    refs = np.linspace(0, 8, 9)
    lam = np.array([1.0, 2.25, 3.0])[:, None]
    grid = StrategyProblem(player("H", reference=refs), player("P", reference=refs), 4, 0.5,
                           Preferences(loss_aversion=lam))
    path = solve_path(grid)
    assert path.regime.shape == (3, 9)
    assert repr(path).startswith("StrategyPath((3, 9) scenarios, regimes {'create': ")
    np.testing.assert_array_equal(path.rounds_played(), (path.home >= 0).sum(axis=0))
    for i, j in itertools.product(range(3), range(9)):
        one = solve_path(StrategyProblem(player("H", reference=refs[j]),
                                         player("P", reference=refs[j]), 4, 0.5,
                                         Preferences(loss_aversion=float(lam[i, 0]))))
        assert one.regime == path.regime[i, j]
        np.testing.assert_array_equal(one.home, path.home[:, i, j])


def test_expected_utility_ignores_the_reference_point():
    refs = np.linspace(0, 10, 201)
    for prize in (2.0, 3.0, 4.0):           # 3.0: claiming ties with creating (0.5 3 - 0.5 1 = 1)
        p = StrategyProblem(player("H", reference=refs, prize=prize),
                            player("P", reference=refs, prize=prize), 4, 0.5).expected_utility()
        regimes = solve_path(p).regime
        assert np.all(regimes == regimes[0])


def test_loss_depth_turns_creating_into_claiming_under_prospect_theory():
    shallow = solve_path(StrategyProblem(player("H"), player("P"), 4, 0.5))
    deep = solve_path(StrategyProblem(player("H", reference=6.0), player("P", reference=6.0),
                                      4, 0.5))
    assert REGIMES[int(shallow.regime)] == "create"
    assert REGIMES[int(deep.regime)] == "spiral"
    assert repr(shallow) == ("StrategyPath(regime='create', rounds=[cr/cr], agreement_round=1, "
                             "weak=False)")
    assert np.all(np.diff(deep.depth_home[:deep.rounds_played()]) == 0.5)   # sticky reference


def test_sanctions_at_the_deadline_without_a_way_out_are_a_breakdown():
    # a claim that always succeeds against a creator and costs nothing to fail: claim dominates
    h = player("H", reference=3.0, success=1.0, cost=0.0, hard_success=0.0, hard_cost=0.0,
               concession=5.0)
    path = solve_path(StrategyProblem(h, h, 3, 0.5))
    d = path.to_dict()
    assert d["agreement"] is None and d["deadlocks"] == 3 and d["regime"] == "breakdown"


def test_validation_names_the_field():
    import pytest
    from twolevel import TwoLevelError
    with pytest.raises(TwoLevelError, match="prize: must be >= create"):
        player(prize=0.5)
    with pytest.raises(TwoLevelError, match="success: must be in"):
        player(success=1.5)
    with pytest.raises(TwoLevelError, match="rounds: must be an integer >= 1"):
        StrategyProblem(player(), player(), 0)
    with pytest.raises(TwoLevelError, match="weighting"):
        Preferences(weighting="linear")


def test_regime_map_equals_scalar_runs_on_its_grid():
    from dataclasses import replace
    from twolevel.strategy.map import regime_map
    base = StrategyProblem(player("H"), player("P"), 4, 0.5)
    ds = regime_map(base, [0.0, 3.0, 6.0], [1.0, 2.25], [0.0, 1.0])
    assert ds["regime"].shape == (3, 2, 2)
    for r in (0.0, 6.0):
        for lam in (1.0, 2.25):
            for esc in (0.0, 1.0):
                one = replace(base, home=player("H", reference=r),
                              partner=player("P", reference=r), escalation=esc,
                              preferences=Preferences(loss_aversion=lam))
                path = solve_path(one)
                cell = ds.sel(reference=r, loss_aversion=lam, escalation=esc)
                assert int(cell["regime"]) == int(path.regime)
                assert int(cell["deadlocks"]) == int(path.deadlock.sum())


def test_payoffs_equal_in_the_model_compare_equal():
    from twolevel.strategy.game import round_game, significant
    assert significant(0.1 + 0.2) == significant(0.3) and significant(-0.0) == 0.0
    np.testing.assert_array_equal(significant([1e-300, 1e300, 2.5]), [1e-300, 1e300, 2.5])
    # expected utility: claiming against a creator is worth 0.5 * 3 - 0.5 * 1 = 1 = creating,
    # at every loss depth
    refs = np.linspace(0, 10, 1001)
    p = StrategyProblem(player("H", reference=refs), player("P", reference=refs), 4,
                        0.5).expected_utility()
    H, _ = round_game(p.home, p.partner, refs, refs, p.preferences)
    np.testing.assert_array_equal(H[..., 1, 0], H[..., 0, 0])
