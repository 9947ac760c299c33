"""Time of the exact optimal order of FTA partners against the number of partners n (MODEL.md
section 2): ``python benchmarks/bench_sequence.py [--max-n 14] [--brute-max-n 9] [--repeats 5]``.

For each n, a random problem (seeded): n deals with one veto farm constituency each, random
stakes, loss rates, Partner floors (some deals fail) and reliefs. Measured in the same run:
- the dynamic programme over the 3^n states (tried set, concluded set): ``optimal``;
- brute force over all n! orders (``brute_force``, every order simulated in one batched call) up
  to --brute-max-n, as the baseline, and the ratio brute force / DP.
Medians of repeats. The DP is exact: its value equals brute force wherever brute force runs, and
for larger n its order achieves its value and no one of 2,000 random orders does better.
Prints a table and the growth of the DP time per added partner.
"""
import argparse
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import machine_info, timed  # noqa: E402

from twolevel import Constituency, Side  # noqa: E402
from twolevel.sequencing.problem import Partner, SequenceProblem  # noqa: E402
from twolevel.sequencing.solve import brute_force, evaluate, optimal  # noqa: E402

SAMPLE = 2000        # random orders checked against the DP where brute force is out of reach


def problem(n, seed=0) -> SequenceProblem:
    rng = np.random.default_rng(seed + n)
    partners = []
    for j in range(n):
        slope = rng.uniform(0, 1.5)
        home = {"gain": rng.uniform(0.2, 1.0), "batna": 0.3, "quota": 1.0,
                "constituencies": (Constituency("farmers", gain=0.1, slope=-slope),)}
        partners.append(Partner(f"P{j}", rng.uniform(0.3, 0.9),
                                Side(f"P{j}", gain=0.0, benefit=1.0, batna=rng.uniform(0, 0.6)),
                                home))
    return SequenceProblem({"name": "Home", "cost": 1.0, "power": 0.5, "funds_cost": 1.2},
                           tuple(partners), initial=0.5, growth=0.05, discount=0.95,
                           pressure_cost=0.1)


def negotiations(n) -> int:
    """Negotiations the DP solves: deal j not in C, |C| + failures <= n - 1."""
    return sum(math.comb(n, c) * (n - c) ** 2 for c in range(n))


def check(p, value, order, brute):
    """'brute force' where it ran (equal values), else the sampled check."""
    achieved = evaluate(p, order[None]).value[0]
    assert abs(achieved - value) <= 1e-9 * max(1.0, abs(value)), (achieved, value)
    if brute is not None:
        assert abs(brute - value) <= 1e-9 * max(1.0, abs(value)), (brute, value)
        return "= brute force"
    rng = np.random.default_rng(1)
    sample = np.array([rng.permutation(p.n) for _ in range(SAMPLE)])
    assert (evaluate(p, sample).value <= value + 1e-9).all()
    return f">= {SAMPLE} random orders"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-n", type=int, default=4)
    ap.add_argument("--max-n", type=int, default=14)
    ap.add_argument("--brute-max-n", type=int, default=9)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    info = machine_info()
    print(f"{info['cpu']}, {info['cores_usable']} cores usable, Python {info['python']}, "
          f"numpy {info['numpy']}")
    head = ("n", "states 3^n", "negotiations", "DP median s", "orders n!", "brute force s",
            "brute / DP", "exact")
    rows, medians = [], {}
    for n in range(args.min_n, args.max_n + 1):
        p = problem(n)
        repeats = args.repeats if n <= 12 else max(1, min(args.repeats, 3))
        optimal(p)                                                   # warm-up
        dp_s, _, (value, order) = timed(lambda: optimal(p), repeats)
        medians[n] = dp_s
        brute = brute_s = None
        if n <= args.brute_max_n:
            brute_s, _, (brute, _) = timed(lambda: brute_force(p), max(1, repeats // 2 + 1))
        rows.append((str(n), f"{3 ** n:,}", f"{negotiations(n):,}", f"{dp_s:.4f}",
                     f"{math.factorial(n):,}", "-" if brute_s is None else f"{brute_s:.4f}",
                     "-" if brute_s is None else f"{brute_s / dp_s:.1f}",
                     check(p, float(value), order, None if brute is None else float(brute))))
        print(f"n = {n} done", file=sys.stderr, flush=True)
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    lines = ["| " + " | ".join(c.rjust(w) for c, w in zip(row, widths)) + " |"
             for row in [head] + rows]
    lines.insert(1, "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|")
    print("\n".join(lines))
    ns = sorted(n for n in medians if n >= 8) or sorted(medians)
    if len(ns) >= 2:
        slope = np.polyfit(ns, np.log([medians[n] for n in ns]), 1)[0]
        steps = [medians[b] / medians[a] for a, b in zip(ns, ns[1:])]
        print(f"DP time grows by x{math.exp(slope):.2f} per added partner (log-linear fit, "
              f"n = {ns[0]}..{ns[-1]}; consecutive ratios "
              f"{', '.join(f'{s:.2f}' for s in steps)}); the state count grows by x3.")
    return rows


if __name__ == "__main__":
    main()
