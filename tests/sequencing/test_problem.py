"""Partner sequencing (MODEL.md section 2): the pressure formula, failures, evaluation of orders
against a step-by-step reference, the exact DP against brute force over all n! orders, batches."""
import math
from itertools import permutations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import twolevel
from twolevel import Constituency, TwoLevelError, solve
from twolevel.cases import path as case_path
from twolevel.sequencing.problem import Partner, SequenceProblem, pressure
from twolevel.sequencing.solve import MAX_PARTNERS, best, brute_force, evaluate, optimal

from sequence_problems import NAMES, deal, problem_of



@st.composite
def problems(draw, max_n=7):
    n = draw(st.one_of(st.integers(1, 4), st.integers(1, max_n)))
    unit = st.floats(0, 1)
    partners = []
    for j in range(n):
        partners.append(deal(
            NAMES[j], relief=draw(st.sampled_from([0.0, 1.0]) | unit),
            gain=draw(st.floats(0, 1)), batna=draw(st.floats(-0.2, 0.6)),
            slope=-draw(st.sampled_from([0.0]) | st.floats(1e-3, 2)),
            tolerance=draw(st.floats(0, 0.5)),
            # batna above 0.5 often leaves the ZOPA empty: failures
            partner_batna=draw(st.floats(-0.2, 1.2)),
            cost=draw(st.none() | st.floats(0.3, 2))))
    return problem_of(
        partners, initial=draw(st.floats(-0.2, 0.8)), growth=draw(st.floats(-0.1, 0.4)),
        discount=draw(st.sampled_from([1.0]) | st.floats(0.5, 1)),
        pressure_cost=draw(st.sampled_from([0.0]) | st.floats(0, 1)),
        objective=draw(st.sampled_from(["utility", "side_payments"])),
        solution=draw(st.sampled_from(["nash", "nash", "kalai-smorodinsky", "rubinstein"])))


def reference_run(problem, order):
    """One order, obviously: a Python loop over steps solving each deal with twolevel.negotiation.solve."""
    concluded, failures, value, steps = [], 0, 0.0, []
    for t, j in enumerate(order):
        pi = problem.initial * math.prod(problem.partners[i].relief for i in concluded) \
            + problem.growth * failures
        neg = problem.negotiation(j, pi)
        out = solve(neg)
        w = problem.discount ** t
        if out.agreement:
            concluded.append(j)
            value += w * (out.home_utility - neg.home.batna if problem.objective == "utility"
                          else out.side_payment_home)
        else:
            failures += 1
        if problem.objective == "utility":
            value -= w * problem.pressure_cost * pi
        steps.append((pi, neg.home.no_agreement, bool(out.agreement), float(out.concession),
                      float(out.side_payment_home), float(out.home_utility)))
    return value, steps


def close(a, b, tol=1e-9):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return np.allclose(a, b, rtol=tol, atol=tol, equal_nan=True)


# --- the pressure formula ---------------------------------------------------------------------

def test_pressure_formula_by_hand():
    relief = [0.5, 0.8, 0.0]
    assert pressure(0.4, 0.1, relief, [False, False, False], 0) == 0.4
    assert close(pressure(0.4, 0.1, relief, [True, False, False], 0), 0.2)
    assert close(pressure(0.4, 0.1, relief, [True, True, False], 1), 0.4 * 0.5 * 0.8 + 0.1)
    assert close(pressure(0.4, 0.1, relief, [True, True, True], 0), 0.0)   # rho = 0: all relieved
    grid = pressure(np.array([0.4, 1.0]), 0.1, relief, [np.array([True, False]), False, False], 2)
    assert close(grid, [0.4 * 0.5 + 0.2, 1.0 + 0.2])


def test_steps_follow_the_pressure_formula_with_a_failure():
    # B's Partner asks more than 1 (r_P = 1.5): the ZOPA is empty at any pressure, B always fails
    a = deal("A", 0.5, gain=0.6, batna=0.3, slope=-0.5, tolerance=0.2, partner_batna=0.2)
    b = deal("B", 0.5, gain=0.6, batna=0.3, slope=-0.5, tolerance=0.2, partner_batna=1.5)
    c = deal("C", 0.25, gain=0.6, batna=0.3, slope=-0.5, tolerance=0.2, partner_batna=0.2)
    p = problem_of([a, b, c], initial=0.4, growth=0.1, discount=0.9, pressure_cost=0.5)
    res = evaluate(p, [["B", "A", "C"], ["A", "C", "B"]])
    assert res.agreement.tolist() == [[False, True, True], [True, True, False]]
    assert close(res.pressure[0], [0.4, 0.4 + 0.1, 0.4 * 0.5 + 0.1])
    assert close(res.pressure[1], [0.4, 0.4 * 0.5, 0.4 * 0.5 * 0.25])
    assert np.isnan(res.concession[0, 0]) and np.isnan(res.home_utility[1, 2])
    assert np.isnan(res.side_payment[0, 0])
    for k, order in enumerate(res.order):
        value, steps = reference_run(p, order)
        assert close(res.value[k], value)
    # the failed deal adds only the pressure cost: value = A, C terms - kappa sum beta^t pi_t
    utility = res.home_utility[1, :2] - np.array([0.3, 0.3])
    assert close(res.value[1], utility @ [1, 0.9] - 0.5 * res.pressure[1] @ [1, 0.9, 0.81])


def test_a_failed_partner_is_not_retried_and_the_next_deal_feels_the_growth():
    # B fails at pressure 0.1 but would agree at 0.1 + growth: it is still never negotiated again
    b = deal("B", 0.5, gain=0.5, batna=0.5, slope=0.0, tolerance=0.0, partner_batna=0.15)
    a = deal("A", 1.0, gain=0.5, batna=0.5, slope=0.0, tolerance=0.0, partner_batna=0.15)
    p = problem_of([b, a], initial=0.1, growth=0.1)
    res = evaluate(p, [[0, 1]])
    assert res.agreement[0].tolist() == [False, True]        # r_H = 0.1 < r_P; then 0.2 > 0.15
    assert close(res.pressure[0], [0.1, 0.2])
    assert sorted(res.order[0].tolist()) == [0, 1]


# --- evaluation against the reference, DP against brute force ----------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_n=5), st.randoms(use_true_random=False))
def test_evaluation_equals_the_step_by_step_reference(problem, rnd):
    order = list(range(problem.n))
    rnd.shuffle(order)
    res = evaluate(problem, [order])
    value, steps = reference_run(problem, order)
    assert close(res.value[0], value)
    got = np.column_stack([res.pressure[0], res.batna[0], res.agreement[0], res.concession[0],
                           res.side_payment[0], res.home_utility[0]])
    assert close(got, np.array(steps, float))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_n=7))
def test_dynamic_programming_equals_brute_force_over_all_orders(problem):
    value, order = optimal(problem)
    brute_value, _ = brute_force(problem)
    assert close(value, brute_value)
    assert sorted(order.tolist()) == list(range(problem.n))
    assert close(evaluate(problem, order[None]).value[0], value)   # the order achieves the value
    # the tried sets in chunks of one (large n chunks them): the same value and order
    chunked_value, chunked_order = optimal(problem, chunk=1)
    assert close(chunked_value, value) and (chunked_order == order).all()
    everything = evaluate(problem, list(permutations(range(problem.n)))).value
    better = everything > value + 1e-9 if problem.objective == "utility" \
        else everything < value - 1e-9
    assert not better.any()


def test_brute_force_and_dp_agree_on_the_cases_and_pick_the_best_order():
    for case in ("japan-fta", "korea-fta"):
        p = twolevel.load(case_path(case))
        value, order = optimal(p)
        both = evaluate(p, [[0, 1], [1, 0]]).value
        assert close(value, both.max()) and close(brute_force(p)[0], value)
        assert order.tolist() == [[0, 1], [1, 0]][int(np.argmax(both))]


# --- batches ----------------------------------------------------------------------------------

def batch_problem(rng, n, shape):
    """A problem whose initial pressure, growth, reliefs, Home gains and Partner batnas are
    random arrays of ``shape`` (one scenario per entry)."""
    partners = [deal(NAMES[j], rng.uniform(0, 1, shape), gain=rng.uniform(0.2, 1, shape),
                     batna=0.3, slope=-rng.uniform(0, 1.5, shape), tolerance=0.1,
                     partner_batna=rng.uniform(0, 0.9, shape))
                for j in range(n)]
    return problem_of(partners, initial=rng.uniform(0, 0.6, shape),
                      growth=rng.uniform(0, 0.2, shape), discount=0.9, pressure_cost=0.2)


def scalar_problem(p, index):
    """Scenario ``index`` of a batch problem as a scalar problem."""
    def pick(x):
        return float(np.broadcast_to(x, p.shape)[index])

    partners = []
    for q in p.partners:
        (c,) = q.home["constituencies"]
        home = {**q.home, "gain": pick(q.home["gain"]),
                "constituencies": (Constituency(c.name, gain=c.gain, slope=pick(c.slope)),)}
        partners.append(Partner(q.name, pick(q.relief), q.partner.with_(
            batna=pick(q.partner.batna)), home))
    return SequenceProblem(p.home, tuple(partners), initial=pick(p.initial),
                           growth=pick(p.growth), discount=p.discount,
                           pressure_cost=p.pressure_cost, objective=p.objective)


@pytest.mark.parametrize("objective", ["utility", "side_payments"])
def test_a_batch_equals_its_scenarios_one_by_one(objective):
    rng = np.random.default_rng(7)
    p = batch_problem(rng, 4, (3, 5))
    p = SequenceProblem(p.home, p.partners, p.initial, p.growth, p.discount, p.pressure_cost,
                        objective)
    orders = [[0, 1, 2, 3], [3, 1, 0, 2], [2, 3, 1, 0]]
    batch = evaluate(p, orders)
    value, order = optimal(p)
    assert batch.value.shape == (3, 3, 5) and value.shape == (3, 5) and order.shape == (4, 3, 5)
    assert not batch.agreement.all() and batch.agreement.any()     # failures occur in the batch
    for index in np.ndindex(p.shape):
        one = scalar_problem(p, index)
        single = evaluate(one, orders)
        for f in ("value", "pressure", "agreement", "concession", "side_payment", "home_utility"):
            assert close(getattr(batch, f)[(slice(None),) * (2 - (f == "value")) + index],
                         getattr(single, f)), f
        v1, o1 = optimal(one)
        assert close(value[index], v1) and order[(slice(None), *index)].tolist() == o1.tolist()


def test_orders_may_differ_by_scenario():
    rng = np.random.default_rng(3)
    p = batch_problem(rng, 3, (4,))
    value, order = optimal(p)
    res = best(p)
    assert res.order.shape == (1, 3, 4) and (res.order[0] == order).all()
    assert close(res.value[0], value)
    assert len({tuple(order[:, i]) for i in range(4)}) > 1       # the orders do differ
    for i in range(4):          # each scenario's value is that of its own order, applied to all
        assert close(res.value[0, i], evaluate(p, [order[:, i].tolist()]).value[0, i])


# --- the cases: each step is the matching negotiation case; the sequencing hypothesis ----------

SEQUENCE_CASES = {"japan-fta": ("Singapore", "Mexico", "japan"),
                  "korea-fta": ("Singapore", "Chile", "korea")}


@pytest.mark.parametrize("case", sorted(SEQUENCE_CASES))
def test_sequence_case_steps_reproduce_the_negotiation_cases(case):
    easy, hard, country = SEQUENCE_CASES[case]
    p = twolevel.load(case_path(case))
    for name in (easy, hard):
        neg = twolevel.load(case_path(f"{country}-{name.lower()}"))
        j = p.index(name)
        mine = p.negotiation(j, neg.home.pressure)
        for role in ("home", "partner"):
            a, b = getattr(mine, role), getattr(neg, role)
            for f in ("name", "gain", "cost", "benefit", "batna", "pressure", "power", "discount",
                      "funds_cost", "budget", "quota"):
                assert getattr(a, f) == getattr(b, f), (name, role, f)
            assert [vars(c) for c in a.constituencies] == [vars(c) for c in b.constituencies]
        assert mine.solution == neg.solution
        # the case's pressure is the one the sequence gives the deal in the historical order
        res = evaluate(p, [[p.index(x) for x in HISTORICAL[case]]])
        t = HISTORICAL[case].index(name)
        assert close(res.pressure[0, t], neg.home.pressure, 1e-12)
        out = solve(neg)
        assert close([res.concession[0, t], res.side_payment[0, t], res.home_utility[0, t]],
                     [out.concession, out.side_payment_home, out.home_utility])


HISTORICAL = {"japan-fta": ["Singapore", "Mexico"], "korea-fta": ["Chile", "Singapore"]}


@pytest.mark.parametrize("solution", ["nash", "kalai-smorodinsky", "rubinstein"])
@pytest.mark.parametrize("case", sorted(SEQUENCE_CASES))
def test_the_hard_deal_costs_less_after_the_easy_one(case, solution):
    """The hypothesis on the cases, also with the initial pressure 10% lower and higher (one
    batch: initial = pi_0 x [0.9, 1, 1.1])."""
    easy, hard, _ = SEQUENCE_CASES[case]
    p = twolevel.load(case_path(case))
    p = SequenceProblem(p.home, p.partners, p.initial * np.array([0.9, 1.0, 1.1]), p.growth,
                        p.discount, p.pressure_cost, p.objective, solution)
    res = evaluate(p, [[easy, hard], [hard, easy]])     # (E, D): D at step 2; (D, E): step 1
    x = res.concession[0, 1], res.concession[1, 0]
    s = res.side_payment[0, 1], res.side_payment[1, 0]
    assert res.agreement.all()
    assert (x[0] < x[1]).all() and (s[0] < s[1]).all()
    if case == "japan-fta":
        assert (s[0] == 0).all()            # Mexico after Singapore: no side payments (S4)
    else:
        assert (s[0] > 0.1).all()           # Chile needs substantial side payments either way
    # with the least-side-payments objective, easy first is the optimal order
    q = SequenceProblem(p.home, p.partners, p.initial, p.growth, p.discount, p.pressure_cost,
                        "side_payments", solution)
    assert (optimal(q)[1] == np.array([[p.index(easy)], [p.index(hard)]])).all()


# --- objects and errors -----------------------------------------------------------------------

def test_problem_objects_validate_their_parameters():
    a = deal("A", 0.5, gain=0.6, batna=0.3, slope=-0.5, tolerance=0.2, partner_batna=0.2)
    with pytest.raises(TwoLevelError, match=r"^relief: must be in \[0, 1\], got 2$"):
        Partner("A", 2, a.partner, dict(a.home))
    with pytest.raises(TwoLevelError, match="partner.name: must be the partner's name 'B'"):
        Partner("B", 0.5, a.partner, dict(a.home))
    with pytest.raises(TwoLevelError, match=r"^home.pressure: the pressure of a sequence"):
        Partner("A", 0.5, a.partner, {**a.home, "pressure": 0.1})
    with pytest.raises(TwoLevelError, match=r"^partners\[1\].name: must be unique, got 'A'"):
        problem_of([a, a])
    with pytest.raises(TwoLevelError, match=r"^discount: must be in \(0, 1\], got 0$"):
        problem_of([a], discount=0)
    with pytest.raises(TwoLevelError, match=r"^pressure_cost: must be >= 0, got -1$"):
        problem_of([a], pressure_cost=-1)
    with pytest.raises(TwoLevelError, match=r"^objective: must be one of utility, side_payments"):
        problem_of([a], objective="concession")
    with pytest.raises(TwoLevelError, match=r"^initial: must be a finite number, got nan$"):
        problem_of([a], initial=math.nan)
    with pytest.raises(TwoLevelError, match=r"^partners: must be a non-empty list"):
        problem_of([])
    no_gain = Partner("A", 0.5, a.partner, {"batna": 0.3})
    with pytest.raises(TwoLevelError, match=r"^partners\[0\].home.gain: is required"):
        problem_of([no_gain])
    with pytest.raises(TwoLevelError, match=r"^home.cost: must be > 0, got -1$"):
        SequenceProblem({"cost": -1.0}, (a,), 0.3)
    twice = (Constituency("farmers", gain=0.1, slope=-1),) * 2
    with pytest.raises(TwoLevelError, match=r"^partners\[0\].home.constituencies\[1\].name: "
                       "must be unique"):
        problem_of([Partner("A", 0.5, a.partner, {**a.home, "constituencies": twice})])


def test_order_errors_and_the_partner_limit():
    a = deal("A", 0.5, gain=0.6, batna=0.3, slope=-0.5, tolerance=0.2, partner_batna=0.2)
    b = deal("B", 0.5, gain=0.6, batna=0.3, slope=-0.5, tolerance=0.2, partner_batna=0.2)
    p = problem_of([a, b])
    for bad in ([[0, 0]], [[0]], [[0, 2]], [["A", "Z"]], np.array([[0.0, 1.0]]),
                np.zeros((1, 2, 3), int)):
        with pytest.raises(TwoLevelError, match="^order: "):
            evaluate(p, bad)
    many = problem_of([deal(f"P{j}", 0.5, 0.6, 0.3, -0.5, 0.2, 0.2)
                       for j in range(MAX_PARTNERS + 1)])
    with pytest.raises(TwoLevelError, match=f"^partners: .*at most {MAX_PARTNERS} partners"):
        optimal(many)


def test_the_sequence_benchmark_runs_and_checks_exactness(capsys):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_sequence.py"
    spec = importlib.util.spec_from_file_location("bench_sequence", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rows = bench.main(["--min-n", "3", "--max-n", "6", "--brute-max-n", "5", "--repeats", "1"])
    assert [r[-1] for r in rows] == ["= brute force"] * 3 + [f">= {bench.SAMPLE} random orders"]
    assert [int(r[2].replace(",", "")) for r in rows] == [
        sum(1 for c in range(2 ** n) for j in range(n) for f in range(n)
            if not c >> j & 1 and bin(c).count("1") + f <= n - 1) for n in (3, 4, 5, 6)]


def test_result_to_dict_is_json_safe_with_null_for_failures():
    import json

    a = deal("A", 0.5, gain=0.6, batna=0.3, slope=-0.5, tolerance=0.2, partner_batna=0.2)
    b = deal("B", 0.5, gain=0.6, batna=0.3, slope=-0.5, tolerance=0.2, partner_batna=1.5)
    res = evaluate(problem_of([a, b]), [["B", "A"]])
    d = json.loads(json.dumps(res.to_dict(0), allow_nan=False))
    assert d["order"] == ["B", "A"] and d["value"] == float(res.value[0])
    assert d["steps"][0]["agreement"] is False
    assert [d["steps"][0][f] for f in ("concession", "side_payment", "home_utility")] == [None] * 3
    assert d["steps"][1]["concession"] == float(res.concession[0, 1])
