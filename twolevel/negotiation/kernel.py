"""The compiled two-level solver: N negotiations in one call, one fused loop per scenario.

Per scenario (in blocks of scenarios that one worker per thread takes off a shared counter, numba
``prange`` over the workers): each side's canonical
thresholds and cheapest side payment S on [0, 1] (``coalitions.envelope``, from its own coalitions
only), the feasible pieces on the union of both sides' breakpoints (``pieces.build``), the chosen
solution on them, the payments at x*, and on request the win-sets and the ZOPA. Memory per thread
is a few arrays of the size of one scenario's pieces, whatever N.
"""
import math
import os
import platform
from dataclasses import dataclass

import numba
import numpy as np
from numba import njit, prange

from ..common.errors import TwoLevelError
from ..common.validate import choice
from .arrays import SideArrays
from .coalitions import cheapest_at, check_size, envelope, prepare, work
from .compiled import cycles, fetch_add, helper, inlined
from .kalai_smorodinsky import kalai_smorodinsky
from .nash import nash
from .pieces import HI, LO, build, pieces, zopa_rows
from .rubinstein import rubinstein, work as rubinstein_work
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
BLOCK = 1024         # at most this many scenarios per block (a worker's unit of work)
SIDE = ("gain", "rate", "batna", "funds_cost", "budget", "quota", "discount", "e", "k", "v0", "w")


def solve_arrays(home: SideArrays, partner: SideArrays, power, solution="nash",
                 intervals=True, threads=None, trace=None) -> OutcomeArrays:
    """Solve N negotiations. ``power`` is theta (N,). U_H = g_H - c_H x - lam_H S_H(x),
    U_P = g_P + c_P x - lam_P S_P(x), solved over F by ``solution``.

    Scenarios are solved in blocks of ``block_size(N, threads)`` by ``threads`` threads (default:
    THREADS). ``trace``, an int64 array (blocks, 3), receives each block's thread and its start
    and end on the processor's cycle counter (a profile of the blocks as they run).
    """
    code = SOLUTIONS.index(choice("solution", solution, SOLUTIONS))
    check_size(home.m)
    check_size(partner.m)
    n = home.n
    power = np.ascontiguousarray(np.broadcast_to(np.asarray(power, float), (n,)))
    sides = tuple(np.ascontiguousarray(getattr(s, f), float) for s in (home, partner) for f in SIDE)
    threads = max(1, min(THREADS if threads is None else threads, numba.config.NUMBA_NUM_THREADS))
    block = block_size(n, threads)
    if trace is None:
        trace = np.empty((0, 3), np.int64)
    elif platform.machine().lower() not in ("x86_64", "amd64"):
        raise TwoLevelError("trace", "reads the x86-64 cycle counter; this machine is "
                            f"{platform.machine()}")
    elif (not isinstance(trace, np.ndarray) or trace.dtype != np.int64
          or trace.shape != (block_count(n, threads), 3) or not trace.flags.c_contiguous):
        raise TwoLevelError("trace", f"an int64 array of shape ({block_count(n, threads)}, 3) "
                            f"(blocks of "
                            f"{block} scenarios on {threads} threads), got {type(trace).__name__}"
                            f" {getattr(trace, 'shape', '')}")
    width = home.m + partner.m + 2
    while True:
        out = _outputs(n, home.m, partner.m, width if intervals else 0)
        numba.set_num_threads(threads)
        _solve(sides[:len(SIDE)], sides[len(SIDE):], power, code, intervals, block, threads, out,
               trace)
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


def block_size(n, threads):
    """Scenarios per block: at most BLOCK, and at least four blocks per thread (the threads take
    blocks as they finish the last, so a slow thread holds up the end by one block at most)."""
    return int(max(1, min(BLOCK, math.ceil(n / (4 * threads)))))


def block_count(n, threads):
    """The number of blocks of n scenarios on ``threads`` threads (the rows of a trace)."""
    return -(-n // block_size(n, threads))


def _outputs(n, m_home, m_partner, width):
    f = (lambda *shape: np.empty((n,) + shape))      # noqa: E731
    rows = 1 if width else 0
    return (np.empty(n, bool), f(), f(), f(), f(), f(), f(m_home), f(m_partner), f(), f(), f(),
            f(), f(m_home + 2 if rows else 0, 2), f(m_partner + 2 if rows else 0, 2),
            f(width, 2), np.zeros(n, np.int64))


@inlined
def _side(side, i, w, state, at):
    """One side of scenario i (``coalitions.prepare``, then S on [0, 1]); ``state[at:at + 2]``
    carries (coalitions, their scenario) from the side's previous scenario. Returns (need,
    segments), -1 segments when the side's work arrays ``w`` = (F, I, G) are full."""
    e, k, v0 = side[7], side[8], side[9]
    F, I, G = w
    need, state[at], state[at + 1] = prepare(i, e, k, v0, side[10], side[5], state[at + 1],
                                             state[at], F, I, G)
    return need, envelope(e[i], k[i], v0[i], need, state[at], F, I)


@inlined
def _scalars(side, i):
    """(g, c, d, lam, B) of scenario i."""
    return side[0][i], side[1][i], side[2][i], side[3][i], side[4][i]


@inlined
def _pay(x, side, i, need, w, ncoal, pay):
    """S(x) of one side and its payments into ``pay[i]``."""
    return cheapest_at(x, side[7][i], side[8][i], side[9][i], need, ncoal, w[0], w[1], pay[i])


@inlined
def _winset(side, i, need, w, rows):
    """The side's win-set of scenario i into ``rows[i]``."""
    winset_row(side[7][i], side[8][i], side[9][i], need, w[0], rows[i])


@inlined
def _scenario(i, home, partner, theta, code, intervals, wH, wP, pcs, R, state, out):
    """Solve scenario i into ``out``. Returns 0, or which work arrays are too short: 1 (Home's
    envelope), 2 (Partner's), 3 (the pieces; their count in ``state[4]``), 4 (Rubinstein's R)."""
    (agreement, x_out, u_home, u_partner, s_home, s_partner, pay_home, pay_partner,
     r_home, r_partner, lim_home, lim_partner, ws_home, ws_partner, zopa, zcount) = out
    needH, nH = _side(home, i, wH, state, 0)
    if nH < 0:
        return 1
    needP, nP = _side(partner, i, wP, state, 2)
    if nP < 0:
        return 2
    if pcs.shape[1] < nH + nP:
        state[4] = nH + nP
        return 3
    gH, cH, dH, lamH, budgetH = _scalars(home, i)
    gP, cP, dP, lamP, budgetP = _scalars(partner, i)
    K = build(wH[0], nH, wP[0], nP, (gH, cH, dH, lamH, budgetH), (gP, cP, dP, lamP, budgetP),
              pcs)
    r_home[i] = (gH - dH) / cH
    r_partner[i] = (dP - gP) / cP
    if intervals:
        zcount[i] = zopa_rows(pcs, K, zopa[i])
        _winset(home, i, needH, wH, ws_home)
        _winset(partner, i, needP, wP, ws_partner)
    agreement[i] = K > 0
    if K == 0:
        x_out[i] = u_home[i] = u_partner[i] = s_home[i] = s_partner[i] = np.nan
        lim_home[i] = lim_partner[i] = np.nan
        pay_home[i, :] = np.nan
        pay_partner[i, :] = np.nan
        return 0
    lim_partner[i] = pcs[LO, 0] + 0.0
    lim_home[i] = pcs[HI, K - 1] + 0.0
    if code == 0:
        x = nash(pcs, K, theta[i])
    elif code == 1:
        x = kalai_smorodinsky(pcs, K)
    else:
        x, done = rubinstein(pcs, K, home[6][i], partner[6][i], R)
        if not done:
            return 4
    x += 0.0                       # -0.0 (a bound -a/b with a = 0) reads as 0
    x_out[i] = x
    s_home[i] = _pay(x, home, i, needH, wH, state[0], pay_home)
    s_partner[i] = _pay(x, partner, i, needP, wP, state[2], pay_partner)
    u_home[i] = gH - cH * x - lamH * s_home[i]
    u_partner[i] = gP + cP * x - lamP * s_partner[i]
    return 0


@njit(cache=True)
def _start(m):
    """Initial segment capacity of one side's S: (m + 1) stretches, each with up to
    m (m - 1) / 2 + 1 segments when the j smallest of m lines are summed."""
    return (m + 1) * (m * (m - 1) // 2 + 1) + 1


@helper
def _block(i, end, home, partner, theta, code, intervals, wH, wP, pcs, R, state, out):
    """Scenarios i..end - 1 (``_scenario``); the first one whose work arrays are too short
    (its status in ``state[5]``), or ``end``."""
    while i < end:
        state[5] = _scenario(i, home, partner, theta, code, intervals, wH, wP, pcs, R, state,
                             out)
        if state[5] != 0:
            return i
        i += 1
    return end


@njit(cache=True, parallel=True, nogil=True)
def _solve(home, partner, theta, code, intervals, block, workers, out, trace):
    """``workers`` (one per thread), each taking the next block off a shared counter until none
    is left (threads that run slower, on a shared machine, take fewer blocks)."""
    n = theta.shape[0]
    mH, mP = home[7].shape[1], partner[7].shape[1]
    blocks = (n + block - 1) // block
    taken = np.zeros(1, np.int64)
    for _ in prange(workers):
        wH, wP = work(mH, _start(mH)), work(mP, _start(mP))
        pcs = pieces(wH[0].shape[1] + wP[0].shape[1])
        R = rubinstein_work(2 * pcs.shape[1] + 8)
        # coalitions (count, scenario) per side; pieces needed; status of the last scenario
        state = np.array([0, -1, 0, -1, 0, 0])
        b = fetch_add(taken, 1)
        while b < blocks:
            if trace.shape[0]:
                trace[b, 0], trace[b, 1] = numba.get_thread_id(), cycles()
            i, end = b * block, min(n, (b + 1) * block)
            while i < end:
                i = _block(i, end, home, partner, theta, code, intervals, wH, wP, pcs, R,
                           state, out)
                if state[5] == 1:
                    wH = work(mH, 2 * wH[0].shape[1])
                    state[0], state[1] = 0, -1
                elif state[5] == 2:
                    wP = work(mP, 2 * wP[0].shape[1])
                    state[2], state[3] = 0, -1
                elif state[5] == 3:
                    pcs = pieces(2 * state[4])
                    R = rubinstein_work(2 * pcs.shape[1] + 8)
                elif state[5] == 4:
                    R = rubinstein_work(2 * R.shape[1])
            if trace.shape[0]:
                trace[b, 2] = cycles()
            b = fetch_add(taken, 1)
