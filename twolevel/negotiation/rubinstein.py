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

from .compiled import allocates, helper
from .pieces import AH, AP, BH, BP, halfline, HI, LO, surplus


@allocates
def _grow(a, n):
    if n < a.shape[0]:
        return a
    b = np.empty(2 * a.shape[0] + 4)
    b[:a.shape[0]] = a
    return b


@allocates
def _segments(pc, K):
    """Each piece's ends as (pa, ha) and (pb, hb) in the (s_P, s_H) plane with pa <= pb."""
    pa, ha, pb, hb = np.empty(K), np.empty(K), np.empty(K), np.empty(K)
    for j in range(K):
        p0, h0 = surplus(pc[AP, j], pc[BP, j], pc[LO, j]), surplus(pc[AH, j], pc[BH, j], pc[LO, j])
        p1, h1 = surplus(pc[AP, j], pc[BP, j], pc[HI, j]), surplus(pc[AH, j], pc[BH, j], pc[HI, j])
        if p0 > p1 or (p0 == p1 and h0 < h1):
            p0, h0, p1, h1 = p1, h1, p0, h0
        pa[j], ha[j], pb[j], hb[j] = p0, h0, p1, h1
    return pa, ha, pb, hb


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


@allocates
def frontier(pc, K):
    """phi on [0, M_P] as pieces (z_i, z_{i+1}] with value h_i at z_i+ and slope sigma_i: arrays
    (z, h, sigma, count, M_P). phi is left-continuous (a segment ending at pb counts there)."""
    pa, ha, pb, hb = _segments(pc, K)
    top = 0.0
    for j in range(K):
        top = max(top, pb[j])
    q = np.empty(2 * K + 2)
    nq = 0
    q[nq] = 0.0
    nq += 1
    for j in range(K):
        for p in (pa[j], pb[j]):
            if p > 0.0 and p < top:
                q[nq] = p
                nq += 1
    q[nq] = top
    nq += 1
    q = np.unique(q[:nq])
    z, h, sig = np.empty(2 * nq + 2), np.empty(2 * nq + 2), np.empty(2 * nq + 2)
    n = 0
    for i in range(q.shape[0] - 1):
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
            z, h, sig = _grow(z, n), _grow(h, n), _grow(sig, n)
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
    return z, h, sig, n, top


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


@allocates
def partner_share(pc, K, delta_H, delta_P):
    """p*, Partner's surplus from its own offer."""
    z, h, sig, n, top = frontier(pc, K)
    if top <= 0.0:
        return top
    eps_H, eps_P = 1.0 - delta_H, 1.0 - delta_P
    y = np.empty(2 * n + 1)
    ny = 0
    for i in range(n):
        y[ny] = z[i]
        ny += 1
        if z[i] / delta_P < top:
            y[ny] = z[i] / delta_P
            ny += 1
    y[ny] = top
    y = np.unique(y[:ny + 1])
    for k in range(y.shape[0] - 2, -1, -1):
        a, b = y[k], y[k + 1]
        mid = 0.5 * (a + b)
        i, j = _piece(z, n, mid), _piece(z, n, delta_P * mid)

        def gap(p):
            low = h[j] + sig[j] * (delta_P * p - z[j])          # phi(delta_P p)
            if i == j:
                return sig[i] * (eps_P * p) + eps_H * low
            return (h[i] + sig[i] * (p - z[i])) - low + eps_H * low

        g_a, g_b = gap(a), gap(b)
        if g_b >= 0.0:
            return b
        if g_a > 0.0:
            return a + g_a * ((b - a) / (g_a - g_b))
    return 0.0


@allocates
def rubinstein(pc, K, delta_H, delta_P):
    """Rubinstein concession x* over the K pieces ``pc``."""
    q = delta_P * partner_share(pc, K, delta_H, delta_P)
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
    return best
