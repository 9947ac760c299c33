"""Cost of the exact solver against the number of constituencies per side:
``python benchmarks/bench_constituencies.py [--max-m 16] [--repeats 3]``.

For m = 1 .. max-m constituencies per side (equal weights, quota 0.5: every majority is winning,
C(m, ceil(m / 2)) minimal winning coalitions per side; Home's slopes < 0, Partner's > 0, random
stakes), Nash, a batch of random scenarios solved in one call of ``solve_arrays``. Each side's
cheapest side payment is the sum of its j smallest losses (polynomial in m). Prints scenarios per
second (median of repeats), the ratio to m = 1 measured in the same run, and the peak resident
memory of the process so far (run alone, its own: ``benchmarks/run.py`` starts it as a subprocess,
``--json`` printing the rows as one JSON line at the end).
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import machine_info, peak_rss_bytes, timed  # noqa: E402

from twolevel.negotiation.arrays import side_arrays  # noqa: E402
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
    parser.add_argument("--max-m", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="end with the rows as a JSON line")
    args = parser.parse_args(argv)
    print(machine_info())
    rows, base = [], None
    for m in range(1, args.max_m + 1):
        n = max(500, 200_000 // m ** 2)
        home, partner, power = problem(m, n)
        solve_arrays(home.take(slice(0, 2)), partner.take(slice(0, 2)), power[:2])  # warm-up
        median, _, out = timed(lambda: solve_arrays(home, partner, power, intervals=False),
                               args.repeats)
        rate = n / median
        base = base or rate
        rows.append((m, n, rate, base / rate, out.agreement.mean(), peak_rss_bytes()))
    print("|  m | scenarios | scenarios/s | slower than m = 1 | agreement | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|")
    for m, n, rate, ratio, agree, rss in rows:
        print(f"| {m} | {n:,} | {rate:,.0f} | {ratio:,.1f} x | {agree:.0%} | "
              f"{rss / 2 ** 30:.2f} GiB |")
    if args.json:
        print(json.dumps([[float(v) for v in row] for row in rows]))
    return rows


if __name__ == "__main__":
    main()
