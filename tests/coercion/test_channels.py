"""The channels of MODEL.md section 4 on explicit numbers, their special cases, the closed form
of the case's structure derived with sympy, and monotonicity properties."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from twolevel import Constituency, Negotiation, Side, TwoLevelError
from twolevel.coercion import Coercion, CoercionProblem, coerce
from twolevel.coercion import channels as ch

BASE = Negotiation(Side("Japan", gain=0.0, batna=0.0, cost=1.0, budget=0.0, quota=1.0,
                        constituencies=(Constituency("protected", gain=0.75, slope=-1.0),)),
                   Side("US", gain=0.0, batna=0.5, benefit=1.0))
CONTEXT = dict(threat=1.0, credibility=0.8, dependence=4.4, hierarchy=0.6, legitimacy=0.5,
               trust_target=0.4, trust_sender=0.3, demand="results")


def test_channel_formulas():
    assert ch.material(2.0, 0.5, 4.4, 8.8) == 0.5                 # q T A / A_ref
    assert ch.deference(0.2, 0.5) == 0.1                          # kappa_H H
    assert ch.legitimacy(0.4, 0.25) == 0.1                        # kappa_L L
    assert ch.backlash(0.5, 2.0, 0.75) == 0.25                    # b T (1 - L)
    assert ch.trust_premium(2.0, 0.25, 1.0) == 1.5                # eps (1 - tau) R
    assert ch.trust_premium(2.0, 0.25, 0.0) == 0.0                # rules: no premium
    assert ch.demands_results(0.3, 0.5) and not ch.demands_results(0.5, 0.5)


def solved(**changes):
    return coerce(CoercionProblem(BASE, Coercion(**{**CONTEXT, **changes})))


def test_no_threat_buys_nothing_and_has_no_backlash():
    out = solved(threat=0.0)
    assert out.effectiveness == 0 and out.channels["material"] == 0
    assert out.channels["backlash"] == 0
    assert out.concession == out.concession_without_threat


def test_full_trust_makes_results_cost_like_rules():
    a, b = solved(trust_target=1.0), solved(trust_target=1.0, demand="rules")
    assert a.concession == b.concession and a.agreement == b.agreement


def test_the_closed_form_of_the_case_structure():
    """Nash, no side payments, one veto constituency (slope -1, tolerance w0): derived with sympy,
    x* = min(theta r_P + (1 - theta) r_H, w) on F = [r_P, min(r_H, w)], where
    r_H = (m + s) / (c (1 + eps (1 - tau) R)) and w = w0 - b T (1 - L)."""
    x, th, rh, rp = sp.symbols("x theta r_H r_P", positive=True)
    log_nash = th * sp.log(rh - x) + (1 - th) * sp.log(x - rp)     # c_H = c_P = 1 after scaling
    (x_n,) = sp.solve(sp.diff(log_nash, x), x)
    assert sp.simplify(x_n - (th * rp + (1 - th) * rh)) == 0
    rng = np.random.default_rng(1)
    for _ in range(200):
        c = dict(threat=rng.uniform(0, 2), credibility=rng.uniform(), dependence=rng.uniform(2, 9),
                 hierarchy=rng.uniform(), legitimacy=rng.uniform(), trust_target=rng.uniform(),
                 trust_sender=0.5, demand=str(rng.choice(["rules", "results"])))
        out = solved(**c)
        k = Coercion(**c)
        m = k.credibility * k.threat * k.dependence / 8.8
        s = 0.1875 * k.hierarchy + 0.1875 * k.legitimacy
        r_h = (m + s) / (1 + (1 - k.trust_target) * (k.demand == "results"))
        w = 0.75 - 0.25 * k.threat * (1 - k.legitimacy)
        top = min(r_h, w, 1.0)
        if top < 0.5:
            assert not out.agreement
        else:
            expected = min(float(x_n.subs({th: 0.5, rh: r_h, rp: 0.5})), top)
            assert out.agreement and np.isclose(out.concession, expected, rtol=0, atol=1e-12)


@settings(deadline=None, max_examples=30)
@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_more_credibility_or_hierarchy_never_lowers_the_concession(q0, q1, h0, h1):
    lo = solved(credibility=min(q0, q1), hierarchy=min(h0, h1))
    hi = solved(credibility=max(q0, q1), hierarchy=max(h0, h1))
    assert hi.concession >= lo.concession - 1e-12


@settings(deadline=None, max_examples=30)
@given(st.floats(0.0, 2.0), st.floats(0.0, 2.0))
def test_more_backlash_or_trust_premium_never_raises_the_concession(b0, b1):
    lo = solved(backlash=min(b0, b1), trust_premium=min(b0, b1))
    hi = solved(backlash=max(b0, b1), trust_premium=max(b0, b1))
    assert hi.concession <= lo.concession + 1e-12


@pytest.mark.parametrize("field, value, message", [
    ("credibility", 1.5, "credibility: must be in [0, 1], got 1.5"),
    ("threat", -1.0, "threat: must be >= 0, got -1"),
    ("dependence", 0.0, "dependence: must be > 0, got 0"),
    ("demand", "outcomes", "demand: must be one of rules, results, got 'outcomes'"),
    ("trust_premium", float("nan"), "trust_premium: must be >= 0, got nan"),
])
def test_bad_context_is_one_error_naming_the_field(field, value, message):
    with pytest.raises(TwoLevelError) as info:
        Coercion(**{**CONTEXT, field: value})
    assert str(info.value) == message
