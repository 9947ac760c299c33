"""The seed's claims on the recalibrated FTA cases (CASES.md section 1, issue: what the cases must
show), tested on what the honest calibration gives, and the sensitivity tools they rest on."""
from dataclasses import replace

import numpy as np
import pytest

from twolevel import cases
from twolevel.negotiation.kernel import SOLUTIONS
from twolevel.sequencing import evaluate, optimal
from twolevel.sequencing.sensitivity import claims, joint, one_at_a_time, scaled

ORDERS = {"japan-fta": ("Singapore", "Mexico"), "korea-fta": ("Singapore", "Chile")}


def willing(problem):
    return replace(problem, partners=tuple(replace(p, willing_after=0) for p in problem.partners))


def test_japan_mexico_is_ratified_without_side_payments_in_the_historical_order():
    step = evaluate(cases.load("japan-fta"), ["Singapore", "Mexico"]).step("Mexico")
    assert step.agreement and step.side_payment == 0
    assert step.concession == pytest.approx(0.32)          # the 80,000 t pork quota of 250,000


def test_korea_chile_needs_side_payments_larger_when_it_comes_first():
    korea = willing(cases.load("korea-fta"))
    first = evaluate(korea, ["Chile", "Singapore"]).step("Chile")
    second = evaluate(korea, ["Singapore", "Chile"]).step("Chile")
    assert first.agreement and second.agreement
    assert first.side_payment > second.side_payment > 0


@pytest.mark.parametrize("solution", SOLUTIONS)
@pytest.mark.parametrize("case", sorted(ORDERS))
def test_easy_first_is_the_better_order_and_the_hypothesis_holds(case, solution):
    problem = willing(replace(cases.load(case), solution=solution))
    easy, difficult = ORDERS[case]
    ed, de = evaluate(problem, [easy, difficult]), evaluate(problem, [difficult, easy])
    assert ed.value > de.value
    x = ed.step(difficult).concession, de.step(difficult).concession
    s = ed.step(difficult).side_payment, de.step(difficult).side_payment
    assert x[0] < x[1] and s[0] <= s[1] and (s[0] < s[1] or s[1] == 0)


@pytest.mark.parametrize("solution", SOLUTIONS)
def test_chile_first_is_koreas_best_order_while_singapore_is_unwilling(solution):
    korea = replace(cases.load("korea-fta"), solution=solution)
    assert korea.partners[1].willing_after == 1
    assert optimal(korea).order == ("Chile", "Singapore")
    assert optimal(willing(korea)).order[0] == "Singapore"     # open to it, it would go first


def test_scaled_changes_only_the_named_parameter():
    japan = cases.load("japan-fta")
    p = scaled(japan, {"initial": 2.0, "Mexico.relief": 0.5, "Mexico.home.stake": 2.0,
                       "home.funds_cost": 2.0, "discount_rate": 2.0,
                       "Singapore.partner.batna": 3.0})
    assert p.initial == 0.4 and p.partners[1].relief == 0.25
    assert p.home["funds_cost"] == pytest.approx(1.4)
    assert p.discount == pytest.approx(0.95 ** 2)
    mexico = p.negotiation(1).home
    assert mexico.gain - mexico.batna == pytest.approx(2 * (0.6 - 0.27))
    assert p.partners[0].partner.batna == pytest.approx(0.15)
    assert p.partners[0].relief == japan.partners[0].relief and p.growth == japan.growth
    farm = scaled(japan, {"Mexico.farm_loss": 2.0}).negotiation(1).home.constituencies[0]
    assert (farm.slope, farm.gain / -farm.slope) == pytest.approx((-1.0, 0.32))


def test_sensitivity_rows_equal_the_claims_at_each_calibration():
    japan = cases.load("japan-fta")
    rows = one_at_a_time(japan, "Singapore", "Mexico", ["Singapore.relief"], (0.5, 1.5))
    for path, f, got in rows:
        want = claims(scaled(japan, {path: f}), "Singapore", "Mexico")
        assert got == {k: np.asarray(v).item() for k, v in want.items()}
    draws = joint(japan, "Singapore", "Mexico", ["initial", "growth"], n=16)
    assert draws["factors"].shape == (16, 2) and draws["hypothesis"].shape == (16,)
    assert ((draws["factors"] >= 0.5) & (draws["factors"] <= 1.5)).all()
    k = 3
    one = claims(scaled(japan, {"initial": draws["factors"][k, 0],
                                "growth": draws["factors"][k, 1]}), "Singapore", "Mexico")
    assert bool(one["easy_first_better"]) == bool(draws["easy_first_better"][k])
