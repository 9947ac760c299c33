"""``coerce`` against its reference twin (brute force on plain callables) on random scenarios:
the channels, agreement with and without the threat, the concessions, effectiveness and the
counter-offer; and the material-only rule against a brute-force search over cuts."""
import math

import numpy as np
from hypothesis import assume, given, settings, strategies as st

from twolevel import Constituency, Negotiation, Side
from twolevel.coercion import Coercion, CoercionProblem, coerce, material_errors
from twolevel.coercion import reference

unit = st.floats(0.0, 1.0)
level = st.floats(-1.0, 1.0)
constituency = st.tuples(level, st.floats(-2.0, 2.0).filter(lambda k: abs(k) > 0.05),
                         st.floats(-0.5, 0.5), st.floats(0.2, 2.0))
context = st.fixed_dictionaries({
    "threat": st.floats(0.0, 2.0), "credibility": unit, "dependence": st.floats(0.5, 10.0),
    "hierarchy": unit, "legitimacy": unit, "trust_target": unit, "trust_sender": unit,
    "demand": st.sampled_from(["rules", "results"]),
    "reference_dependence": st.floats(1.0, 10.0), "deference": st.floats(0.0, 0.5),
    "legitimacy_weight": st.floats(0.0, 0.5), "backlash": st.floats(0.0, 0.5),
    "trust_premium": st.floats(0.0, 2.0), "trust_threshold": unit})


def side(d, rate_key):
    cons = tuple(Constituency(f"c{i}", gain=e, slope=k, status_quo=v0, weight=w)
                 for i, (e, k, v0, w) in enumerate(d["constituencies"]))
    return Side("S", gain=d["gain"], batna=d["batna"], quota=d["quota"], budget=0.0,
                constituencies=cons, **{rate_key: d["rate"]}, power=d.get("power"))


def side_doc(n):
    return st.fixed_dictionaries({
        "gain": level, "rate": st.floats(0.2, 2.0), "batna": level,
        "quota": st.floats(0.3, 1.0), "constituencies": st.lists(constituency, max_size=n)})


@settings(deadline=None, max_examples=40)
@given(home=side_doc(3), partner=side_doc(2), theta=st.floats(0.1, 0.9), c=context)
def test_coerce_equals_its_reference_twin(home, partner, theta, c):
    neg = Negotiation(side({**home, "power": theta}, "cost"), side(partner, "benefit"))
    out = coerce(CoercionProblem(neg, Coercion(**c)))
    twin = reference.coerce_one(home, partner, theta, c)
    for key, value in twin["channels"].items():
        assert math.isclose(out.channels[key], value, rel_tol=1e-12, abs_tol=1e-12), key
    assert bool(out.demand_choice) == twin["demand_choice"]
    for label, outcome in (("", out.with_threat), ("_without_threat", out.without_threat)):
        # an F thinner than the twin's grid or its rounding is out of its reach
        assume(not outcome.agreement or outcome.limit_home - outcome.limit_partner > 1e-4)
        assume(not twin[f"agreement{label}"] or twin[f"width{label}"] > 1e-4)
        assert bool(getattr(out, f"agreement{label}")) == twin[f"agreement{label}"], label
        assert math.isclose(getattr(out, f"concession{label}"), twin[f"concession{label}"],
                            abs_tol=1e-6), label
    assert math.isclose(out.effectiveness, twin["effectiveness"], abs_tol=2e-6)
    if c["demand"] == "rules":
        assert math.isnan(out.counter_offer) and math.isnan(twin["counter_offer"])
    else:
        assert math.isclose(out.counter_offer, twin["counter_offer"], abs_tol=1e-6)


@settings(deadline=None, max_examples=40)
@given(st.lists(st.tuples(st.sampled_from([2.7, 3.2, 3.3, 3.5, 4.0, 6.6, 8.8]), st.booleans()),
                min_size=1, max_size=15))
def test_material_errors_equal_the_brute_force_search(events):
    ratios, conceded = zip(*events)
    count, cut = material_errors(ratios, conceded)
    assert count == reference.material_errors(ratios, conceded)
    assert count == sum((a >= cut) != o for a, o in events)


def test_the_kernel_broadcasts_like_one_call_per_scenario():
    """An array of contexts gives, entry by entry, the scalar results."""
    neg = Negotiation(Side("Japan", gain=0.0, batna=0.0, cost=1.0, budget=0.0, quota=1.0,
                           constituencies=(Constituency("p", gain=0.75, slope=-1.0),)),
                      Side("US", gain=0.0, batna=0.5, benefit=1.0))
    rng = np.random.default_rng(0)
    many = dict(threat=rng.uniform(0, 2, 50), credibility=rng.uniform(0, 1, 50),
                dependence=rng.uniform(2, 9, 50), hierarchy=rng.uniform(0, 1, 50),
                legitimacy=rng.uniform(0, 1, 50), trust_target=rng.uniform(0, 1, 50),
                trust_sender=rng.uniform(0, 1, 50),
                demand=np.where(rng.uniform(size=50) < 0.5, "rules", "results"))
    out = coerce(CoercionProblem(neg, Coercion(**many)))
    for i in range(0, 50, 7):
        one = coerce(CoercionProblem(neg, Coercion(**{k: v[i] for k, v in many.items()})))
        for f in ("concession", "concession_without_threat", "effectiveness", "counter_offer"):
            assert np.allclose(getattr(out, f)[i], getattr(one, f), equal_nan=True), f
        assert out.agreement[i] == one.agreement
