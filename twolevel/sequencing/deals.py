"""One step of a sequence (MODEL.md section 2), vectorised over rows (scenario s, tried set T,
concluded set C, next partner j): the state's time, pressure and damping, deal j's negotiation at
the pressure reached when it is struck, and the step's welfare terms.

Sets are bit masks over the partners (bit j = partner j). The time t(T) = sum_{j in T} T_j and the
damping M_C = prod_{j in C} (1 - rho_j) are computed from the masks in partner order, so a state
reached along different paths gets bit-identical numbers.
"""
from dataclasses import replace

import numpy as np

from ..negotiation.arrays import concat, spread
from ..negotiation.ratification import RATIFICATION, solve_ratified
from .problem import SequenceProblem, pressure_integral

# why a step ends without a deal; code 0 = agreement
REASONS = ("", "unwilling", "zopa", "ratification")


def popcount(mask) -> np.ndarray:
    """The number of members of each bit mask (int64 array)."""
    mask = np.asarray(mask, np.int64)
    out = np.zeros(mask.shape, np.int64)
    while (mask != 0).any():
        out += mask & 1
        mask = mask >> 1
    return out


class Deals:
    """The problem's n deals as kernel inputs at pressure 0 (so ``batna`` holds d0), flattened to
    its N scenarios and stacked by group of deals with equal constituency counts, and the sequence
    parameters flattened to (N,) (per partner: (n, N))."""

    def __init__(self, problem: SequenceProblem):
        self.problem = problem
        self.shape = problem.shape
        self.N = int(np.prod(self.shape, dtype=np.int64))
        self.n = problem.n
        negs = [problem.negotiation(j) for j in range(problem.n)]
        home = [neg.home.arrays(self.shape) for neg in negs]
        other = [neg.partner.arrays(self.shape) for neg in negs]
        flat = {f: spread(getattr(problem, f), self.shape)
                for f in ("initial", "growth", "failure", "discount", "pressure_cost",
                          "learning")}
        self.initial, self.growth, self.failure = flat["initial"], flat["growth"], flat["failure"]
        self.r = -np.log(flat["discount"])                            # beta = e^-r
        self.kappa, self.learning = flat["pressure_cost"], flat["learning"]
        self.power = np.stack([spread(neg.home.power, self.shape) for neg in negs])  # (n, N)
        self.keep = np.stack([1.0 - spread(p.relief, self.shape) for p in problem.partners])
        self.duration = np.stack([spread(p.duration, self.shape) for p in problem.partners])
        self.willing_after = np.array([p.willing_after for p in problem.partners], np.int64)
        self.d0 = np.stack([h.batna for h in home])                  # (n, N)
        self.groups = {}                                             # (m_H, m_P) -> deals
        for j in range(problem.n):
            self.groups.setdefault((home[j].m, other[j].m), []).append(j)
        self.position = np.zeros(problem.n, int)                     # j's place in its group
        self.stacked = {}
        for key, members in self.groups.items():
            self.position[members] = np.arange(len(members))
            self.stacked[key] = (concat([home[j] for j in members]),
                                 concat([other[j] for j in members]))

    def solve(self, j, s, pi, power) -> dict:
        """Deal ``j[k]`` of scenario ``s[k]`` at pressure ``pi[k]`` and Home power ``power[k]``:
        agreement, reason code, concession, side_payment (Home's), home_utility, batna."""
        out = {"agreement": np.zeros(j.size, bool), "concession": np.full(j.size, np.nan),
               "side_payment": np.full(j.size, np.nan), "home_utility": np.full(j.size, np.nan),
               "reason": np.zeros(j.size, np.int8)}
        for key, members in self.groups.items():
            rows = np.flatnonzero(np.isin(j, members))
            if rows.size == 0:
                continue
            home, other = self.stacked[key]
            idx = self.position[j[rows]] * self.N + s[rows]
            h = home.take(idx)
            res = solve_ratified(replace(h, batna=h.batna - pi[rows]), other.take(idx),
                                 power[rows], self.problem.solution, intervals=False,
                                 limits=False)
            out["agreement"][rows] = res.agreement
            out["concession"][rows] = res.concession
            out["side_payment"][rows] = res.side_payment_home
            out["home_utility"][rows] = res.home_utility
            out["reason"][rows] = np.where(
                res.agreement, 0, np.where(res.reason == RATIFICATION,
                                           REASONS.index("ratification"), REASONS.index("zopa")))
        out["batna"] = self.d0[j, s] - pi
        return out

    def bits(self, mask) -> np.ndarray:
        """(n, rows) booleans: partner j in each mask."""
        return ((np.asarray(mask, np.int64)[None, :] >> np.arange(self.n)[:, None]) & 1) == 1

    def elapsed(self, T, s) -> np.ndarray:
        """t(T) = sum_{j in T} T_j, summed in partner order."""
        return np.where(self.bits(T), self.duration[:, s], 0.0).sum(0)

    def damping(self, C, s) -> np.ndarray:
        """M_C = prod_{j in C} (1 - rho_j), multiplied in partner order."""
        return np.where(self.bits(C), self.keep[:, s], 1.0).prod(0)

    def state(self, s, T, C) -> dict:
        """Time t, damping M, level p = pi_0 + phi f (pi(t) = M (p + gamma t)), |C|."""
        concluded = popcount(C)
        f = popcount(T) - concluded
        return {"t": self.elapsed(T, s), "M": self.damping(C, s), "concluded": concluded,
                "p": self.initial[s] + self.failure[s] * f}

    def stop(self, s, T, C, st=None) -> np.ndarray:
        """The pressure cost of stopping in state (T, C): kappa M int_t^inf beta^u (p + gamma u).
        ``st``: the state's ``state`` if already known."""
        st = self.state(s, T, C) if st is None else st
        return self.kappa[s] * st["M"] * pressure_integral(st["p"], self.growth[s], self.r[s],
                                                           st["t"], np.inf)

    def willing(self, j, C) -> np.ndarray:
        """Partner j negotiates once |C| >= k_j."""
        return self.willing_after[j] <= popcount(C)

    def step(self, s, T, C, j, st=None) -> dict:
        """Deal j negotiated from state (T, C) of scenario s (all flat arrays): started at t,
        struck at end = t + T_j at pi = M (p + gamma end), power min(1, theta + dtheta |C|).
        Adds ``deal_value`` beta^end (U_H - d0) (0 without a deal), ``flow_cost``
        kappa M int_t^end beta^u (p + gamma u) du, start, end, pressure, and the next sets.
        ``st``: the states' ``state`` if already known."""
        st = self.state(s, T, C) if st is None else st
        end = st["t"] + self.duration[j, s]
        pi = st["M"] * (st["p"] + self.growth[s] * end)
        power = np.minimum(1.0, self.power[j, s] + self.learning[s] * st["concluded"])
        out = self.solve(j, s, pi, power)
        agree = out["agreement"]
        out["deal_value"] = np.where(agree, np.exp(-self.r[s] * end)
                                     * (out["home_utility"] - self.d0[j, s]), 0.0)
        out["flow_cost"] = self.kappa[s] * st["M"] * pressure_integral(
            st["p"], self.growth[s], self.r[s], st["t"], end)
        out.update(start=st["t"], end=end, pressure=pi, T=T | (1 << j),
                   C=C | (agree.astype(np.int64) << j),
                   paid=np.where(agree, out["side_payment"], 0.0))
        return out
