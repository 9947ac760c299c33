"""Reference solver: one negotiation, solved slowly and obviously (MODEL.md section 1).

The independent twin of the vectorised kernels, which the tests hold the kernels to. It shares only
the quota rule (``coalitions.ratifies``) with them and works on plain callables:
- S(x): brute force over every coalition (itertools), the cheapest winning one's losses;
- U_H = g_H - c_H x - lam_H S_H(x), U_P = g_P + c_P x - lam_P S_P(x), surpluses s = U - d;
- F = {x in [0, 1] : s_H, s_P >= 0, S_H <= B_H, S_P <= B_P}, found on a grid of GRID points of
  [0, 1] (ends included), every boundary refined by bisection to adjacent floats (the feasibility
  margin min(s_H, s_P, B_H - S_H, B_P - S_P) can be 0 on a whole stretch, e.g. with budget 0, so
  the set itself is bisected rather than a root of the margin sought). A component of F narrower
  than the grid spacing can be missed;
- a maximum over F from the grid, refined by ``scipy.optimize.minimize_scalar`` (bounded) around
  the best local maxima of the grid, with the components' ends as candidates.
Solutions: Nash maximises s_H^theta s_P^(1 - theta); Kalai–Smorodinsky maximises
min(s_H / M_H, s_P / M_P), M the ideal surpluses over F (ratio 1 where M = 0). Ties: Nash toward
larger theta s_H + (1 - theta) s_P, then larger s_H + s_P; KS toward larger s_H + s_P.
Rubinstein: phi(p) = max {s_H : x in F, s_P >= p}; p* is the largest p in [0, M_P] with
phi(p) >= delta_H phi(delta_P p); x* is the Home-best point of F with s_P >= delta_P p* (ties
toward larger s_P).
Ratification modes: where a side ratifies ex post, the same solution is found for the negotiation
with that side's constituencies and budget left out (F0), giving x0; the side then pays nothing if
S(x0) = 0, else fails if S(x0) > B or u(x0) - lam S(x0) < d, else pays
min(B, S(x0) + eta (u(x0) - lam S(x0) - d) / lam).
"""
import itertools
import math
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from .coalitions import ratifies

GRID = 4001                         # grid points on [0, 1], ends included
STEP = 1.0 / (GRID - 1)
XTOL = 1e-14                        # x tolerance of brentq and minimize_scalar
TIE = 1e-15                         # relative: objective values this close are tied
UNIQUE = 1e-9                       # relative: near-optimal points all within 2 steps = unique
SEEDS = 4                           # grid local maxima refined by minimize_scalar
NOTHING = 1e-12                     # relative: a loss this small is none (see pays_a_winning_coalition)
PEAKS = 32                          # local maxima of s_P refined (Rubinstein's frontier)
SCAN = 257                          # p values scanned for the largest root of Rubinstein's gap


@dataclass(frozen=True)
class SideParams:
    """One side as plain floats: gain g, rate c (c_H or c_P), batna d = d0 - pi, funds_cost lam,
    budget B, quota q, discount delta; constituencies as (e, k, v0, w) tuples; ratification
    ex post (else committed) and veto_rent eta."""

    gain: float
    rate: float
    batna: float
    funds_cost: float = 1.0
    budget: float = math.inf
    quota: float = 0.5
    discount: float = 0.95
    constituencies: tuple = ()
    ex_post: bool = False
    veto_rent: float = 0.0

    @classmethod
    def from_arrays(cls, side, i):
        """Scenario ``i`` of a SideArrays."""
        cons = tuple(tuple(float(a[i, j]) for a in (side.e, side.k, side.v0, side.w))
                     for j in range(side.m))
        return cls(*(float(getattr(side, f)[i]) for f in (
            "gain", "rate", "batna", "funds_cost", "budget", "quota", "discount")), cons,
                   bool(side.ex_post[i]), float(side.veto_rent[i]))


def coalition_table(m):
    """All 2^m coalitions of m constituencies, enumerated by itertools: bool array (2^m, m)."""
    return np.array(list(itertools.product((False, True), repeat=m)), bool).reshape(2 ** m, m)


class SidePayment:
    """S(x) = min over coalitions C with weight(C) >= q * total of sum_{i in C} max(0, v0_i - v_i(x)),
    by brute force over every coalition. A side with no constituencies pays nothing."""

    def __init__(self, side: SideParams):
        self.e, self.k, self.v0, self.w = np.array(side.constituencies, float).reshape(-1, 4).T
        self.w = self.w / self.w.max(initial=1.0)      # the quota is scale-free: no overflow at 1e308
        self.quota = side.quota
        table = coalition_table(len(self.w))
        self.winning = table[self.meets_quota(table @ self.w)]
        self._mask = self.winning.T.astype(float)

    def meets_quota(self, weight):
        return ratifies(weight, self.w.sum(), self.quota)

    def losses(self, x):
        """max(0, v0_i - e_i - k_i x), constituencies on the last axis."""
        return np.maximum(0.0, self.v0 - self.e - self.k * np.asarray(x, float)[..., None])

    def __call__(self, x):
        return (self.losses(x) @ self._mask).min(-1)

    def pays_a_winning_coalition(self, pay, x):
        """``pay`` (m,) at a scalar x pays each paid constituency exactly its loss, and the paid
        ones with those losing nothing meet the quota. At its threshold a constituency loses
        nothing on paper; rounding in v0_i - v_i(x) leaves up to NOTHING (relative to its
        parameters' size) there."""
        loss = self.losses(x)
        paid = pay > 0
        size = np.maximum(np.maximum(abs(self.e), abs(self.v0)), abs(self.k))
        return bool(np.all(pay[paid] == loss[paid])
                    and self.meets_quota(self.w[paid | (loss <= NOTHING * size)].sum()))

    def ratified(self, x, slack=0.0):
        """Ratified with no side payment: the supporters (v_i(x) >= v0_i - slack) meet the quota."""
        support = self.e + self.k * np.asarray(x, float)[..., None] >= self.v0 - slack
        return self.meets_quota(np.where(support, self.w, 0.0).sum(-1))


@dataclass(frozen=True)
class Result:
    """A reference outcome. ``objective`` is the maximised value (Nash product, KS minimum ratio,
    Rubinstein: Home's surplus); ``unique`` is False when a point of F more than two grid steps
    away comes within UNIQUE (relative) of it. ``partner_share`` is Rubinstein's p*. ``reason``:
    None, "zopa" or "ratification"."""

    solution: str
    agreement: bool
    concession: float
    side_payment_home: float
    side_payment_partner: float
    home_utility: float
    partner_utility: float
    objective: float = math.nan
    unique: bool = False
    partner_share: float = math.nan
    reason: str | None = None


@dataclass(frozen=True)
class Optimum:
    x: float
    value: float
    unique: bool
    peaks: tuple = ()


def bisect(member, inside, outside):
    """The boundary of a set between a point ``inside`` it and one ``outside``: the last point
    inside after bisecting to adjacent floats."""
    while True:
        mid = 0.5 * (inside + outside)
        if mid in (inside, outside):
            return inside
        if member(mid):
            inside = mid
        else:
            outside = mid


def refine(f, a, b):
    """argmax of f on [a, b] by ``minimize_scalar`` (bounded), in a variable centred on the
    previous estimate so that its tolerance, relative to |x|, reaches adjacent floats (a maximum
    at a kink of f is found as precisely as a smooth one)."""
    x = 0.5 * (a + b)
    for width in (b - a, 1e-7):
        lo, hi = max(a, x - width) - x, min(b, x + width) - x
        if hi > lo:
            x = x + minimize_scalar(lambda u, c=x: -f(c + u), bounds=(lo, hi), method="bounded",
                                    options=dict(xatol=XTOL)).x
    return x


class Reference:
    """One negotiation: Home and Partner (SideParams) and Home's power theta."""

    def __init__(self, home: SideParams, partner: SideParams, power: float):
        self.home, self.partner, self.power = home, partner, float(power)
        self.side_payment_home = SidePayment(home)
        self.side_payment_partner = SidePayment(partner)
        self.grid = np.linspace(0.0, 1.0, GRID)

    @classmethod
    def from_arrays(cls, home, partner, power, i):
        """Scenario ``i`` of kernel inputs (SideArrays, SideArrays, power (N,))."""
        return cls(SideParams.from_arrays(home, i), SideParams.from_arrays(partner, i),
                   float(np.broadcast_to(power, (home.n,))[i]))

    @classmethod
    def from_negotiation(cls, negotiation):
        """A Negotiation with scalar parameters."""
        if negotiation.shape != ():
            raise ValueError("the reference solver takes one scenario (scalar parameters)")
        return cls.from_arrays(*negotiation.arrays(), 0)

    # plain callables -----------------------------------------------------------------------
    def terms(self, x):
        """(U_H, U_P, S_H, S_P) at x: U_H = g_H - c_H x - lam_H S_H, U_P = g_P + c_P x - lam_P S_P."""
        h, p = self.home, self.partner
        x = np.asarray(x, float)
        pay_home, pay_partner = self.side_payment_home(x), self.side_payment_partner(x)
        return (h.gain - h.rate * x - h.funds_cost * pay_home,
                p.gain + p.rate * x - p.funds_cost * pay_partner, pay_home, pay_partner)

    def _surpluses_and_payments(self, x):
        """s_H = (g_H - d_H) - c_H x - lam_H S_H, s_P = (g_P - d_P) + c_P x - lam_P S_P (the
        difference g - d first: exact when the two are equal on paper), S_H, S_P."""
        h, p = self.home, self.partner
        x = np.asarray(x, float)
        pay_home, pay_partner = self.side_payment_home(x), self.side_payment_partner(x)
        return ((h.gain - h.batna) - h.rate * x - h.funds_cost * pay_home,
                (p.gain - p.batna) + p.rate * x - p.funds_cost * pay_partner, pay_home, pay_partner)

    def surpluses(self, x):
        """(s_H, s_P) = (U_H - d_H, U_P - d_P)."""
        return self._surpluses_and_payments(x)[:2]

    def constraints(self, x):
        """(s_P, margin) with margin = min(s_H, s_P, B_H - S_H, B_P - S_P): x in [0, 1] is in F iff
        margin >= 0."""
        s_home, s_partner, pay_home, pay_partner = self._surpluses_and_payments(x)
        return s_partner, np.minimum(np.minimum(s_home, s_partner),
                                     np.minimum(self.home.budget - pay_home,
                                                self.partner.budget - pay_partner))

    def margin(self, x):
        return self.constraints(x)[1]

    def feasible(self, x, tol=0.0):
        """x in F, up to ``tol`` on every constraint."""
        x = np.asarray(x, float)
        return (x >= -tol) & (x <= 1 + tol) & (self.margin(np.clip(x, 0, 1)) >= -tol)

    def nash_product(self, x):
        """s_H^theta s_P^(1 - theta) (surpluses floored at 0)."""
        return self._nash_of(*self.surpluses(x))

    def _nash_of(self, s_home, s_partner):
        return np.maximum(s_home, 0) ** self.power * np.maximum(s_partner, 0) ** (1 - self.power)

    def ks_ratio(self, x):
        """min(s_H / M_H, s_P / M_P), a ratio being 1 where its M is 0."""
        s_home, s_partner = self.surpluses(x)
        m_home, m_partner = self.ideal
        return np.minimum(s_home / m_home if m_home > 0 else np.ones_like(s_home),
                          s_partner / m_partner if m_partner > 0 else np.ones_like(s_partner))

    def joint(self, x):
        """s_H + s_P, the tie-break of Nash and KS."""
        return sum(self.surpluses(x))

    # the feasible set -----------------------------------------------------------------------
    @cached_property
    def _on_grid(self):
        return (*self.surpluses(self.grid), self.margin(self.grid))

    def _components(self, member, values):
        """Components [lo, hi] of {x : member(x)} from its grid ``values`` (bool), each end refined
        by bisection between the grid point inside and its neighbour outside."""
        inside = np.concatenate([[False], values, [False]])
        starts = np.flatnonzero(inside[1:] & ~inside[:-1])
        stops = np.flatnonzero(inside[:-1] & ~inside[1:]) - 1
        g = self.grid
        return [(g[i] if i == 0 else bisect(member, g[i], g[i - 1]),
                 g[j] if j == GRID - 1 else bisect(member, g[j], g[j + 1]))
                for i, j in zip(starts, stops)]

    @cached_property
    def zopa(self):
        """F as a list of (lo, hi) components."""
        return self._components(lambda x: self.margin(x) >= 0, self._on_grid[2] >= 0)

    def _maximise(self, f, comps, on_grid, tie, seeds=SEEDS):
        """The maximum of f over the union of ``comps`` (``on_grid`` = f(grid)); ties (TIE) go to
        the larger ``tie`` (a number or a tuple, compared lexicographically). The ``seeds`` best
        local maxima of the grid are refined (their refinements are returned as ``peaks``). None
        if comps is empty."""
        xs, vals, found = [], [], []
        for lo, hi in comps:
            idx = np.flatnonzero((self.grid > lo) & (self.grid < hi))
            pts = np.concatenate([[lo], self.grid[idx], [hi]])
            v = np.concatenate([[f(lo)], on_grid[idx], [f(hi)]])
            xs.append(pts)
            vals.append(v)
            peak = (v >= np.concatenate([[-np.inf], v[:-1]])) & (v >= np.concatenate([v[1:], [-np.inf]]))
            found += [(v[j], pts[max(j - 1, 0)], pts[min(j + 1, len(pts) - 1)])
                      for j in np.flatnonzero(peak)]
        if not xs:
            return None
        peaks = [refine(f, a, b) for _, a, b in sorted(found, key=lambda s: -s[0])[:seeds]]
        xs.append(peaks)
        vals.append([f(x) for x in peaks])
        xs, vals = np.concatenate(xs), np.concatenate(vals).astype(float)
        best = vals.max()
        scale = max(1.0, abs(best))
        tied = np.flatnonzero(vals >= best - TIE * scale)
        x = xs[max(tied, key=lambda i: tie(xs[i]))]
        near = xs[vals >= best - UNIQUE * scale]
        return Optimum(float(x), float(f(x)), bool(np.abs(near - x).max() <= 2 * STEP),
                       tuple(peaks))

    @cached_property
    def _ideal_points(self):
        s_home, s_partner, _ = self._on_grid
        return [self._maximise(lambda x, j=j: float(self.surpluses(x)[j]), self.zopa, s, self.joint,
                               PEAKS) for j, s in enumerate((s_home, s_partner))]

    @cached_property
    def ideal(self):
        """(M_H, M_P): the largest surpluses over F (NaN if F is empty)."""
        return tuple(math.nan if o is None else o.value for o in self._ideal_points)

    # Rubinstein --------------------------------------------------------------------------------
    def _best_home(self, p):
        """Home-best point of F with s_P >= p (Optimum; None if there is none)."""
        s_home, s_partner, margin = self._on_grid

        def member(x):
            s_partner, margin = self.constraints(x)
            return margin >= 0 and s_partner >= p

        comps = self._components(member, (margin >= 0) & (s_partner >= p))
        # near a local maximum of s_P the set can lie between two grid points: add those parts
        for top in self._ideal_points[1].peaks:
            if member(top) and not any(lo <= top <= hi for lo, hi in comps):
                j = min(int(top / STEP), GRID - 2)
                comps.append((bisect(member, top, self.grid[j]),
                              bisect(member, top, self.grid[j + 1])))
        return self._maximise(lambda x: float(self.surpluses(x)[0]), comps, s_home,
                              lambda x: float(self.surpluses(x)[1]))

    def frontier(self, p):
        """phi(p) = max {s_H : x in F, s_P >= p}; -inf if there is no such x."""
        best = self._best_home(p)
        return -math.inf if best is None else best.value

    def gap(self, p):
        """phi(p) - delta_H phi(delta_P p): >= 0 iff Home accepts Partner's offer worth p."""
        return self.frontier(p) - self.home.discount * self.frontier(self.partner.discount * p)

    def _grid_gap(self, p):
        """gap(p) from the grid alone (a quick approximation): -inf where no grid point of F has
        s_P >= p, finite elsewhere (phi(delta_P p) >= phi(p))."""
        s_home, s_partner, margin = self._on_grid
        phi = lambda q: s_home[(margin >= 0) & (s_partner >= q)].max(initial=-np.inf)  # noqa: E731
        here = phi(p)
        if here == -np.inf:
            return here
        return here - self.home.discount * phi(self.partner.discount * p)

    def partner_share(self):
        """p*: the largest p in [0, M_P] with gap(p) >= 0 (gap(0) = (1 - delta_H) M_H >= 0)."""
        top = self.ideal[1]
        if self.gap(top) >= 0:
            return top
        ps = np.linspace(0.0, top, SCAN)
        j = max([i for i, p in enumerate(ps) if self._grid_gap(p) >= 0], default=0)
        j = min(j, SCAN - 2)
        while j > 0 and self.gap(ps[j]) < 0:
            j -= 1
        while j < SCAN - 2 and self.gap(ps[j + 1]) >= 0:
            j += 1
        return brentq(self.gap, ps[j], ps[j + 1], xtol=XTOL)

    # solutions ---------------------------------------------------------------------------------
    def nash(self):
        on_grid = self._nash_of(*self._on_grid[:2])

        def tie(x):
            s_home, s_partner = self.surpluses(x)
            return float(self.power * s_home + (1 - self.power) * s_partner), float(self.joint(x))

        return self._result("nash", self._maximise(
            lambda x: float(self.nash_product(x)), self.zopa, on_grid, tie))

    def kalai_smorodinsky(self):
        if not self.zopa:
            return self._result("kalai-smorodinsky", None)
        return self._result("kalai-smorodinsky", self._maximise(
            lambda x: float(self.ks_ratio(x)), self.zopa, self.ks_ratio(self.grid), self.joint))

    def rubinstein(self):
        if not self.zopa:
            return self._result("rubinstein", None)
        p = self.partner_share()
        return self._result("rubinstein", self._best_home(self.partner.discount * p), p)

    def solve(self, solution="nash"):
        """The outcome by ``solution``, each side in its ratification mode."""
        if self.home.ex_post or self.partner.ex_post:
            return self._ratify(self.table.solve(solution))
        return {"nash": self.nash, "kalai-smorodinsky": self.kalai_smorodinsky,
                "rubinstein": self.rubinstein}[solution]()

    # ratification ex post ----------------------------------------------------------------------
    @cached_property
    def table(self):
        """The negotiation at the table: ex-post sides without constituencies (nor budget)."""
        def bare(side):
            return replace(side, constituencies=(), budget=math.inf, ex_post=False) \
                if side.ex_post else side
        return Reference(bare(self.home), bare(self.partner), self.power)

    def _ratify(self, signed):
        """The signed outcome ``signed`` after each ex-post side has bought ratification."""
        if not signed.agreement:
            return signed
        x = signed.concession
        terms = []
        for side, cost, sign in ((self.home, self.side_payment_home, -1.0),
                                 (self.partner, self.side_payment_partner, 1.0)):
            u = side.gain + sign * side.rate * x
            least = float(cost(x))
            pay = least
            if side.ex_post and least > 0:
                rest = u - side.funds_cost * least - side.batna
                if least > side.budget or rest < 0:
                    nan = math.nan
                    return Result(signed.solution, False, nan, nan, nan, nan, nan,
                                  reason="ratification")
                pay = min(side.budget, least + side.veto_rent * rest / side.funds_cost)
            terms.append((pay, u - side.funds_cost * pay))
        (pay_home, u_home), (pay_partner, u_partner) = terms
        return replace(signed, side_payment_home=pay_home, side_payment_partner=pay_partner,
                       home_utility=u_home, partner_utility=u_partner)

    def _result(self, solution, opt, partner_share=math.nan):
        if opt is None:
            nan = math.nan
            return Result(solution, False, nan, nan, nan, nan, nan, reason="zopa")
        u_home, u_partner, pay_home, pay_partner = map(float, self.terms(opt.x))
        return Result(solution, True, opt.x, pay_home, pay_partner, u_home, u_partner, opt.value,
                      opt.unique, float(partner_share))


def solve(negotiation, solution="nash"):
    """Reference outcome of one Negotiation (scalar parameters)."""
    return Reference.from_negotiation(negotiation).solve(solution)
