"""Properties of MODEL.md section 5: the greedy order, the positional closed form, the package
never worse than the positional protocol (strictly better when the ratios differ)."""
import json

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from issue_problems import problems
from twolevel.issues import Government, Issue, IssuesProblem, solve
from twolevel.issues.frontier import greedy

SETTINGS = settings(deadline=None, max_examples=40, suppress_health_check=list(HealthCheck))


def nash_product(problem, deal):
    h, p = problem.home, problem.partner
    sH = deal.home_utility - h.no_agreement
    sP = deal.partner_utility - p.no_agreement
    return np.where(deal.agreement, np.maximum(sH, 0) ** h.power * np.maximum(sP, 0) ** (
        1 - h.power), 0.0)


@SETTINGS
@given(problems())
def test_package_never_worse_than_positional(problem):
    """Positional is a point of F (informal publicity <= formal): the Nash package's product is
    at least positional's and the package is never dominated by it."""
    out = solve(problem)
    pkg, pos = out.package, out.positional
    if pos.agreement[0]:
        assert pkg.agreement[0]
        assert nash_product(problem, pkg)[0] >= nash_product(problem, pos)[0] - 1e-9
        dominated = (pos.home_utility[0] > pkg.home_utility[0] + 1e-9 and
                     pos.partner_utility[0] > pkg.partner_utility[0] + 1e-9)
        assert not dominated
    assert out.joint_gain_left[()] >= 0


def two_issues(ratio_a, ratio_b, batna=0.2):
    return IssuesProblem(Government("H", 1.0, batna), Government("P", 0.0, batna),
                         (Issue("a", 1.0, ratio_a), Issue("b", 1.0, ratio_b)))


@settings(deadline=None, max_examples=30)
@given(st.floats(0.5, 5.0), st.floats(0.5, 5.0))
def test_positional_concedes_uniformly_and_wastes_what_the_ratios_offer(ra, rb):
    """No agency: every issue gets x = theta r_P + (1 - theta) r_H with r computed on the summed
    stakes; the joint gain left is positive exactly when the ratios differ."""
    problem = two_issues(ra, rb)
    out = solve(problem)
    r_home = (1.0 - 0.2) / 2.0
    r_partner = 0.2 / (ra + rb)
    x = 0.5 * r_home + 0.5 * r_partner
    assert np.allclose(out.positional.concessions, x, atol=1e-12)
    if abs(ra - rb) > 1e-3:
        assert out.joint_gain_left[()] > 1e-9
        assert nash_product(problem, out.package)[0] > nash_product(problem, out.positional)[0]
    else:
        assert out.joint_gain_left[()] < 1e-6


def test_equal_ratios_leave_nothing():
    assert solve(two_issues(1.5, 1.5)).joint_gain_left[()] == 0.0


@settings(deadline=None, max_examples=30)
@given(st.lists(st.floats(0.1, 3.0), min_size=1, max_size=6),
       st.lists(st.floats(0.1, 3.0), min_size=6, max_size=6))
def test_greedy_concedes_by_decreasing_ratio(cH, cP):
    cH = np.array([cH])
    cP = np.array([cP[:cH.shape[1]]])
    ed = greedy(np.array([1.0]), np.array([0.0]), cH, cP)
    slopes = (ed.p2 - ed.p1) / (ed.h1 - ed.h2)
    assert np.all(np.diff(slopes[0]) <= 1e-12)                 # concave frontier
    assert np.allclose(ed.X2[0, -1], 1.0) and np.allclose(ed.X1[0, 0], 0.0)


def test_arrays_of_scenarios_match_one_by_one():
    batna = np.array([0.1, 0.2, 0.35])
    many = solve(two_issues(2.0, 0.5, batna))
    for i, b in enumerate(batna):
        one = solve(two_issues(2.0, 0.5, b))
        assert np.allclose(many.package.concessions[i], one.package.concessions[0])
        assert np.isclose(many.joint_gain_left[i], one.joint_gain_left[()])
    d = json.loads(json.dumps(many.to_dict(), allow_nan=False))
    assert len(d["package"]["concessions"]["a"]) == 3 and len(d["joint_gain_left"]) == 3
