"""Cheapest side payments (MODEL.md section 1), one side at a time.

S(x) = min over winning coalitions C of sum_{i in C} l_i(x), with the loss
l_i(x) = max(0, v0_i - e_i - k_i x) (0 where i supports x, decided on the canonical thresholds of
``winset``). A cheapest coalition holds every supporter, so only the losers' weight is chosen:
- when the losers' weights are equal (always with equal weights or unanimity), S is the sum of
  the j smallest losses, j the fewest losers that reach the quota: polynomial in m;
- otherwise S is the minimum over the minimal winning coalitions (enumerated once per distinct
  weights and quota; at most C(16, 8) = 12,870 for MAX_CONSTITUENCIES = 16).
Between consecutive thresholds of the side every loss is a line, so S is the lower envelope of
the candidate coalitions' cost lines there: concave, piecewise linear, built by a kinetic sweep
(the current cheapest line, then the earliest crossing by a line of smaller slope). ``envelope``
gives S on [0, 1] as breakpoints and lines; ``cheapest`` evaluates it at given concessions.

Weights enter as w_i / max_j w_j (weights up to 1e308 do not overflow the quota test).
"""
import numpy as np
from numba import njit, prange

from ..common.errors import TwoLevelError
from .compiled import helper
from .thresholds import canonical, points, supports

MAX_CONSTITUENCIES = 16
QUOTA_TOL = 1e-12  # relative slack in the weight test, so that 0.1 + 0.2 >= 0.3 holds


def ratifies(support_weight, total_weight, quota):
    """The quota rule: support_weight >= q * total_weight (up to QUOTA_TOL relative)."""
    return support_weight >= quota * total_weight * (1 - QUOTA_TOL)


def masks(m):
    """All 2^m coalitions of m constituencies as a boolean (2^m, m) array."""
    check_size(m)
    ids = np.arange(2 ** m)
    return ((ids[:, None] >> np.arange(m)) & 1).astype(bool)


def check_size(m):
    if m > MAX_CONSTITUENCIES:
        raise TwoLevelError("constituencies", f"at most {MAX_CONSTITUENCIES} per side "
                            f"(exact coalition enumeration), got {m}")


@helper
def max_minimal(m):
    """C(m, floor(m / 2)), at least 1."""
    c = 1
    for i in range(m // 2):
        c = c * (m - i) // (i + 1)
    return c


# One side's work arrays, so that a compiled call passes two arrays (F, I), not fifteen; G holds
# the enumeration of coalitions, passed only where they are enumerated. Rows of F
# (float): canonical thresholds, normalised weights, points, loss lines (alpha + beta x), their
# values, coalition cost lines (la + lb x), and S itself as breakpoints XS with lines SA + SB x.
# Rows of I (int): the losers' indices, an ordering, membership, the minimal coalitions' masks.
T, WN, PTS, ALPHA, BETA, VALUES, LA, LB, XS, SA, SB = range(11)
WHO, IDX, INSET, COAL = range(4)


@njit(cache=True)
def work(m, segments):
    """(F, I, G) for m constituencies and S of up to ``segments`` segments; G (2, 2^m) is the
    coalition enumeration's sums and lightest members."""
    c = max_minimal(m)
    return (np.empty((11, max(m + 2, c, segments + 1))), np.empty((4, max(m, c)), np.int64),
            np.empty((2, 1 << m)))


@helper
def ratifies_jit(weight, need):
    return weight >= need


@helper
def normalised_need(w, q, wn):
    """w / max(w) into ``wn``; the winning weight q * sum(wn) (1 - QUOTA_TOL)."""
    top = 0.0
    for i in range(w.shape[0]):
        top = max(top, w[i])
    total = 0.0
    for i in range(w.shape[0]):
        wn[i] = w[i] / top
        total += wn[i]
    return q * total * (1.0 - QUOTA_TOL)


@helper
def all_equal(wn, m):
    for i in range(1, m):
        if wn[i] != wn[0]:
            return False
    return True


@helper
def minimal_masks(wn, need, sums, lightest, out):
    """Minimal winning coalitions as bit masks into ``out``; their number. A winning coalition is
    minimal iff dropping its lightest member loses (``sums``, ``lightest``: scratch of 2^m)."""
    m = wn.shape[0]
    sums[0] = 0.0
    lightest[0] = np.inf
    n = 0
    for mask in range(1, 1 << m):
        low = mask & -mask
        j = 0
        while (1 << j) != low:
            j += 1
        rest = mask ^ low
        sums[mask] = sums[rest] + wn[j]
        lightest[mask] = min(lightest[rest], wn[j])
        if sums[mask] >= need and sums[mask] - lightest[mask] < need and n < out.shape[0]:
            out[n] = mask            # at most C(m, m // 2) (Sperner); the bound guards rounding
            n += 1
    return n


@helper
def losers(x, e, k, v0, F, I):
    """The constituencies that do not support x: their loss lines l = alpha + beta x (alpha =
    v0 - e, beta = -k) into F and their indices into I[WHO]; returns (count, supporters'
    weight)."""
    n = 0
    free = 0.0
    for i in range(e.shape[0]):
        if supports(x, e[i], k[i], v0[i], F[T, i]):
            free += F[WN, i]
        else:
            F[ALPHA, n] = v0[i] - e[i]
            F[BETA, n] = -k[i]
            I[WHO, n] = i
            n += 1
    return n, free


@helper
def fewest(nl, free, F, I, need):
    """The fewest losers of equal weight that reach the quota with the supporters, or -1 when the
    losers' weights differ (and not all of them are needed)."""
    if free >= need:
        return 0
    wn, who = F[WN], I[WHO]
    equal = True
    total = free
    lightest = np.inf
    for c in range(nl):
        w = wn[who[c]]
        equal = equal and w == wn[who[0]]
        total += w
        lightest = min(lightest, w)
    if total - lightest < need:        # every loser is needed
        return nl
    if not equal:
        return -1
    j = 0
    weight = free
    while weight < need:
        weight += wn[who[0]]
        j += 1
    return j


@helper
def _order(values, slopes, n, idx):
    """Indices 0..n-1 into ``idx`` sorted by (value, slope) (insertion sort; n <= 16)."""
    for c in range(n):
        j = c
        while j > 0 and (values[idx[j - 1]] > values[c] or (
                values[idx[j - 1]] == values[c] and slopes[idx[j - 1]] > slopes[c])):
            idx[j] = idx[j - 1]
            j -= 1
        idx[j] = c


@helper
def _emit(x0, x1, a, b, F, n):
    """Append the segment [x0, x1] with line a + b x to S in F (merged with an equal previous
    line); the new count, or -1 when F is full."""
    if x1 <= x0:
        return n
    if n > 0 and F[SA, n - 1] == a and F[SB, n - 1] == b:
        F[XS, n] = x1
        return n
    if n + 1 >= F.shape[1]:
        return -1
    F[XS, n] = x0
    F[SA, n] = a
    F[SB, n] = b
    F[XS, n + 1] = x1
    return n + 1


@helper
def _smallest(a, b, nl, j, F, I, n):
    """Sum of the j smallest of the nl loss lines on [a, b]: kinetic sweep. A line outside the set
    with a smaller slope than one inside overtakes it at their crossing; the earliest such swap is
    made (each pair swaps at most once)."""
    alpha, beta, values, idx, inset = F[ALPHA], F[BETA], F[VALUES], I[IDX], I[INSET]
    for c in range(nl):
        values[c] = alpha[c] + beta[c] * a
    _order(values, beta, nl, idx)
    for c in range(nl):
        inset[c] = 0
    for r in range(j):
        inset[idx[r]] = 1
    x = a
    while True:
        la = 0.0
        lb = 0.0
        for c in range(nl):
            if inset[c]:
                la += alpha[c]
                lb += beta[c]
        best = np.inf
        bi = -1
        bo = -1
        for i in range(nl):
            if not inset[i]:
                continue
            for o in range(nl):
                if inset[o] or beta[o] >= beta[i]:
                    continue
                xc = max(x, (alpha[o] - alpha[i]) / (beta[i] - beta[o]))
                if xc < best:
                    best, bi, bo = xc, i, o
        if best >= b:
            return _emit(x, b, la, lb, F, n)
        n = _emit(x, best, la, lb, F, n)
        if n < 0:
            return n
        inset[bi] = 0
        inset[bo] = 1
        x = best


@helper
def _cheapest_lines(a, b, nl, ncoal, F, I, n):
    """Lower envelope on [a, b] of the minimal coalitions' cost lines (losers' lines summed):
    kinetic sweep from the cheapest line at a (ties: smaller slope) to crossings by lines of
    smaller slope (slopes fall at every step, so it ends)."""
    alpha, beta, la, lb, who, coal = F[ALPHA], F[BETA], F[LA], F[LB], I[WHO], I[COAL]
    for c in range(ncoal):
        la[c] = 0.0
        lb[c] = 0.0
        for r in range(nl):
            if (coal[c] >> who[r]) & 1:
                la[c] += alpha[r]
                lb[c] += beta[r]
    cur = 0
    for c in range(1, ncoal):
        vc, vb = la[c] + lb[c] * a, la[cur] + lb[cur] * a
        if vc < vb or (vc == vb and lb[c] < lb[cur]):
            cur = c
    x = a
    while True:
        best = np.inf
        nxt = -1
        for c in range(ncoal):
            if lb[c] < lb[cur]:
                xc = max(x, (la[c] - la[cur]) / (lb[cur] - lb[c]))
                if xc < best or (xc == best and lb[c] < lb[nxt]):
                    best, nxt = xc, c
        if best >= b:
            return _emit(x, b, la[cur], lb[cur], F, n)
        n = _emit(x, best, la[cur], lb[cur], F, n)
        if n < 0:
            return n
        cur = nxt
        x = best


@helper
def envelope(e, k, v0, need, ncoal, F, I):
    """S on [0, 1] into F: breakpoints F[XS], lines F[SA] + F[SB] x between F[XS, j] and
    F[XS, j + 1]; the number of segments, or -1 when F is too short. Needs the canonical
    thresholds F[T] and weights F[WN]; stretches between the side's own thresholds
    (``thresholds.points``) are solved one by one."""
    pts = F[PTS]
    npts = points(F[T, :e.shape[0]], pts)
    n = 0
    for s in range(npts - 1):
        a, b = pts[s], pts[s + 1]
        nl, free = losers(0.5 * (a + b), e, k, v0, F, I)
        j = fewest(nl, free, F, I, need)
        if j == 0:
            n = _emit(a, b, 0.0, 0.0, F, n)
        elif j > 0:
            n = _smallest(a, b, nl, j, F, I, n)
        else:
            n = _cheapest_lines(a, b, nl, ncoal, F, I, n)
        if n < 0:
            return n
    return n


@helper
def cheapest_at(x, e, k, v0, need, ncoal, F, I, pay):
    """S(x) and the payments (m,) to the cheapest winning coalition (each paid member its loss)."""
    m = e.shape[0]
    for i in range(m):
        pay[i] = 0.0
    nl, free = losers(x, e, k, v0, F, I)
    alpha, beta, values, who, idx, coal = F[ALPHA], F[BETA], F[VALUES], I[WHO], I[IDX], I[COAL]
    for c in range(nl):
        values[c] = max(0.0, alpha[c] + beta[c] * x)
    j = fewest(nl, free, F, I, need)
    total = 0.0
    if j > 0:
        _order(values, beta, nl, idx)
        for r in range(j):
            c = idx[r]
            pay[who[c]] = values[c]
            total += values[c]
    elif j < 0:
        best = np.inf
        pick = 0
        for c in range(ncoal):
            cost = 0.0
            for r in range(nl):
                if (coal[c] >> who[r]) & 1:
                    cost += values[r]
            if cost < best:
                best, pick = cost, coal[c]
        for r in range(nl):
            if (pick >> who[r]) & 1:
                pay[who[r]] = values[r]
                total += values[r]
    return total


@helper
def same_rule(w, q, w2, q2):
    if q != q2:
        return False
    for i in range(w.shape[0]):
        if w[i] != w2[i]:
            return False
    return True


@helper
def prepare(i, e, k, v0, w, quota, last, ncoal, F, I, G):
    """Scenario i of a side: canonical thresholds into F[T], weights into F[WN], and the minimal
    winning coalitions into I[COAL] unless the weights are equal (not needed) or scenario
    ``last`` had the same weights and quota. Returns (need, ncoal, last)."""
    m = e.shape[1]
    wn = F[WN, :m]
    need = normalised_need(w[i], quota[i], wn)
    canonical(e[i], k[i], v0[i], F[T, :m], I[IDX, :m])
    if all_equal(wn, m) or (last >= 0 and same_rule(w[i], quota[i], w[last], quota[last])):
        return need, ncoal, last
    return need, minimal_masks(wn, need, G[0], G[1], I[COAL]), i


@njit(cache=True, parallel=True)
def _cheapest(x, e, k, v0, w, quota, total, pay, block):
    n, m = e.shape
    blocks = (n + block - 1) // block
    for b in prange(blocks):
        F, I, G = work(m, 1)
        ncoal, last = 0, -1
        for i in range(b * block, min(n, (b + 1) * block)):
            if np.isnan(x[i]):
                total[i] = np.nan
                pay[i, :] = np.nan
                continue
            need, ncoal, last = prepare(i, e, k, v0, w, quota, last, ncoal, F, I, G)
            total[i] = cheapest_at(x[i], e[i], k[i], v0[i], need, ncoal, F, I, pay[i])


def cheapest(x, side):
    """Cheapest side payment at concession x for each scenario of ``side`` (SideArrays).

    Returns (S, payments): S (N,) and payments (N, m) to the cheapest winning coalition's members;
    NaN where x is NaN. A side with no constituencies pays nothing.
    """
    check_size(side.m)
    x = np.ascontiguousarray(np.broadcast_to(np.asarray(x, float), (side.n,)))
    total, pay = np.empty(side.n), np.empty((side.n, side.m))
    _cheapest(x, *(np.ascontiguousarray(a, float) for a in (side.e, side.k, side.v0, side.w,
                                                            side.quota)), total, pay, 1024)
    return total, pay


def minimal_coalitions(w, quota):
    """Coalitions (n, m) bool that are minimal winning in at least one scenario (weights ``w``
    (N, m), ``quota`` (N,))."""
    w = np.ascontiguousarray(w, float)
    m = w.shape[-1]
    check_size(m)
    rows = np.unique(np.column_stack([w, quota]), axis=0)
    found = set()
    for row in rows:
        wn = np.empty(m)
        need = normalised_need(row[:m], row[m], wn)
        out = np.empty(max_minimal(m), np.int64)
        count = minimal_masks(wn, need, np.empty(1 << m), np.empty(1 << m), out)
        found.update(out[:count].tolist())
    ids = np.array(sorted(found), np.int64)
    return ((ids[:, None] >> np.arange(m)) & 1).astype(bool)

