"""The vectorised two-level solver: N negotiations in one call, no Python loop over scenarios."""
from dataclasses import dataclass, fields

import numpy as np

from .arrays import SideArrays
from .coalitions import cheapest, minimal_coalitions
from .errors import TwoLevelError
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
    winset_home: np.ndarray | None = None
    winset_partner: np.ndarray | None = None
    zopa: np.ndarray | None = None


INTERVALS = ("winset_home", "winset_partner", "zopa")
BLOCK = 16384        # scenarios per block: keeps the piece table's temporaries in cache
BLOCK_PIECES = 2**18  # at most this many pieces (scenarios x K) per block: bounded memory


def block_size(stretches, pairs):
    """Scenarios per block for K = stretches * pairs pieces per scenario."""
    return int(max(1, min(BLOCK, BLOCK_PIECES // (stretches * pairs))))


def solve_arrays(home: SideArrays, partner: SideArrays, power, solution="nash",
                 intervals=True) -> OutcomeArrays:
    """Solve N negotiations. ``power`` is theta (N,). U_H = g_H - c_H x - lam_H S_H(x),
    U_P = g_P + c_P x - lam_P S_P(x), solved over F by ``solution``.

    Work is done in blocks of BLOCK scenarios (each block fully vectorised) to stay in cache.
    """
    if solution not in SOLUTIONS:
        raise TwoLevelError("solution", f"must be one of {', '.join(SOLUTIONS)}, got {solution!r}")
    power = np.broadcast_to(np.asarray(power, float), (home.n,))
    coalitions = (minimal_coalitions(home.w, home.quota),
                  minimal_coalitions(partner.w, partner.quota))
    size = block_size(home.m + partner.m + 1, len(coalitions[0]) * len(coalitions[1]))
    blocks = range(0, max(home.n, 1), size)
    if len(blocks) == 1:
        return _solve_block(home, partner, power, solution, intervals, coalitions)
    out, padded = {}, {}
    for start in blocks:
        part = slice(start, start + size)
        res = _solve_block(home.take(part), partner.take(part), power[part], solution,
                           intervals, coalitions)
        for f in fields(OutcomeArrays)[1:]:
            value = getattr(res, f.name)
            if f.name in INTERVALS:
                padded.setdefault(f.name, []).append(value)
                continue
            if f.name not in out:          # outputs are written in place, block by block
                out[f.name] = np.empty((home.n,) + value.shape[1:], value.dtype)
            out[f.name][part] = value
    return OutcomeArrays(solution=solution, **out,
                         **{name: _join(parts) for name, parts in padded.items()})


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
        **extra,
    )
