"""Where the kernel's time goes: ``python benchmarks/profile_kernel.py [N]``.

Solves N (default 10^6) random Nash scenarios with one veto constituency per side in one call of
``solve_arrays(..., intervals=False)``: the Python side under cProfile (argument preparation
against the compiled loop), then the compiled loop with 1 and 2 threads and several block sizes
(each block is one thread's unit of work and holds one set of work arrays).
"""
import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scenarios  # noqa: E402

from twolevel.negotiation import kernel  # noqa: E402

BLOCKS = (64, 256, 1024, 4096)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=10**6)
    args = ap.parse_args(argv)
    home, partner, power = scenarios.veto(args.n, seed=1)

    def run(threads=None):
        return kernel.solve_arrays(home, partner, power, "nash", intervals=False, threads=threads)

    run()  # warm-up (compiles or loads the cache)
    start = time.perf_counter()
    run()
    print(f"N = {args.n:,}: {time.perf_counter() - start:.3f} s without profiler")

    prof = cProfile.Profile()
    prof.runcall(run)
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(12)
    print(buf.getvalue())

    default = kernel.BLOCK
    print("| block | 1 thread (s) | 2 threads (s) | speed-up |")
    print("|---:|---:|---:|---:|")
    for block in BLOCKS:
        kernel.BLOCK = block
        times = []
        for threads in (1, 2):
            start = time.perf_counter()
            run(threads)
            times.append(time.perf_counter() - start)
        print(f"| {block} | {times[0]:.3f} | {times[1]:.3f} | {times[0] / times[1]:.2f} x |")
    kernel.BLOCK = default


if __name__ == "__main__":
    main()
