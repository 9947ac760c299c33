"""Interval helpers against their definitions."""
import numpy as np
from hypothesis import given, settings, strategies as st

from twolevel.negotiation.intervals import halfline, merge, to_list

values = st.one_of(st.sampled_from([0.0, 1.0, -1.0, 0.5, np.inf]), st.floats(-5, 5))


@settings(max_examples=300, deadline=None)
@given(a=values, b=st.one_of(st.just(0.0), st.floats(-5, 5)), x=st.floats(-10, 10))
def test_halfline_is_the_solution_set(a, b, x):
    """x in [lo, hi] iff a + b x >= 0 (a = +inf: every x)."""
    lo, hi = halfline(a, b)
    inside = lo <= x <= hi
    if np.isinf(a):
        assert inside
    elif abs(a + b * x) > 1e-9 * (1 + abs(a) + abs(b * x)):    # off the boundary itself
        assert inside == (a + b * x >= 0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.booleans()), min_size=1,
                max_size=8))
def test_merge_is_the_union(rows):
    lo = np.array([min(r[0], r[1]) for r in rows])
    hi = np.array([max(r[0], r[1]) for r in rows])
    valid = np.array([r[2] for r in rows])
    parts = to_list(merge(lo[None], hi[None], valid[None])[0])
    for (_, end), (start, _) in zip(parts, parts[1:]):
        assert end < start                                       # sorted, disjoint
    probes = np.concatenate([np.linspace(0, 1, 401), lo, hi])
    union = ((probes[:, None] >= lo) & (probes[:, None] <= hi) & valid).any(-1)
    merged = np.zeros(len(probes), bool)
    for a, b in parts:
        merged |= (probes >= a) & (probes <= b)
    assert np.array_equal(union, merged)
