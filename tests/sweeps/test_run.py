"""Sweeps in memory: values equal direct solves, grid and sample shapes and coordinates,
constituency paths, blocks, attributes, and one clear error per bad input."""
import json
import math
import tomllib
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import twolevel
from sweep_scenarios import BASE, OUTPUTS, assert_same, point
from twolevel import Negotiation, TwoLevelError, solve, sweep
from twolevel.files.negotiation import negotiation
from twolevel.negotiation.text import dumps
from twolevel.sweeps.design import block_shape, blocks
from twolevel.sweeps.paths import names

PRESSURE = np.linspace(0.0, 0.8, 9)
SLOPE = [-2.0, -1.0, -0.5]
BATNA = np.linspace(0.0, 0.5, 4)
GRID = {"home.pressure": PRESSURE, "home.constituencies.farmers.slope": SLOPE,
        "partner.batna": BATNA}


def direct_grid(solution):
    """The same grid as one vectorised Negotiation with broadcast array parameters."""
    farmers, industry = BASE.home.constituencies
    home = replace(BASE.home, pressure=PRESSURE[:, None, None],
                   constituencies=(replace(farmers, slope=np.array(SLOPE)[None, :, None]),
                                   industry))
    partner = replace(BASE.partner, batna=BATNA[None, None, :])
    return solve(Negotiation(home, partner), solution, intervals=False)


@pytest.mark.parametrize("solution", ["nash", "kalai-smorodinsky", "rubinstein"])
def test_grid_equals_a_vectorised_solve(solution):
    ds = sweep(BASE, grid=GRID, solution=solution, chunk_size=5)
    expected = direct_grid(solution)
    assert ds.attrs["solution"] == solution
    for name in OUTPUTS:
        assert ds[name].dims == tuple(GRID)
        assert_same(ds[name].values, getattr(expected, name))
    # the grid holds both outcomes, so the comparison covers both
    assert ds.agreement.any() and not ds.agreement.all()
    assert (ds.side_payment_home > 0).any()


def test_grid_dimensions_and_coordinates():
    ds = sweep(BASE, grid={"partner.batna": [0.1, 0.2],
                           "home.pressure": {"start": 0.0, "stop": 0.5, "num": 6}})
    assert ds.sizes == {"partner.batna": 2, "home.pressure": 6}
    assert list(ds.dims) == ["partner.batna", "home.pressure"]
    np.testing.assert_array_equal(ds["home.pressure"], np.linspace(0.0, 0.5, 6))
    np.testing.assert_array_equal(ds["partner.batna"], [0.1, 0.2])
    assert set(ds.data_vars) == set(OUTPUTS)
    assert ds.agreement.dtype == bool and ds.concession.dtype == np.float64
    one = ds.isel({"partner.batna": 1, "home.pressure": 3})
    ref = point(BASE, {"partner.batna": 0.2, "home.pressure": np.linspace(0.0, 0.5, 6)[3]})
    for name in OUTPUTS:
        assert_same(one[name].values, ref[name])


def test_no_agreement_means_nan_terms():
    ds = sweep(BASE, grid={"home.pressure": PRESSURE, "partner.batna": BATNA})
    none = ~ds.agreement.values
    assert none.any()
    for name in OUTPUTS[1:]:
        values = ds[name].values
        assert np.isnan(values[none]).all() and not np.isnan(values[~none]).any()


@pytest.mark.parametrize("path, values", [
    ("home.constituencies.farmers.gain", [0.0, 0.1, 0.3]),
    ("home.constituencies.farmers.status_quo", [-0.1, 0.0, 0.2]),
    ("home.constituencies.industry.weight", [0.5, 1.0, 3.0]),
    ("partner.constituencies.exporters.slope", [0.2, 1.0, 4.0]),
    ("home.quota", [0.3, 0.5, 1.0]),
    ("home.budget", [0.0, 0.1, math.inf]),
    ("home.power", [0.0, 0.5, 1.0]),
    ("home.cost", [0.5, 1.0, 2.0]),
    ("partner.benefit", [0.5, 1.0, 2.0]),
    ("partner.funds_cost", [1.0, 2.0]),
])
def test_each_kind_of_path_equals_pointwise_solves(path, values):
    ds = sweep(BASE, grid={path: values, "home.pressure": [0.1, 0.55]})
    for i, value in enumerate(values):
        for j, pressure in enumerate([0.1, 0.55]):
            ref = point(BASE, {path: value, "home.pressure": pressure})
            for name in OUTPUTS:
                assert_same(ds[name].values[i, j], ref[name])


# one value strategy per validation rule of the scenario files
RULE_VALUES = {
    "any": st.floats(-1.0, 1.5),
    "positive": st.floats(0.2, 3.0),
    "unit": st.floats(0.0, 1.0),
    "open_unit": st.floats(0.05, 0.99),
    "quota": st.floats(0.05, 1.0),
    "funds_cost": st.floats(1.0, 3.0),
    "budget": st.one_of(st.just(math.inf), st.floats(0.0, 0.6)),
    "ratification": st.sampled_from(["committed", "ex_post"]),
}


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_random_grids_equal_pointwise_solves(data):
    from twolevel.sweeps.paths import resolve
    paths = data.draw(st.lists(st.sampled_from(names(BASE)), min_size=1, max_size=3, unique=True))
    grid = {p: data.draw(st.lists(RULE_VALUES[resolve(BASE, p).rule], min_size=1, max_size=3))
            for p in paths}
    solution = data.draw(st.sampled_from(["nash", "kalai-smorodinsky", "rubinstein"]))
    chunk = data.draw(st.integers(1, 30))
    ds = sweep(BASE, grid=grid, solution=solution, chunk_size=chunk)
    assert ds.agreement.shape == tuple(len(v) for v in grid.values())
    for idx in np.ndindex(*ds.agreement.shape):
        ref = point(BASE, {p: grid[p][i] for p, i in zip(paths, idx)}, solution)
        for name in OUTPUTS:
            assert_same(ds[name].values[idx], ref[name])


def test_results_do_not_depend_on_the_block_size():
    whole = sweep(BASE, grid=GRID, chunk_size=10 ** 6)
    for chunk in (1, 7, 36, 37):
        part = sweep(BASE, grid=GRID, chunk_size=chunk)
        for name in OUTPUTS:
            np.testing.assert_array_equal(part[name].values, whole[name].values)


def test_blocks_are_bounded_and_evaluated_once_each(monkeypatch):
    import sys
    module = sys.modules["twolevel.sweeps.run"]
    sizes = []
    original = module.evaluate

    def counting(base, solution, outputs, columns):
        sizes.append(len(next(iter(columns.values()))))
        return original(base, solution, outputs, columns)

    monkeypatch.setattr(module, "evaluate", counting)
    sweep(BASE, grid=GRID, chunk_size=10)
    assert max(sizes) <= 10 and sum(sizes) == 9 * 3 * 4


# ---- random designs -------------------------------------------------------------------------

RANGES = {"home.pressure": [0.0, 0.8], "home.constituencies.farmers.slope": [-2.5, -0.2],
          "partner.batna": [0.0, 0.5]}


@pytest.mark.parametrize("method", ["sobol", "lhs", "uniform"])
def test_sample_equals_pointwise_solves(method):
    n = 40
    ds = sweep(BASE, sample={"method": method, "n": n, "seed": 3, "ranges": RANGES})
    assert ds.sizes == {"sample": n}
    assert set(ds.coords) == set(RANGES)
    for path, (lo, hi) in RANGES.items():
        values = ds[path].values
        assert ds[path].dims == ("sample",)
        assert (values >= lo).all() and (values <= hi).all() and len(np.unique(values)) == n
    for i in range(n):
        ref = point(BASE, {p: ds[p].values[i] for p in RANGES})
        for name in OUTPUTS:
            assert_same(ds[name].values[i], ref[name])
    design = json.loads(ds.attrs["design"])["sample"]
    assert design == {"method": method, "n": n, "seed": 3, "ranges": RANGES}


@pytest.mark.parametrize("method", ["sobol", "lhs", "uniform"])
def test_sample_does_not_depend_on_blocks_and_follows_the_seed(method):
    spec = {"method": method, "n": 50, "seed": 7, "ranges": RANGES}
    whole = sweep(BASE, sample=spec, outputs=["agreement"])
    for chunk in (1, 8, 13):
        part = sweep(BASE, sample=spec, outputs=["agreement"], chunk_size=chunk)
        for path in RANGES:
            np.testing.assert_array_equal(part[path].values, whole[path].values)
    other = sweep(BASE, sample={**spec, "seed": 8}, outputs=["agreement"])
    assert not np.array_equal(other["home.pressure"].values, whole["home.pressure"].values)


def test_sobol_sample_is_scipys_scrambled_sobol_sequence():
    from scipy.stats import qmc
    ds = sweep(BASE, sample={"method": "sobol", "n": 64, "seed": 5, "ranges": RANGES},
               outputs=["concession"], chunk_size=10)
    unit = qmc.Sobol(len(RANGES), rng=5).random(64)
    lo, hi = np.array(list(RANGES.values())).T
    expected = qmc.scale(unit, lo, hi)
    for j, path in enumerate(RANGES):
        np.testing.assert_allclose(ds[path].values, expected[:, j], rtol=0, atol=1e-15)


def test_latin_hypercube_has_one_point_per_stratum():
    n = 30
    ds = sweep(BASE, sample={"method": "lhs", "n": n, "ranges": RANGES}, outputs=["agreement"])
    for path, (lo, hi) in RANGES.items():
        strata = np.floor((ds[path].values - lo) / (hi - lo) * n).astype(int)
        assert sorted(strata) == list(range(n))


def test_uniform_sample_covers_the_box():
    ds = sweep(BASE, sample={"method": "uniform", "n": 4000, "ranges": RANGES},
               outputs=["agreement"], chunk_size=999)
    for path, (lo, hi) in RANGES.items():
        u = (ds[path].values - lo) / (hi - lo)
        counts = np.histogram(u, bins=4, range=(0, 1))[0]
        assert (np.abs(counts - 1000) < 150).all()  # each quarter holds about a quarter


# ---- outputs, attributes ---------------------------------------------------------------------

def test_outputs_subset_and_extras():
    ds = sweep(BASE, grid={"home.pressure": PRESSURE},
               outputs=["concession", "reservation_home", "reservation_partner"])
    assert list(ds.data_vars) == ["concession", "reservation_home", "reservation_partner"]
    # r_H = (g_H - d0_H + pi_H) / c_H, r_P = (d_P - g_P) / c_P
    np.testing.assert_allclose(ds.reservation_home, (0.8 - 0.3 + PRESSURE) / 1.0, atol=1e-12)
    np.testing.assert_allclose(ds.reservation_partner, 0.3, atol=1e-12)


def test_attributes_hold_the_base_scenario_and_the_design():
    ds = sweep(BASE, grid={"home.pressure": [0.1, 0.2]})
    again = negotiation(tomllib.loads(ds.attrs["scenario"]))
    assert dumps(again) == ds.attrs["scenario"] == dumps(BASE)
    assert again.home.constituencies[1].weight == 2.0 and again.partner.funds_cost == 1.1
    assert ds.attrs["solution"] == "nash"
    assert json.loads(ds.attrs["design"]) == {"grid": {"home.pressure": [0.1, 0.2]}}
    assert "x*" in ds.concession.attrs["description"]
    ds = sweep(BASE, grid={"home.pressure": {"start": 0, "stop": 1, "num": 10 ** 5},
                           "partner.batna": [0, 0.5]}, outputs=["agreement"])
    assert json.loads(ds.attrs["design"]) == {"grid": {
        "home.pressure": {"start": 0.0, "stop": 1.0, "num": 10 ** 5}, "partner.batna": [0.0, 0.5]}}


@pytest.mark.parametrize("design", [
    {"grid": {"home.pressure": {"start": 0, "stop": 1, "num": 7}, "partner.batna": [0.1, 0.4]}},
    {"sample": {"method": "lhs", "n": 20, "seed": 9, "ranges": RANGES}},
])
def test_the_attributes_reproduce_the_sweep(design):
    import xarray as xr
    ds = sweep(BASE, solution="rubinstein", **design)
    again = sweep(negotiation(tomllib.loads(ds.attrs["scenario"])), solution=ds.attrs["solution"],
                  **json.loads(ds.attrs["design"]))
    xr.testing.assert_identical(again, ds)


def test_solution_defaults_to_the_base_scenario():
    base = replace(BASE, solution="kalai-smorodinsky")
    ds = sweep(base, grid={"home.pressure": PRESSURE})
    ks = sweep(BASE, grid={"home.pressure": PRESSURE}, solution="kalai-smorodinsky")
    assert ds.attrs["solution"] == "kalai-smorodinsky"
    np.testing.assert_array_equal(ds.concession.values, ks.concession.values)


def test_exported_from_the_package():
    import sys
    assert twolevel.sweep is sweep is sys.modules["twolevel.sweeps.run"].sweep
    assert "sweep" in twolevel.__all__


# ---- blocks ----------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 7), min_size=1, max_size=4), st.integers(1, 120))
def test_blocks_partition_the_design_into_contiguous_hyperslabs(shape, chunk):
    shape = tuple(shape)
    seen = []
    for block in blocks(shape, chunk):
        assert 0 < block.stop - block.start <= chunk
        flat = np.arange(math.prod(shape)).reshape(shape)[block.region].ravel()
        np.testing.assert_array_equal(flat, np.arange(block.start, block.stop))
        seen.append((block.start, block.stop))
    assert seen[0][0] == 0 and seen[-1][1] == math.prod(shape)
    assert all(a[1] == b[0] for a, b in zip(seen, seen[1:]))
    assert math.prod(block_shape(shape, chunk)) <= max(chunk, 1)


# ---- errors ----------------------------------------------------------------------------------

ERRORS = [
    (dict(grid={"home.presure": [0.1]}), "grid.home.presure", "unknown parameter"),
    (dict(grid={"partner.power": [0.1]}), "grid.partner.power", "unknown parameter"),
    (dict(grid={"partner.cost": [0.1]}), "grid.partner.cost", "unknown parameter"),
    (dict(grid={"solution": [0.1]}), "grid.solution", "unknown parameter"),
    (dict(grid={"home.constituencies.fishers.slope": [0.1]}),
     "grid.home.constituencies.fishers.slope", "no constituency named 'fishers'"),
    (dict(grid={"home.constituencies.farmers.colour": [0.1]}),
     "grid.home.constituencies.farmers.colour", "unknown constituency key 'colour'"),
    (dict(grid={"home.discount": [0.5, 1.0]}), "grid.home.discount", "must be in (0, 1), got 1"),
    (dict(grid={"home.cost": [0.0]}), "grid.home.cost", "must be > 0, got 0"),
    (dict(grid={"home.constituencies.farmers.weight": [-1]}),
     "grid.home.constituencies.farmers.weight", "must be > 0, got -1"),
    (dict(grid={"home.budget": [np.nan]}), "grid.home.budget",
     "must be >= 0 (inf allowed), got nan"),
    (dict(grid={"home.pressure": [math.inf]}), "grid.home.pressure", "must be a finite number"),
    (dict(grid={"home.pressure": ["high"]}), "grid.home.pressure[0]", "must be a number"),
    (dict(grid={"home.pressure": [True]}), "grid.home.pressure[0]", "must be a number"),
    (dict(grid={"home.pressure": []}), "grid.home.pressure", "at least one value"),
    (dict(grid={"home.pressure": 0.3}), "grid.home.pressure", "must be a list of numbers"),
    (dict(grid={"home.pressure": {"start": 0, "stop": 1}}), "grid.home.pressure.num",
     "is required"),
    (dict(grid={"home.pressure": {"start": 0, "stop": 1, "num": 0}}), "grid.home.pressure.num",
     "must be >= 1"),
    (dict(grid={"home.pressure": {"start": 0, "stop": 1, "num": 2.5}}),
     "grid.home.pressure.num", "must be an integer"),
    (dict(grid={"home.pressure": {"start": 0, "stop": 1, "num": 3, "step": 1}}),
     "grid.home.pressure.step", "unknown key"),
    (dict(grid={"home.power": {"start": 0, "stop": 2, "num": 3}}), "grid.home.power",
     "must be in [0, 1], got 2"),
    (dict(grid={}), "grid", "non-empty table"),
    (dict(), "grid", "exactly one of grid or sample"),
    (dict(grid={"home.pressure": [0.1]}, sample={"n": 4, "ranges": {"home.pressure": [0, 1]}}),
     "grid", "exactly one of grid or sample"),
    (dict(sample={"n": 4}), "sample.ranges", "is required"),
    (dict(sample={"ranges": {"home.pressure": [0, 1]}}), "sample.n", "is required"),
    (dict(sample={"n": 0, "ranges": {"home.pressure": [0, 1]}}), "sample.n", "must be >= 1"),
    (dict(sample={"n": 4, "method": "halton", "ranges": {"home.pressure": [0, 1]}}),
     "sample.method", "must be one of sobol, lhs, uniform"),
    (dict(sample={"n": 4, "seed": -1, "ranges": {"home.pressure": [0, 1]}}), "sample.seed",
     "must be >= 0"),
    (dict(sample={"n": 4, "size": 3, "ranges": {"home.pressure": [0, 1]}}), "sample.size",
     "unknown key"),
    (dict(sample={"n": 4, "ranges": {"home.pressure": [1, 0]}}), "sample.ranges.home.pressure",
     "lo < hi"),
    (dict(sample={"n": 4, "ranges": {"home.budget": [0, math.inf]}}),
     "sample.ranges.home.budget", "finite"),
    (dict(sample={"n": 4, "ranges": {"home.quota": [0, 1]}}), "sample.ranges.home.quota[0]",
     "must be in (0, 1], got 0"),
    (dict(sample={"n": 4, "ranges": {"home.quota": [0.5]}}), "sample.ranges.home.quota",
     "must be [lo, hi]"),
    (dict(sample={"n": 4, "ranges": {"partner.pover": [0, 1]}}), "sample.ranges.partner.pover",
     "unknown parameter"),
    (dict(grid={"home.pressure": [0.1]}, outputs=["concesion"]), "outputs[0]",
     "unknown output 'concesion'"),
    (dict(grid={"home.pressure": [0.1]}, outputs="concession"), "outputs", "list of names"),
    (dict(grid={"home.pressure": [0.1]}, outputs=[]), "outputs", "at least one"),
    (dict(grid={"home.pressure": [0.1]}, solution="shapley"), "solution", "must be one of"),
    (dict(grid={"home.pressure": [0.1]}, engine="spark"), "engine", "must be one of numpy, dask"),
    (dict(grid={"home.pressure": [0.1]}, scheduler="tcp://127.0.0.1:8786"), "scheduler",
     'needs engine="dask"'),
    (dict(grid={"home.pressure": [0.1]}, chunk_size=0), "chunk_size", "must be >= 1"),
    (dict(grid={"home.pressure": [0.1]}, out="results.csv"), "out", "must end in .nc"),
    (dict(grid={"home.pressure": [0.1]}, out="/no/such/dir/r.nc"), "out", "does not exist"),
]


@pytest.mark.parametrize("kwargs, field, message", ERRORS,
                         ids=[f"{e[1]}:{e[2][:20]}" for e in ERRORS])
def test_bad_input_is_one_error_naming_the_field(kwargs, field, message):
    with pytest.raises(TwoLevelError) as err:
        sweep(BASE, **kwargs)
    assert err.value.field == field
    assert message in err.value.message


def test_error_lists_the_sweepable_paths():
    with pytest.raises(TwoLevelError) as err:
        sweep(BASE, grid={"home.presure": [0.1]})
    assert "home.pressure" in err.value.message
    assert "home.constituencies.farmers.slope" in err.value.message
    assert "partner.power" not in err.value.message


def test_base_must_be_one_negotiation():
    with pytest.raises(TwoLevelError) as err:
        sweep(replace(BASE, home=replace(BASE.home, pressure=np.array([0.1, 0.2]))),
              grid={"partner.batna": [0.1]})
    assert err.value.field == "base" and "one scenario" in err.value.message
    with pytest.raises(TwoLevelError) as err:
        sweep("korea-chile", grid={"partner.batna": [0.1]})
    assert err.value.field == "base" and "Negotiation" in err.value.message


# ---- progress --------------------------------------------------------------------------------

def test_progress_bar_on_request_and_off_when_stderr_is_not_a_terminal(capsys):
    sweep(BASE, grid=GRID, chunk_size=10, progress=True)
    shown = capsys.readouterr().err
    assert "sweep" in shown and "108/108" in shown
    sweep(BASE, grid=GRID, chunk_size=10)          # stderr is captured here, not a terminal
    sweep(BASE, grid=GRID, chunk_size=10, progress=False)
    assert capsys.readouterr().err == ""


def test_progress_bar_by_default_on_a_terminal_for_more_than_one_block(monkeypatch, capsys):
    import sys
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    sweep(BASE, grid=GRID, chunk_size=10 ** 6)     # one block: no bar
    assert capsys.readouterr().err == ""
    sweep(BASE, grid=GRID, chunk_size=10)
    assert "108/108" in capsys.readouterr().err


# ---- ratification modes ----------------------------------------------------------------------
MODES = ["committed", "ex_post"]


@pytest.mark.parametrize("solution", ["nash", "rubinstein"])
def test_the_mode_is_a_grid_dimension(solution):
    """Strings on a grid axis: each point equals its own scalar solve, in either mode."""
    grid = {"home.ratification": MODES, "home.veto_rent": [0.0, 0.5, 1.0],
            "home.constituencies.farmers.gain": [0.1, 0.3, 0.5], "partner.ratification": MODES}
    ds = sweep(BASE, grid=grid, solution=solution,
               outputs=OUTPUTS + ("ratification_failed",), chunk_size=7)
    assert ds["home.ratification"].values.tolist() == MODES
    for idx in np.ndindex(*ds.agreement.shape):
        values = {dim: ds[dim].values[i].item() for dim, i in zip(grid, idx)}
        want = point(BASE, values, solution)
        for name in OUTPUTS:
            assert_same(ds[name].values[idx], want[name])
    # the modes matter here: ex post, some deals fail ratification, others pay a veto rent
    failed = ds.ratification_failed.sel({"home.ratification": "ex_post"})
    assert failed.any() and not failed.all()
    assert not ds.ratification_failed.sel({"home.ratification": "committed",
                                           "partner.ratification": "committed"}).any()
    paid = ds.side_payment_home.sel({"home.ratification": "ex_post", "partner.ratification":
                                     "committed"})
    assert (paid.diff("home.veto_rent") > 0).any()


def test_veto_rent_and_mode_are_sweepable_paths():
    assert {"home.ratification", "home.veto_rent", "partner.ratification",
            "partner.veto_rent"} <= set(names(BASE))


@pytest.mark.parametrize("grid, field, message", [
    ({"home.ratification": ["committed", "expost"]}, "grid.home.ratification[1]",
     "must be one of committed, ex_post, got 'expost'"),
    ({"home.ratification": [0.0, 1.0]}, "grid.home.ratification[0]", "must be one of"),
    ({"home.ratification": {"start": 0, "stop": 1, "num": 2}}, "grid.home.ratification",
     "must be a list of strings (committed, ex_post)"),
    ({"home.ratification": "ex_post"}, "grid.home.ratification", "must be a list of strings"),
    ({"home.veto_rent": [0.5, 1.5]}, "grid.home.veto_rent", "must be in [0, 1], got 1.5"),
])
def test_bad_mode_grids(grid, field, message):
    with pytest.raises(TwoLevelError) as info:
        sweep(BASE, grid=grid)
    assert info.value.field == field and message in info.value.message


def test_a_mode_cannot_be_sampled():
    with pytest.raises(TwoLevelError, match="cannot be sampled") as info:
        sweep(BASE, sample={"n": 4, "ranges": {"home.ratification": ["committed", "ex_post"]}})
    assert info.value.field == "sample.ranges.home.ratification"


def test_an_ex_post_base_is_sampled():
    base = Negotiation(replace(BASE.home, ratification="ex_post", veto_rent=0.3), BASE.partner)
    ds = sweep(base, sample={"n": 16, "seed": 2, "ranges": {"home.pressure": [0.0, 0.8]}})
    for i in range(16):
        want = point(base, {"home.pressure": ds["home.pressure"].values[i]})
        for name in OUTPUTS:
            assert_same(ds[name].values[i], want[name])
