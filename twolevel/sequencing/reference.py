"""The reference twin of the optimal sequence: brute force over every sequence of distinct
partners (every subset in every order, the empty one included), each evaluated by ``simulate``.

``welfare``: the largest V. ``side_payments``: among the complete sequences (afterwards no untried
partner is willing), the smallest total side payments, then the largest V.
"""
from itertools import permutations

import numpy as np

from .deals import Deals, popcount
from .solve import simulate


def sequences(n, length):
    """Every sequence of ``length`` distinct partners out of n, as an int array (K, length)."""
    rows = list(permutations(range(n), length))
    return np.array(rows, np.int64).reshape(len(rows), length)


def brute_force(problem) -> dict:
    """{"value": (*S), "side_payments": (*S)} of the best sequence, by enumeration."""
    deals = Deals(problem)
    values, payments = [], []
    for length in range(problem.n + 1):
        res = simulate(problem, sequences(problem.n, length), deals)
        done = popcount(res.concluded)
        left = [(((res.tried >> j) & 1) == 0) & (deals.willing_after[j] <= done)
                for j in range(problem.n)]
        values.append(res.value)
        payments.append(np.where(np.any(left, axis=0), np.inf, res.side_payments))
    w, p = np.concatenate(values), np.concatenate(payments)
    if problem.objective == "welfare":
        return {"value": w.max(0)}
    best_p = p.min(0)
    cheapest = p <= best_p + 1e-9 * np.maximum(1.0, np.abs(best_p))
    return {"value": np.where(cheapest, w, -np.inf).max(0), "side_payments": best_p}
