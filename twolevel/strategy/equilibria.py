"""Every extreme equilibrium of a batch of 2x2 bimatrix games, exactly (degenerate games included).

Row's payoffs A[n, i, j], column's B[n, i, j]; a strategy is the probability on the first pure
strategy (row: x = P(row 0), column: y = P(column 0)). The extreme equilibria are the complementary
vertex pairs of the best-response polytopes (what gambit's ``enummixed`` lists). In a 2x2 game the
vertices of row's polytope are x = 1, x = 0 and, where column's payoff difference
dB(x) = x (B00 - B01) + (1 - x) (B10 - B11) changes sign strictly between the rows, the mixture
x* = dB1 / (dB1 - dB0) that makes column indifferent; likewise y = 1, 0 and y* = dA1 / (dA1 - dA0)
with dA0 = A00 - A10, dA1 = A01 - A11. A pair is an equilibrium iff each is a best response to the
other: a pure strategy needs its payoff difference >= 0 (<= 0 for the second), a mixture needs it
to be exactly 0. Signs of differences of floats are exact, and a mixture makes the opponent's
difference 0 by construction, so the test is exact; only x*, y* carry one rounding.
"""
import numpy as np

MAX_EQUILIBRIA = 4
# candidate kinds: 0 -> 1.0 (first pure strategy), 1 -> 0.0 (second), 2 -> the mixture
_KIND_OK = np.array([[False, True, True],      # first pure: needs difference >= 0 (sign -1, 0, 1)
                     [True, True, False],      # second pure: difference <= 0
                     [False, True, False]])    # mixture: difference == 0
# the 9 (row kind, column kind) pairs, pure pairs first
_I, _J = np.array([(0, 0), (0, 1), (1, 0), (1, 1), (0, 2), (1, 2), (2, 0), (2, 1), (2, 2)]).T


def _candidates(d_first, d_second):
    """Candidate strategies (n, 3) [1, 0, mixture or NaN] for a player facing an opponent whose
    payoff difference is d_first at this player's first pure strategy and d_second at its second;
    and whether the mixture exists (strict sign change)."""
    mixed = (d_first * d_second) < 0
    with np.errstate(divide="ignore", invalid="ignore"):
        star = np.where(mixed, d_second / (d_second - d_first), np.nan)
    ones = np.ones_like(star)
    return np.stack([ones, np.zeros_like(star), star], axis=-1), mixed


def equilibria_2x2(A, B):
    """Extreme equilibria of the games (A[n], B[n]), A and B of shape (n, 2, 2).

    Returns (row, col, count): row[n, k] = P(row 0) and col[n, k] = P(column 0) in equilibrium k,
    NaN-padded to 4 columns, and count[n] the number of extreme equilibria (pure ones first, in
    the order (1, 1), (1, 0), (0, 1), (0, 0), then those with a mixture)."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    dA = A[..., 0, :] - A[..., 1, :]          # row 0 minus row 1, at column 0 and at column 1
    dB = B[..., :, 0] - B[..., :, 1]          # column 0 minus column 1, at row 0 and at row 1
    xs, x_mixed = _candidates(dB[..., 0], dB[..., 1])
    ys, y_mixed = _candidates(dA[..., 0], dA[..., 1])
    exists_x = np.ones(xs.shape, bool)
    exists_x[..., 2] = x_mixed
    exists_y = np.ones(ys.shape, bool)
    exists_y[..., 2] = y_mixed
    # sign of row's difference at each column candidate; of column's at each row candidate
    sA = np.stack([np.sign(dA[..., 0]), np.sign(dA[..., 1]), np.zeros(dA.shape[:-1])], -1)
    sB = np.stack([np.sign(dB[..., 0]), np.sign(dB[..., 1]), np.zeros(dB.shape[:-1])], -1)
    sA = sA.astype(np.int8) + 1
    sB = sB.astype(np.int8) + 1
    ok = (exists_x[..., _I] & exists_y[..., _J]
          & _KIND_OK[_I, sA[..., _J]] & _KIND_OK[_J, sB[..., _I]])          # (n, 9)
    pure_first = np.argsort(~ok, axis=-1, kind="stable")[..., :MAX_EQUILIBRIA]
    keep = np.take_along_axis(ok, pure_first, -1)
    row = np.where(keep, np.take_along_axis(xs[..., _I], pure_first, -1), np.nan)
    col = np.where(keep, np.take_along_axis(ys[..., _J], pure_first, -1), np.nan)
    return row, col, ok.sum(axis=-1)
