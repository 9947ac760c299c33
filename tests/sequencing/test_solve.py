"""Sequences over time (MODEL.md section 2): the vectorised simulation against a step-by-step
reference (one negotiation at a time, the pressure cost by quadrature), the exact DP over
reachable states against brute force over every sequence (subsets included), stopping,
willingness, learning, batches of scenarios, and the result objects."""
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from scipy.integrate import quad

from twolevel import TwoLevelError, solve
from twolevel.sequencing import SequenceResult, evaluate, optimal, optimal_arrays, simulate
from twolevel.sequencing.reference import brute_force

from sequence_problems import NAMES, deal, problem_of, problems


def reference_walk(problem, order):
    """One sequence, obviously: a loop over the steps, each deal a Negotiation solved by
    ``twolevel.solve``; the pressure cost kappa int beta^t pi(t) dt by scipy quad, piece by piece."""
    t, concluded, failures, deals, cost, paid = 0.0, [], 0, 0.0, 0.0, 0.0
    beta, kappa = problem.discount, problem.pressure_cost

    def pi_at(u, c, f):
        return math.prod(1 - problem.partners[i].relief for i in c) * (
            problem.initial + problem.growth * u + problem.failure * f)

    def flow(a, b, c, f):
        return kappa * quad(lambda u: beta ** u * pi_at(u, c, f), a, b, limit=200)[0]

    steps = []
    for j in order:
        p = problem.partners[j]
        if p.willing_after > len(concluded):
            steps.append((t, t, False))
            continue
        end = t + p.duration
        neg = problem.negotiation(j, pi_at(end, concluded, failures))
        power = min(1.0, neg.home.power + problem.learning * len(concluded))
        neg = type(neg)(neg.home.with_(power=power), neg.partner, neg.solution)
        out = solve(neg)
        cost += flow(t, end, concluded, failures)
        if out.agreement:
            deals += beta ** end * (float(out.home_utility) - neg.home.batna)
            paid += float(out.side_payment_home)
            concluded = concluded + [j]
        else:
            failures += 1
        steps.append((t, end, bool(out.agreement), neg.home.pressure,
                      float(out.concession), float(out.side_payment_home)))
        t = end
    cost += flow(t, np.inf, concluded, failures)
    return {"value": deals - cost, "deals": deals, "pressure_cost": cost, "side_payments": paid,
            "steps": steps}


@settings(deadline=None, max_examples=40)
@given(problem=problems(max_n=4))
def test_simulation_equals_the_step_by_step_reference(problem):
    order = list(range(problem.n))[::-1]
    res = evaluate(problem, [NAMES[j] for j in order])
    ref = reference_walk(problem, order)
    for f in ("value", "deals", "pressure_cost", "side_payments"):
        assert getattr(res, f) == pytest.approx(ref[f], rel=1e-7, abs=1e-9)
    for step, want in zip(res.steps, ref["steps"]):
        assert (step.start, step.end, step.agreement) == pytest.approx(want[:3], abs=1e-12)
        if len(want) > 3:
            assert step.pressure == pytest.approx(want[3], abs=1e-12)
            if step.agreement:
                assert (step.concession, step.side_payment) == pytest.approx(want[4:], abs=1e-9)
        else:
            assert step.reason == "unwilling"


@settings(deadline=None, max_examples=40)
@given(problem=problems(max_n=5))
def test_dp_over_reachable_states_equals_brute_force_over_all_sequences(problem):
    dp, bf = optimal_arrays(problem), brute_force(problem)
    assert dp["value"] == pytest.approx(bf["value"], rel=1e-9, abs=1e-12)
    if problem.objective == "side_payments":
        assert dp["side_payments"] == pytest.approx(bf["side_payments"], rel=1e-9, abs=1e-12)
    order = [int(j) for j in dp["order"] if j >= 0]
    again = evaluate(problem, order)                    # the policy's sequence has that value
    assert again.value == pytest.approx(float(dp["value"]), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("objective", ["welfare", "side_payments"])
def test_dp_equals_brute_force_for_seven_partners(objective):
    rng = np.random.default_rng(7)
    partners = [deal(NAMES[j], rng.uniform(0, 0.8), rng.uniform(0.2, 0.9), rng.uniform(0, 0.4),
                     -rng.uniform(0.1, 2), rng.uniform(0, 0.3), rng.uniform(0, 0.6),
                     duration=rng.uniform(0.3, 3), willing_after=int(rng.integers(0, 2)))
                for j in range(7)]
    problem = problem_of(partners, growth=0.08, failure=0.05, objective=objective)
    dp, bf = optimal_arrays(problem), brute_force(problem)
    assert dp["value"] == pytest.approx(bf["value"], rel=1e-9)
    assert dp["side_payments"] == pytest.approx(bf.get("side_payments", dp["side_payments"]))


def test_dp_batches_scenarios_like_one_at_a_time():
    rng = np.random.default_rng(3)
    initial = rng.uniform(0, 0.6, (3, 2))
    partners = [deal(NAMES[j], rng.uniform(0, 1), 0.6, 0.2, -1.0, 0.2, rng.uniform(0, 0.5),
                     duration=rng.uniform(0.5, 3)) for j in range(4)]
    batch = optimal_arrays(problem_of(partners, initial=initial, growth=0.1))
    assert batch["value"].shape == (3, 2) and batch["order"].shape == (4, 3, 2)
    for idx in np.ndindex(3, 2):
        one = optimal_arrays(problem_of(partners, initial=initial[idx], growth=0.1))
        assert batch["value"][idx] == pytest.approx(float(one["value"]), abs=1e-12)
        assert (batch["order"][(slice(None), *idx)] == one["order"]).all()


def test_home_stops_when_no_deal_pays():
    """Deals worth less than d0 and no pressure cost: the empty sequence is the optimum."""
    bad = [deal(x, 0.5, 0.1, 0.3, -1.0, 0.1, 0.5) for x in "AB"]   # r_H < r_P at low pressure
    problem = problem_of(bad, initial=0.0, pressure_cost=0.0)
    best = optimal(problem)
    assert best.order == () and best.value == 0 and best.steps == ()


def test_a_prefix_is_negotiated_and_then_home_stops():
    """Two quick deals concluded, then the pressure runs on to infinity damped by both:
    kappa M int_t^inf e^(-r u) (pi_0 + gamma u) du = kappa M e^(-r t) [(pi_0 + gamma t)/r
    + gamma/r^2]."""
    problem = problem_of([deal(x, 0.5, 0.6, 0.2, -1.0, 0.2, 0.1, duration=d)
                          for x, d in (("A", 1.0), ("B", 2.0), ("C", 0.5))], growth=0.1)
    res = evaluate(problem, ["C", "A"])
    assert res.order == ("C", "A") and [s.start for s in res.steps] == [0.0, 0.5]
    assert res.steps[-1].end == 1.5 and all(s.agreement for s in res.steps)
    r, pi0, g = -math.log(problem.discount), problem.initial, 0.1

    def tail(t):
        return math.exp(-r * t) * ((pi0 + g * t) / r + g / r ** 2)

    want = tail(0) - 0.5 * tail(0.5) - 0.25 * tail(1.5)     # M = 1, then 0.5, then 0.25
    assert res.pressure_cost == pytest.approx(want, rel=1e-12)
    assert evaluate(problem, []).value == pytest.approx(-tail(0), rel=1e-12)


def test_an_unwilling_partner_refuses_and_takes_no_time():
    problem = problem_of([deal("A", 0.5, 0.6, 0.2, -1.0, 0.2, 0.1),
                          deal("B", 0.5, 0.6, 0.2, -1.0, 0.2, 0.1, willing_after=1)])
    early = evaluate(problem, ["B", "A"])
    assert early.steps[0].reason == "unwilling" and early.steps[0].end == 0.0
    assert early.value == evaluate(problem, ["A"]).value
    assert optimal(problem).order[0] == "A"


def test_learning_raises_homes_power_with_deals_concluded():
    same = [deal(x, 0.0, 0.6, 0.2, 0.0, 0.2, 0.1) for x in "AB"]
    plain = evaluate(problem_of(same, learning=0.0), ["A", "B"])
    learnt = evaluate(problem_of(same, learning=0.2), ["A", "B"])
    assert learnt.steps[0].concession == plain.steps[0].concession
    assert learnt.steps[1].concession < plain.steps[1].concession   # more power, less conceded


def test_failures_raise_the_pressure():
    problem = problem_of([deal("A", 0.0, 0.1, 0.5, 0.0, 0.2, 0.9),      # no ZOPA: fails
                          deal("B", 0.0, 0.6, 0.2, 0.0, 0.2, 0.1)], failure=0.2)
    res = evaluate(problem, ["A", "B"])
    assert res.steps[0].reason == "zopa"
    assert res.steps[1].pressure == pytest.approx(problem.initial + 0.2)


def test_result_names_partners_and_is_json_safe():
    problem = problem_of([deal(x, 0.4, 0.6, 0.2, -1.0, 0.1, 0.1) for x in "AB"], growth=0.05)
    res = optimal(problem)
    assert isinstance(res, SequenceResult) and set(res.order) <= {"A", "B"}
    data = json.loads(json.dumps(res.to_dict(), allow_nan=False))
    assert data["order"] == list(res.order) and set(data["value_parts"]) == {"deals",
                                                                             "pressure_cost"}
    assert data["value"] == pytest.approx(data["value_parts"]["deals"]
                                          - data["value_parts"]["pressure_cost"])
    text = repr(res)
    assert "order: " in text and "pressure cost" in text and "partner" in text
    assert res.step(res.order[0]).partner == res.order[0]


def test_one_scenario_entry_points_reject_grids():
    problem = problem_of([deal("A", np.array([0.1, 0.5]), 0.6, 0.2, -1.0, 0.2, 0.1)])
    with pytest.raises(TwoLevelError, match="one scenario"):
        optimal(problem)
    res = simulate(problem, [["A"]])
    assert res.value.shape == (1, 2) and res.concession.shape == (1, 1, 2)
