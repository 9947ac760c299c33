"""Slow reference twin of the package solver, on scipy's solvers (one scenario at a time).

Written from MODEL.md section 5 independently of ``lp``: every winning coalition C (all of them,
minimal or not) gets variables x (K), s_a >= 0 received and 0 <= f_a <= beta_a paid out by each
member, the government's G in [0, B_H], with v_a(x) + s_a - f_a >= v0_a and
sum_a s_a = G + sum_a f_a. Nash: scipy.optimize.minimize (SLSQP) on
-(theta log s_H + (1 - theta) log s_P) from the LP point maximising min(s_H, s_P).
Kalai–Smorodinsky and the joint gain left: scipy.optimize.linprog on max t.
"""
import itertools

import numpy as np
from scipy.optimize import linprog, minimize_scalar

TIGHT = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


class Coalition:
    """The program of scenario ``i`` of ``arr`` for the members ``members``."""

    def __init__(self, arr, i, members):
        K, m = arr.K, len(members)
        self.K, self.m = K, m
        size = K + 2 * m + 1
        self.home = np.zeros(size)                 # U_H = gH + home . y
        self.home[:K] = -arr.cH[i]
        self.home[-1] = -arr.lam[i]
        self.partner = np.zeros(size)
        self.partner[:K] = arr.cP[i]
        self.g = (arr.gH[i], arr.gP[i])
        self.d = (arr.dH[i], arr.dP[i])
        ub, rhs = [], []
        for j, a in enumerate(members):            # -(k.x + s - f) <= e - v0
            row = np.zeros(size)
            row[:K] = -arr.k[i, a]
            row[K + j], row[K + m + j] = -1.0, 1.0
            ub.append(row)
            rhs.append(arr.e[i, a] - arr.v0[i, a])
        ub += [-self.home, -self.partner]
        rhs += [self.g[0] - self.d[0], self.g[1] - self.d[1]]
        self.A_ub, self.b_ub = np.array(ub), np.array(rhs)
        eq = np.zeros(size)
        eq[K:K + m], eq[K + m:K + 2 * m], eq[-1] = 1.0, -1.0, -1.0
        self.A_eq = eq[None]
        self.bounds = ([(0, 1)] * K + [(0, None)] * m + [(0, arr.beta[i, a]) for a in members]
                       + [(0, arr.B[i])])

    def surpluses(self, y):
        return (self.g[0] + self.home @ y - self.d[0], self.g[1] + self.partner @ y - self.d[1])

    def best_t(self, scale_h, scale_p, base=(0.0, 0.0)):
        """max t with s_H >= base_H + t scale_h and s_P >= base_P + t scale_p: (t, y) or None."""
        size = len(self.home) + 1
        A = np.hstack([self.A_ub, np.zeros((len(self.A_ub), 1))])
        extra = np.zeros((2, size))
        extra[0, :-1], extra[0, -1] = -self.home, scale_h
        extra[1, :-1], extra[1, -1] = -self.partner, scale_p
        b = np.concatenate([self.b_ub, [self.g[0] - self.d[0] - base[0],
                                        self.g[1] - self.d[1] - base[1]]])
        c = np.zeros(size)
        c[-1] = -1.0
        res = linprog(c, A_ub=np.vstack([A, extra]), b_ub=b,
                      A_eq=np.hstack([self.A_eq, [[0.0]]]), b_eq=[0.0],
                      bounds=self.bounds + [(None, None)], method="highs", options=TIGHT)
        if res.status == 2:
            return None
        if res.status == 3:                         # unbounded t: cannot happen on a box
            raise RuntimeError("unbounded")
        return -res.fun, res.x[:-1]

    def most(self, which):
        """max s_H (which = 0) or s_P over F_C, or None."""
        c = -(self.home if which == 0 else self.partner)
        res = linprog(c, A_ub=self.A_ub, b_ub=self.b_ub, A_eq=self.A_eq, b_eq=[0.0],
                      bounds=self.bounds, method="highs", options=TIGHT)
        return None if res.status != 0 else self.surpluses(res.x)[which]

    def most_partner(self, home_floor):
        """max s_P over F_C with s_H >= home_floor, or None."""
        res = linprog(-self.partner, A_ub=np.vstack([self.A_ub, -self.home]),
                      b_ub=np.concatenate([self.b_ub, [self.g[0] - self.d[0] - home_floor]]),
                      A_eq=self.A_eq, b_eq=[0.0], bounds=self.bounds, method="highs", options=TIGHT)
        return None if res.status != 0 else self.surpluses(res.x)[1]

    def nash(self, theta):
        """(product, s_H, s_P) at the Nash optimum of F_C, or None: the best s_H in
        [0, max s_H] by a bounded scalar search (the log product is concave in s_H), each step an
        LP for Partner's best surplus b(s_H)."""
        top = self.most(0)
        if top is None:
            return None

        def product(a):
            b = self.most_partner(a)
            return 0.0 if b is None or a < 0 else a ** theta * max(b, 0.0) ** (1 - theta)

        res = minimize_scalar(lambda a: -product(a), bounds=(max(0.0, -1e-12), max(top, 0.0)),
                              method="bounded", options={"xatol": 1e-12})
        candidates = [max(top, 0.0), res.x, 0.0]
        a = max(candidates, key=product)
        return product(a), a, self.most_partner(a)


def members_of(arr, i):
    """Every winning coalition of scenario i (tuples of agency indices)."""
    A = arr.A
    total = arr.w[i].sum()
    out = []
    for size in range(A + 1):
        for c in itertools.combinations(range(A), size):
            if arr.w[i, list(c)].sum() >= arr.q[i] * total * (1 - 1e-12):
                out.append(c)
    return out


def programs(arr, i):
    return [Coalition(arr, i, c) for c in members_of(arr, i)]


def nash(arr, i):
    """(product, U_H, U_P) of the Nash package of scenario i, or None without agreement."""
    found = [r for r in (p.nash(arr.theta[i]) for p in programs(arr, i)) if r is not None]
    if not found:
        return None
    prod, sH, sP = max(found)
    return prod, sH + arr.dH[i], sP + arr.dP[i]


def kalai_smorodinsky(arr, i):
    """The KS value max min(s_H / M_H, s_P / M_P) of scenario i (ratio 1 for a side whose ideal
    surplus is 0), or None without agreement."""
    progs = programs(arr, i)
    ideal = [[p.most(w) for p in progs] for w in (0, 1)]
    ideal = [max((v for v in col if v is not None), default=None) for col in ideal]
    if ideal[0] is None:
        return None
    mH, mP = ideal
    if mH <= 0 and mP <= 0:
        return 1.0
    if mH <= 0:          # min(1, s_P / M_P): Partner's best
        return 1.0 if mP <= 0 else min(1.0, max(p.most(1) or -np.inf for p in progs) / mP)
    if mP <= 0:
        return min(1.0, max(p.most(0) or -np.inf for p in progs) / mH)
    found = [r[0] for r in (p.best_t(mH, mP) for p in progs) if r is not None]
    return max(found)


def gain_left(arr, i, h0, p0):
    """max t with a package of scenario i giving at least (h0 + t, p0 + t); 0 without one."""
    base = (h0 - arr.dH[i], p0 - arr.dP[i])
    found = [r[0] for r in (p.best_t(1.0, 1.0, base) for p in programs(arr, i)) if r is not None]
    return max(found) if found else 0.0
