"""Orders of FTA partners: evaluation of given orders and the optimal order (MODEL.md section 2).

Step t of an order negotiates deal j_t at pressure pi_t (``sequence.pressure``), Home's
no-agreement value d0_Hj - pi_t; an empty ZOPA is a failure (no retry, phi more pressure).
Objectives (value of an order):
- ``utility`` (maximised): sum_t beta^(t-1) [U_Hj(x*_t) - d0_Hj] over concluded deals
  - kappa sum_t beta^(t-1) pi_t over all n steps;
- ``side_payments`` (minimised): sum_t beta^(t-1) S*_Ht over concluded deals, S*_Ht Home's total
  side payment in step t (kappa does not enter).
The optimal order is exact by dynamic programming over the 3^n states (tried set T, concluded set
C within T): the pressure depends only on (C, |T \\ C|), and every negotiation the recursion needs
is solved in one batch of kernel calls (one per group of deals with equal constituency counts).
Everything broadcasts over the problem's scenarios (array parameters): no loop over scenarios.
"""
from dataclasses import dataclass, replace
from itertools import permutations

import numpy as np

from ..negotiation.arrays import concat, spread
from ..common.errors import TwoLevelError
from ..negotiation.ratification import solve_ratified
from ..negotiation.outcome import json_number
from .problem import SequenceProblem, pressure

MAX_PARTNERS = 15          # the exact DP keeps values for 3^n states (3^15 = 14.3 million)
TIE = 1e-12                # relative: orders this close in value count as tied (first one kept)


class Deals:
    """The problem's n deals as kernel inputs at pressure 0 (so ``batna`` holds d0), flattened to
    its N scenarios and stacked by group of deals with equal constituency counts; the sequence
    parameters flattened to (N,): initial, growth, relief (n arrays), discount, and pressure_cost
    (kappa, zero for the side_payments objective, which it does not enter)."""

    def __init__(self, problem: SequenceProblem):
        self.problem = problem
        self.shape = problem.shape
        self.N = int(np.prod(self.shape, dtype=np.int64))
        negs = [problem.negotiation(j) for j in range(problem.n)]
        home = [neg.home.arrays(self.shape) for neg in negs]
        other = [neg.partner.arrays(self.shape) for neg in negs]
        power = [spread(neg.home.power, self.shape) for neg in negs]
        self.initial, self.growth, self.discount = (
            spread(getattr(problem, f), self.shape) for f in ("initial", "growth", "discount"))
        self.relief = [spread(p.relief, self.shape) for p in problem.partners]
        self.pressure_cost = spread(problem.pressure_cost if problem.objective == "utility"
                                    else 0.0, self.shape)
        self.d0 = np.stack([h.batna for h in home])                  # (n, N)
        self.groups = {}                                             # (m_H, m_P) -> deals
        for j in range(problem.n):
            self.groups.setdefault((home[j].m, other[j].m), []).append(j)
        self.position = np.zeros(problem.n, int)                     # j's place in its group
        self.stacked = {}
        for key, members in self.groups.items():
            self.position[members] = np.arange(len(members))
            self.stacked[key] = (concat([home[j] for j in members]),
                                 concat([other[j] for j in members]),
                                 np.concatenate([power[j] for j in members]))

    def solve(self, j, s, pi):
        """Deal ``j[k]`` of scenario ``s[k]`` at pressure ``pi[k]``, for all k (flat arrays):
        agreement, concession, side_payment (Home's), home_utility, batna (d0 - pi)."""
        j, s, pi = (np.asarray(a).reshape(-1) for a in (j, s, pi))
        out = {"agreement": np.zeros(j.size, bool), "concession": np.full(j.size, np.nan),
               "side_payment": np.full(j.size, np.nan), "home_utility": np.full(j.size, np.nan)}
        for key, members in self.groups.items():
            rows = np.flatnonzero(np.isin(j, members))
            if rows.size == 0:
                continue
            home, other, power = self.stacked[key]
            idx = self.position[j[rows]] * self.N + s[rows]
            h = home.take(idx)
            res = solve_ratified(replace(h, batna=h.batna - pi[rows]), other.take(idx),
                                 power[idx], self.problem.solution, intervals=False, limits=False)
            out["agreement"][rows] = res.agreement
            out["concession"][rows] = res.concession
            out["side_payment"][rows] = res.side_payment_home
            out["home_utility"][rows] = res.home_utility
        out["batna"] = self.d0[j, s] - pi
        return out

    def pressure(self, concluded, failures):
        """``sequence.pressure`` with the problem's initial, growth and reliefs."""
        return pressure(self.initial, self.growth, self.relief, concluded, failures)

    def reward(self, out, j, s):
        """The step's contribution to the maximised objective (pressure cost apart): U - d0 or
        -S for a concluded deal, 0 for a failure."""
        gain = (out["home_utility"] - self.d0[j, s] if self.problem.objective == "utility"
                else -out["side_payment"])
        return np.where(out["agreement"], gain, 0.0)


def sense(problem) -> float:
    """+1 where the objective is maximised (utility), -1 where minimised (side payments)."""
    return 1.0 if problem.objective == "utility" else -1.0


STEP_FIELDS = ("pressure", "batna", "agreement", "concession", "side_payment", "home_utility")


@dataclass(frozen=True, eq=False)
class SequenceResult:
    """K orders of a problem of shape S: ``order`` (K, n, *S) partner indices; per step (K, n, *S):
    pressure pi_t, batna d0_Hj - pi_t, agreement, concession x*, side_payment S*_H, home_utility
    U_H (NaN terms where agreement is False); ``value`` (K, *S) in the objective's own units."""

    problem: SequenceProblem
    order: np.ndarray
    value: np.ndarray
    pressure: np.ndarray
    batna: np.ndarray
    agreement: np.ndarray
    concession: np.ndarray
    side_payment: np.ndarray
    home_utility: np.ndarray

    def names(self, k=0, index=()) -> list:
        """Partner names of order ``k`` in scenario ``index``."""
        return [self.problem.names[j] for j in self.order[(k, slice(None), *index)]]

    def steps(self, k=0, index=()) -> list:
        """Order ``k`` in scenario ``index`` step by step, JSON-safe (null for NaN)."""
        at = (k, slice(None), *index)
        cols = {f: getattr(self, f)[at] for f in STEP_FIELDS}
        return [{"partner": name,
                 **{f: bool(cols[f][t]) if f == "agreement" else json_number(cols[f][t])
                    for f in STEP_FIELDS}}
                for t, name in enumerate(self.names(k, index))]

    def to_dict(self, k=0, index=()) -> dict:
        """Order ``k`` in scenario ``index``, JSON-safe: order (names), value, steps."""
        return {"order": self.names(k, index), "value": float(self.value[(k, *index)]),
                "steps": self.steps(k, index)}


def as_orders(problem, orders) -> np.ndarray:
    """Orders as an int array (K, n, *S) or (K, n): names or indices, each a permutation."""
    n = problem.n
    rows = [[problem.index(x, "order") if isinstance(x, str) else x for x in o]
            if isinstance(o, list | tuple) else o for o in orders] \
        if isinstance(orders, list | tuple) else orders
    try:
        arr = np.asarray(rows)
    except ValueError:
        raise TwoLevelError("order", "orders must all list the n partners") from None
    if arr.ndim < 2 or arr.shape[1] != n or not np.issubdtype(arr.dtype, np.integer) or \
            arr.shape[2:] not in ((), problem.shape):
        raise TwoLevelError("order", f"must be orders of the {n} partners, shape (K, n) or "
                            f"(K, n, *{problem.shape}), got {arr.dtype} of shape {arr.shape}")
    if not (np.sort(arr, axis=1) == np.arange(n).reshape((1, n) + (1,) * (arr.ndim - 2))).all():
        raise TwoLevelError("order", "every order must list each partner exactly once")
    return arr


def evaluate(problem: SequenceProblem, orders) -> SequenceResult:
    """Simulate ``orders`` (K orders; names or indices; an order may differ by scenario with a
    trailing scenario shape) step by step, all orders and scenarios at once."""
    deals = Deals(problem)
    N, n = deals.N, problem.n
    arr = as_orders(problem, orders)
    K = arr.shape[0]
    order = np.broadcast_to(arr.reshape(K, n, -1), (K, n, N))
    concluded = np.zeros((n, K, N), bool)
    failures = np.zeros((K, N))
    weight = np.ones(N)
    value = np.zeros((K, N))
    s = np.broadcast_to(np.arange(N), (K, N))
    steps = {f: np.empty((K, n, N), bool if f == "agreement" else float) for f in STEP_FIELDS}
    for t in range(n):
        j = order[:, t]
        pi = deals.pressure(concluded, failures)
        out = deals.solve(j, s, pi)
        out = {f: a.reshape(K, N) for f, a in out.items()}
        value += weight * (deals.reward(out, j, s) - deals.pressure_cost * pi)
        weight = weight * deals.discount
        agree = out["agreement"]
        concluded[j, np.arange(K)[:, None], s] |= agree
        failures = failures + ~agree
        steps["pressure"][:, t] = pi
        for f in STEP_FIELDS[1:]:
            steps[f][:, t] = out[f]
    shape = problem.shape
    value = sense(problem) * value.reshape((K,) + shape) + 0.0          # no -0.0
    return SequenceResult(problem, order.reshape((K, n) + shape), value,
                          **{f: a.reshape((K, n) + shape) for f, a in steps.items()})


def brute_force(problem: SequenceProblem):
    """(best value (*S), best order (n, *S)) over all n! orders, by ``evaluate``; the first best
    order in lexicographic order of partner indices."""
    orders = np.array(list(permutations(range(problem.n))))
    res = evaluate(problem, orders)
    k = np.argmax(sense(problem) * res.value, axis=0)           # (*S)
    value = np.take_along_axis(res.value, k[None], 0)[0]
    return value, np.moveaxis(orders[k], -1, 0)


def submasks(T, k, n):
    """All subsets C of each set T (bit masks with k members): (len(T), 2^k)."""
    members = (T[:, None] >> np.arange(n)) & 1
    pos = np.argsort(-members, axis=1, kind="stable")[:, :k]     # T's members, ascending
    u = (np.arange(2 ** k)[:, None] >> np.arange(k)) & 1         # (2^k, k)
    return (u[None] << pos[:, None, :]).sum(-1)


def optimal(problem: SequenceProblem, chunk=1 << 16):
    """(best value (*S), best order (n, *S)): exact dynamic programming over the states
    (tried T, concluded C within T), V(T, C) = max_{j not in T} [r_j + beta V(T+j, C')]
    - kappa pi(C, |T \\ C|), with C' = C + j if deal j concludes. Ties go to the lowest j.
    The tried sets of each size are processed about ``chunk`` / 2^|T| at a time (bounded memory)."""
    n = problem.n
    if n > MAX_PARTNERS:
        raise TwoLevelError("partners", f"the exact optimal order holds 3^n states: at most "
                            f"{MAX_PARTNERS} partners, got {n}")
    deals = Deals(problem)
    N = deals.N
    beta, kappa = deals.discount, deals.pressure_cost
    masks = np.arange(2 ** n)
    bits = ((masks[:, None] >> np.arange(n)) & 1).astype(bool)   # (2^n, n)
    size = bits.sum(1)
    # pressure before a step with concluded set C and f failures: (2^n, n, N)
    P = deals.pressure([b[:, None, None] for b in bits.T], np.arange(n)[None, :, None])
    # every negotiation the recursion needs: deal j not in C, |C| + f <= n - 1
    valid = ~bits.T[:, :, None] & (size[None, :, None] + np.arange(n)[None, None, :] <= n - 1)
    jj, cc, ff = np.nonzero(valid)
    E = jj.size
    jr, sr = np.repeat(jj, N), np.tile(np.arange(N), E)
    out = deals.solve(jr, sr, P[cc, ff].reshape(-1))
    A = np.zeros((n, 2 ** n, n, N), bool)
    R = np.zeros((n, 2 ** n, n, N))
    A[jj, cc, ff] = out["agreement"].reshape(E, N)
    R[jj, cc, ff] = deals.reward(out, jr, sr).reshape(E, N)
    del out, jr, sr

    pow3 = 3 ** np.arange(n, dtype=np.int64)
    tern = bits @ pow3                                           # state id part of a mask
    V = np.zeros((3 ** n, N))
    policy = np.zeros((3 ** n, N), np.int8)
    scen = np.arange(N)
    for k in range(n - 1, -1, -1):
        Ts = masks[size == k]
        for lo in range(0, Ts.size, max(1, chunk >> k)):
            T = Ts[lo:lo + max(1, chunk >> k)]
            C = submasks(T, k, n)                                # (t, 2^k)
            T, C = np.broadcast_arrays(T[:, None], C)
            T, C = T.reshape(-1), C.reshape(-1)
            ids = tern[T] + tern[C]
            f = k - size[C]
            untried = ~bits[T].T                                 # (n, M)
            agree = A[:, C, f]                                   # (n, M, N)
            nxt = ids[None, :, None] + pow3[:, None, None] * (1 + agree)
            nxt = np.where(untried[:, :, None], nxt, 0)
            cand = R[:, C, f] + beta * V[nxt, scen]
            cand = np.where(untried[:, :, None], cand, -np.inf)
            best = cand.max(0)
            pick = np.argmax(cand >= best - TIE * np.maximum(1.0, np.abs(best)), axis=0)
            V[ids] = best - kappa * P[C, f]
            policy[ids] = pick
    # the best order: follow the policy from the empty state, scenario by scenario in parallel
    ids = np.zeros(N, np.int64)
    C = np.zeros(N, np.int64)
    f = np.zeros(N, np.int64)
    order = np.empty((n, N), np.int64)
    for t in range(n):
        j = policy[ids, scen].astype(np.int64)
        agree = A[j, C, f, scen]
        order[t] = j
        ids = ids + pow3[j] * (1 + agree)
        C = C | (agree.astype(np.int64) << j)
        f = f + ~agree
    shape = problem.shape
    return sense(problem) * V[0].reshape(shape) + 0.0, order.reshape((n,) + shape)


def best(problem: SequenceProblem) -> SequenceResult:
    """The optimal order (``optimal``), evaluated step by step (one order, K = 1)."""
    _, order = optimal(problem)
    return evaluate(problem, order[None])
