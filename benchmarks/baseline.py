"""The physical limit of the kernel on this machine: a compiled loop over scenarios, parallel like
the kernel (numba ``prange``), that reads every input array of ``solve_arrays`` and writes every
output array, with one addition per output and nothing else."""
import numba
import numpy as np
from numba import njit, prange

from twolevel.negotiation.kernel import SIDE


@njit(cache=True, parallel=True, nogil=True)
def _read_write(hg, hc, hd, hlam, hB, hq, hdel, he, hk, hv0, hw,
                pg, pc, pd, plam, pB, pq, pdel, pe, pk, pv0, pw, theta,
                agreement, x, u_home, u_partner, s_home, s_partner, pay_home, pay_partner,
                r_home, r_partner, lim_home, lim_partner):
    for i in prange(hg.shape[0]):
        a = hg[i] + hc[i] + hd[i] + hlam[i] + hB[i] + hq[i] + hdel[i] + theta[i]
        b = pg[i] + pc[i] + pd[i] + plam[i] + pB[i] + pq[i] + pdel[i]
        for j in range(he.shape[1]):
            a += he[i, j] + hk[i, j] + hv0[i, j] + hw[i, j]
            pay_home[i, j] = a
        for j in range(pe.shape[1]):
            b += pe[i, j] + pk[i, j] + pv0[i, j] + pw[i, j]
            pay_partner[i, j] = b
        agreement[i] = a > b
        x[i] = a + b
        u_home[i] = a + 1.0
        u_partner[i] = b + 1.0
        s_home[i] = a + 2.0
        s_partner[i] = b + 2.0
        r_home[i] = a + 3.0
        r_partner[i] = b + 3.0
        lim_home[i] = a + 4.0
        lim_partner[i] = b + 4.0


def read_write(home, partner, power, threads):
    """Read the inputs of N scenarios and write outputs of the kernel's sizes."""
    n = home.n
    out = (np.empty(n, bool), *(np.empty(n) for _ in range(5)), np.empty((n, home.m)),
           np.empty((n, partner.m)), *(np.empty(n) for _ in range(4)))
    numba.set_num_threads(threads)
    _read_write(*(np.ascontiguousarray(getattr(s, f), float) for s in (home, partner)
                  for f in SIDE), np.ascontiguousarray(power, float), *out)
    return out
