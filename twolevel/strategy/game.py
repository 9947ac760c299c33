"""One round of the strategy model as a 2x2 game of CPT values, and the selection rule.

Strategy index 0 is create (C), 1 is claim (K). ``lotteries`` gives each player's outcome lottery
per cell (own strategy, other's strategy), two outcomes each; ``round_game`` values them against
the reference point (outcome - D) into Home's payoffs H[h, p] and Partner's P[h, p].
Selection (MODEL.md section 3): the pure equilibrium reached by alternating best responses from
(C, C) (Home moves first, a tie keeps the current strategy); in a 2x2 game this ends in a pure
equilibrium whenever there is one. Without a pure equilibrium the game has exactly one extreme
equilibrium, a mixture: the round is played at its modal cell (each side's more likely strategy,
create on an even chance) and reports the claim probabilities.
"""
import numpy as np

from .cpt import prospect_value
from .equilibria import equilibria_2x2

CREATE, CLAIM = 0, 1
STRATEGIES = ("create", "claim")
SELECTIONS = ("pure", "mixed")


def lotteries(me, other, last):
    """(outcomes, probabilities), each of shape S + (2, 2, 2): [own, other's, outcome]."""
    a = np.where(last, me.brink, me.create)
    hard_p = np.where(last, 0.0, me.hard_success)
    zero = np.zeros(np.broadcast_shapes(*(np.shape(x) for x in
                                          (a, hard_p, me.prize, me.cost, me.hard_cost,
                                           me.concession, other.success, me.success))))

    def cell(x1, p1, x2):
        x1, p1, x2 = (np.asarray(t, float) + zero for t in (x1, p1, x2))
        return np.stack([x1, x2], -1), np.stack([p1, 1.0 - p1], -1)

    cells = [[cell(a, 1.0, a), cell(-np.asarray(me.concession), other.success, 0.0)],
             [cell(me.prize, me.success, -np.asarray(me.cost)),
              cell(me.prize, hard_p, -np.asarray(me.hard_cost))]]
    outcomes = np.stack([np.stack([c[0] for c in row], -2) for row in cells], -3)
    probabilities = np.stack([np.stack([c[1] for c in row], -2) for row in cells], -3)
    return outcomes, probabilities


def round_game(home, partner, depth_home, depth_partner, preferences, last=False):
    """Home's and Partner's CPT payoffs H, P of shape S + (2, 2), indexed [home, partner],
    to 12 significant digits (``significant``)."""
    values = []
    for me, other, depth in ((home, partner, depth_home), (partner, home, depth_partner)):
        x, p = lotteries(me, other, last)
        x = x - np.asarray(depth, float)[..., None, None, None]
        values.append(significant(prospect_value(x, p, **preferences.kwargs(extra_axes=2))))
    return values[0], np.swapaxes(values[1], -1, -2)


def significant(v, digits=12):
    """``v`` rounded to ``digits`` significant digits, so that payoffs equal in the model (a
    claim worth exactly the package under expected utility) compare equal: a tie is a tie, not
    decided by floating-point rounding."""
    v = np.asarray(v, float)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        scale = 10.0 ** (digits - 1 - np.floor(np.log10(np.abs(v))))
        rounded = np.round(v * scale) / scale
    return np.where(np.isfinite(rounded), rounded, v)


def best_response_path(H, P, steps=4):
    """Alternating best responses from (C, C), Home first; ties keep the current strategy."""
    shape = np.broadcast_shapes(H.shape[:-2], P.shape[:-2])
    h = np.zeros(shape, int)
    p = np.zeros(shape, int)
    for _ in range(steps):
        h = _respond(np.take_along_axis(H, p[..., None, None], -1)[..., 0], h)
        p = _respond(np.take_along_axis(P, h[..., None, None], -2)[..., 0, :], p)
    return h, p


def _respond(payoff, current):
    """Best response to payoffs[..., (create, claim)], keeping ``current`` on a tie."""
    gain = payoff[..., CLAIM] - payoff[..., CREATE]
    return np.where(gain > 0, CLAIM, np.where(gain < 0, CREATE, current))


def choose(H, P):
    """The round's play: strategies (h, p), claim probabilities and whether it is mixed."""
    H, P = np.broadcast_arrays(H, P)
    shape = H.shape[:-2]
    h, p = best_response_path(H, P)
    stable = (_respond(np.take_along_axis(H, p[..., None, None], -1)[..., 0], h) == h) & \
             (_respond(np.take_along_axis(P, h[..., None, None], -2)[..., 0, :], p) == p)
    row, col, _ = equilibria_2x2(H.reshape(-1, 2, 2), P.reshape(-1, 2, 2))
    home_claim = np.where(stable, h, 1.0 - row[:, 0].reshape(shape))
    partner_claim = np.where(stable, p, 1.0 - col[:, 0].reshape(shape))
    h = np.where(stable, h, (home_claim > 0.5).astype(int))
    p = np.where(stable, p, (partner_claim > 0.5).astype(int))
    return h, p, home_claim, partner_claim, ~stable
