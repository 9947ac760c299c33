"""Where the kernel's time goes: ``python benchmarks/profile_kernel.py [N]``.

Solves N (default 10^6) random Nash scenarios with one veto constituency per side in one call of
``solve_arrays(..., intervals=False)``: the Python side under cProfile (argument preparation
against the compiled loop), then the compiled loop with 1 and 2 threads and several block sizes
(each block is a thread's unit of work, taken off a shared counter), then the profile of
the blocks as they run in threads (``solve_arrays(..., trace=...)``): per thread its blocks, busy
time and when it finished, and a timeline (``--plot FILE.png``).
"""
import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from numba import njit  # noqa: E402

import scenarios  # noqa: E402

from twolevel.negotiation import kernel  # noqa: E402
from twolevel.negotiation.compiled import cycles  # noqa: E402

BLOCKS = (64, 256, 1024, 4096)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=10**6)
    ap.add_argument("--plot", type=Path, help="draw the blocks' timeline to this PNG")
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
    threads = min(2, kernel.THREADS)
    spans = block_profile(home, partner, power, threads)
    print(profile_table(spans))
    if args.plot:
        plot_timeline(spans, args.plot)
        print(f"timeline: {args.plot}")


@njit
def _now():
    return cycles()


def cycle_seconds():
    """Seconds per tick of the cycle counter, against time.perf_counter over 0.2 s."""
    c0, t0 = _now(), time.perf_counter()
    time.sleep(0.2)
    return (time.perf_counter() - t0) / (_now() - c0)


def block_profile(home, partner, power, threads):
    """(thread, start s, end s) of every block of one call, from the call's first block start."""
    n = len(power)
    trace = np.zeros((kernel.block_count(n, threads), 3), np.int64)
    kernel.solve_arrays(home, partner, power, "nash", intervals=False, threads=threads,
                        trace=trace)
    tick = cycle_seconds()
    start = trace[:, 1].min()
    return trace[:, 0], (trace[:, 1] - start) * tick, (trace[:, 2] - start) * tick


def per_thread(spans):
    """Each thread's blocks, busy seconds and the end of its last block; the wall time."""
    thread, start, end = spans
    rows = [dict(thread=int(t), blocks=int((thread == t).sum()),
                 busy_s=float((end[thread == t] - start[thread == t]).sum()),
                 last_end_s=float(end[thread == t].max())) for t in np.unique(thread)]
    return rows, float(end.max())


def profile_table(spans):
    rows, wall = per_thread(spans)
    lines = [f"\nBlocks in threads ({len(spans[0]):,} blocks, wall {wall * 1e3:.1f} ms from the "
             "first block's start):",
             "| thread | blocks | busy (ms) | busy / wall | last block ends (ms) |",
             "|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['thread']} | {r['blocks']:,} | {r['busy_s'] * 1e3:.1f} | "
              f"{r['busy_s'] / wall:.0%} | {r['last_end_s'] * 1e3:.1f} |" for r in rows]
    return "\n".join(lines)


def plot_timeline(spans, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    thread, start, end = spans
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.5 * len(np.unique(thread))))
    for k, t in enumerate(np.unique(thread)):
        mine = thread == t
        bars = list(zip(start[mine] * 1e3, (end[mine] - start[mine]) * 1e3))
        ax.broken_barh(bars, (k - 0.35, 0.7), facecolors=["C0", "C1"] * (len(bars) // 2 + 1),
                       edgecolor="white", linewidth=0.3)
    ax.set_yticks(range(len(np.unique(thread))), [f"thread {t}" for t in np.unique(thread)])
    ax.set_xlabel("time since the first block started (ms)")
    ax.set_title(f"Kernel blocks as they ran ({len(start):,} blocks of scenarios)")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


if __name__ == "__main__":
    main()
