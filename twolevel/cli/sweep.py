"""``twolevel sweep FILE --out PATH``: run a sweep file, stream the results to netCDF or zarr and
print a short summary (points, time, share of points with an agreement)."""
import math
import signal
import sys
import time

from ..sweeps.run import CHUNK_SIZE, ENGINES

ANNOUNCE = 10 ** 8  # designs of more points are announced on stderr before they start


def add_parser(subparsers):
    p = subparsers.add_parser(
        "sweep", help="solve a scenario over a grid or a random design",
        description="Solve the base scenario of a sweep file at every point of its grid or "
                    "random design and write an xarray Dataset (one dimension per grid path, "
                    "or a `sample` dimension) to a .nc or .zarr file.")
    p.add_argument("file", metavar="FILE", help="sweep file (TOML)")
    p.add_argument("--out", required=True, metavar="PATH",
                   help="results: PATH.nc (netCDF) or PATH.zarr; written whole or not at all")
    p.add_argument("--engine", choices=ENGINES, default=None,
                   help="numpy (this process, the default) or dask (dask workers; the default "
                        "with --scheduler)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="a dask.distributed scheduler, e.g. tcp://127.0.0.1:8786")
    p.add_argument("--chunk-size", type=int, default=CHUNK_SIZE, metavar="N",
                   help=f"points per block (default {CHUNK_SIZE}); memory grows with it")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..files.sweep import load
    spec = load(args.file)
    engine = args.engine or ("dask" if args.scheduler else "numpy")
    points = math.prod(spec.shape)
    if points > ANNOUNCE and not args.quiet:  # a long run says how long before it starts
        print(f"twolevel sweep: {points:,} points ({' x '.join(map(str, spec.shape))}), "
              f"{points * spec.point_bytes / 1e9:.3g} GB of results before compression, to "
              f"{args.out}", file=sys.stderr)
    start = time.perf_counter()
    try:
        ds = spec.run(out=args.out, engine=engine, scheduler=args.scheduler,
                      progress=False if args.quiet else None, chunk_size=args.chunk_size)
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", signal.SIGINT)
        print(f"twolevel sweep: interrupted by {signal.Signals(signum).name}, no partial output "
              "left", file=sys.stderr)
        return 128 + signum
    elapsed = time.perf_counter() - start
    with ds:
        print(summary(ds, elapsed, engine, args.out))
    return 0


def summary(ds, elapsed, engine, out) -> str:
    """Points (and grid shape), time, and the share of points with an agreement."""
    points = math.prod(ds.sizes.values())
    shape = " x ".join(f"{size} {dim}" for dim, size in ds.sizes.items())
    lines = [f"points     {points} ({shape})",
             f"time       {elapsed:.3g} s ({points / max(elapsed, 1e-9):.3g} points/s, {engine})"]
    if "agreement" in ds:
        share = float(ds["agreement"].mean())
        lines.append(f"agreement  {100 * share:.4g}% of points")
    lines.append(f"written    {out}")
    return "\n".join(lines)
