"""The compiled two-level solver: N negotiations in one call, one fused loop per scenario.

Per scenario (in parallel over blocks of scenarios, numba ``prange``): each side's canonical
thresholds and cheapest side payment S on [0, 1] (``coalitions.envelope``, from its own coalitions
only), the feasible pieces on the union of both sides' breakpoints (``pieces.build``), the chosen
solution on them, the payments at x*, and on request the win-sets and the ZOPA. Memory per thread
is a few arrays of the size of one scenario's pieces, whatever N.
"""
import math
import os
from dataclasses import dataclass

import numba
import numpy as np
from numba import njit, prange

from .arrays import SideArrays
from ..common.validate import choice
from .coalitions import (cheapest_at, check_size, coalitions_for, envelope, max_minimal,
                         normalised_need, scratch)
from .kalai_smorodinsky import kalai_smorodinsky
from .nash import nash
from .pieces import build, pieces, zopa_rows
from .rubinstein import rubinstein
from .thresholds import canonical
from .winset import winset_row

SOLUTIONS = ("nash", "kalai-smorodinsky", "rubinstein")
INTERVALS = ("winset_home", "winset_partner", "zopa")  # the padded interval fields of OutcomeArrays


@dataclass(frozen=True, eq=False)
class OutcomeArrays:
    """Outcomes of N negotiations; terms are NaN exactly where ``agreement`` is False.

    limit_home = max F and limit_partner = min F are the effective limits of the governments once
    ratification costs count (NaN where F is empty); reservation_* are r_H and r_P before them.

    Interval fields (winsets, zopa) are padded (N, n, 2) arrays, None unless asked for.
    """

    solution: str
    agreement: np.ndarray
    concession: np.ndarray
    home_utility: np.ndarray
    partner_utility: np.ndarray
    side_payment_home: np.ndarray
    side_payment_partner: np.ndarray
    payments_home: np.ndarray
    payments_partner: np.ndarray
    reservation_home: np.ndarray
    reservation_partner: np.ndarray
    limit_home: np.ndarray
    limit_partner: np.ndarray
    winset_home: np.ndarray | None = None
    winset_partner: np.ndarray | None = None
    zopa: np.ndarray | None = None


# threads solving blocks at once: the cores this process may use
THREADS = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
           else os.cpu_count() or 1)
BLOCK = 1024         # at most this many scenarios per block (one set of work arrays each)
SIDE = ("gain", "rate", "batna", "funds_cost", "budget", "quota", "discount", "e", "k", "v0", "w")


def solve_arrays(home: SideArrays, partner: SideArrays, power, solution="nash",
                 intervals=True, threads=None) -> OutcomeArrays:
    """Solve N negotiations. ``power`` is theta (N,). U_H = g_H - c_H x - lam_H S_H(x),
    U_P = g_P + c_P x - lam_P S_P(x), solved over F by ``solution``.

    Scenarios are solved in blocks of at most BLOCK by ``threads`` threads (default: THREADS).
    """
    code = SOLUTIONS.index(choice("solution", solution, SOLUTIONS))
    check_size(home.m)
    check_size(partner.m)
    n = home.n
    power = np.ascontiguousarray(np.broadcast_to(np.asarray(power, float), (n,)))
    sides = [np.ascontiguousarray(getattr(s, f), float) for s in (home, partner) for f in SIDE]
    threads = max(1, min(THREADS if threads is None else threads, numba.config.NUMBA_NUM_THREADS))
    block = int(max(1, min(BLOCK, math.ceil(n / (4 * threads)))))
    width = home.m + partner.m + 2
    while True:
        out = _outputs(n, home.m, partner.m, width if intervals else 0)
        numba.set_num_threads(threads)
        _solve(*sides, power, code, intervals, block, *out)
        count = int(out[-1].max(initial=0))
        if count <= width:
            break
        width = count                        # more ZOPA components than rows: once more, wider
    (agreement, x, u_home, u_partner, s_home, s_partner, pay_home, pay_partner, r_home,
     r_partner, lim_home, lim_partner, ws_home, ws_partner, zopa, _) = out
    extra = {}
    if intervals:
        extra = dict(winset_home=ws_home, winset_partner=ws_partner,
                     zopa=zopa[:, :max(1, count)])
    return OutcomeArrays(solution, agreement, x, u_home, u_partner, s_home, s_partner, pay_home,
                         pay_partner, r_home, r_partner, lim_home, lim_partner, **extra)


def _outputs(n, m_home, m_partner, width):
    f = (lambda *shape: np.empty((n,) + shape))      # noqa: E731
    rows = 1 if width else 0
    return (np.empty(n, bool), f(), f(), f(), f(), f(), f(m_home), f(m_partner), f(), f(), f(),
            f(), f(m_home + 2 if rows else 0, 2), f(m_partner + 2 if rows else 0, 2),
            f(width, 2), np.zeros(n, np.int64))


@njit(cache=True)
def _side(q, e, k, v0, w, i, t, wn, ws, coal, ncoal, last):
    """One side of scenario i: canonical thresholds into t, weights into wn, coalitions (if the
    weights differ); returns (need, ncoal, last)."""
    need = normalised_need(w[i], q[i], wn)
    canonical(e[i], k[i], v0[i], t)
    ncoal, last = coalitions_for(i, last, w, q, wn, need, ws, coal, ncoal)
    return need, ncoal, last


@njit(cache=True)
def _envelope(e, k, v0, wn, need, t, coal, ncoal, ws, xs, sa, sb):
    """``coalitions.envelope`` into arrays grown until it fits: (n, xs, sa, sb)."""
    while True:
        n = envelope(e, k, v0, wn, need, t, coal, ncoal, ws, xs, sa, sb)
        if n >= 0:
            return n, xs, sa, sb
        xs, sa, sb = np.empty(2 * xs.shape[0]), np.empty(2 * sa.shape[0]), np.empty(2 * sb.shape[0])


@njit(cache=True)
def _start(m):
    """Initial segment capacity of one side's S: (m + 1) stretches, each with up to
    m (m - 1) / 2 + 1 segments when the j smallest of m lines are summed."""
    return (m + 1) * (m * (m - 1) // 2 + 1) + 1


@njit(cache=True, parallel=True, nogil=True)
def _solve(hg, hc, hd, hlam, hB, hq, hdel, he, hk, hv0, hw,
           pg, pc, pd, plam, pB, pq, pdel, pe, pk, pv0, pw,
           theta, code, intervals, block,
           agreement, x_out, u_home, u_partner, s_home, s_partner, pay_home, pay_partner,
           r_home, r_partner, lim_home, lim_partner, ws_home, ws_partner, zopa, zcount):
    n = hg.shape[0]
    mH, mP = he.shape[1], pe.shape[1]
    for b in prange((n + block - 1) // block):
        wsH, wsP = scratch(mH), scratch(mP)
        coalH, coalP = np.empty(max_minimal(mH), np.int64), np.empty(max_minimal(mP), np.int64)
        tH, tP, wnH, wnP = np.empty(mH), np.empty(mP), np.empty(mH), np.empty(mP)
        capH, capP = _start(mH), _start(mP)
        xsH, saH, sbH = np.empty(capH + 1), np.empty(capH), np.empty(capH)
        xsP, saP, sbP = np.empty(capP + 1), np.empty(capP), np.empty(capP)
        pcs = pieces(capH + capP)
        ncH = ncP = 0
        lastH = lastP = -1
        for i in range(b * block, min(n, (b + 1) * block)):
            needH, ncH, lastH = _side(hq, he, hk, hv0, hw, i, tH, wnH,
                                      wsH, coalH, ncH, lastH)
            needP, ncP, lastP = _side(pq, pe, pk, pv0, pw, i, tP, wnP,
                                      wsP, coalP, ncP, lastP)
            nH, xsH, saH, sbH = _envelope(he[i], hk[i], hv0[i], wnH, needH, tH, coalH, ncH, wsH,
                                          xsH, saH, sbH)
            nP, xsP, saP, sbP = _envelope(pe[i], pk[i], pv0[i], wnP, needP, tP, coalP, ncP, wsP,
                                          xsP, saP, sbP)
            if pcs.lo.shape[0] < nH + nP:
                pcs = pieces(2 * (nH + nP))
            K = build(xsH, saH, sbH, nH, xsP, saP, sbP, nP,
                      (hg[i], hc[i], hd[i], hlam[i], hB[i]), (pg[i], pc[i], pd[i], plam[i], pB[i]),
                      pcs)
            r_home[i] = (hg[i] - hd[i]) / hc[i]
            r_partner[i] = (pd[i] - pg[i]) / pc[i]
            if intervals:
                zcount[i] = zopa_rows(pcs, K, zopa[i])
                winset_row(he[i], hk[i], hv0[i], hw[i], hq[i], tH, wsH.pts, wnH, ws_home[i])
                winset_row(pe[i], pk[i], pv0[i], pw[i], pq[i], tP, wsP.pts, wnP, ws_partner[i])
            agreement[i] = K > 0
            if K == 0:
                x_out[i] = u_home[i] = u_partner[i] = s_home[i] = s_partner[i] = np.nan
                lim_home[i] = lim_partner[i] = np.nan
                pay_home[i, :] = np.nan
                pay_partner[i, :] = np.nan
                continue
            lim_partner[i] = pcs.lo[0] + 0.0
            lim_home[i] = pcs.hi[K - 1] + 0.0
            if code == 0:
                x = nash(pcs, K, theta[i])
            elif code == 1:
                x = kalai_smorodinsky(pcs, K)
            else:
                x = rubinstein(pcs, K, hdel[i], pdel[i])
            x += 0.0                       # -0.0 (a bound -a/b with a = 0) reads as 0
            x_out[i] = x
            s_home[i] = cheapest_at(x, he[i], hk[i], hv0[i], wnH, needH, tH, coalH, ncH, wsH,
                                    pay_home[i])
            s_partner[i] = cheapest_at(x, pe[i], pk[i], pv0[i], wnP, needP, tP, coalP, ncP, wsP,
                                       pay_partner[i])
            u_home[i] = hg[i] - hc[i] * x - hlam[i] * s_home[i]
            u_partner[i] = pg[i] + pc[i] * x - plam[i] * s_partner[i]
