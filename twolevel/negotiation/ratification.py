"""Ratification modes (MODEL.md section 1, "Ratification mode"): a vectorised layer around the
kernel ``solve_arrays``; every caller solves through ``solve_ratified``.

committed (default): the side's constituencies and the cost of buying them are known at the table;
the kernel's F and solution as they are (an all-committed batch is exactly ``solve_arrays``).

ex_post: the side signs first and buys ratification afterwards. The governments bargain over
    F0 = {x in [0, 1] : u_H >= d_H, u_P >= d_P, the constraints of the committed sides},
the kernel on the same negotiation with the ex-post sides' constituencies (and so their budget
constraints) left out, giving x0 by the chosen solution. Then each ex-post side, with
S_min = S(x0) its cheapest side payment and s = u(x0) - lam S_min - d its surplus after paying it,
pays
    S = min(B, S_min + eta max(0, s) / lam)  where S_min > 0,   S = 0 where S_min = 0,
eta (``veto_rent``) being the share of that surplus the losing bloc extracts; the payments go to
the cheapest winning coalition's losers in proportion to their losses, and U = u(x0) - lam S.
Ratification fails (no agreement, reason "ratification") where S_min > B or s < 0; where
S_min = 0 it cannot fail (x0 in F0 has u(x0) >= d).

Ratification of x0 fails exactly where x0 lies outside F (the eta-rent is paid out of s >= 0), so
F is the set of agreements that survive ratification in both modes: ``limit_home = max F``,
``limit_partner = min F`` and ``zopa = F`` mean the same in both; an ex-post side just does not
bargain on them (its signed x0 may lie beyond them, and then ratification fails).
"""
from dataclasses import dataclass, fields, replace

import numpy as np

from .arrays import SideArrays
from .coalitions import cheapest
from .kernel import INTERVALS, OutcomeArrays, solve_arrays

# reason codes of ``RatifiedOutcome.reason``: agreement, empty ZOPA, failed ratification
REASONS = (None, "zopa", "ratification")
AGREED, ZOPA, RATIFICATION = range(3)
MODES = ("committed", "ex_post")
OPTIONAL = ("limit_home", "limit_partner") + INTERVALS     # may be None (not computed)


@dataclass(frozen=True, eq=False)
class RatifiedOutcome(OutcomeArrays):
    """OutcomeArrays with ``reason`` (N,) int8 codes into REASONS (0 where agreed), ``signed``
    (N,) the concession signed at the table (x0, kept where ratification then fails; the
    concession itself where all sides are committed; NaN where nothing was signed) and the
    modes ``ex_post_home``, ``ex_post_partner`` (N,) bool. Limits and intervals are those of F
    (see the module); they are None where not computed (``limits=False`` with ex-post sides)."""

    reason: np.ndarray | None = None
    signed: np.ndarray | None = None
    ex_post_home: np.ndarray | None = None
    ex_post_partner: np.ndarray | None = None

    @property
    def ratification_failed(self) -> np.ndarray:
        """(N,) bool: a deal was signed but an ex-post side could not ratify it."""
        return self.reason == RATIFICATION


def solve_ratified(home: SideArrays, partner: SideArrays, power, solution="nash", intervals=True,
                   threads=None, limits=True) -> RatifiedOutcome:
    """Solve N negotiations, each side in its own ratification mode (``home.ex_post``,
    ``partner.ex_post``). With committed sides only this is ``solve_arrays`` plus reasons.

    Scenarios are solved in at most four groups by mode (one kernel call each, plus one for the
    limits of F where a side is ex post: ``limits=False`` and ``intervals=False`` skip it).
    """
    power = np.broadcast_to(np.asarray(power, float), (home.n,))
    if not (home.ex_post.any() or partner.ex_post.any()):
        return _committed(solve_arrays(home, partner, power, solution, intervals, threads),
                          home, partner)
    mode = home.ex_post.astype(np.int8) + 2 * partner.ex_post
    groups = []
    for code in np.unique(mode):
        rows = np.flatnonzero(mode == code)
        h, p = home.take(rows), partner.take(rows)
        if code == 0:
            out = _committed(solve_arrays(h, p, power[rows], solution, intervals, threads), h, p)
        else:
            out = _ex_post(h, p, power[rows], solution, intervals, threads, limits)
        groups.append((rows, out))
    return _scatter(groups, home.n)


def ratify(x0, side: SideArrays, sign):
    """Ex post ratification of the signed x0 (N,) by ``side`` (``sign`` +1 for Partner's
    u = g + c x, -1 for Home's u = g - c x): (ratified, S, payments (N, m), U), NaN terms where
    not ratified (or x0 is NaN)."""
    s_min, pay = cheapest(x0, side)
    u = side.gain + sign * side.rate * x0
    lam = side.funds_cost
    surplus = u - lam * s_min - side.batna
    paid = s_min > 0
    ok = (s_min == 0) | (paid & (s_min <= side.budget) & (surplus >= 0))
    s = np.where(paid, np.minimum(side.budget,
                                  s_min + side.veto_rent * np.maximum(surplus, 0.0) / lam), 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(paid, s / s_min, 0.0)                   # each loser: loss * S / S_min
    nan = np.where(ok, 0.0, np.nan)
    return ok, s + nan, pay * share[:, None] + nan[:, None], u - lam * s + nan


def without_constituencies(side: SideArrays) -> SideArrays:
    """The side with its constituencies (and so its budget constraint) left out."""
    none = np.zeros((side.n, 0))
    return replace(side, e=none, k=none, v0=none, w=none, budget=np.full(side.n, np.inf))


def _committed(out: OutcomeArrays, home, partner) -> RatifiedOutcome:
    reason = np.where(out.agreement, AGREED, ZOPA).astype(np.int8)
    return RatifiedOutcome(**{f.name: getattr(out, f.name) for f in fields(OutcomeArrays)},
                           reason=reason, signed=out.concession, ex_post_home=home.ex_post,
                           ex_post_partner=partner.ex_post)


def _ex_post(home, partner, power, solution, intervals, threads, limits) -> RatifiedOutcome:
    """One group of scenarios in which the same sides (at least one) ratify ex post."""
    sides = {"home": (home, -1.0, bool(home.ex_post[0])),
             "partner": (partner, 1.0, bool(partner.ex_post[0]))}
    table = solve_arrays(*(without_constituencies(s) if ex else s for s, _, ex in sides.values()),
                         power, solution, intervals=False, threads=threads)
    x0 = table.concession
    agreed = table.agreement.copy()
    terms = {}
    for role, (side, sign, ex) in sides.items():
        if ex:
            ok, s, pay, u = ratify(x0, side, sign)
            agreed &= ok
        else:
            s, pay = getattr(table, f"side_payment_{role}"), getattr(table, f"payments_{role}")
            u = getattr(table, f"{role}_utility")
        terms[role] = (s, pay, u)
    nan = np.where(agreed, 0.0, np.nan)
    out = {f.name: getattr(table, f.name) for f in fields(OutcomeArrays)}
    out.update(concession=x0 + nan, agreement=agreed)
    for role, (s, pay, u) in terms.items():
        out.update({f"side_payment_{role}": s + nan, f"payments_{role}": pay + nan[:, None],
                    f"{role}_utility": u + nan})
    feasible = (solve_arrays(home, partner, power, solution, intervals, threads)
                if limits or intervals else None)
    for name in OPTIONAL:
        out[name] = None if feasible is None else getattr(feasible, name)
    reason = np.where(agreed, AGREED, np.where(table.agreement, RATIFICATION, ZOPA))
    return RatifiedOutcome(**out, reason=reason.astype(np.int8), signed=x0,
                           ex_post_home=home.ex_post, ex_post_partner=partner.ex_post)


def _scatter(groups, n) -> RatifiedOutcome:
    """The groups' outcomes [(rows, RatifiedOutcome)] put back in scenario order."""
    first = groups[0][1]
    if len(groups) == 1 and np.array_equal(groups[0][0], np.arange(n)):
        return first
    out = {"solution": first.solution}
    for f in fields(RatifiedOutcome)[1:]:
        parts = [(rows, getattr(res, f.name)) for rows, res in groups]
        if any(a is None for _, a in parts):
            out[f.name] = None
            continue
        if f.name in INTERVALS:          # padded intervals: NaN-padded to the widest group
            full = np.full((n, max(a.shape[1] for _, a in parts), 2), np.nan)
            for rows, a in parts:
                full[rows, :a.shape[1]] = a
        else:
            full = np.empty((n,) + parts[0][1].shape[1:], parts[0][1].dtype)
            for rows, a in parts:
                full[rows] = a
        out[f.name] = full
    return RatifiedOutcome(**out)
