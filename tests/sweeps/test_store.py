"""Streaming sweeps to netCDF and zarr: the file equals the in-memory result, and an interrupted
run never leaves a file at the output path."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from sweep_scenarios import BASE
from twolevel import TwoLevelError, sweep

MODULE = sys.modules["twolevel.sweeps.run"]
GRID = {"home.pressure": np.linspace(0.0, 0.8, 17), "home.constituencies.farmers.slope":
        [-2.0, -1.0, -0.5], "partner.batna": np.linspace(0.0, 0.5, 5)}
SAMPLE = {"method": "sobol", "n": 100, "seed": 1,
          "ranges": {"home.pressure": [0.0, 0.8], "partner.batna": [0.0, 0.5]}}


def entries(folder):
    return sorted(p.name for p in Path(folder).iterdir())


@pytest.mark.parametrize("suffix", [".nc", ".zarr"])
@pytest.mark.parametrize("design", ["grid", "sample"])
def test_streamed_file_equals_the_in_memory_result(tmp_path, suffix, design):
    kwargs = {"grid": GRID} if design == "grid" else {"sample": SAMPLE}
    memory = sweep(BASE, **kwargs)
    out = tmp_path / f"results{suffix}"
    with sweep(BASE, out=out, chunk_size=7, **kwargs) as streamed:
        xr.testing.assert_identical(streamed.load(), memory)
    assert entries(tmp_path) == [out.name]
    with (xr.open_dataset(out) if suffix == ".nc" else xr.open_zarr(out)) as again:
        xr.testing.assert_identical(again.load(), memory)
        assert again.agreement.dtype == bool


@pytest.mark.parametrize("suffix", [".nc", ".zarr"])
def test_an_existing_output_is_replaced(tmp_path, suffix):
    out = tmp_path / f"results{suffix}"
    sweep(BASE, grid={"home.pressure": [0.1, 0.2]}, out=out).close()
    with sweep(BASE, grid={"partner.batna": [0.0, 0.1, 0.2]}, out=out) as ds:
        assert dict(ds.sizes) == {"partner.batna": 3}
    assert entries(tmp_path) == [out.name]


@pytest.mark.parametrize("suffix", [".nc", ".zarr"])
@pytest.mark.parametrize("error", [KeyboardInterrupt, MemoryError])
def test_an_interrupted_run_leaves_no_output(tmp_path, monkeypatch, suffix, error):
    out = tmp_path / f"results{suffix}"
    calls = []
    original = MODULE.evaluate

    def interrupted(*args):
        calls.append(1)
        if len(calls) == 3:
            raise error()
        return original(*args)

    monkeypatch.setattr(MODULE, "evaluate", interrupted)
    with pytest.raises(error):
        sweep(BASE, grid=GRID, out=out, chunk_size=20)
    assert len(calls) == 3
    assert entries(tmp_path) == []


def test_an_interrupted_run_keeps_the_previous_output(tmp_path, monkeypatch):
    out = tmp_path / "results.nc"
    sweep(BASE, grid={"home.pressure": [0.1, 0.2]}, out=out).close()
    before = out.read_bytes()

    def failing(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(MODULE, "evaluate", failing)
    with pytest.raises(KeyboardInterrupt):
        sweep(BASE, grid=GRID, out=out)
    assert out.read_bytes() == before and entries(tmp_path) == [out.name]


KILLED = """
import sys
import numpy as np
sys.path.insert(0, {tests!r})
from sweep_scenarios import BASE
from twolevel import sweep
sweep(BASE, grid={{"home.pressure": np.linspace(0, 0.8, 2000),
                  "partner.batna": np.linspace(0, 0.5, 2000)}}, out={out!r}, chunk_size=200,
      progress=False)
"""


def test_a_killed_run_leaves_only_a_partial_file(tmp_path):
    out = tmp_path / "results.nc"
    code = KILLED.format(tests=str(Path(__file__).parents[1]), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 120
        partial = []
        while not partial and proc.poll() is None and time.monotonic() < deadline:
            partial = [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
            time.sleep(0.05)
        assert partial, "the run ended before its temporary file appeared"
        time.sleep(0.3)  # some blocks are written
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert not out.exists()
    [left] = tmp_path.iterdir()
    assert left.name.startswith(".results.nc.") and left.name.endswith(".partial")


def test_bad_output_names_fail_before_anything_is_written(tmp_path):
    with pytest.raises(TwoLevelError) as err:
        sweep(BASE, grid={"home.pressure": [0.1]}, out=tmp_path / "results.csv")
    assert err.value.field == "out"
    with pytest.raises(TwoLevelError) as err:
        sweep(BASE, grid={"home.pressure": [0.1]}, out=tmp_path / "missing" / "results.nc")
    assert err.value.field == "out"
    assert entries(tmp_path) == []


@pytest.mark.parametrize("suffix", [".nc", ".zarr"])
def test_a_mode_axis_is_stored_as_strings(tmp_path, suffix):
    grid = {"home.ratification": ["committed", "ex_post"], "home.pressure": [0.2, 0.5]}
    memory = sweep(BASE, grid=grid)
    with sweep(BASE, grid=grid, out=tmp_path / f"modes{suffix}") as streamed:
        assert streamed["home.ratification"].values.tolist() == ["committed", "ex_post"]
        xr.testing.assert_equal(streamed.load(), memory)
