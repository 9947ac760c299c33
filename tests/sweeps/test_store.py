"""Streaming sweeps to netCDF and zarr: the file equals the in-memory result, and an interrupted
run never leaves a file at the output path."""
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from sweep_scenarios import BASE
from twolevel import TwoLevelError, sweep
from twolevel.sweeps import atomic, store

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


# --- signals, leftovers, the swap, full disks, names -----------------------------------------

LONG = """
import sys
sys.path.insert(0, {tests!r})
from twolevel import cli
sys.exit(cli.main(["sweep", {sweep!r}, "--out", {out!r}, "--chunk-size", "200", "--quiet"]))
"""
LONG_SWEEP = """case = "korea-chile"
[grid]
"home.pressure" = { start = 0.0, stop = 0.8, num = 2000 }
"partner.batna" = { start = 0.0, stop = 0.5, num = 2000 }
"""


def started(tmp_path, out):
    """A `twolevel sweep` in its own process, once its temporary file has appeared."""
    sweep_file = tmp_path / "sweep.toml"
    sweep_file.write_text(LONG_SWEEP)
    code = LONG.format(tests=str(Path(__file__).parents[1]), sweep=str(sweep_file), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if any(p.name.endswith(".partial") for p in tmp_path.iterdir()):
            time.sleep(0.3)  # some blocks are written
            return proc
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("the run ended before its temporary file appeared")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signalled_run_removes_its_temporary_file(tmp_path, signum):
    out = tmp_path / "results.nc"
    proc = started(tmp_path, out)
    try:
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signum
    assert err == f"twolevel sweep: interrupted by {signal.Signals(signum).name}, no partial " \
                  "output left\n"
    assert entries(tmp_path) == ["sweep.toml"]


def test_the_next_run_sweeps_what_a_killed_run_left(tmp_path):
    out = tmp_path / "results.nc"
    proc = started(tmp_path, out)
    proc.kill()
    proc.wait()
    [left] = [n for n in entries(tmp_path) if n.endswith(".partial")]
    assert left.startswith(".results.nc.") and f"-{proc.pid}-" in left
    sweep(BASE, grid={"home.pressure": [0.1, 0.2]}, out=out).close()
    assert entries(tmp_path) == ["results.nc", "sweep.toml"]


def test_a_live_run_keeps_its_temporary_file_and_a_killed_swap_its_older_output(tmp_path):
    out = tmp_path / "results.nc"
    sweep(BASE, grid={"home.pressure": [0.1, 0.2]}, out=out).close()
    before = out.read_bytes()
    live = atomic.temporary(out).name.replace(f"-{os.getpid()}-", f"-{os.getppid()}-")
    (tmp_path / live).write_text("another run is writing this")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    old = atomic.temporary(out, "old").name.replace(f"-{os.getpid()}-", f"-{dead}-")
    os.replace(out, tmp_path / old)  # killed between the two renames of a swap
    atomic.sweep_stale(out)
    assert out.read_bytes() == before
    assert entries(tmp_path) == sorted([live, "results.nc"])


@pytest.mark.parametrize("suffix", [".nc", ".zarr"])
def test_a_signal_during_the_swap_waits_for_it(tmp_path, monkeypatch, suffix):
    """SIGTERM at the first rename of the swap onto an older output (for a store, before the
    second): the new output is in place, nothing hidden is left, and the signal is raised once
    the swap is done."""
    out = tmp_path / f"results{suffix}"
    sweep(BASE, grid={"home.pressure": [0.1, 0.2]}, out=out).close()
    renames = []
    original = os.replace

    def signalled(src, dst):
        if Path(dst).name.startswith(f".{out.name}.") or Path(dst) == out:  # the swap's
            renames.append(Path(dst).name)
            if len(renames) == 1:
                os.kill(os.getpid(), signal.SIGTERM)
        original(src, dst)

    monkeypatch.setattr(atomic.os, "replace", signalled)
    with pytest.raises(atomic.Interrupted) as info:
        sweep(BASE, grid={"partner.batna": [0.0, 0.1, 0.2]}, out=out)
    assert info.value.signum == signal.SIGTERM
    # a store (a directory) is moved aside first; a file is replaced in one rename
    assert len(renames) == (2 if suffix == ".zarr" else 1) and renames[-1] == out.name
    assert entries(tmp_path) == [out.name]
    with (xr.open_dataset(out) if suffix == ".nc" else xr.open_zarr(out)) as ds:
        assert dict(ds.sizes) == {"partner.batna": 3}


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def hdf_error(*args, **kwargs):
    raise RuntimeError("NetCDF: HDF error")


@pytest.mark.parametrize("suffix, failure, free", [
    (".zarr", no_space, 10 ** 12), (".nc", no_space, 10 ** 12), (".nc", hdf_error, 1000)])
def test_a_full_disk_is_named(tmp_path, monkeypatch, suffix, failure, free):
    writer = store.Zarr if suffix == ".zarr" else store.NetCDF
    monkeypatch.setattr(writer, "write", failure)
    monkeypatch.setattr(atomic.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(
        10 ** 12, 10 ** 12 - free, free))
    out = tmp_path / f"results{suffix}"
    with pytest.raises(TwoLevelError) as err:
        sweep(BASE, grid=GRID, out=out)
    assert (err.value.field, err.value.message) == (
        "out", f"no space left on device writing {out} (nothing written)")
    assert entries(tmp_path) == []


def test_another_write_error_is_not_called_a_full_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(store.NetCDF, "write", hdf_error)  # plenty of space left
    with pytest.raises(TwoLevelError) as err:
        sweep(BASE, grid=GRID, out=tmp_path / "results.nc")
    assert err.value.message == f"cannot write {tmp_path / 'results.nc'}: NetCDF: HDF error"
    assert entries(tmp_path) == []


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KiB file system (tmpfs; needs root)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs",
                                            str(folder)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    yield folder
    subprocess.run(["umount", "--lazy", str(folder)], check=True)


@pytest.mark.parametrize("suffix", [".nc", ".zarr"])
def test_a_really_full_disk_is_named(small_disk, suffix):
    out = small_disk / f"results{suffix}"
    grid = {"home.pressure": np.linspace(0, 0.8, 300), "partner.batna": np.linspace(0, 0.5, 300)}
    with pytest.raises(TwoLevelError) as err:
        sweep(BASE, grid=grid, out=out)
    assert err.value.message == f"no space left on device writing {out} (nothing written)"
    assert entries(small_disk) == []


@pytest.mark.parametrize("suffix", [".nc", ".zarr"])
@pytest.mark.parametrize("design", ["grid", "sample"])
def test_a_slash_in_a_stored_name_is_refused_before_writing(tmp_path, suffix, design):
    base = replace(BASE, home=replace(BASE.home, constituencies=(
        replace(BASE.home.constituencies[0], name="farm/ers"), *BASE.home.constituencies[1:])))
    path = "home.constituencies.farm/ers.slope"
    kwargs = {"grid": {path: [-2.0, -1.0]}} if design == "grid" else {
        "sample": {"n": 4, "ranges": {path: [-2.0, -1.0]}}}
    with pytest.raises(TwoLevelError) as err:
        sweep(base, out=tmp_path / f"results{suffix}", **kwargs)
    where = "grid" if design == "grid" else "sample.ranges"
    assert err.value.field == f"{where}.{path}" and "cannot contain '/'" in err.value.message
    assert entries(tmp_path) == []
    assert sweep(base, **kwargs)[path].size == 2 if design == "grid" else 4  # in memory: fine


@pytest.mark.parametrize("suffix", [".nc", ".zarr"])
def test_a_mode_axis_is_stored_as_strings(tmp_path, suffix):
    grid = {"home.ratification": ["committed", "ex_post"], "home.pressure": [0.2, 0.5]}
    memory = sweep(BASE, grid=grid)
    with sweep(BASE, grid=grid, out=tmp_path / f"modes{suffix}") as streamed:
        assert streamed["home.ratification"].values.tolist() == ["committed", "ex_post"]
        xr.testing.assert_equal(streamed.load(), memory)
