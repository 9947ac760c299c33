"""Cost of the exact solver against the number of constituencies per side:
``python benchmarks/bench_constituencies.py [--max-m 8] [--repeats 3]``.

For m = 1 .. max-m constituencies per side (equal weights, quota 0.5: every majority is winning,
the hardest case for coalition enumeration; Home's slopes < 0, Partner's > 0, random stakes), Nash,
a batch of random scenarios solved in one call of ``solve_arrays``. The work per scenario is
K = (2m + 1) |C|^2 pieces, |C| = C(m, ceil(m / 2)) minimal winning coalitions per side (1 for
m = 1). Prints scenarios per second (median of repeats) and the ratio to m = 1, measured in the
same run.
"""
import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import machine_info, timed  # noqa: E402

from twolevel.negotiation.arrays import side_arrays  # noqa: E402
from twolevel.negotiation.coalitions import minimal_coalitions  # noqa: E402
from twolevel.negotiation.kernel import solve_arrays  # noqa: E402


def problem(m, n, seed=0):
    """n random scenarios with m equal-weight constituencies per side under quota 0.5."""
    rng = np.random.default_rng(seed)

    def side(sign, gain, batna):
        return side_arrays((n,), gain=gain, rate=rng.uniform(0.5, 1.5, n), batna=batna,
                           funds_cost=1.2, quota=0.5,
                           e=[sign * rng.uniform(-0.3, 0.3, n) for _ in range(m)],
                           k=[sign * rng.uniform(0.2, 2.0, n) for _ in range(m)],
                           v0=[0.0] * m, w=[1.0] * m)

    home = side(-1.0, rng.uniform(0.5, 1.5, n), rng.uniform(0.0, 0.5, n))
    partner = side(1.0, 0.0, rng.uniform(0.0, 0.3, n))
    return home, partner, rng.uniform(0.0, 1.0, n)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-m", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    print(machine_info())
    rows, base = [], None
    for m in range(1, args.max_m + 1):
        coalitions = len(minimal_coalitions(np.ones((1, m)), np.array([0.5])))
        pieces = (2 * m + 1) * coalitions ** 2
        n = int(min(10 ** 5, max(20, 2 * 10 ** 6 // pieces)))
        home, partner, power = problem(m, n)
        median, _, out = timed(lambda: solve_arrays(home, partner, power, intervals=False),
                               args.repeats)
        rate = n / median
        base = base or rate
        rows.append((m, coalitions, pieces, n, rate, base / rate, out.agreement.mean()))
    print("|  m | minimal coalitions per side | pieces K | scenarios | scenarios/s | "
          "slower than m = 1 | agreement |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for m, c, k, n, rate, ratio, agree in rows:
        print(f"| {m} | {c:,} | {k:,} | {n:,} | {rate:,.0f} | {ratio:,.0f} x | {agree:.0%} |")
    return rows


if __name__ == "__main__":
    main()
