"""The vectorised kernels against the reference solver on random negotiations (MODEL.md section 1).

Each hypothesis example draws a seed; a batch of scenarios for every pair of constituency counts
(0 to 3 per side) is solved in one kernel call per pair and each scenario by the reference.
"""
import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from reference_checks import TOL, X_TOL, check, close, objective
from scenarios import SHAPES, batch, with_modes
from twolevel import Constituency, Negotiation, Side, solve
from twolevel.negotiation.intervals import to_list
from twolevel.negotiation.kernel import solve_arrays
from twolevel.negotiation.ratification import REASONS, solve_ratified
from twolevel.negotiation.reference import NOTHING, STEP, Reference, Result
from twolevel.negotiation.reference import solve as reference_solve

seeds = st.integers(0, 2**32 - 1)


def run(solution, seed, per_shape, shapes=SHAPES, modes=False, **kw):
    """Random batches (per pair of constituency counts) by the kernel against the reference; with
    ``modes`` each side's ratification mode is drawn too (the layer, checked by check_modes).
    Returns the outcomes."""
    rng = np.random.default_rng(seed)
    failures, outs = [], []
    for m_home, m_partner in shapes:
        home, partner, power = batch(rng, per_shape, m_home, m_partner, **kw)
        if modes:
            home, partner = with_modes(rng, home), with_modes(rng, partner)
        out = (solve_ratified if modes else solve_arrays)(home, partner, power, solution,
                                                           intervals=False)
        outs.append(out)
        for i in range(per_shape):
            ref = Reference.from_arrays(home, partner, power, i)
            problems = (check_modes if modes else check)(out, i, ref, solution)
            if problems:
                failures.append(f"{ref.home}\n{ref.partner}\ntheta={ref.power}: {problems}")
    assert not failures, f"seed {seed}: {len(failures)} scenarios differ:\n" + "\n".join(failures[:3])
    return outs


@settings(max_examples=16, deadline=None)
@given(seed=seeds)
def test_nash_matches_reference(seed):
    run("nash", seed, 8)


@settings(max_examples=16, deadline=None)
@given(seed=seeds)
def test_kalai_smorodinsky_matches_reference(seed):
    run("kalai-smorodinsky", seed, 8)


@settings(max_examples=16, deadline=None)
@given(seed=seeds)
def test_rubinstein_matches_reference(seed):
    run("rubinstein", seed, 4)


@settings(max_examples=8, deadline=None)
@given(seed=seeds, solution=st.sampled_from(["nash", "kalai-smorodinsky", "rubinstein"]))
def test_monotone_scenarios_match_reference(seed, solution):
    """Home's constituencies lose and Partner's gain from concessions (the usual case)."""
    run(solution, seed, 2 if solution == "rubinstein" else 6, monotone=True)


def test_batches_have_agreements_and_failures():
    """The generator exercises both outcomes (else the comparisons above would be vacuous)."""
    agreements = sum(out.agreement.sum() for out in run("nash", 0, 8))
    assert 0.3 * 8 * len(SHAPES) < agreements < 0.8 * 8 * len(SHAPES)


@settings(max_examples=10, deadline=None)
@given(seed=seeds)
def test_zopa_matches_reference(seed):
    """The kernel's ZOPA intervals are the reference's components (ends to 1e-9)."""
    rng = np.random.default_rng(seed)
    for m_home, m_partner in SHAPES:
        home, partner, power = batch(rng, 4, m_home, m_partner)
        zopa = solve_arrays(home, partner, power).zopa
        for i in range(home.n):
            ref = Reference.from_arrays(home, partner, power, i)
            got = [(a, b) for a, b in to_list(zopa[i])]
            # components the reference's grid can resolve; kernel pieces meeting at a point merge
            got = [c for c in got if c[1] - c[0] > 2 * STEP]
            want = [c for c in ref.zopa if c[1] - c[0] > 2 * STEP]
            assert len(got) == len(want), (ref.home, ref.partner, got, ref.zopa)
            for (a, b), (c, d) in zip(got, want):
                assert close(a, c) and close(b, d), (ref.home, ref.partner, got, ref.zopa)


def test_reference_from_negotiation_matches_solve():
    """The public path: a Negotiation solved by ``solve`` and by the reference."""
    farmers = Constituency("farmers", gain=0.5, slope=-1.2, status_quo=0.1, weight=2)
    industry = Constituency("industry", gain=0.0, slope=0.6, status_quo=0.05)
    exporters = Constituency("exporters", gain=-0.1, slope=0.8, status_quo=0.0)
    neg = Negotiation(
        Side("Home", gain=1.0, cost=1.0, batna=0.2, pressure=0.1, power=0.4, funds_cost=1.5,
             budget=0.3, quota=0.6, discount=0.9, constituencies=(farmers, industry)),
        Side("Partner", benefit=0.8, gain=0.1, batna=0.2, discount=0.8, constituencies=(exporters,)))
    for solution in ("nash", "kalai-smorodinsky", "rubinstein"):
        out, r = solve(neg, solution), reference_solve(neg, solution)
        assert out.agreement and r.agreement and r.unique
        assert abs(out.concession - r.concession) < X_TOL
        assert close(out.home_utility, r.home_utility, 1e-8)
        assert close(out.side_payment_home, r.side_payment_home, 1e-8)


def test_reference_takes_one_scenario():
    neg = Negotiation(Side("H", gain=1.0, cost=[1.0, 2.0], batna=0.0),
                      Side("P", gain=0.0, benefit=1.0, batna=0.0))
    with pytest.raises(ValueError, match="one scenario"):
        Reference.from_negotiation(neg)


# ratification modes --------------------------------------------------------------------------
def ratification_margin(ref, x):
    """min over ex-post sides that must pay at x of (B - S_min, u - lam S_min - d): ratification
    holds iff it is >= 0 (inf where no ex-post side pays)."""
    margin = math.inf
    for side, cost, sign in ((ref.home, ref.side_payment_home, -1.0),
                             (ref.partner, ref.side_payment_partner, 1.0)):
        least = float(cost(x))
        if side.ex_post and least > 0:
            rest = side.gain + sign * side.rate * x - side.funds_cost * least - side.batna
            margin = min(margin, side.budget - least, rest)
    return margin


def check_modes(out, i, ref, solution):
    """Kernel outcome ``i`` with ratification modes against the reference; a list of problems."""
    r = ref.solve(solution)
    table = ref.table
    reason = REASONS[out.reason[i]]
    if not out.agreement[i]:
        problems = [] if np.isnan([out.concession[i], out.home_utility[i]]).all() else [
            "no agreement but terms are not NaN"]
        if reason == "zopa":
            probe = [table.margin(table.grid).max()] + [table.margin(0.5 * (a + b))
                                                       for a, b in table.zopa]
            if max(probe) > TOL:
                problems.append(f"kernel finds F0 empty, reference margin {max(probe)}")
        elif r.agreement and r.unique and abs(ratification_margin(ref, r.concession)) > 1e-7:
            problems.append(f"kernel fails ratification, reference ratifies x0={r.concession}")
        return problems
    x = out.concession[i]
    problems = []
    if reason is not None:
        problems.append(f"agreement with reason {reason}")
    if not table.feasible(x, TOL):
        problems.append(f"kernel x={x} outside F0, margin {table.margin(x)}")
    at = ref._ratify(Result(solution, True, x, *[math.nan] * 4))
    if not at.agreement:
        if ratification_margin(ref, x) < -1e-9:
            problems.append(f"kernel ratifies x={x}, reference does not")
        return problems
    for name in ("side_payment_home", "side_payment_partner", "home_utility", "partner_utility"):
        got, want = getattr(out, name)[i], getattr(at, name)
        if not close(got, want):
            problems.append(f"{name}: kernel {got}, reference {want}")
    for role, side, cost in (("home", ref.home, ref.side_payment_home),
                             ("partner", ref.partner, ref.side_payment_partner)):
        pay, least = getattr(out, f"payments_{role}")[i], float(cost(x))
        if side.ex_post and least > 0:         # the rent scales every loser's payment alike
            pay = pay * least / getattr(at, f"side_payment_{role}")
        loss = cost.losses(x)
        paid = pay > 0
        size = np.maximum(np.maximum(abs(cost.e), abs(cost.v0)), abs(cost.k))
        if not (np.allclose(pay[paid], loss[paid], rtol=TOL, atol=TOL)
                and cost.meets_quota(cost.w[paid | (loss <= NOTHING * size)].sum())):
            problems.append(f"payments_{role} {pay} are not a winning coalition's losses {loss}")
    if not r.agreement:
        return problems
    if r.reason is None and abs(x - r.concession) > X_TOL and r.unique:
        problems.append(f"x: kernel {x}, reference {r.concession} (unique optimum)")
    if solution != "rubinstein":
        got = objective(table, solution, x)
        if not close(got, r.objective):
            problems.append(f"objective on F0: kernel {got}, reference {r.objective}")
    return problems


@settings(max_examples=10, deadline=None)
@given(seed=seeds, solution=st.sampled_from(["nash", "kalai-smorodinsky", "rubinstein"]))
def test_mixed_modes_match_reference(seed, solution):
    """Random scenarios, each side committed or ex post, every solution concept."""
    run(solution, seed, 2 if solution == "rubinstein" else 5, modes=True)


def test_mixed_mode_batches_have_every_reason():
    """The generator gives agreements, empty ZOPAs and failed ratifications alike."""
    reasons = sum(np.bincount(out.reason, minlength=3) for out in run("nash", 1, 6, modes=True))
    assert (reasons > 0.1 * reasons.sum()).all(), reasons


@settings(max_examples=6, deadline=None)
@given(seed=seeds)
def test_limits_are_the_ends_of_F_in_both_modes(seed):
    """Ex post or committed, the limits are the ends of the reference's F (its committed ZOPA)."""
    rng = np.random.default_rng(seed)
    for m_home, m_partner in ((1, 0), (2, 1), (0, 2)):
        home, partner, power = batch(rng, 4, m_home, m_partner)
        home, partner = with_modes(rng, home), with_modes(rng, partner)
        out = solve_ratified(home, partner, power, intervals=False)
        for i in range(home.n):
            committed = replace(Reference.from_arrays(home, partner, power, i).home, ex_post=False)
            ref = Reference(committed, replace(
                Reference.from_arrays(home, partner, power, i).partner, ex_post=False), power[i])
            wide = [c for c in ref.zopa if c[1] - c[0] > 2 * STEP]
            if not wide or len(wide) != len(ref.zopa):
                continue                       # F empty or with a sliver the grid may miss
            assert close(out.limit_partner[i], ref.zopa[0][0])
            assert close(out.limit_home[i], ref.zopa[-1][1])
