"""scenario_dump.dumps: the scenario file of a Negotiation reads back as the same scenario."""
import math
import tomllib

import pytest
from hypothesis import given, settings, strategies as st

from twolevel import Constituency, Negotiation, Side, TwoLevelError, cases
from twolevel.files.negotiation import negotiation
from twolevel.negotiation.text import dumps

finite = st.floats(-1e6, 1e6, allow_nan=False)
positive = st.floats(1e-6, 1e6)
names = st.text(min_size=1, max_size=8).filter(lambda s: s.strip())


@st.composite
def constituencies(draw):
    picked = draw(st.lists(names, max_size=3, unique=True))
    return tuple(Constituency(n, draw(finite), draw(finite), draw(finite), draw(positive))
                 for n in picked)


@st.composite
def scenarios(draw):
    def common():
        return dict(name=draw(names), gain=draw(finite), batna=draw(finite),
                    pressure=draw(finite), discount=draw(st.floats(0.01, 0.99)),
                    funds_cost=draw(st.floats(1, 10)),
                    budget=draw(st.one_of(st.just(math.inf), st.floats(0, 1e3))),
                    quota=draw(st.floats(0.01, 1)), constituencies=draw(constituencies()),
                    ratification=draw(st.sampled_from(["committed", "ex_post"])),
                    veto_rent=draw(st.floats(0, 1)))
    home = Side(cost=draw(positive), power=draw(st.floats(0, 1)), **common())
    partner = Side(benefit=draw(positive), **common())
    return Negotiation(home, partner, draw(st.sampled_from(
        ["nash", "kalai-smorodinsky", "rubinstein"])))


def same(a, b):
    assert a.solution == b.solution
    for role in ("home", "partner"):
        x, y = getattr(a, role), getattr(b, role)
        keys = ["name", "gain", "batna", "pressure", "discount", "funds_cost", "budget", "quota",
                "ratification", "veto_rent", "cost" if role == "home" else "benefit"] + (["power"] if role == "home" else [])
        assert all(getattr(x, k) == getattr(y, k) for k in keys)
        assert [vars(c) for c in x.constituencies] == [vars(c) for c in y.constituencies]


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_dumps_reads_back_as_the_same_scenario(n):
    same(negotiation(tomllib.loads(dumps(n))), n)


def test_a_case_round_trips():
    n = cases.load_negotiation("korea-chile")
    again = negotiation(tomllib.loads(dumps(n)))
    same(again, n)
    assert dumps(again) == dumps(n)


def test_array_scenarios_are_refused():
    n = cases.load_negotiation("korea-chile")
    arrays = Negotiation(n.home.with_(pressure=[0.1, 0.2]), n.partner)
    with pytest.raises(TwoLevelError) as err:
        dumps(arrays)
    assert err.value.field == "base"
