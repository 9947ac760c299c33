"""Cost of the ratification layer against the bare kernel:
``python benchmarks/bench_ratification.py [--n 100000] [--repeats 5]``.

The problems of ``bench_constituencies`` (m equal-weight constituencies per side, quota 0.5, Nash),
solved in one call per batch of n scenarios (per batch), and one scenario at a time (per call):
the kernel ``solve_arrays`` (baseline, committed sides), then ``solve_ratified`` with committed
sides only, with Home ex post (without and with the second kernel call for the limits of F), and
with modes mixed at random (four groups). Prints medians and ratios to the baseline, all measured
in the same run.
"""
import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_constituencies import problem  # noqa: E402
from machine import machine_info, timed  # noqa: E402

from twolevel.negotiation.kernel import solve_arrays  # noqa: E402
from twolevel.negotiation.ratification import solve_ratified  # noqa: E402


def variants(home, partner, power):
    """{label: zero-argument call} for one batch."""
    rng = np.random.default_rng(1)
    ex_home = replace(home, ex_post=np.ones(home.n, bool), veto_rent=np.full(home.n, 0.5))
    mixed = (replace(home, ex_post=rng.random(home.n) < 0.5),
             replace(partner, ex_post=rng.random(home.n) < 0.5))
    return {
        "kernel, committed (baseline)": lambda: solve_arrays(home, partner, power,
                                                             intervals=False),
        "layer, committed": lambda: solve_ratified(home, partner, power, intervals=False),
        "layer, Home ex post, no limits": lambda: solve_ratified(ex_home, partner, power,
                                                                 intervals=False, limits=False),
        "layer, Home ex post, with limits": lambda: solve_ratified(ex_home, partner, power,
                                                                   intervals=False),
        "layer, modes mixed, no limits": lambda: solve_ratified(*mixed, power, intervals=False,
                                                                limits=False),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--ms", default="1,3")
    args = parser.parse_args(argv)
    print(machine_info())
    rows = []
    for m in (int(x) for x in args.ms.split(",")):
        n = args.n if m == 1 else max(1, args.n // 10)
        batch = variants(*problem(m, n))
        one = variants(*problem(m, 1))
        base_batch = base_call = None
        for label in batch:
            per_batch, _, _ = timed(batch[label], args.repeats)
            per_call, _, _ = timed(one[label], 5 * args.repeats)
            base_batch, base_call = base_batch or per_batch, base_call or per_call
            rows.append((m, n, label, per_batch, per_batch / base_batch, per_call,
                         per_call / base_call))
    print("| m | scenarios | variant | per batch (median) | ratio | per call (median) | ratio |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for m, n, label, tb, rb, tc, rc in rows:
        print(f"| {m} | {n:,} | {label} | {tb * 1e3:,.1f} ms | {rb:.2f} x | "
              f"{tc * 1e6:,.0f} us | {rc:.2f} x |")
    return rows


if __name__ == "__main__":
    main()
