"""Rubinstein alternating offers, Home proposing first (MODEL.md 1.3).

Let phi(p) = max {s_H(x) : x in F, s_P(x) >= p} be Home's best surplus when Partner must get p (the
Pareto frontier). In the stationary equilibrium Partner's offer gives it p*, the largest p in
[0, M_P] with
    gap(p) = phi(p) - delta_H phi(delta_P p) >= 0     (Home accepts p rather than propose next round),
with equality at an interior root; Home's offer x* gives Partner delta_P p* and is accepted at once:
x* is the Home-best point of F with s_P >= delta_P p* (ties to the larger s_P). In the linear case
this is U_P(x_H) - d_P = delta_P (U_P(x_P) - d_P) and U_H(x_P) - d_H = delta_H (U_H(x_H) - d_H); a
ratification cap voids Partner's offers beyond it, so p* = M_P there.

Exactly, no scan: every piece of F is a segment in the (s_P, s_H) plane, so phi is the upper
envelope of piecewise-linear non-increasing functions. Between consecutive ends of the segments
the envelope is convex; its breakpoints there come from a kinetic sweep. Then gap is linear
between consecutive points of {z} and {z / delta_P} (z: phi's breakpoints), so its largest root
is found interval by interval from the top, by the linear formula. With epsilon = 1 - delta the gap
is written as
    [phi(p) - phi(delta_P p)] + epsilon_H phi(delta_P p),
the bracket being sigma epsilon_P p where p and delta_P p share phi's piece of slope sigma: no
cancellation as the discounts approach 1 (accurate to 1e-9 in x* up to delta = 1 - 1e-12).
"""
import numpy as np
from numba import njit

from .compiled import helper
from .pieces import AH, AP, BH, BP, halfline, HI, LO, surplus


# Rows of the work array R (``work(size)``): the pieces' ends in the (s_P, s_H) plane, the points
# of [0, M_P] between them, phi's pieces (start, value, slope) and the points of the gap's search.
PA, HA, PB, HB, Q, Z, H, SIG, Y = range(9)


@njit(cache=True)
def work(size):
    """R for up to ``size`` entries per row."""
    return np.empty((9, size))


@helper
def _sift(a, root, end):
    """Move a[root] down the max-heap a[:end]."""
    while 2 * root + 1 < end:
        child = 2 * root + 1
        if child + 1 < end and a[child + 1] > a[child]:
            child += 1
        if a[root] >= a[child]:
            return
        a[root], a[child] = a[child], a[root]
        root = child


@helper
def _distinct(a, n):
    """Sort a[:n] in place (heapsort: numba's sort would allocate) and keep each value once; the
    count kept."""
    for root in range(n // 2 - 1, -1, -1):
        _sift(a, root, n)
    for end in range(n - 1, 0, -1):
        a[0], a[end] = a[end], a[0]
        _sift(a, 0, end)
    out = 0
    for j in range(n):
        if out == 0 or a[j] != a[out - 1]:
            a[out] = a[j]
            out += 1
    return out


@helper
def _segments(pc, K, R):
    """Each piece's ends as (pa, ha) and (pb, hb) in the (s_P, s_H) plane with pa <= pb."""
    for j in range(K):
        p0, h0 = surplus(pc[AP, j], pc[BP, j], pc[LO, j]), surplus(pc[AH, j], pc[BH, j], pc[LO, j])
        p1, h1 = surplus(pc[AP, j], pc[BP, j], pc[HI, j]), surplus(pc[AH, j], pc[BH, j], pc[HI, j])
        if p0 > p1 or (p0 == p1 and h0 < h1):
            p0, h0, p1, h1 = p1, h1, p0, h0
        R[PA, j], R[HA, j], R[PB, j], R[HB, j] = p0, h0, p1, h1


@helper
def _line(j, p, pa, ha, pb, hb):
    """Segment j's contribution to phi near p (pa[j] <= p on a trade-off part): value at p and
    slope. A trade-off segment (s_H falls as s_P rises) is its line on [pa, pb] and ha left of
    pa; any other is its best s_H, max(ha, hb), up to pb."""
    if ha[j] > hb[j] and pb[j] > pa[j]:
        if p <= pa[j]:
            return ha[j], 0.0
        s = (hb[j] - ha[j]) / (pb[j] - pa[j])
        return ha[j] + s * (p - pa[j]), s
    return max(ha[j], hb[j]), 0.0


@helper
def frontier(pc, K, R):
    """phi on [0, M_P] as pieces (z_i, z_{i+1}] with value h_i at z_i+ and slope sigma_i, into
    R[Z], R[H], R[SIG]: returns (count, M_P), count -1 when R is too short. phi is
    left-continuous (a segment ending at pb counts there)."""
    if 2 * K + 2 > R.shape[1]:
        return -1, 0.0
    _segments(pc, K, R)
    pa, ha, pb, hb, q, z, h, sig = R[PA], R[HA], R[PB], R[HB], R[Q], R[Z], R[H], R[SIG]
    top = 0.0
    for j in range(K):
        top = max(top, pb[j])
    nq = 0
    q[nq] = 0.0
    nq += 1
    for j in range(K):
        for p in (pa[j], pb[j]):
            if p > 0.0 and p < top:
                q[nq] = p
                nq += 1
    q[nq] = top
    nq = _distinct(q, nq + 1)
    n = 0
    for i in range(nq - 1):
        a, b = q[i], q[i + 1]
        mid = 0.5 * (a + b)
        # the live segments (finite on (a, b]) and the top one at a (ties: larger slope)
        vc = sc = -np.inf
        for j in range(K):
            if pb[j] >= b:
                v, s = _line(j, mid, pa, ha, pb, hb)
                v = v + s * (a - mid)
                if v > vc or (v == vc and s > sc):
                    vc, sc = v, s
        x = a
        while True:
            if n >= R.shape[1]:
                return -1, top
            z[n], h[n], sig[n] = x, vc, sc
            n += 1
            best = b
            nxt = -1
            nv = ns = 0.0
            for j in range(K):
                if pb[j] >= b:
                    v, s = _line(j, mid, pa, ha, pb, hb)
                    v = v + s * (x - mid)
                    if s > sc:
                        xc = x + max(0.0, (vc - v) / (s - sc))
                        if xc < best:
                            best, nxt, nv, ns = xc, j, v + s * (xc - x), s
            if nxt < 0:
                break
            vc, sc, x = nv, ns, best
    return n, top


@helper
def _piece(z, n, p):
    """The piece i with z_i < p <= z_{i+1} (0 for p <= z_1)."""
    lo, hi = 0, n - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if z[mid] < p:
            lo = mid
        else:
            hi = mid - 1
    return lo


@helper
def _gap(p, i, j, z, h, sig, delta_P, eps_H, eps_P):
    """gap(p) = phi(p) - delta_H phi(delta_P p) with p on phi's piece i and delta_P p on piece j,
    written with epsilon = 1 - delta (no cancellation as the discounts approach 1)."""
    low = h[j] + sig[j] * (delta_P * p - z[j])          # phi(delta_P p)
    if i == j:
        return sig[i] * (eps_P * p) + eps_H * low
    return (h[i] + sig[i] * (p - z[i])) - low + eps_H * low


@helper
def partner_share(pc, K, delta_H, delta_P, R):
    """p*, Partner's surplus from its own offer; -1 when R is too short."""
    n, top = frontier(pc, K, R)
    if n < 0 or 2 * n + 1 > R.shape[1]:
        return -1.0
    if top <= 0.0:
        return top
    z, h, sig, y = R[Z], R[H], R[SIG], R[Y]
    eps_H, eps_P = 1.0 - delta_H, 1.0 - delta_P
    ny = 0
    for i in range(n):
        y[ny] = z[i]
        ny += 1
        if z[i] / delta_P < top:
            y[ny] = z[i] / delta_P
            ny += 1
    y[ny] = top
    ny = _distinct(y, ny + 1)
    for k in range(ny - 2, -1, -1):
        a, b = y[k], y[k + 1]
        mid = 0.5 * (a + b)
        i, j = _piece(z, n, mid), _piece(z, n, delta_P * mid)
        g_a = _gap(a, i, j, z, h, sig, delta_P, eps_H, eps_P)
        g_b = _gap(b, i, j, z, h, sig, delta_P, eps_H, eps_P)
        if g_b >= 0.0:
            return b
        if g_a > 0.0:
            return a + g_a * ((b - a) / (g_a - g_b))
    return 0.0


@helper
def rubinstein(pc, K, delta_H, delta_P, R):
    """Rubinstein concession x* over the K pieces ``pc`` with the work array R: (x*, True), or
    (NaN, False) when R is too short (solve again with a larger ``work``)."""
    share = partner_share(pc, K, delta_H, delta_P, R)
    if share < 0.0:
        return np.nan, False
    q = delta_P * share
    best = np.nan
    bH = bP = -np.inf
    for j in range(K):
        lo, hi = halfline(pc[AP, j] - q, pc[BP, j], pc[LO, j], pc[HI, j])
        if lo > hi:
            continue
        # Home's best end: the one s_H rises towards (where s_H is flat, s_P's)
        up = pc[BH, j] > 0.0 or (pc[BH, j] == 0.0 and pc[BP, j] > 0.0)
        x = hi if up else lo
        sH, sP = pc[AH, j] + pc[BH, j] * x, pc[AP, j] + pc[BP, j] * x
        if np.isnan(best) or sH > bH or (sH == bH and sP > bP):
            best, bH, bP = x, sH, sP
    return best, True
