"""Time of the exact optimal sequence of FTA partners against the number of partners n (MODEL.md
section 2): ``python benchmarks/bench_sequence.py [--max-n 16] [--brute-max-n 7] [--repeats 3]``.

For each n, two random problems (seeded): n deals with one veto farm constituency each, random
stakes, loss rates, reliefs, durations and willingness, pressure growing per year and per
failure; ``concluding``: every deal has a ZOPA at any pressure >= 0 (the reachable states are the
2^n tried sets), ``failing``: Partner floors up to 0.6, so whether a deal concludes depends on the
pressure reached, hence on the path (many more reachable states). Measured in the same run, on the
same problem:
- the dynamic programme over the reachable (tried, concluded) states: ``optimal_arrays``; the
  states it builds against the 3^n of the full state space, and the negotiations it solves;
- brute force over every sequence of distinct partners (every subset in every order,
  sum_k n!/(n-k)! sequences, each length simulated in one batched call) up to --brute-max-n, as
  the baseline, and the ratio brute force / DP.
Medians of repeats. The DP is exact: its value equals brute force wherever brute force runs; for
larger n its sequence achieves its value and none of 2,000 random sequences does better.
"""
import argparse
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import machine_info, timed  # noqa: E402

from twolevel import Constituency, Side  # noqa: E402
from twolevel.sequencing import Partner, SequenceProblem, optimal_arrays, simulate  # noqa: E402
from twolevel.sequencing.reference import brute_force  # noqa: E402

SAMPLE = 2000        # random sequences checked against the DP where brute force is out of reach


KINDS = {"concluding": (0.8, 1.2, 0.0, 0.1), "failing": (0.2, 1.0, 0.0, 0.6)}


def problem(n, kind="failing", seed=0) -> SequenceProblem:
    """A random problem of ``kind`` (KINDS: Home gain range, Partner floor range)."""
    rng = np.random.default_rng(seed + n)
    g_lo, g_hi, b_lo, b_hi = KINDS[kind]
    partners = []
    for j in range(n):
        home = {"gain": rng.uniform(g_lo, g_hi), "batna": 0.3, "quota": 1.0,
                "constituencies": (Constituency("farmers", gain=0.1,
                                                slope=-rng.uniform(0, 0.3 if kind ==
                                                                   "concluding" else 1.5)),)}
        partners.append(Partner(f"P{j}", Side(f"P{j}", gain=0.0, benefit=1.0,
                                              batna=rng.uniform(b_lo, b_hi)), home,
                                relief=rng.uniform(0.05, 0.5), duration=rng.uniform(0.5, 3),
                                willing_after=int(rng.random() < 0.2)))
    return SequenceProblem({"name": "Home", "cost": 1.0, "power": 0.5, "funds_cost": 1.2},
                           tuple(partners), initial=0.3, growth=0.05, failure=0.05)


def sequences(n) -> int:
    return sum(math.perm(n, k) for k in range(n + 1))


def check(p, out, brute):
    """'= brute force' where it ran (equal values), else the sampled check."""
    value = float(out["value"])
    order = [int(j) for j in out["order"] if j >= 0]
    achieved = float(simulate(p, [order]).value[0])
    assert abs(achieved - value) <= 1e-9 * max(1.0, abs(value)), (achieved, value)
    if brute is not None:
        assert abs(brute - value) <= 1e-9 * max(1.0, abs(value)), (brute, value)
        return "= brute force"
    rng = np.random.default_rng(1)
    for k in rng.integers(1, p.n + 1, 20):
        sample = [rng.permutation(p.n)[:k] for _ in range(SAMPLE // 20)]
        assert (simulate(p, sample).value <= value + 1e-9).all()
    return f">= {SAMPLE} random sequences"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-n", type=int, default=4)
    ap.add_argument("--max-n", type=int, default=16)
    ap.add_argument("--brute-max-n", type=int, default=7)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    info = machine_info()
    print(f"{info['cpu']}, {info['cores_usable']} cores usable, Python {info['python']}, "
          f"numpy {info['numpy']}")
    head = ("problem", "n", "states 3^n", "reachable states", "negotiations", "DP median s", "sequences",
            "brute force s", "brute / DP", "exact")
    rows, medians = [], {}
    for kind, n in [(k, n) for k in KINDS for n in range(args.min_n, args.max_n + 1)]:
        p = problem(n, kind)
        repeats = args.repeats if n <= 13 else 1
        optimal_arrays(p)                                            # warm-up
        dp_s, _, out = timed(lambda: optimal_arrays(p), repeats)
        medians[kind, n] = dp_s
        brute = brute_s = None
        if n <= args.brute_max_n:
            brute_s, _, bf = timed(lambda: brute_force(p), 1)
            brute = float(bf["value"])
        rows.append((kind, str(n), f"{3 ** n:,}", f"{out['states']:,}", f"{out['negotiations']:,}",
                     f"{dp_s:.4f}", f"{sequences(n):,}",
                     "-" if brute_s is None else f"{brute_s:.3f}",
                     "-" if brute_s is None else f"{brute_s / dp_s:.1f}", check(p, out, brute)))
        print(f"{kind} n = {n} done", file=sys.stderr, flush=True)
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    lines = ["| " + " | ".join(c.rjust(w) for c, w in zip(row, widths)) + " |"
             for row in [head] + rows]
    lines.insert(1, "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|")
    print("\n".join(lines))
    for kind in KINDS:
        ns = sorted(n for k, n in medians if k == kind and n >= 10)
        if len(ns) >= 2:
            slope = np.polyfit(ns, np.log([medians[kind, n] for n in ns]), 1)[0]
            print(f"{kind}: DP time grows by x{math.exp(slope):.2f} per added partner "
                  f"(log-linear fit, n = {ns[0]}..{ns[-1]}); the full state space grows by x3.")
    return rows


if __name__ == "__main__":
    main()
