"""One grid sweep streamed to disk, measured from inside its own process:
``python benchmarks/sweep_peak.py POINTS DIRECTORY [nc|zarr]``.

The base is one Nash negotiation with one veto constituency per side; the grid has four axes
(Home's pressure and power, the farmers' slope, Partner's BATNA) whose sizes multiply to POINTS
(a power of 10 from 10^4 up). Prints one JSON line: wall time, peak resident memory (VmHWM, the
high-water mark of this process; not ru_maxrss, which Linux carries over exec from the parent that
started it), resident memory before the sweep, the size of the written file or store, and the
time split: ``kernel_s`` in ``solve_arrays``, ``solve_s`` in evaluating blocks (the kernel with
the design's columns and the scenario arrays), ``write_s`` in writing blocks (overlapped with
solving, in the writer's thread).
"""
import json
import sys
import time
from pathlib import Path

from machine import peak_rss_bytes, status
from twolevel.negotiation import ratification
from twolevel.negotiation.model import Constituency, Negotiation, Side
from twolevel.sweeps import run, store
from twolevel.sweeps.run import CHUNK_SIZE, sweep

SPENT = dict(kernel_s=0.0, solve_s=0.0, write_s=0.0)


def timing(key, fn):
    """``fn`` with its time added to SPENT[key]."""
    def timed_fn(*args, **kw):
        start = time.perf_counter()
        try:
            return fn(*args, **kw)
        finally:
            SPENT[key] += time.perf_counter() - start
    return timed_fn


ratification.solve_arrays = timing("kernel_s", ratification.solve_arrays)
run.evaluate = timing("solve_s", run.evaluate)
store.NetCDF.write = timing("write_s", store.NetCDF.write)
store.Zarr.write = timing("write_s", store.Zarr.write)

BASE = Negotiation(
    Side("Home", gain=1.0, batna=0.3, cost=1.0, funds_cost=1.2, quota=1.0,
         constituencies=(Constituency("farmers", gain=0.3, slope=-1.0),)),
    Side("Partner", gain=0.0, batna=0.1, benefit=1.0, funds_cost=1.2, quota=1.0,
         constituencies=(Constituency("exporters", gain=-0.2, slope=1.0),)),
)
AXES = (("home.pressure", 0.0, 0.5), ("home.power", 0.0, 1.0),
        ("home.constituencies.farmers.slope", -2.0, -0.2), ("partner.batna", -0.3, 0.3))


def axis_sizes(points):
    """Four axis sizes, each a power of 10, multiplying to ``points`` (a power of 10, >= 10^4)."""
    digits = len(str(points)) - 1
    if 10 ** digits != points or digits < 4:
        raise SystemExit(f"POINTS must be a power of 10 from 10^4 up, got {points}")
    return [10 ** (digits // 4 + (i < digits % 4)) for i in range(4)]


def du(path):
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main():
    points, directory = int(sys.argv[1]), Path(sys.argv[2])
    fmt = sys.argv[3] if len(sys.argv) > 3 else "nc"
    grid = {path: {"start": lo, "stop": hi, "num": num}
            for (path, lo, hi), num in zip(AXES, axis_sizes(points))}
    out = directory / f"sweep.{fmt}"
    before = status("VmRSS")
    start = time.perf_counter()
    result = sweep(BASE, grid=grid, out=out, progress=False)
    wall = time.perf_counter() - start
    agreement = float(result["agreement"][(0,) * len(grid)])  # the file reads back
    result.close()
    print(json.dumps(dict(points=points, format=f".{fmt} (netCDF)" if fmt == "nc" else f".{fmt}",
                          grid={k: v["num"] for k, v in grid.items()}, chunk_size=CHUNK_SIZE,
                          wall_s=wall, rss_before_bytes=before,
                          peak_rss_bytes=peak_rss_bytes(),
                          file_bytes=du(out), first_point_agreement=agreement, **SPENT)))


if __name__ == "__main__":
    main()
