"""Strategy figures draw what they are given: the functions, every regime cell, each case path."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from twolevel import cases, plots  # noqa: E402
from twolevel.strategy.cpt import value, weight  # noqa: E402
from twolevel.strategy.map import regime_map  # noqa: E402
from twolevel.strategy.path import solve_path  # noqa: E402


def test_value_and_weighting_curves_are_the_kernels():
    ax = plots.value_function()
    x, y = ax.lines[0].get_data()
    np.testing.assert_allclose(y, value(x))
    ax = plots.weighting_functions()
    x, y = ax.lines[1].get_data()
    np.testing.assert_allclose(y, weight(x, 0.69))
    plt.close("all")


def test_regime_map_panels_hold_the_regimes():
    ds = regime_map(cases.load("us-korea-autos-1995"), np.linspace(0, 6, 7), [1.0, 2.25],
                    [0.0, 1.0])
    axes = plots.regime_map(ds, cases={"US-Japan": (4.0, 2.25)})
    assert len(axes) == 2
    mesh = [c for c in axes[1].collections if c.get_gid() == "regime"][0]
    np.testing.assert_array_equal(np.asarray(mesh.get_array()).reshape(2, 7),
                                  ds["regime"].sel(escalation=1.0).values.T)
    plt.close("all")


def test_case_paths_draw_every_round():
    data = {"US-Japan": solve_path(cases.load("us-japan-autos-1995")).to_dict()}
    ax = plots.case_paths(data)
    home = ax.lines[0]
    np.testing.assert_array_equal(home.get_ydata(),
                                  [r["home_loss_depth"] for r in data["US-Japan"]["rounds"]])
    plt.close("all")
