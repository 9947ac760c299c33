"""Small sequence problems for the tests: deals with one veto farm constituency, and a hypothesis
strategy drawing whole problems (durations, reliefs, willingness, failures, learning)."""
from hypothesis import strategies as st

from twolevel import Constituency, Side
from twolevel.sequencing.problem import Partner, SequenceProblem

NAMES = "ABCDEFGHIJKLMNOPQRST"


def deal(name, relief, gain, batna, slope, tolerance, partner_batna, cost=None, duration=1.0,
         willing_after=0):
    """A deal: Home gain/batna, one veto farm constituency, Partner (gain 0, benefit 1)."""
    home = {"gain": gain, "batna": batna, "quota": 1.0,
            "constituencies": (Constituency("farmers", gain=tolerance, slope=slope),)}
    if cost is not None:
        home["cost"] = cost
    return Partner(name, Side(name, gain=0.0, benefit=1.0, batna=partner_batna), home,
                   relief=relief, duration=duration, willing_after=willing_after)


def problem_of(partners, **kw):
    home = {"name": "Home", "cost": 1.0, "power": 0.5, "funds_cost": 1.2}
    return SequenceProblem(home, tuple(partners), **{"initial": 0.3, **kw})


@st.composite
def problems(draw, max_n=5, objective=None):
    n = draw(st.integers(1, max_n))
    unit = st.floats(0, 1)
    partners = [deal(
        NAMES[j], relief=draw(st.sampled_from([0.0, 1.0]) | unit),
        gain=draw(st.floats(0, 1)), batna=draw(st.floats(-0.2, 0.6)),
        slope=-draw(st.sampled_from([0.0]) | st.floats(1e-3, 2)),
        tolerance=draw(st.floats(0, 0.5)),
        partner_batna=draw(st.floats(-0.2, 1.2)),        # above ~0.5: often no ZOPA (failures)
        cost=draw(st.none() | st.floats(0.3, 2)), duration=draw(st.floats(0.1, 4)),
        willing_after=draw(st.sampled_from([0, 0, 0, 1, 2]))) for j in range(n)]
    return problem_of(
        partners, initial=draw(st.floats(-0.2, 0.8)), growth=draw(st.floats(-0.05, 0.3)),
        failure=draw(st.floats(0, 0.3)), discount=draw(st.floats(0.5, 0.99)),
        pressure_cost=draw(st.sampled_from([0.0, 1.0]) | st.floats(0, 2)),
        learning=draw(st.sampled_from([0.0]) | st.floats(0, 0.3)),
        objective=objective or draw(st.sampled_from(["welfare", "side_payments"])),
        solution=draw(st.sampled_from(["nash", "nash", "kalai-smorodinsky", "rubinstein"])))
