"""The vectorised two-level solver: N negotiations in one call, no Python loop over scenarios."""
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields

import numpy as np

from .arrays import SideArrays
from .coalitions import cheapest, minimal_coalitions
from ..common.validate import choice
from .intervals import merge
from .kalai_smorodinsky import kalai_smorodinsky
from .nash import nash
from .pieces import pieces
from .reservation import reservation_home, reservation_partner
from .rubinstein import rubinstein
from .winset import winset

SOLUTIONS = ("nash", "kalai-smorodinsky", "rubinstein")


@dataclass(frozen=True, eq=False)
class OutcomeArrays:
    """Outcomes of N negotiations; terms are NaN exactly where ``agreement`` is False.

    limit_home = max F and limit_partner = min F are the effective limits of the governments once
    ratification costs count (NaN where F is empty); reservation_* are r_H and r_P before them.

    Interval fields (winsets, zopa) are padded (N, n, 2) arrays, None unless asked for.
    """

    solution: str
    agreement: np.ndarray
    concession: np.ndarray
    home_utility: np.ndarray
    partner_utility: np.ndarray
    side_payment_home: np.ndarray
    side_payment_partner: np.ndarray
    payments_home: np.ndarray
    payments_partner: np.ndarray
    reservation_home: np.ndarray
    reservation_partner: np.ndarray
    limit_home: np.ndarray
    limit_partner: np.ndarray
    winset_home: np.ndarray | None = None
    winset_partner: np.ndarray | None = None
    zopa: np.ndarray | None = None


INTERVALS = ("winset_home", "winset_partner", "zopa")
# threads solving blocks at once: the cores this process may use
THREADS = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
           else os.cpu_count() or 1)
BLOCK = 16384        # scenarios per block: keeps the piece table's temporaries in cache
BLOCK_PIECES = 2**18  # at most this many pieces (scenarios x K) per block: bounded memory


def block_size(stretches, pairs):
    """Scenarios per block for K = stretches * pairs pieces per scenario."""
    return int(max(1, min(BLOCK, BLOCK_PIECES // (stretches * pairs))))


def solve_arrays(home: SideArrays, partner: SideArrays, power, solution="nash",
                 intervals=True, threads=None) -> OutcomeArrays:
    """Solve N negotiations. ``power`` is theta (N,). U_H = g_H - c_H x - lam_H S_H(x),
    U_P = g_P + c_P x - lam_P S_P(x), solved over F by ``solution``.

    Work is done in blocks of at most BLOCK scenarios (each block fully vectorised, sized to stay
    in cache), solved by ``threads`` threads (default: THREADS; numpy releases the GIL).
    """
    choice("solution", solution, SOLUTIONS)
    power = np.broadcast_to(np.asarray(power, float), (home.n,))
    coalitions = (minimal_coalitions(home.w, home.quota),
                  minimal_coalitions(partner.w, partner.quota))
    size = block_size(home.m + partner.m + 1, len(coalitions[0]) * len(coalitions[1]))
    parts = [slice(s, s + size) for s in range(0, max(home.n, 1), size)]

    def block(part):
        return _solve_block(home.take(part), partner.take(part), power[part], solution,
                            intervals, coalitions)

    first = block(parts[0])
    if len(parts) == 1:
        return first
    out = {f.name: np.empty((home.n,) + getattr(first, f.name).shape[1:],
                            getattr(first, f.name).dtype)
           for f in fields(OutcomeArrays)[1:] if f.name not in INTERVALS}
    padded = {name: [None] * len(parts) for name in INTERVALS}

    def store(i, res):                     # outputs are written in place, block by block
        for name, array in out.items():
            array[parts[i]] = getattr(res, name)
        for name, blocks in padded.items():
            blocks[i] = getattr(res, name)

    store(0, first)
    workers = max(1, min(THREADS if threads is None else threads, len(parts) - 1))
    with ThreadPoolExecutor(workers) as pool:
        for i, res in enumerate(pool.map(block, parts[1:]), start=1):
            store(i, res)
    return OutcomeArrays(solution=solution, **out,
                         **{name: _join(blocks) for name, blocks in padded.items()})


def _join(parts):
    """Concatenate blocks of padded intervals (n, w, 2), NaN-padded to a common width w."""
    if parts[0] is None:
        return None
    width = max(p.shape[1] for p in parts)
    return np.concatenate([np.pad(p, ((0, 0), (0, width - p.shape[1]), (0, 0)),
                                  constant_values=np.nan) for p in parts])


def _solve_block(home, partner, power, solution, intervals, coalitions) -> OutcomeArrays:
    pc = pieces(home, partner, coalitions)
    if solution == "nash":
        x = nash(pc, power)
    elif solution == "kalai-smorodinsky":
        x = kalai_smorodinsky(pc)
    else:
        x = rubinstein(pc, home.discount, partner.discount)
    x = x + 0.0                     # -0.0 (a bound -a/b with a = 0) reads as 0
    s_home, pay_home = cheapest(x, home, coalitions[0])
    s_partner, pay_partner = cheapest(x, partner, coalitions[1])
    nan_empty = np.where(pc.valid.any(0), 0.0, np.nan)     # F empty: NaN limits
    extra = {}
    if intervals:
        extra = dict(winset_home=winset(home), winset_partner=winset(partner),
                     zopa=merge(pc.lo.T, pc.hi.T, pc.valid.T))
    return OutcomeArrays(
        solution=solution,
        agreement=~np.isnan(x),
        concession=x,
        home_utility=home.gain - home.rate * x - home.funds_cost * s_home,
        partner_utility=partner.gain + partner.rate * x - partner.funds_cost * s_partner,
        side_payment_home=s_home,
        side_payment_partner=s_partner,
        payments_home=pay_home,
        payments_partner=pay_partner,
        reservation_home=reservation_home(home.gain, home.rate, home.batna),
        reservation_partner=reservation_partner(partner.gain, partner.rate, partner.batna),
        limit_home=np.where(pc.valid, pc.hi, -np.inf).max(0, initial=-np.inf) + nan_empty,
        limit_partner=np.where(pc.valid, pc.lo, np.inf).min(0, initial=np.inf) + nan_empty,
        **extra,
    )
