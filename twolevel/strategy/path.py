"""The rounds of the strategy model (MODEL.md section 3), vectorised over scenarios.

Round t = 1..T (T = ``rounds``, the sanction deadline) is the 2x2 game of ``round_game`` at the
current loss depths. (K, K) before the deadline is a deadlock: both positions fall by the
escalation cost while the reference points stay (sticky), so D grows by it and the next round is
played deeper in losses. Any other cell ends the negotiation with an agreement (value creating if
(C, C), else a claim met by concessions). In the deadline round the value left to create is the
brink gain and (K, K) fires the sanctions: no agreement.
"""
from dataclasses import dataclass

import numpy as np

from .game import CLAIM, CREATE, STRATEGIES, choose, round_game
from .model import StrategyProblem

REGIMES = ("create", "claim", "spiral", "breakdown")
OUTCOMES = ("agreement", "deadlock")


@dataclass(frozen=True, eq=False)
class StrategyPath:
    """Per round t (axis 0, length T) and scenario: ``home``/``partner`` strategy (0 create,
    1 claim; -1 after the end), claim probabilities, ``mixed`` (no pure equilibrium), ``deadlock``,
    loss depths at the start of the round; per scenario: ``agreement``, its ``round`` (1-based,
    0 for none), ``weak`` (reached in the deadline round), the ``regime`` index into REGIMES."""

    home: np.ndarray
    partner: np.ndarray
    home_claim: np.ndarray
    partner_claim: np.ndarray
    mixed: np.ndarray
    deadlock: np.ndarray
    depth_home: np.ndarray
    depth_partner: np.ndarray
    agreement: np.ndarray
    round: np.ndarray
    weak: np.ndarray
    regime: np.ndarray

    def rounds_played(self):
        """Rounds played per scenario (an int for one scenario)."""
        played = np.sum(self.home >= 0, axis=0)
        return int(played) if played.ndim == 0 else played

    def __repr__(self):
        if self.agreement.ndim:
            counts = {REGIMES[k]: int(np.sum(self.regime == k)) for k in range(len(REGIMES))}
            return f"StrategyPath({self.regime.shape} scenarios, regimes {counts})"
        d = self.to_dict()
        plays = ", ".join(f"{r['home_strategy'][:2]}/{r['partner_strategy'][:2]}"
                          for r in d["rounds"])
        return (f"StrategyPath(regime={d['regime']!r}, rounds=[{plays}], "
                f"agreement_round={int(self.round) or None}, weak={bool(self.weak)})")

    def to_dict(self, names=("home", "partner")) -> dict:
        """One scenario (0-d arrays) as JSON-safe data."""
        if self.agreement.ndim:
            raise ValueError("to_dict needs one scenario; index the arrays first")
        rows = []
        for t in range(self.home.shape[0]):
            if self.home[t] < 0:
                break
            rows.append({"round": t + 1,
                         "home_strategy": STRATEGIES[int(self.home[t])],
                         "partner_strategy": STRATEGIES[int(self.partner[t])],
                         "outcome": OUTCOMES[int(self.deadlock[t])],
                         "home_loss_depth": _clean(self.depth_home[t]),
                         "partner_loss_depth": _clean(self.depth_partner[t]),
                         "home_claim_probability": _clean(self.home_claim[t]),
                         "partner_claim_probability": _clean(self.partner_claim[t]),
                         "selection": "mixed" if self.mixed[t] else "pure"})
        last = rows[-1]
        final = None
        if self.agreement:
            final = {"round": int(self.round), "weak": bool(self.weak),
                     "kind": "value creating" if last["home_strategy"] == last[
                         "partner_strategy"] == "create" else "value claiming",
                     "home_strategy": last["home_strategy"],
                     "partner_strategy": last["partner_strategy"]}
        return {"home": names[0], "partner": names[1], "rounds": rows, "agreement": final,
                "deadlocks": sum(r["outcome"] == "deadlock" for r in rows),
                "regime": REGIMES[int(self.regime)]}


def _clean(x):
    x = float(x)
    return 0.0 if x == 0 else x


def solve_path(problem: StrategyProblem) -> StrategyPath:
    """Play the rounds of ``problem`` (every parameter may be an array)."""
    home, partner, prefs = problem.home, problem.partner, problem.preferences
    depth_h = np.asarray(home.depth, float)
    depth_p = np.asarray(partner.depth, float)
    T = problem.rounds
    H, P = round_game(home, partner, depth_h, depth_p, prefs, last=T == 1)
    shape = np.broadcast_shapes(H.shape[:-2], P.shape[:-2], np.shape(problem.escalation))
    depth_h = np.broadcast_to(depth_h, shape).astype(float)
    depth_p = np.broadcast_to(depth_p, shape).astype(float)
    out = {k: np.full((T,) + shape, -1, int) for k in ("home", "partner")}
    out.update({k: np.full((T,) + shape, np.nan) for k in
                ("home_claim", "partner_claim", "depth_home", "depth_partner")})
    out.update({k: np.zeros((T,) + shape, bool) for k in ("mixed", "deadlock")})
    active = np.ones(shape, bool)
    agreement_round = np.zeros(shape, int)
    for t in range(T):
        last = t == T - 1
        if t:
            H, P = round_game(home, partner, depth_h, depth_p, prefs, last=last)
        h, p, hc, pc, mixed = choose(*np.broadcast_arrays(
            np.broadcast_to(H, shape + (2, 2)), np.broadcast_to(P, shape + (2, 2))))
        dead = (h == CLAIM) & (p == CLAIM)
        for key, val in (("home", h), ("partner", p), ("home_claim", hc),
                         ("partner_claim", pc), ("depth_home", depth_h),
                         ("depth_partner", depth_p), ("mixed", mixed), ("deadlock", dead)):
            out[key][t] = np.where(active, val, out[key][t])
        agreement_round = np.where(active & ~dead, t + 1, agreement_round)
        active = active & dead
        depth_h = depth_h + np.where(active, problem.escalation, 0.0)
        depth_p = depth_p + np.where(active, problem.escalation, 0.0)
    agreement = agreement_round > 0
    weak = agreement_round == T
    first = out["home"][0], out["partner"][0]
    create_first = (agreement_round == 1) & (first[0] == CREATE) & (first[1] == CREATE)
    regime = np.select([create_first, agreement_round == 1, agreement], [0, 1, 2], 3)
    return StrategyPath(**out, agreement=agreement, round=agreement_round, weak=weak,
                        regime=regime)
