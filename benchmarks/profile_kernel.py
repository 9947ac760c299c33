"""Where the kernel's time goes: ``python benchmarks/profile_kernel.py [N] [--lines]``.

Solves N (default 10^6) random Nash scenarios with one veto constituency per side in one call of
``solve_arrays(..., intervals=False)`` under cProfile, and prints the functions by own time and
by cumulative time. With ``--lines`` (needs ``line_profiler``, see benchmarks/requirements.txt)
it also times every line of the kernel's functions.
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

from twolevel.negotiation import coalitions, intervals, kernel, nash, pieces  # noqa: E402

LINE_TARGETS = (kernel.solve_arrays, kernel._solve_block, kernel._join, pieces.pieces,
                pieces.stretches, pieces._side_lines, pieces.one_candidate, pieces.pair_optimum,
                pieces.best_over_pairs, nash.nash, nash.stationary,
                coalitions.cheapest, coalitions.losses, coalitions.winning, intervals.halfline)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=10**6)
    ap.add_argument("--lines", action="store_true", help="line timings (line_profiler)")
    args = ap.parse_args(argv)
    home, partner, power = scenarios.veto(args.n, seed=1)

    def run():
        return kernel.solve_arrays(home, partner, power, "nash", intervals=False)

    run()  # warm-up
    start = time.perf_counter()
    run()
    print(f"N = {args.n:,}: {time.perf_counter() - start:.3f} s without profiler")

    prof = cProfile.Profile()
    prof.runcall(run)
    for key in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats(key).print_stats(25)
        print(buf.getvalue())

    if args.lines:
        from line_profiler import LineProfiler
        lp = LineProfiler(*LINE_TARGETS)
        lp.runcall(run)
        lp.print_stats(stripzeros=True, output_unit=1e-3)


if __name__ == "__main__":
    main()
