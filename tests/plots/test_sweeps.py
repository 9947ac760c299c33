"""Figures of sweeps: what is drawn is the data (masked where there is no agreement), and misuse
is one clear error."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from sweep_scenarios import BASE  # noqa: E402
from twolevel import TwoLevelError, sweep  # noqa: E402
from twolevel import plots as plots_sweep

GRID = {"home.constituencies.farmers.slope": np.linspace(-3.0, -0.1, 12),
        "home.pressure": np.linspace(0.0, 1.0, 15)}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def find(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


def test_heatmap_draws_the_variable_masked_without_agreement():
    ds = sweep(BASE, grid=GRID)
    assert ds.agreement.any() and not ds.agreement.all()
    ax = plots_sweep.heatmap(ds, "side_payment_home")
    [mesh] = find(ax, "side_payment_home")
    drawn = mesh.get_array()
    expected = ds.side_payment_home.values  # (slope, pressure): y is the first dimension
    assert drawn.shape == expected.shape
    np.testing.assert_array_equal(drawn.mask, ~ds.agreement.values)
    np.testing.assert_array_equal(drawn.compressed(), expected[ds.agreement.values])
    assert ax.get_xlabel() == r"pressure to conclude $\pi_H$ (Korea)"
    assert ax.get_ylabel() == "slope $k$ of Korea's farmers"
    assert find(ax, "agreement_edge")
    [bar] = [a for a in ax.figure.axes if a is not ax]
    assert bar.get_ylabel() == "side payments $S_H$ of Korea's government\n(utility units)"
    [star] = find(ax, "base")                          # the base scenario's point
    assert star.get_xydata().tolist() == [[BASE.home.pressure,
                                           BASE.home.constituencies[0].slope]]


def test_heatmap_axes_can_be_swapped():
    ds = sweep(BASE, grid=GRID)
    ax = plots_sweep.heatmap(ds, "concession", x="home.constituencies.farmers.slope")
    [mesh] = find(ax, "concession")
    assert mesh.get_array().shape == (15, 12)
    assert ax.get_xlabel() == "slope $k$ of Korea's farmers"


def test_heatmaps_one_panel_per_variable():
    ds = sweep(BASE, grid=GRID)
    axes = plots_sweep.heatmaps(ds, ["concession", "home_utility"])
    assert [ax.get_title() for ax in axes] == ["concession $x^*$",
                                               "Korea's utility $U_H$, net of side payments"]
    [mesh] = find(axes[1], "home_utility")          # signed: a diverging map centred on 0
    values = ds.home_utility.values
    assert np.nanmin(values) < 0 < np.nanmax(values)
    assert mesh.norm.vcenter == 0 and mesh.get_cmap().name == "RdBu_r"


@pytest.mark.parametrize("kwargs, field", [
    (dict(var="colour"), "var"),
    (dict(var="concession", x="home.pressure", y="home.pressure"), "x"),
    (dict(var="concession", x="partner.batna"), "x"),
])
def test_heatmap_misuse(kwargs, field):
    ds = sweep(BASE, grid=GRID)
    with pytest.raises(TwoLevelError) as err:
        plots_sweep.heatmap(ds, **kwargs)
    assert err.value.field == field


def test_heatmap_needs_two_dimensions():
    ds = sweep(BASE, grid={**GRID, "partner.batna": [0.1, 0.3]})
    with pytest.raises(TwoLevelError) as err:
        plots_sweep.heatmap(ds, "concession")
    assert "select" in err.value.message
    plots_sweep.heatmap(ds.isel({"partner.batna": 0}), "concession")


def test_agreement_share_lines_average_to_the_overall_share():
    ranges = {"home.pressure": [0.0, 1.0], "home.power": [0.0, 1.0]}
    ds = sweep(BASE, sample={"n": 2048, "ranges": ranges})
    ax = plots_sweep.agreement_share(ds, bins=8)
    lines = find(ax, "agreement_share")
    assert len(lines) == 2
    total = float(ds.agreement.mean())
    assert find(ax, "agreement_total")[0].get_ydata()[0] == pytest.approx(total)
    for line in lines:  # a Sobol design fills the bins equally: the mean of the bins is the total
        assert np.mean(line.get_ydata()) == pytest.approx(total, abs=1e-3)
    pressure, power = (np.asarray(line.get_ydata()) for line in lines)
    assert pressure[-1] > pressure[0]  # pressure opens the ZOPA; power does not decide it
    assert np.ptp(power) < 0.1


def test_agreement_share_needs_a_sample():
    with pytest.raises(TwoLevelError) as err:
        plots_sweep.agreement_share(sweep(BASE, grid=GRID))
    assert err.value.field == "ds" and "sample" in err.value.message


def test_agreement_share_needs_the_agreement_output():
    sample = sweep(BASE, sample={"method": "uniform", "n": 16, "ranges": {"home.pressure": [0, 1]}},
                   outputs=["concession"])
    with pytest.raises(TwoLevelError) as err:
        plots_sweep.agreement_share(sample)
    assert err.value.field == "ds" and "agreement" in err.value.message
