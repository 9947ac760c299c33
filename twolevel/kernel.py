"""The vectorised two-level solver: N negotiations in one call, no Python loop over scenarios."""
from dataclasses import dataclass

import numpy as np

from .arrays import SideArrays
from .coalitions import cheapest
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


def solve_arrays(home: SideArrays, partner: SideArrays, power, solution="nash",
                 intervals=True) -> OutcomeArrays:
    """Solve N negotiations. ``power`` is theta (N,). U_H = g_H - c_H x - lam_H S_H(x),
    U_P = g_P + c_P x - lam_P S_P(x), solved over F by ``solution``."""
    if solution not in SOLUTIONS:
        raise TwoLevelError("solution", f"must be one of {', '.join(SOLUTIONS)}, got {solution!r}")
    pc = pieces(home, partner)
    if solution == "nash":
        x = nash(pc, np.asarray(power, float))
    elif solution == "kalai-smorodinsky":
        x = kalai_smorodinsky(pc)
    else:
        x = rubinstein(pc, home.discount, partner.discount)
    s_home, pay_home = cheapest(x, home)
    s_partner, pay_partner = cheapest(x, partner)
    extra = {}
    if intervals:
        extra = dict(winset_home=winset(home), winset_partner=winset(partner),
                     zopa=merge(pc.lo, pc.hi, pc.valid))
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
