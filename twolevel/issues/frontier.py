"""The Pareto frontier of the box (MODEL.md section 5, no agency constraint), vectorised.

With u_H = g_H - sum_k c_Hk x_k and u_P = g_P + sum_k c_Pk x_k on [0, 1]^K, the most Partner can
get for a given cost to Home is a fractional knapsack: concede issues in decreasing order of
c_Pk / c_Hk. Vertex j concedes the first j issues of that order fully: K + 1 vertices, K edges.
"""
import numpy as np

from .edges import Edges


def greedy(gH, gP, cH, cP) -> Edges:
    """The frontier's K edges for N scenarios (cH, cP (N, K)); ties in the ratio keep issue order."""
    N, K = cH.shape
    order = np.argsort(-(cP / cH), axis=-1, kind="stable")
    rank = np.argsort(order, axis=-1)                                  # position of each issue
    costs = np.take_along_axis(cH, order, -1).cumsum(-1)
    gains = np.take_along_axis(cP, order, -1).cumsum(-1)
    zero = np.zeros((N, 1))
    h = gH[:, None] - np.concatenate([zero, costs], -1)               # (N, K + 1)
    p = gP[:, None] + np.concatenate([zero, gains], -1)
    X = (rank[:, None, :] < np.arange(K + 1)[None, :, None]).astype(float)   # (N, K + 1, K)
    return Edges(h[:, :-1], p[:, :-1], h[:, 1:], p[:, 1:], X[:, :-1], X[:, 1:],
                 np.ones((N, K), bool))
