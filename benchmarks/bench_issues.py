"""Packages per second for K = 3, 10, 20 issues against a loop of scipy optimisations:
``python benchmarks/bench_issues.py [--repeats 3]``.

Same problems, same run, same threads. Two families (MODEL.md section 5):
- governments only (the box): the vectorised greedy frontier, a batch of n scenarios in one call,
  against the reference twin (scipy.optimize.minimize_scalar over linprog, one scenario at a time);
- with agencies (one loser per issue with a 10% tolerance, a budget agency, unanimity): the exact
  LP frontier, one scenario at a time (batched), against the same reference loop.
Prints packages per second (median of repeats; per batch, and per call: one scenario alone, the
median over the loop's scenarios) and the ratio batch / loop.
Nash package only.
"""
import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import machine_info, timed  # noqa: E402

from twolevel.issues import reference  # noqa: E402
from twolevel.issues.arrays import IssueArrays  # noqa: E402
from twolevel.issues.package import solve_package  # noqa: E402


def problems(K, n, agencies, seed=0) -> IssueArrays:
    """n random scenarios with K issues; with ``agencies``: one loser per issue (slope -c_Hk,
    tolerance 10%) and a budget agency gaining on the first half of the issues."""
    rng = np.random.default_rng(seed)
    cH = rng.uniform(0.5, 1.5, (K, n)) / K
    cP = rng.uniform(0.5, 1.5, (K, n)) / K
    kw = dict(gH=1.0, dH=rng.uniform(0.3, 0.6, n), lam=1.0, B=0.0, q=1.0,
              theta=rng.uniform(0.2, 0.8, n), gP=0.0, dP=rng.uniform(0.1, 0.3, n),
              cH=list(cH), cP=list(cP))
    if not agencies:
        return IssueArrays.build((n,), e=[], v0=[], w=[], beta=[], k=[], **kw)
    eye = np.eye(K)
    k = [[-eye[a, j] * cH[j] for j in range(K)] for a in range(K)]
    k.append([0.5 * cH[j] * (j < K // 2 + 1) for j in range(K)])
    e = [0.1 * cH[a] for a in range(K)] + [0.05]
    return IssueArrays.build((n,), e=e, v0=[0.0] * (K + 1), w=[1.0] * (K + 1),
                             beta=[0.0] * K + [0.1], k=k, **kw)


def loop_reference(arr):
    return [reference.nash(arr, i) for i in range(arr.n)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch", type=int, default=10000, help="scenarios per kernel batch")
    parser.add_argument("--loop", type=int, default=20, help="scenarios in the scipy loop")
    parser.add_argument("--loop-agencies", type=int, default=3,
                        help="scenarios in the scipy loop and the LP batch, with agencies "
                             "(the twin takes ~30 s per scenario at K = 20)")
    args = parser.parse_args(argv)
    print(machine_info())
    rows = []
    for agencies in (False, True):
        for K in (3, 10, 20):
            loop = args.loop_agencies if agencies else args.loop
            n_kernel = loop if agencies else args.batch
            big = problems(K, n_kernel, agencies)
            small = big.take(slice(0, loop))
            t_kernel, _, deal = timed(lambda: solve_package(big, "nash"), args.repeats)
            t_ref, _, ref = timed(lambda: loop_reference(small), args.repeats)
            # per call: one scenario alone, median over the loop's scenarios
            t_one = np.median([timed(lambda: solve_package(small.take(slice(i, i + 1)), "nash"),
                                     args.repeats)[0] for i in range(small.n)])
            # the same problems agree: Nash utilities within the reference's tolerance
            gap = max(abs(deal.home_utility[i] - r[1]) for i, r in enumerate(ref) if r)
            agree = float(np.mean(deal.agreement[:loop]))
            rows.append((agencies, K, n_kernel, n_kernel / t_kernel, 1 / t_one, loop / t_ref,
                         gap, agree))
    print("| problem | K | kernel scenarios | kernel packages/s (batch) | kernel packages/s "
          "(one call) | scipy loop packages/s | batch / loop | max abs U_H difference | "
          "agreement |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for agencies, K, n, batch, one, loop, gap, agree in rows:
        label = "K agencies + budget agency (LP frontier)" if agencies else "governments only (greedy)"
        print(f"| {label} | {K} | {n:,} | {batch:,.3g} | {one:,.3g} | {loop:,.3g} | "
              f"{batch / loop:,.0f} x | {gap:.1e} | {agree:.0%} |")
    return rows


if __name__ == "__main__":
    main()
