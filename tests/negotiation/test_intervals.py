"""Interval helpers against their definitions."""
import numpy as np
from hypothesis import given, settings, strategies as st

from twolevel.negotiation.intervals import halfline, to_list
from twolevel.negotiation.pieces import HI, LO, pieces, zopa_rows
from twolevel.negotiation.thresholds import TOL

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
@given(st.lists(st.floats(0, 1), min_size=2, max_size=16))
def test_zopa_rows_are_the_union(ends):
    """Pieces in x order (each starting where or after the previous ends) joined into the
    components of their union; pieces touching within TOL are one component."""
    ends = np.sort(ends)[: len(ends) // 2 * 2]
    lo, hi = ends[0::2], ends[1::2]
    pc = pieces(len(lo))
    pc[LO], pc[HI] = lo, hi
    out = np.empty((len(lo), 2))
    count = zopa_rows(pc, len(lo), out)
    parts = to_list(out)
    assert count == len(parts)
    for (_, end), (start, _) in zip(parts, parts[1:]):
        assert end + TOL < start                                 # sorted, disjoint
    probes = np.concatenate([np.linspace(0, 1, 401), lo, hi])
    union = ((probes[:, None] >= lo) & (probes[:, None] <= hi)).any(-1)
    merged = np.zeros(len(probes), bool)
    for a, b in parts:
        merged |= (probes >= a) & (probes <= b)
    assert np.array_equal(union, merged)        # a gap of at most TOL holds no probe
