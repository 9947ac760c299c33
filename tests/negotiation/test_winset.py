"""Win-sets against a brute-force check on a grid (MODEL.md section 1)."""
import numpy as np
from hypothesis import example, given, settings, strategies as st

from sides import brute_force, random_side
from twolevel.negotiation.arrays import side_arrays
from twolevel.negotiation.intervals import to_list
from twolevel.negotiation.winset import thresholds, winset

EDGE = 1e-9


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), m=st.integers(0, 6))
@example(seed=1024, m=5)   # thresholds 0.1 / 0.2 and 0.5 / 1.0, adjacent floats: W was empty
def test_winset_matches_grid(seed, m):
    rng = np.random.default_rng(seed)
    side = random_side(rng, 8, m)
    ws = winset(side)
    grid = np.linspace(0, 1, 2001)
    for i in range(side.n):
        ref = brute_force(side, i)
        parts = to_list(ws[i])
        t = thresholds(side.e[i], side.k[i], side.v0[i])
        # probe the grid, the thresholds and points just beside them
        xs = np.clip(np.concatenate([grid, t, t - 2 * EDGE, t + 2 * EDGE]), 0, 1)
        member = np.zeros(len(xs), bool)
        for lo, hi in parts:
            member |= (xs >= lo) & (xs <= hi)
        # within EDGE of a threshold (or an interval's end) support depends on rounding: the
        # kernel compares x with t_i = (v0_i - e_i) / k_i, the brute force evaluates v_i(x)
        with np.errstate(divide="ignore", invalid="ignore"):
            crossings = (side.v0[i] - side.e[i]) / side.k[i]
        edges = np.concatenate([[e for part in parts for e in part], crossings])
        edges = edges[np.isfinite(edges)]                  # k_i = 0: no threshold
        clear = np.abs(xs[:, None] - edges).min(-1) > EDGE if len(edges) else np.ones(len(xs), bool)
        assert np.array_equal(member[clear], ref.ratified(xs[clear])), (i, parts)
        # closed (ends ratified up to rounding in v_i(t_i)), sorted, disjoint, maximal intervals
        for lo, hi in parts:
            assert 0 <= lo <= hi <= 1 and ref.ratified(lo, EDGE) and ref.ratified(hi, EDGE)
        for (_, hi), (lo, _) in zip(parts, parts[1:]):
            assert hi < lo and not ref.ratified(0.5 * (hi + lo))


def test_one_veto_constituency():
    """Slope -l, threshold w = (e - v0) / l: W = [0, w]."""
    l, e, v0 = 2.0, 0.5, -0.3
    side = side_arrays((1,), gain=0, rate=1, batna=0, quota=1.0, e=[e], k=[-l], v0=[v0], w=[1.0])
    assert to_list(winset(side)[0]) == [[0.0, (e - v0) / l]]


def test_split_winset():
    """Two constituencies, either enough (quota 0.5): a loser [0, 0.3] and a winner [0.7, 1]."""
    side = side_arrays((1,), gain=0, rate=1, batna=0, quota=0.5, e=[0.3, -0.7], k=[-1.0, 1.0],
                       v0=[0.0, 0.0], w=[1.0, 1.0])
    assert np.allclose(to_list(winset(side)[0]), [[0.0, 0.3], [0.7, 1.0]], atol=1e-15)
