"""The hypothesis map (MODEL.md section 2): each grid point equals the two orders evaluated one
scenario at a time; the forces add up to the value gap exactly; shares and bad axes."""
import numpy as np
import pytest

from twolevel import TwoLevelError, cases
from twolevel.sequencing import evaluate, optimal_arrays
from twolevel.sequencing.map import EFFECTS, FORCES, harder, hypothesis_map, shares, two_deals


@pytest.fixture(scope="module")
def japan():
    return cases.load("japan-fta")


@pytest.fixture(scope="module")
def grid(japan):
    return hypothesis_map(japan, "Singapore", "Mexico", initial=[0.0, 0.2, 0.5],
                          growth=[0.0, 0.1], relief=[0.1, 0.5, 0.9], difficulty=[0.5, 1.0, 3.0],
                          duration_easy=[0.8, 3.0])


def test_dimensions_follow_the_axes_given(grid):
    assert grid["effect"].dims == ("initial", "growth", "relief", "difficulty", "duration_easy")
    assert grid.attrs["easy"] == "Singapore" and grid.attrs["difficult"] == "Mexico"


def test_each_point_is_the_two_orders_evaluated_alone(japan, grid):
    from dataclasses import replace
    for idx in [(0, 0, 0, 0, 0), (1, 1, 1, 1, 0), (2, 1, 2, 2, 1), (1, 0, 0, 2, 1)]:
        point = grid.isel(dict(zip(grid["effect"].dims, idx)))
        e, d = japan.partners
        e = replace(e, relief=float(point.relief), duration=float(point.duration_easy))
        d = harder(d, japan.home, float(point.difficulty))
        one = replace(japan, partners=(e, d), initial=float(point.initial),
                      growth=float(point.growth))
        ed, de = evaluate(one, ["Singapore", "Mexico"]), evaluate(one, ["Mexico", "Singapore"])
        assert float(point.value_easy_first) == pytest.approx(ed.value, abs=1e-12)
        assert float(point.value_difficult_first) == pytest.approx(de.value, abs=1e-12)
        if ed.steps[1].agreement:
            assert float(point.concession_easy_first) == pytest.approx(ed.steps[1].concession)
        assert bool(point.easy_first_optimal) == (
            ed.value >= float(optimal_arrays(one)["value"]) - 1e-9)


def test_forces_add_up_to_the_gap_and_the_decider_has_its_sign(grid):
    total = sum(grid[f"force_{f}"] for f in FORCES)
    assert np.allclose(total, grid["value_gap"], rtol=0, atol=1e-12)
    decider = np.take_along_axis(np.stack([grid[f"force_{f}"].values for f in FORCES]),
                                 grid["force"].values[None].astype(int), 0)[0]
    gap = grid["value_gap"].values
    assert (np.sign(decider) == np.sign(gap))[np.abs(gap) > 1e-12].all()


def test_effects_are_consistent_with_the_outcomes(grid):
    g = {k: grid[k].values for k in grid.data_vars}
    holds = g["effect"] == EFFECTS.index("holds")
    assert holds.any() and (g["concession_easy_first"] < g["concession_difficult_first"])[holds].all()
    assert (g["side_payment_easy_first"] < g["side_payment_difficult_first"])[holds].all()
    best = g["easy_first_optimal"]
    assert (g["value_easy_first"] >= g["value_difficult_first"] - 1e-9)[best].all()
    s = shares(grid)
    assert sum(s[k] for k in EFFECTS) == pytest.approx(1.0)
    assert s["easy_first_better"] == pytest.approx(float((g["value_gap"] > 1e-9).mean()))


def test_bad_axes_are_errors(japan):
    with pytest.raises(TwoLevelError, match="unknown axis"):
        hypothesis_map(japan, "Singapore", "Mexico", colour=[1])
    with pytest.raises(TwoLevelError, match="relief"):
        hypothesis_map(japan, "Singapore", "Mexico", relief=[1.5])
    with pytest.raises(TwoLevelError, match="must differ"):
        two_deals(japan, "Mexico", "Mexico", {})


def test_the_ratification_mode_is_a_dimension(japan):
    from twolevel.sequencing.map import with_mode
    ds = hypothesis_map(japan, "Singapore", "Mexico", ratification=["committed", "ex_post"],
                        initial=[0.1, 0.3])
    assert ds["effect"].dims == ("ratification", "initial")
    ex_post = hypothesis_map(with_mode(japan, "ex_post"), "Singapore", "Mexico",
                             initial=[0.1, 0.3])
    assert np.array_equal(ds.sel(ratification="ex_post")["value_gap"], ex_post["value_gap"])
    assert not np.array_equal(ds["value_gap"][0], ds["value_gap"][1])     # tied hands matter
    with pytest.raises(TwoLevelError, match="ratification"):
        hypothesis_map(japan, "Singapore", "Mexico", ratification=["later"], initial=[0.1])
