"""Random multi-issue problems (MODEL.md section 5) for the kernel-versus-reference and property
tests: K issues, up to a few Home agencies with narrow mandates, some holding a budget."""
from hypothesis import strategies as st

from twolevel.issues import Agency, Government, Issue, IssuesProblem, Publicity

value = st.floats(-1.0, 1.0, allow_nan=False).map(lambda v: round(v, 3))
positive = st.floats(0.1, 3.0).map(lambda v: round(v, 3))


@st.composite
def problems(draw, max_issues=4, max_agencies=3, budgets=True):
    K = draw(st.integers(1, max_issues))
    issues = tuple(Issue(f"i{k}", draw(positive), draw(positive)) for k in range(K))
    agencies = []
    for a in range(draw(st.integers(0, max_agencies))):
        on = draw(st.lists(st.integers(0, K - 1), min_size=0, max_size=2, unique=True))
        slopes = {f"i{k}": draw(st.floats(-2.0, 1.0).map(lambda v: round(v, 2))) for k in on}
        agencies.append(Agency(f"a{a}", gain=draw(value), status_quo=draw(value),
                               weight=draw(positive), slopes=slopes,
                               budget=draw(st.sampled_from([0.0, 0.0, 0.3, 1.0]))
                               if budgets else 0.0))
    home = Government("Home", gain=draw(st.floats(0.5, 2.0)), batna=draw(st.floats(-0.5, 1.0)),
                      power=draw(st.floats(0.05, 0.95)),
                      funds_cost=draw(st.sampled_from([1.0, 1.5])),
                      budget=draw(st.sampled_from([0.0, 0.5, float("inf")])),
                      quota=draw(st.sampled_from([1.0, 0.5, 0.6])))
    partner = Government("Partner", gain=draw(st.floats(-0.5, 0.5)),
                         batna=draw(st.floats(-0.5, 1.0)))
    publicity = Publicity(formal=draw(st.sampled_from([0.0, 1.0])), informal=0.0,
                          effect=draw(st.sampled_from([0.0, 0.2])))
    return IssuesProblem(home, partner, issues, tuple(agencies), publicity)
