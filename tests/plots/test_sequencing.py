"""Figures for sequencing (twolevel.plots.sequencing) draw the model's numbers with readable
labels: deal names (no E/D), mathtext symbols, a labelled colour bar centred on 0, the
calibrated case marked, legends outside the axes."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from twolevel import TwoLevelError, cases, evaluate_order, plots  # noqa: E402
from twolevel.sequencing.map import hypothesis_map  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def japan():
    return cases.load("japan-fta")


@pytest.fixture(scope="module")
def grid(japan):
    return hypothesis_map(japan, "Singapore", "Mexico", initial=np.linspace(0, 0.6, 7),
                          difficulty=np.linspace(0.5, 2, 5), relief=[0.25, 0.5])


def texts(fig):
    out = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    return " ".join(out)


def test_hypothesis_map_draws_the_effects_with_deal_names(grid):
    axes = plots.hypothesis_map(grid, panel="relief", mark={"initial": 0.2, "difficulty": 1.0,
                                                            "relief": 0.25})
    assert len(axes) == 2
    mesh = next(a for a in axes[0].collections if a.get_gid() == "effect")
    assert np.array_equal(np.asarray(mesh.get_array()).reshape(5, 7),
                          grid["effect"].isel(relief=0).transpose("difficulty", "initial"))
    words = texts(axes[0].figure)
    assert "Mexico" in words and "Singapore" in words and r"$\pi_0$" in words
    assert r"$\rho$" in words and "E," not in words and "D," not in words
    star = [line for line in axes[0].lines if line.get_gid() == "case"]
    assert star and tuple(star[0].get_xydata()[0]) == (0.2, 1.0)
    assert not [line for line in axes[1].lines if line.get_gid() == "case"]   # other relief
    legend = axes[0].figure.legends[0]
    assert legend.get_bbox_to_anchor() is not None and "calibrated case" in texts(legend)


def test_value_gap_is_diverging_around_zero_with_a_labelled_colour_bar(grid):
    axes = plots.value_gap(grid, panel="relief")
    mesh = next(a for a in axes[0].collections if a.get_gid() == "gap")
    assert mesh.norm.vcenter == 0 and mesh.norm.vmin == -mesh.norm.vmax
    (bar,) = [a.colorbar for a in axes[-1].collections if a.colorbar is not None]
    assert bar.norm is mesh.norm
    assert "V(Singapore first)" in bar.ax.get_ylabel() and "utility units" in bar.ax.get_ylabel()


def test_force_map_shows_the_deciding_force(grid):
    axes = plots.force_map(grid, panel="relief")
    mesh = next(a for a in axes[1].collections if a.get_gid() == "force")
    assert np.array_equal(np.asarray(mesh.get_array()).reshape(5, 7),
                          grid["force"].isel(relief=1).transpose("difficulty", "initial"))
    assert "tied hands" in texts(axes[0].figure)


def test_orders_bars_are_the_difficult_deal_in_each_order(japan):
    ax = plots.orders(japan, "Singapore", "Mexico")
    first = evaluate_order(japan, ["Singapore", "Mexico"]).step("Mexico")
    second = evaluate_order(japan, ["Mexico", "Singapore"]).step("Mexico")
    bars = {p.get_gid(): p.get_height() for p in ax.patches}
    assert bars["concession-0"] == first.concession and bars["concession-1"] == second.concession
    assert bars["side_payment-1"] == second.side_payment
    assert "share of Mexico's" in texts(ax.figure)


def test_pressure_path_follows_the_steps(japan):
    ax = plots.pressure_path(japan, [["Singapore", "Mexico"]])
    line = next(line for line in ax.lines if line.get_gid() == "pressure-0")
    x, y = line.get_xdata(), line.get_ydata()
    res = evaluate_order(japan, ["Singapore", "Mexico"])
    for step in res.steps:
        at = np.flatnonzero(np.isclose(x, step.end))[0]
        assert y[at] == pytest.approx(step.pressure)
    assert r"$\pi(t)$" in ax.get_ylabel()


def test_panels_need_one_free_dimension(grid):
    with pytest.raises(TwoLevelError, match="select one"):
        plots.hypothesis_map(grid)
