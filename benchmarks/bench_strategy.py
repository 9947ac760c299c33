"""The batched exact 2x2 equilibrium solver against nashpy, QuantEcon and gambit, per game, in one
run: ``python benchmarks/bench_strategy.py [--sample 300] [--batch 1000000] [--repeats 5]``.

Two sets of games: the 6,561 games with payoffs in {0, 1, 2} (most of them degenerate: ties,
dominated and indifferent strategies) and random games with continuous payoffs (non-degenerate).
For each method: median seconds per game (the baselines on one game at a time over a sample of
--sample games; ``equilibria_2x2`` per game in one batched call of --batch games, and per call on
a single game, named apart), the ratio of each baseline to the batched solver, and the share of
the sampled games whose full set of extreme equilibria the method returns (the exact rational
vertex enumeration of twolevel.strategy.reference is the judge). Extras: pip install -r
benchmarks/requirements.txt (nashpy is a dependency of twolevel; quantecon and pygambit are not);
a missing extra is reported, not fatal.
"""
import argparse
import itertools
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import machine_info, timed  # noqa: E402

from twolevel.strategy import equilibria_2x2  # noqa: E402
from twolevel.strategy.reference import extreme_equilibria  # noqa: E402

TOL = 1e-9


def small_games():
    g = np.array(list(itertools.product([0, 1, 2], repeat=8)), float).reshape(-1, 2, 2, 2)
    return g[:, 0], g[:, 1]


def random_games(n, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, 2, 2)), rng.normal(size=(n, 2, 2))


def exact(a, b):
    return sorted((float(x[0]), float(y[0])) for x, y in extreme_equilibria(a, b))


def same(found, truth):
    if found is None:                      # the method raised on this game
        return False
    found = sorted({(round(x, 9), round(y, 9)) for x, y in found})
    return len(found) == len(truth) and all(
        abs(x - u) < TOL and abs(y - v) < TOL for (x, y), (u, v) in zip(found, truth))


def ours_sets(A, B):
    row, col, count = equilibria_2x2(A, B)
    return [list(zip(row[k, :count[k]], col[k, :count[k]])) for k in range(len(A))]


def nashpy_method(algorithm="vertex_enumeration"):
    import nashpy

    def solve(a, b):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [(float(x[0]), float(y[0]))
                    for x, y in getattr(nashpy.Game(a, b), algorithm)()]
    return f"nashpy {algorithm}", solve


def nashpy_support():
    return nashpy_method("support_enumeration")


def quantecon_method():
    from quantecon.game_theory import NormalFormGame, Player, vertex_enumeration

    def solve(a, b):
        g = NormalFormGame((Player(a), Player(b.T)))
        return [(float(x[0]), float(y[0])) for x, y in vertex_enumeration(g)]
    return "QuantEcon vertex_enumeration", solve


def gambit_method():
    import pygambit as gbt
    from fractions import Fraction

    def solve(a, b):
        g = gbt.Game.from_arrays([[Fraction(v) for v in r] for r in a.tolist()],
                                 [[Fraction(v) for v in r] for r in b.tolist()])
        out = gbt.nash.enummixed_solve(g, rational=True).equilibria
        (p1, p2), (s1, s2) = g.players, (list(p.strategies)[0] for p in g.players)
        return [(float(e[p1][s1]), float(e[p2][s2])) for e in out]
    return "gambit enummixed (rational)", solve


BASELINES = (nashpy_method, nashpy_support, quantecon_method, gambit_method)


def bench_set(label, A, B, sample, batch, repeats):
    rng = np.random.default_rng(1)
    pick = rng.choice(len(A), size=min(sample, len(A)), replace=False)
    truth = [exact(A[k].tolist(), B[k].tolist()) for k in pick]
    reps = -(-batch // len(A))
    big_a, big_b = np.tile(A, (reps, 1, 1))[:batch], np.tile(B, (reps, 1, 1))[:batch]
    t_batch, _, _ = timed(lambda: equilibria_2x2(big_a, big_b), repeats)
    per_batch = t_batch / batch
    one_a, one_b = A[pick[:1]], B[pick[:1]]
    t_call, _, _ = timed(lambda: equilibria_2x2(one_a, one_b), max(repeats, 200))
    found = ours_sets(A[pick], B[pick])
    share = np.mean([same(f, t) for f, t in zip(found, truth)])
    rows = [(f"twolevel equilibria_2x2, batch of {batch:,}", per_batch, None, None, share),
            ("twolevel equilibria_2x2, one game per call", t_call, None, None, share)]
    for make in BASELINES:
        try:
            name, solve = make()
        except ImportError as exc:
            rows.append((f"{make.__name__[:-7]} not installed ({exc.name})", None, None, None,
                         None))
            continue
        solve(A[pick[0]], B[pick[0]])             # warm-up (numba compiles here)

        def attempt(a, b, solve=solve):
            try:
                return solve(a, b)
            except Exception:              # e.g. nashpy's vertex enumeration on a degenerate game
                return None

        def run_all():
            return [attempt(A[k], B[k]) for k in pick]
        t, _, got = timed(run_all, repeats)
        per = t / len(pick)
        failed = sum(g is None for g in got)
        rows.append((name + (f" ({failed} raised)" if failed else ""), per, per / per_batch,
                     per / t_call, np.mean([same(g, tr) for g, tr in zip(got, truth)])))
    return label, len(pick), rows


def table(label, n, rows):
    out = [f"\n{label} (baselines on {n} sampled games; share = games with every extreme "
           "equilibrium found)",
           f"{'method':48s} {'median s/game':>14s} {'/ batched':>10s} {'/ one call':>11s} "
           f"{'share':>7s}"]

    def show(x, fmt):
        return "-" if x is None else format(x, fmt)
    for name, per, batched, single, share in rows:
        out.append(f"{name:48s} {show(per, '.3e'):>14s} {show(batched, ',.0f'):>10s} "
                   f"{show(single, ',.0f'):>11s} {show(share, '.1%'):>7s}")
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--batch", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    info = machine_info()
    print(f"machine: {info['cpu']}, {info['cores_usable']} usable cores, numpy {info['numpy']}, "
          f"load average at start {info['load_average_start']}")
    A, B = small_games()
    row, col, count = equilibria_2x2(A, B)
    agree = sum(same(list(zip(row[k, :count[k]], col[k, :count[k]])),
                     exact(A[k].tolist(), B[k].tolist())) for k in range(len(A)))
    print(f"6,561 games with payoffs in {{0,1,2}}: equilibria_2x2 equals the exact oracle on "
          f"{agree} ({agree / len(A):.1%})")
    for label, (a, b) in (("games with payoffs in {0, 1, 2} (degenerate included)", (A, B)),
                          ("random normal payoffs (non-degenerate)", random_games(6561))):
        print(table(*bench_set(label, a, b, args.sample, args.batch, args.repeats)))


if __name__ == "__main__":
    main()
