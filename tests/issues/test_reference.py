"""The package solver against its scipy twin (reference.py) on random problems: Nash product and
utilities, the Kalai–Smorodinsky value, the joint gain left; and the greedy frontier against the
linear programs."""
import numpy as np
from hypothesis import HealthCheck, given, settings

from issue_problems import problems
from twolevel.issues import Agency, reference as R, solve
from twolevel.issues.coalitions import coalitions
from twolevel.issues.package import solve_package
from dataclasses import replace

SETTINGS = settings(deadline=None, max_examples=40, suppress_health_check=list(HealthCheck))


def surpluses(arr, deal):
    return deal.home_utility[0] - arr.dH[0], deal.partner_utility[0] - arr.dP[0]


def both(problem, solution, twin):
    """(arrays, kernel deal, reference result); both agree on whether there is an agreement."""
    arr = problem.arrays("informal")
    deal = solve_package(arr, solution)
    ref = twin(arr, 0)
    assert bool(deal.agreement[0]) == (ref is not None)
    return arr, deal, ref


@SETTINGS
@given(problems())
def test_nash_package_equals_reference(problem):
    arr, deal, ref = both(problem, "nash", R.nash)
    if ref is None:
        return
    sH, sP = surpluses(arr, deal)
    theta = arr.theta[0]
    assert min(sH, sP) >= -1e-9
    product = max(sH, 0) ** theta * max(sP, 0) ** (1 - theta)
    assert product >= ref[0] - 1e-6
    if ref[0] > 1e-4:              # a unique optimum in utilities (0 < theta < 1)
        assert abs(deal.home_utility[0] - ref[1]) < 1e-4
        assert abs(deal.partner_utility[0] - ref[2]) < 1e-4


@SETTINGS
@given(problems())
def test_kalai_smorodinsky_value_equals_reference(problem):
    arr, deal, ref = both(problem, "kalai-smorodinsky", R.kalai_smorodinsky)
    if ref is None:
        return
    mH = max(p.most(0) or -np.inf for p in R.programs(arr, 0))
    mP = max(p.most(1) or -np.inf for p in R.programs(arr, 0))
    sH, sP = surpluses(arr, deal)
    value = min(sH / mH if mH > 0 else 1.0, sP / mP if mP > 0 else 1.0)
    assert abs(value - ref) < 1e-6


@SETTINGS
@given(problems(max_issues=3, max_agencies=2))
def test_joint_gain_left_equals_reference(problem):
    out = solve(problem)
    arr = problem.arrays("informal")
    pos = out.positional
    h0 = pos.home_utility[0] if pos.agreement[0] else arr.dH[0]
    p0 = pos.partner_utility[0] if pos.agreement[0] else arr.dP[0]
    assert abs(out.joint_gain_left[()] - max(R.gain_left(arr, 0, h0, p0), 0.0)) < 1e-6


@SETTINGS
@given(problems(max_issues=5, max_agencies=0))
def test_greedy_frontier_equals_the_linear_programs(problem):
    """An agency that never objects sends the problem through the LP frontier instead."""
    idle = Agency("idle", gain=1.0, status_quo=0.0)
    lp = replace(problem, agencies=(idle,))
    for solution in ("nash", "kalai-smorodinsky"):
        a = solve_package(problem.arrays("informal"), solution)
        b = solve_package(lp.arrays("informal"), solution)
        assert bool(a.agreement[0]) == bool(b.agreement[0])
        if a.agreement[0]:
            assert abs(a.home_utility[0] - b.home_utility[0]) < 1e-7
            assert abs(a.partner_utility[0] - b.partner_utility[0]) < 1e-7


def test_budget_holder_outside_the_minimal_coalition_is_enlisted():
    """Quota 1/2: the loser a1 (weight 2) wins alone, but a0's budget pays part of its loss."""
    from twolevel.issues import Government, Issue, IssuesProblem
    problem = IssuesProblem(
        Government("H", 1.0, -0.25, funds_cost=1.5, quota=0.5), Government("P", 0.0, 0.0),
        (Issue("i0", 1.0, 1.0),),
        (Agency("a0", 1.0, budget=0.3), Agency("a1", 0.0, status_quo=1.0, weight=2.0)))
    arr = problem.arrays("informal")
    assert coalitions(arr.w, arr.q, arr.beta).tolist() == [[False, True], [True, True]]
    deal = solve_package(arr, "nash")
    assert deal.side_payment[0] == 0.7 and abs(deal.internal_payment[0] - 0.3) < 1e-12
