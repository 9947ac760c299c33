"""Slow, obvious twins of the strategy kernels, for tests.

``extreme_equilibria``: every extreme equilibrium of an m x n bimatrix game in exact rationals, by
the textbook definition: shift payoffs positive, enumerate the vertices of the best-response
polytopes P = {x >= 0, B^T x <= 1} and Q = {y >= 0, A y <= 1} (every choice of m, resp. n,
tight constraints solved exactly), and keep the complementary pairs (every label either an unused
own strategy or a best response of the other), normalised to mixed strategies.
``prospect_value``: CPT of one lottery straight from the definitions, on Python floats.
"""
import math
from fractions import Fraction
from itertools import combinations


def _solve(rows, rhs):
    """Exact solution of the square system rows @ z = rhs, or None if singular."""
    n = len(rows)
    m = [list(r) + [b] for r, b in zip(rows, rhs)]
    for c in range(n):
        pivot = next((r for r in range(c, n) if m[r][c] != 0), None)
        if pivot is None:
            return None
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[c])]
    return [m[r][n] / m[r][r] for r in range(n)]


def _vertices(M, own_labels, other_labels):
    """Vertices z != 0 of {z >= 0, M z <= 1} (z of length len(own_labels)) with their labels:
    own_labels[k] where z_k = 0, other_labels[i] where (M z)_i = 1."""
    dim = len(own_labels)
    constraints = ([([Fraction(int(k == j)) for j in range(dim)], Fraction(0), own_labels[k])
                    for k in range(dim)]
                   + [(list(row), Fraction(1), other_labels[i]) for i, row in enumerate(M)])
    found = {}
    for chosen in combinations(constraints, dim):
        z = _solve([c[0] for c in chosen], [c[1] for c in chosen])
        if z is None or any(v < 0 for v in z) or all(v == 0 for v in z):
            continue
        if any(sum(a * b for a, b in zip(row, z)) > 1 for row in M):
            continue
        labels = {lab for coef, b, lab in constraints
                  if sum(a * v for a, v in zip(coef, z)) == b}
        found[tuple(z)] = labels
    return found


def extreme_equilibria(A, B):
    """Extreme equilibria of the m x n game (A, B) (nested lists of numbers) as a sorted list of
    (x, y) tuples of Fractions (mixed strategies of row and column)."""
    A = [[Fraction(a) for a in row] for row in A]
    B = [[Fraction(b) for b in row] for row in B]
    m, n = len(A), len(A[0])
    shift = 1 - min(min(min(r) for r in A), min(min(r) for r in B))
    A = [[a + shift for a in row] for row in A]
    B = [[b + shift for b in row] for row in B]
    rows, cols = list(range(m)), list(range(m, m + n))
    BT = [[B[i][j] for i in range(m)] for j in range(n)]
    P = _vertices(BT, rows, cols)          # x: label i if x_i = 0, m + j if column j is a BR
    Q = _vertices(A, cols, rows)           # y: label m + j if y_j = 0, i if row i is a BR
    everything = set(range(m + n))
    out = set()
    for x, lx in P.items():
        for y, ly in Q.items():
            if lx | ly == everything:
                out.add((tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y)))
    return sorted(out)


def _w(p, g):
    if p <= 0:
        return 0.0
    if p >= 1:
        return 1.0
    return p ** g / (p ** g + (1 - p) ** g) ** (1 / g)


def prospect_value(outcomes, probabilities, alpha=0.88, beta=0.88, loss_aversion=2.25,
                   gamma_gain=0.61, gamma_loss=0.69):
    """CPT value of one lottery (Tversky-Kahneman weighting), merging equal outcomes first and
    cumulating probabilities exactly (rationals, normalised to sum 1)."""
    lottery = {}
    for x, p in zip(outcomes, probabilities):
        lottery[float(x)] = lottery.get(float(x), 0) + Fraction(float(p))
    mass = sum(lottery.values())
    total = 0.0
    for x, p in lottery.items():
        if x >= 0:
            better = sum((q for y, q in lottery.items() if y > x), Fraction(0)) / mass
            pi = _w(float(better + p / mass), gamma_gain) - _w(float(better), gamma_gain)
            total += pi * x ** alpha
        else:
            worse = sum((q for y, q in lottery.items() if y < x), Fraction(0)) / mass
            pi = _w(float(worse + p / mass), gamma_loss) - _w(float(worse), gamma_loss)
            total += pi * -loss_aversion * (-x) ** beta
    return total


def certainty_equivalent(outcomes, probabilities, **parameters):
    """The sure amount whose value is the lottery's, by bisection on v."""
    target = prospect_value(outcomes, probabilities, **parameters)
    lo, hi = min(outcomes) - 1.0, max(outcomes) + 1.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if prospect_value([mid], [1.0], **parameters) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2 if math.isfinite(target) else target


def _lottery(me, other, own, theirs, last):
    """(outcomes, probabilities) of one cell for player ``me`` (scalar parameters), by MODEL.md."""
    if own == 0 and theirs == 0:
        return [me.brink if last else me.create], [1.0]
    if own == 0:
        return [-me.concession, 0.0], [other.success, 1 - other.success]
    if theirs == 0:
        return [me.prize, -me.cost], [me.success, 1 - me.success]
    if last:
        return [-me.hard_cost], [1.0]
    return [me.prize, -me.hard_cost], [me.hard_success, 1 - me.hard_success]


def play(problem):
    """The rounds of a scalar StrategyProblem, slowly: a list of (home, partner, deadlock,
    home depth, partner depth) per round, strategies as claim probabilities (0/1 if pure)."""
    prefs = problem.preferences
    params = {k: getattr(prefs, k) for k in ("alpha", "beta", "loss_aversion", "gamma_gain",
                                              "gamma_loss")}
    home, partner = problem.home, problem.partner
    dh, dp = float(home.depth), float(partner.depth)
    out = []
    for t in range(problem.rounds):
        last = t == problem.rounds - 1
        H = [[prospect_value(*_shift(_lottery(home, partner, i, j, last), dh), **params)
              for j in (0, 1)] for i in (0, 1)]
        P = [[prospect_value(*_shift(_lottery(partner, home, j, i, last), dp), **params)
              for j in (0, 1)] for i in (0, 1)]
        def ahead(u, w):            # u > w beyond rounding; the model's ties are ties
            return u - w > 1e-10 * max(1.0, abs(u), abs(w))

        pure = [(i, j) for i in (0, 1) for j in (0, 1)
                if not ahead(H[1 - i][j], H[i][j]) and not ahead(P[i][1 - j], P[i][j])]
        if pure:
            h = p = 0
            for _ in range(4):       # alternating best responses from (C, C), ties stay
                h = 1 if ahead(H[1][p], H[0][p]) else 0 if ahead(H[0][p], H[1][p]) else h
                p = 1 if ahead(P[h][1], P[h][0]) else 0 if ahead(P[h][0], P[h][1]) else p
            assert (h, p) in pure
            hc, pc = float(h), float(p)
        else:
            (x, y), = extreme_equilibria([[Fraction(v) for v in r] for r in H],
                                         [[Fraction(v) for v in r] for r in P])
            hc, pc = float(1 - x[0]), float(1 - y[0])
            h, p = int(hc > 0.5), int(pc > 0.5)
        dead = h == 1 and p == 1
        out.append((hc, pc, dead, dh, dp))
        if not dead:
            break
        dh += problem.escalation
        dp += problem.escalation
    return out


def _shift(lottery, depth):
    outcomes, probabilities = lottery
    return [x - depth for x in outcomes], probabilities
