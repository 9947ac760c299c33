"""Sequence problems (MODEL.md section 2): field checks, broadcasting, the exact discounted
pressure integral against numerical quadrature."""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.integrate import quad

from twolevel import Side, TwoLevelError
from twolevel.sequencing.problem import Partner, SequenceProblem, pressure_integral

from sequence_problems import deal, problem_of

CHILE = Side("Chile", gain=0.0, benefit=1.0, batna=0.3)


@settings(deadline=None, max_examples=60)
@given(p=st.floats(-1, 1), growth=st.floats(-0.5, 0.5), beta=st.floats(0.5, 0.99),
       a=st.floats(0, 10), length=st.floats(0, 10))
def test_pressure_integral_is_the_integral(p, growth, beta, a, length):
    r = -math.log(beta)
    b = a + length
    want = quad(lambda t: math.exp(-r * t) * (p + growth * t), a, b)[0]
    assert pressure_integral(p, growth, r, a, b) == pytest.approx(want, rel=1e-9, abs=1e-9)
    tail = quad(lambda t: math.exp(-r * t) * (p + growth * t), a, np.inf)[0]
    assert pressure_integral(p, growth, r, a, np.inf) == pytest.approx(tail, rel=1e-7, abs=1e-9)


def test_pressure_integral_broadcasts():
    out = pressure_integral(np.array([0.1, 0.2])[:, None], 0.05, 0.05, np.array([0.0, 1.0, 2.0]),
                            np.inf)
    assert out.shape == (2, 3) and np.all(np.diff(out, axis=0) > 0)


@pytest.mark.parametrize("kw, field, text", [
    ({"relief": 1.5}, "relief", "must be in [0, 1]"),
    ({"duration": 0.0}, "duration", "must be > 0"),
    ({"willing_after": 1.5}, "willing_after", "whole number"),
    ({"willing_after": -1}, "willing_after", "must be >= 0"),
    ({"home": {"pressure": 0.2}}, "home.pressure", "[pressure] table"),
    ({"home": {"colour": 1}}, "home.colour", "unknown key"),
])
def test_partner_fields_are_checked(kw, field, text):
    with pytest.raises(TwoLevelError) as err:
        Partner("Chile", CHILE, **kw)
    assert err.value.field == field and text in err.value.message


@pytest.mark.parametrize("kw, field", [
    ({"discount": 1.0}, "discount"), ({"discount": 0.0}, "discount"),
    ({"pressure_cost": -1.0}, "pressure_cost"), ({"learning": -0.1}, "learning"),
    ({"objective": "utility"}, "objective"), ({"initial": math.nan}, "initial"),
    ({"failure": math.inf}, "failure"), ({"solution": "coin"}, "solution"),
])
def test_problem_fields_are_checked(kw, field):
    with pytest.raises(TwoLevelError) as err:
        problem_of([deal("A", 0.5, 0.5, 0.1, -1.0, 0.1, 0.1)], **kw)
    assert err.value.field == field


def test_missing_home_keys_name_the_partner():
    p = Partner("Chile", CHILE, {"gain": 1.0})
    with pytest.raises(TwoLevelError) as err:
        SequenceProblem({"cost": 1.0}, (p,), initial=0.1)
    assert err.value.field == "partners[0].home.batna"


def test_partner_names_must_match_and_be_unique():
    with pytest.raises(TwoLevelError, match="partner.name"):
        Partner("Peru", CHILE)
    a = deal("A", 0.5, 0.5, 0.1, -1.0, 0.1, 0.1)
    with pytest.raises(TwoLevelError, match="must be unique"):
        problem_of([a, a])


def test_orders_are_checked():
    problem = problem_of([deal(x, 0.5, 0.5, 0.1, -1.0, 0.1, 0.1) for x in "AB"])
    assert problem.order(["B"]) == (1,) and problem.order([]) == ()
    for bad, text in ((["A", "A"], "twice"), (["C"], "unknown partner"), ("AB", "list")):
        with pytest.raises(TwoLevelError, match=text):
            problem.order(bad)


def test_shape_broadcasts_sequence_and_deal_parameters():
    problem = problem_of([deal("A", np.array([0.1, 0.5]), 0.5, 0.1, -1.0, 0.1, 0.1,
                               duration=np.array([[1.0], [2.0], [3.0]]))],
                         growth=np.zeros((1, 2)))
    assert problem.shape == (3, 2)
