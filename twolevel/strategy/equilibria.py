"""Every extreme equilibrium of a batch of 2x2 bimatrix games, exactly (degenerate games included).

Row's payoffs A[..., i, j], column's B[..., i, j]; a strategy is the probability on the first pure
strategy (row: x = P(row 0), column: y = P(column 0)). The extreme equilibria are the complementary
vertex pairs of the best-response polytopes (what gambit's ``enummixed`` lists). In a 2x2 game the
vertices of row's polytope are x = 1, x = 0 and, where column's payoff difference
dB(x) = x (B00 - B01) + (1 - x) (B10 - B11) changes sign strictly between the rows, the mixture
x* = dB1 / (dB1 - dB0) that makes column indifferent; likewise y = 1, 0 and y* = dA1 / (dA1 - dA0)
with dA0 = A00 - A10, dA1 = A01 - A11. A pair is an equilibrium iff each is a best response to the
other: a pure strategy needs the payoff difference it faces >= 0 (<= 0 for the second), a mixture
needs it to be exactly 0. Signs of differences of floats are exact, and a mixture makes the
opponent's difference 0 by construction, so the test is exact; only x*, y* carry one rounding.
The loop over games is compiled (numba): no Python loop over games.
"""
import numba
import numpy as np

MAX_EQUILIBRIA = 4


@numba.njit(inline="always")
def _put(row, col, n, k, x, y):
    row[n, k] = x
    col[n, k] = y
    return k + 1


@numba.njit(inline="always")
def _opposite(a, b):
    """a and b strictly of opposite signs (by sign: their product can underflow to 0)."""
    return (a < 0 and b > 0) or (a > 0 and b < 0)


@numba.njit(cache=True, nogil=True)
def _solve(A, B, row, col, count):
    """The nine candidate pairs, written out: (1, 1), (1, 0), (0, 1), (0, 0) need the faced
    differences' signs; (pure, mixture) needs the mixture's maker to be indifferent at that pure
    strategy; (x*, y*) needs both mixtures."""
    for n in range(A.shape[0]):
        da0 = A[n, 0, 0] - A[n, 1, 0]      # row: first minus second, against column 0
        da1 = A[n, 0, 1] - A[n, 1, 1]      # ... against column 1
        db0 = B[n, 0, 0] - B[n, 0, 1]      # column: first minus second, against row 0
        db1 = B[n, 1, 0] - B[n, 1, 1]      # ... against row 1
        x_mixed = _opposite(db0, db1)
        y_mixed = _opposite(da0, da1)
        k = 0
        if da0 >= 0 and db0 >= 0:
            k = _put(row, col, n, k, 1.0, 1.0)
        if da1 >= 0 and db0 <= 0:
            k = _put(row, col, n, k, 1.0, 0.0)
        if da0 <= 0 and db1 >= 0:
            k = _put(row, col, n, k, 0.0, 1.0)
        if da1 <= 0 and db1 <= 0:
            k = _put(row, col, n, k, 0.0, 0.0)
        if y_mixed:
            y = da1 / (da1 - da0)
            if db0 == 0:
                k = _put(row, col, n, k, 1.0, y)
            if db1 == 0:
                k = _put(row, col, n, k, 0.0, y)
        if x_mixed:
            x = db1 / (db1 - db0)
            if da0 == 0:
                k = _put(row, col, n, k, x, 1.0)
            if da1 == 0:
                k = _put(row, col, n, k, x, 0.0)
            if y_mixed:
                k = _put(row, col, n, k, x, da1 / (da1 - da0))
        count[n] = k
        for rest in range(k, row.shape[1]):
            row[n, rest] = np.nan
            col[n, rest] = np.nan


def equilibria_2x2(A, B):
    """Extreme equilibria of the games (A[...], B[...]), A and B of shape (..., 2, 2).

    Returns (row, col, count): row[..., k] = P(row 0) and col[..., k] = P(column 0) in equilibrium
    k, NaN-padded to 4, and count[...] the number of extreme equilibria (pure ones first, in the
    order (1, 1), (1, 0), (0, 1), (0, 0), then those with a mixture)."""
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if A.shape[-2:] != (2, 2) or B.shape[-2:] != (2, 2):
        raise ValueError(f"A and B must be arrays of 2x2 games (..., 2, 2), got {A.shape} and "
                         f"{B.shape}")
    if A.shape != B.shape:
        A, B = np.broadcast_arrays(A, B)
    shape = A.shape[:-2]
    flat_a = np.ascontiguousarray(A.reshape(-1, 2, 2))
    flat_b = np.ascontiguousarray(B.reshape(-1, 2, 2))
    n = flat_a.shape[0]
    row = np.empty((n, MAX_EQUILIBRIA))
    col = np.empty((n, MAX_EQUILIBRIA))
    count = np.empty(n, np.int64)
    _solve(flat_a, flat_b, row, col, count)
    return (row.reshape(shape + (MAX_EQUILIBRIA,)), col.reshape(shape + (MAX_EQUILIBRIA,)),
            count.reshape(shape))


def equilibria(A, B):
    """Equilibria of one m x n bimatrix game as a list of (row strategy, column strategy) arrays:
    exact extreme equilibria from ``equilibria_2x2`` for a 2x2 game, nashpy's vertex enumeration
    otherwise (complete for non-degenerate games only)."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.shape != B.shape or A.ndim != 2:
        raise ValueError(f"A and B must be m x n arrays of one shape, got {A.shape} and {B.shape}")
    if A.shape == (2, 2):
        row, col, count = equilibria_2x2(A[None], B[None])
        return [(np.array([x, 1.0 - x]), np.array([y, 1.0 - y]))
                for x, y in zip(row[0, :count[0]], col[0, :count[0]])]
    import nashpy

    return [(np.asarray(x), np.asarray(y)) for x, y in nashpy.Game(A, B).vertex_enumeration()]
