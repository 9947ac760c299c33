"""K = 1 reduces exactly to MODEL.md section 1: package and positional deals against
``twolevel.solve`` on random one-issue negotiations with Home constituencies."""
from hypothesis import HealthCheck, given, settings, strategies as st

import twolevel
from twolevel.issues import Agency, Government, Issue, IssuesProblem, solve

number = st.floats(-1.0, 1.0).map(lambda v: round(v, 3))
positive = st.floats(0.1, 3.0).map(lambda v: round(v, 3))


@st.composite
def negotiations(draw):
    cons = tuple(twolevel.Constituency(f"c{i}", gain=draw(number), slope=draw(
        st.floats(-2.0, 1.0).map(lambda v: round(v, 2))), status_quo=draw(number),
        weight=draw(positive)) for i in range(draw(st.integers(0, 3))))
    home = twolevel.Side("Home", gain=draw(st.floats(0.2, 2.0)), batna=draw(number),
                         cost=draw(positive), pressure=draw(st.floats(0.0, 0.5)),
                         power=draw(st.floats(0.05, 0.95)),
                         funds_cost=draw(st.sampled_from([1.0, 1.3])),
                         budget=draw(st.sampled_from([0.0, 0.4, float("inf")])),
                         quota=draw(st.sampled_from([1.0, 0.5, 0.7])), constituencies=cons)
    partner = twolevel.Side("Partner", gain=draw(number), batna=draw(number),
                            benefit=draw(positive), pressure=draw(st.floats(0.0, 0.5)))
    return twolevel.Negotiation(home, partner)


def one_issue(neg) -> IssuesProblem:
    h, p = neg.home, neg.partner
    home = Government(h.name, h.gain, h.batna, h.pressure, h.power, h.funds_cost, h.budget,
                      h.quota)
    agencies = tuple(Agency(c.name, c.gain, c.status_quo, c.weight, slopes={"x": c.slope})
                     for c in h.constituencies)
    return IssuesProblem(home, Government(p.name, p.gain, p.batna, p.pressure),
                         (Issue("x", h.cost, p.benefit),), agencies)


@settings(deadline=None, max_examples=60, suppress_health_check=list(HealthCheck))
@given(negotiations(), st.sampled_from(["nash", "kalai-smorodinsky"]))
def test_one_issue_is_section_one(neg, solution):
    want = twolevel.solve(neg, solution)
    got = solve(one_issue(neg), solution)
    for deal in (got.package, got.positional):
        assert bool(deal.agreement[0]) == bool(want.agreement)
        if want.agreement:
            assert abs(deal.concessions[0, 0] - want.concession) < 1e-7
            assert abs(deal.home_utility[0] - want.home_utility) < 1e-7
            assert abs(deal.partner_utility[0] - want.partner_utility) < 1e-7
            assert abs(deal.side_payment[0] - want.side_payment_home) < 1e-7
    assert got.joint_gain_left[()] < 1e-7           # one issue: nothing to trade
