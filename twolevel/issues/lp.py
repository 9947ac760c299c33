"""One scenario, one coalition: the package program as a linear program, and the exact frontier
of its utility image by the sandwich (Eaves) method.

Variables z = (x (K), G, c (m)) for the coalition's m members: 0 <= x <= 1, 0 <= G <= B_H,
c_a <= beta_a and c_a <= v_a(x) - v0_a (what agency a contributes; negative: what it must be
paid), G >= -sum_a c_a (the government pays the rest), U_H = g_H - c_H.x - lam G >= d_H,
U_P = g_P + c_P.x >= d_P. F_C is a polytope, its image in (U_H, U_P) a polygon whose upper-right
boundary is found exactly: the two lexicographic extremes, then for each chord the LP maximising
along the chord's normal; a point beyond the chord is a new vertex, none means the chord is an
edge. 2 LPs per vertex, each solved exactly by HiGHS.
"""
import numpy as np
from scipy.optimize import linprog

OPTIONS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


class Program:
    """F_C of scenario ``i`` of IssueArrays ``arr`` for coalition ``mask`` (A,)."""

    def __init__(self, arr, i, mask):
        K, idx = arr.K, np.flatnonzero(mask)
        m = len(idx)
        self.K = K
        lam = arr.lam[i]
        self.uH = np.concatenate([-arr.cH[i], [-lam], np.zeros(m)])       # U_H = gH + uH.z
        self.uP = np.concatenate([arr.cP[i], [0.0], np.zeros(m)])         # U_P = gP + uP.z
        self.gH, self.gP = arr.gH[i], arr.gP[i]
        rows, rhs = [], []
        for j, a in enumerate(idx):                    # c_a - k_a.x <= e_a - v0_a
            row = np.zeros(K + 1 + m)
            row[:K], row[K + 1 + j] = -arr.k[i, a], 1.0
            rows.append(row)
            rhs.append(arr.e[i, a] - arr.v0[i, a])
        rows.append(np.concatenate([np.zeros(K), [-1.0], -np.ones(m)]))   # -G - sum c <= 0
        rhs.append(0.0)
        rows += [-self.uH, -self.uP]                                      # U >= d
        rhs += [self.gH - arr.dH[i], self.gP - arr.dP[i]]
        self.A_ub, self.b_ub = np.array(rows), np.array(rhs)
        self.bounds = [(0.0, 1.0)] * K + [(0.0, arr.B[i])] + [(None, arr.beta[i, a])
                                                              for a in idx]

    def utilities(self, z):
        return self.gH + self.uH @ z, self.gP + self.uP @ z

    def maximise(self, direction, floor=None):
        """argmax of direction . (U_H, U_P) over F_C (z), optionally with U >= floor; None if
        empty."""
        A, b = self.A_ub, self.b_ub
        if floor is not None:
            A = np.vstack([A, -self.uH, -self.uP])
            b = np.concatenate([b, [self.gH - floor[0], self.gP - floor[1]]])
        c = -(direction[0] * self.uH + direction[1] * self.uP)
        res = linprog(c, A_ub=A, b_ub=b, bounds=self.bounds, method="highs", options=OPTIONS)
        return res.x if res.status == 0 else None

    def extreme(self, first):
        """The lexicographic maximiser of U_H then U_P (first = 0) or U_P then U_H (first = 1)."""
        z = self.maximise((1.0, 0.0) if first == 0 else (0.0, 1.0))
        if z is None:
            return None
        u = np.array(self.utilities(z))
        floor = np.full(2, -np.inf)
        floor[first] = u[first] - 1e-9 * (1 + abs(u[first]))
        floor[1 - first] = u[1 - first]
        better = self.maximise((0.0, 1.0) if first == 0 else (1.0, 0.0), floor)
        return z if better is None else better

    def frontier(self):
        """Frontier vertices (h, p, x) ordered by decreasing h; empty arrays if F_C is empty.
        One vertex: F_C's image is a point."""
        left, right = self.extreme(0), self.extreme(1)
        if left is None:
            return np.zeros(0), np.zeros(0), np.zeros((0, self.K))
        found = [left] + self._between(left, right) + [right]
        h, p = np.array([self.utilities(z) for z in found]).T
        keep = [0]                       # drop repeats within the LP's rounding (1e-9)
        for j in range(1, len(found)):
            if h[keep[-1]] - h[j] > 1e-9 * (1 + abs(h[j])) or \
                    p[j] - p[keep[-1]] > 1e-9 * (1 + abs(p[j])):
                keep.append(j)
        return h[keep], p[keep], np.array([found[j][:self.K] for j in keep])

    def _between(self, a, b, depth=0):
        (h1, p1), (h2, p2) = self.utilities(a), self.utilities(b)
        normal = (p2 - p1, h1 - h2)
        if normal[0] <= 0 or normal[1] <= 0 or depth > 60:
            return []
        chord = normal[0] * h1 + normal[1] * p1
        z = self.maximise(normal)
        h, p = self.utilities(z)
        if normal[0] * h + normal[1] * p <= chord + 1e-9 * (1 + abs(chord)):
            return []
        return self._between(a, z, depth + 1) + [z] + self._between(z, b, depth + 1)
