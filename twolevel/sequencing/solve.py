"""Sequences of FTA partners over time: evaluation of given sequences and the optimal one
(MODEL.md section 2).

A sequence is a list of distinct partners; Home negotiates them in turn and then stops. A partner
not yet willing (|C| < k_j) refuses: the step is recorded (reason ``unwilling``) and takes no time.
The value of a sequence is
    V = sum_{j concluded} beta^t_j [U_Hj(x*_j) - d0_Hj] - kappa int_0^inf beta^t pi(t) dt,
the integral exact piecewise (``problem.pressure_integral``), running on to infinity after the
last negotiation. ``welfare`` maximises V over all sequences (the empty one included);
``side_payments`` minimises Home's total side payments over the sequences that try every partner
that is (or becomes) willing, ties broken by V.

The optimum is exact by dynamic programming over the states (tried T, concluded C within T): the
time is t(T), the failures |T| - |C|, so a state's future does not depend on the path to it. Only
the states reachable from the start are built, layer by layer (|T| = 0, 1, ...), every negotiation
of a layer in one batch of kernel calls, then the values are rolled back. Everything broadcasts
over the problem's scenarios (array parameters): no loop over scenarios.
"""
import numpy as np

from ..common.errors import TwoLevelError
from .deals import REASONS, Deals
from .problem import SequenceProblem
from .result import OrderArrays, SequenceResult, one_order

MAX_PARTNERS = 20           # bit masks of tried and concluded sets share one int64 key
TIE = 1e-12                 # relative: values this close count as tied (stopping, then lowest j)
STEP_OUT = ("start", "end", "pressure", "batna", "agreement", "reason", "concession",
            "side_payment", "home_utility", "deal_value")


def as_orders(problem: SequenceProblem, orders) -> np.ndarray:
    """K sequences of equal length L as an int array (K, L): names or indices, distinct."""
    rows = [problem.order(o) for o in orders]
    if len({len(o) for o in rows}) > 1:
        raise TwoLevelError("order", "sequences evaluated together must have one length")
    return np.array(rows, np.int64).reshape(len(rows), -1)


def simulate(problem: SequenceProblem, orders, deals: Deals | None = None) -> OrderArrays:
    """K sequences of equal length (names or indices) in every scenario, all in one pass per step:
    step fields (K, L, *S), totals (K, *S)."""
    deals = Deals(problem) if deals is None else deals
    arr = as_orders(problem, orders)
    K, L = arr.shape
    N = deals.N
    s = np.tile(np.arange(N), K)
    T = np.zeros(K * N, np.int64)
    C = np.zeros(K * N, np.int64)
    total = {f: np.zeros(K * N) for f in ("deals", "flow", "paid")}
    steps = {f: [] for f in STEP_OUT}
    for t in range(L):
        j = np.repeat(arr[:, t], N)
        willing = deals.willing(j, C)
        out = deals.step(s, T, C, j)
        out["agreement"] &= willing
        out["reason"] = np.where(willing, out["reason"], REASONS.index("unwilling"))
        out["end"] = np.where(willing, out["end"], out["start"])
        for f in ("pressure", "batna", "concession", "side_payment", "home_utility"):
            out[f] = np.where(willing, out[f], np.nan)
        for f, g in (("deals", "deal_value"), ("flow", "flow_cost"), ("paid", "paid")):
            out[g] = np.where(willing, out[g], 0.0)
            total[f] += out[g]
        T, C = np.where(willing, out["T"], T), np.where(willing, out["C"], C)
        for f in STEP_OUT:
            steps[f].append(out[f])
    cost = total["flow"] + deals.stop(s, T, C)
    shape = deals.shape

    def per_step(f):
        a = np.stack(steps[f], 1) if L else np.zeros((K * N, 0))
        return a.reshape((K, N, L)).transpose(0, 2, 1).reshape((K, L) + shape)

    def per_order(a):
        return a.reshape((K,) + shape) + 0.0

    return OrderArrays(order=arr, **{f: per_step(f) for f in STEP_OUT},
                       value=per_order(total["deals"] - cost), deals=per_order(total["deals"]),
                       pressure_cost=per_order(cost), side_payments=per_order(total["paid"]),
                       tried=T.reshape((K,) + shape), concluded=C.reshape((K,) + shape))


def evaluate(problem: SequenceProblem, order) -> SequenceResult:
    """Negotiate exactly ``order`` (partner names, distinct, possibly a subset) and then stop:
    the result step by step (one scenario)."""
    problem.one_scenario()
    res = simulate(problem, [order])
    return one_order(res, 0, problem, REASONS)


def _segments(rows):
    """Starts of the runs of equal values in a sorted ``rows``."""
    return np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])


def _first_best(rows, key, ok_key=None):
    """Per run of equal ``rows``: the best (largest) ``key`` and the first index at it (within
    TIE), optionally among the entries where ``ok_key`` is True."""
    if ok_key is not None:
        key = np.where(ok_key, key, -np.inf)
    starts = _segments(rows)
    best = np.maximum.reduceat(key, starts)
    run = np.cumsum(np.r_[True, rows[1:] != rows[:-1]]) - 1
    near = key >= best[run] - TIE * np.maximum(1.0, np.abs(best[run]))
    idx = np.where(near, np.arange(rows.size), rows.size)
    return starts, rows[starts], best, np.minimum.reduceat(idx, starts), near


def optimal_arrays(problem: SequenceProblem) -> dict:
    """The optimum in every scenario: ``value`` V (*S), ``side_payments`` (*S), ``order`` (n, *S)
    partner indices padded with -1 after Home stops, and ``states``, the number of (scenario, T,
    C) states built, and ``negotiations``, the number solved. Exact DP over the reachable states
    (module docstring)."""
    n = problem.n
    if n > MAX_PARTNERS:
        raise TwoLevelError("partners", f"the exact optimum keys states by two bit masks: at "
                            f"most {MAX_PARTNERS} partners, got {n}")
    deals = Deals(problem)
    N, full = deals.N, (1 << n) - 1
    welfare = problem.objective == "welfare"
    rows = [(np.arange(N), np.zeros(N, np.int64), np.zeros(N, np.int64))]
    layers = []
    states = []
    while True:                                    # forward: the reachable states, layer by layer
        s, T, C = rows[-1]
        st = deals.state(s, T, C)
        states.append(st)
        open_ = ~deals.bits(T) & (deals.willing_after[:, None] <= st["concluded"][None, :])
        pr, pj = np.nonzero(open_.T)               # pairs grouped by state, j ascending
        if pr.size == 0:
            break
        out = deals.step(s[pr], T[pr], C[pr], pj, {k: val[pr] for k, val in st.items()})
        key = (s[pr] << (2 * n)) | (out["T"] << n) | out["C"]
        uniq, child = np.unique(key, return_inverse=True)
        layers.append({"row": pr, "j": pj, "child": child.reshape(-1),
                       "gain": out["deal_value"] - out["flow_cost"], "paid": out["paid"]})
        rows.append((uniq >> (2 * n), (uniq >> n) & full, uniq & full))
    W = -deals.stop(*rows[-1], states[-1])         # backward: values to go (welfare, payments)
    P = np.zeros(W.size)
    policy = []
    for k in range(len(layers) - 1, -1, -1):
        lay, (s, T, C) = layers[k], rows[k]
        cand_w, cand_p = lay["gain"] + W[lay["child"]], lay["paid"] + P[lay["child"]]
        if welfare:
            starts, who, best, first, _ = _first_best(lay["row"], cand_w)
        else:
            _, _, _, _, cheapest = _first_best(lay["row"], -cand_p)
            starts, who, best, first, _ = _first_best(lay["row"], cand_w, cheapest)
        W, P = -deals.stop(s, T, C, states[k]), np.zeros(s.size)
        go = np.ones(who.size, bool) if not welfare else \
            best > W[who] + TIE * np.maximum(1.0, np.abs(W[who]))
        pick = np.full(s.size, -1)
        pick[who[go]] = first[go]
        W[who[go]], P[who[go]] = cand_w[first[go]], cand_p[first[go]]
        policy.append(pick)
    policy.reverse()
    order = np.full((n, N), -1)
    row = np.arange(N)
    active = np.ones(N, bool)
    for k, lay in enumerate(layers):               # follow the policy from the empty state
        pick = np.where(active, policy[k][row], -1)
        active &= pick >= 0
        order[k, active] = lay["j"][pick[active]]
        row = np.where(active, lay["child"][np.maximum(pick, 0)], 0)
    shape = deals.shape
    return {"value": W.reshape(shape) + 0.0, "side_payments": P.reshape(shape) + 0.0,
            "order": order.reshape((n,) + shape), "states": sum(r[0].size for r in rows),
            "negotiations": sum(lay["row"].size for lay in layers)}


def optimal(problem: SequenceProblem) -> SequenceResult:
    """The optimal sequence (``optimal_arrays``; one scenario), step by step."""
    problem.one_scenario()
    order = optimal_arrays(problem)["order"]
    return evaluate(problem, [int(j) for j in order if j >= 0])
