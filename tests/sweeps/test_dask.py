"""engine="dask": the same results as the numpy engine, on local threads and on a two-worker
dask.distributed cluster on loopback."""
import numpy as np
import pytest
import xarray as xr

from sweep_scenarios import BASE
from twolevel import TwoLevelError, sweep

GRID = {"home.pressure": np.linspace(0.0, 0.8, 13), "home.constituencies.farmers.slope":
        [-2.0, -1.0, -0.5], "partner.batna": np.linspace(0.0, 0.5, 4)}
SAMPLE = {"method": "lhs", "n": 90, "seed": 2,
          "ranges": {"home.pressure": [0.0, 0.8], "home.constituencies.industry.weight": [0.5, 3]}}


@pytest.mark.parametrize("kwargs", [{"grid": GRID}, {"sample": SAMPLE}], ids=["grid", "sample"])
def test_dask_threads_equal_numpy(kwargs):
    expected = sweep(BASE, **kwargs)
    xr.testing.assert_identical(sweep(BASE, engine="dask", chunk_size=11, **kwargs), expected)


def test_dask_streams_to_a_file(tmp_path):
    expected = sweep(BASE, grid=GRID)
    with sweep(BASE, grid=GRID, engine="dask", chunk_size=10, out=tmp_path / "r.zarr") as ds:
        xr.testing.assert_identical(ds.load(), expected)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as c:
        yield c


@pytest.mark.parametrize("kwargs", [{"grid": GRID}, {"sample": SAMPLE}], ids=["grid", "sample"])
def test_a_distributed_cluster_by_address_equals_numpy(cluster, kwargs, tmp_path):
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    expected = sweep(BASE, **kwargs)
    got = sweep(BASE, engine="dask", scheduler=cluster.scheduler_address, chunk_size=9, **kwargs)
    xr.testing.assert_identical(got, expected)
    with sweep(BASE, engine="dask", scheduler=cluster.scheduler_address, chunk_size=9,
               out=tmp_path / "r.nc", **kwargs) as streamed:
        xr.testing.assert_identical(streamed.load(), expected)


def test_a_client_can_be_passed(cluster):
    from distributed import Client
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        got = sweep(BASE, grid=GRID, engine="dask", scheduler=client)
        assert client.status == "running"  # a given client is left open
    xr.testing.assert_identical(got, sweep(BASE, grid=GRID))


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:1", "no-port"])
def test_an_unreachable_scheduler_is_one_error(address):
    with pytest.raises(TwoLevelError) as err:
        sweep(BASE, grid=GRID, engine="dask", scheduler=address)
    assert err.value.field == "scheduler" and "cannot connect" in err.value.message
