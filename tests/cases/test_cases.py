"""Built-in cases: every file loads and solves; the FTA cases reproduce the facts of CASES.md
section 1 (agreement, side payments or none) under all three solutions and under +-10% pressure."""
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import twolevel
from twolevel.issues import IssuesProblem, solve as solve_issues
from twolevel import Negotiation, solve
from twolevel import coercion
from twolevel.coercion import CoercionProblem, EventRecord
from twolevel.negotiation.kernel import SOLUTIONS
from twolevel.sequencing import SequenceProblem, evaluate, optimal, optimal_arrays
from twolevel.strategy.model import StrategyProblem
from twolevel.strategy.path import solve_path

CASES = Path(twolevel.__file__).parent / "cases"
FILES = sorted(CASES.glob("*.toml"))

# case -> Home pays side payments to ratify (True) or none (False); CASES.md section 1 (S4)
FTA_FACTS = {
    "japan-singapore": False,   # almost no domestic opposition
    "japan-mexico": False,      # ratified in two months, no specific side payments to farmers
    "korea-chile": True,        # > $620m, then the > $80bn special law
    "korea-singapore": False,   # easy second deal
}


def with_pressure(neg: Negotiation, pressure) -> Negotiation:
    return replace(neg, home=neg.home.with_(pressure=pressure))


def test_the_fta_cases_are_built_in():
    assert set(FTA_FACTS) <= {f.stem for f in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_case_has_a_summary_line_and_loads(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# summary: ") and len(first) > len("# summary: ") + 10
    problem = twolevel.load(path)
    if isinstance(problem, Negotiation):
        for solution in SOLUTIONS:
            out = solve(problem, solution)
            assert np.isnan(out.concession) != bool(out.agreement)
    elif isinstance(problem, SequenceProblem):
        best = optimal(problem)
        assert best.value == pytest.approx(float(optimal_arrays(problem)["value"]), abs=1e-12)
        assert evaluate(problem, list(best.order)) == best
    elif isinstance(problem, (CoercionProblem, EventRecord)):
        out = (coercion.coerce(problem) if isinstance(problem, CoercionProblem)
               else coercion.evaluate(problem).outcome)
        assert np.all(np.asarray(out.agreement) == (np.asarray(out.concession) > 0))
    elif isinstance(problem, StrategyProblem):
        assert solve_path(problem).to_dict()["rounds"]
    elif isinstance(problem, IssuesProblem):
        out = solve_issues(problem)
        assert np.isnan(out.package.concessions).all() != bool(out.package.agreement[0])
    else:
        pytest.fail(f"{path.name} is not of a known kind")


@pytest.mark.parametrize("solution", SOLUTIONS)
@pytest.mark.parametrize("case", sorted(FTA_FACTS))
def test_fta_facts_hold_under_ten_percent_pressure_changes(case, solution):
    neg = twolevel.load(CASES / f"{case}.toml")
    assert neg.home.pressure > 0
    out = solve(with_pressure(neg, neg.home.pressure * np.array([0.9, 1.0, 1.1])), solution)
    assert out.agreement.all()
    if FTA_FACTS[case]:
        assert (out.side_payment_home > 1e-3).all()
        assert (out.payments()["farmers"] == out.side_payment_home).all()
    else:
        assert (out.side_payment_home == 0).all()
    # more pressure, more concession (MODEL.md 1: r_H rises with pi)
    assert (np.diff(out.concession) >= -1e-12).all()


def one_veto_parameters(neg):
    """(r_P, r_H, lam l, w) of a case with one veto constituency, theta = 1/2, no budget cap."""
    h, p = neg.home, neg.partner
    (farmers,) = h.constituencies
    assert h.power == 0.5 and np.isinf(h.budget) and p.gain == 0 and p.benefit == 1
    l = -farmers.slope
    w = (farmers.gain - farmers.status_quo) / l
    return (p.batna - p.gain) / p.benefit, (h.gain - h.no_agreement) / h.cost, h.funds_cost * l, w


def test_japan_mexico_needs_side_payments_only_above_the_closed_form_pressure():
    """MODEL.md 1.1: S > 0 iff x' = (r_H + lam l w)/(2 (1 + lam l)) + r_P/2 > w, r_H = r0 + pi."""
    neg = twolevel.load(CASES / "japan-mexico.toml")
    assert neg.home.cost == 1
    r_p, r_h, lam_l, w = one_veto_parameters(neg)
    r0 = r_h - neg.home.pressure
    pi_star = (w - r_p / 2) * 2 * (1 + lam_l) - lam_l * w - r0
    assert pi_star > 1.1 * neg.home.pressure     # the no-payment fact has room
    out = solve(with_pressure(neg, np.array([pi_star - 0.01, pi_star + 0.01])))
    assert out.agreement.all()
    assert out.side_payment_home[0] == 0 and out.side_payment_home[1] > 0


@pytest.mark.parametrize("sequence, deals", [
    ("japan-fta", {"Singapore": "japan-singapore", "Mexico": "japan-mexico"}),
    ("korea-fta", {"Chile": "korea-chile", "Singapore": "korea-singapore"})])
def test_each_deal_case_is_its_sequence_step_at_the_historical_pressure(sequence, deals):
    """The negotiation cases hold the deals of the sequence cases, under the pressure the sequence
    reaches at the historical signing dates (historical order: as listed)."""
    problem = twolevel.load(CASES / f"{sequence}.toml")
    history = evaluate(problem, list(deals))
    for j, (partner, case) in enumerate(deals.items()):
        neg = twolevel.load(CASES / f"{case}.toml")
        assert neg.home.pressure == pytest.approx(history.steps[j].pressure, abs=1e-12)
        alone, step = solve(neg), history.steps[j]
        assert (float(alone.concession), float(alone.side_payment_home)) == pytest.approx(
            (step.concession, step.side_payment), abs=1e-12)
        assert solve(problem.negotiation(j, neg.home.pressure)).to_dict() == alone.to_dict()


@pytest.mark.parametrize("case", ["japan-singapore", "korea-singapore"])
def test_easy_deals_never_need_the_farm_vote(case):
    """The farmers' threshold w lies above 1: no concession in [0, 1] costs them anything."""
    neg = twolevel.load(CASES / f"{case}.toml")
    assert one_veto_parameters(neg)[3] > 1
