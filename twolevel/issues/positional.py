"""The positional protocol (MODEL.md section 5): issue by issue, no trades across issues.

Issue k is a one-issue negotiation (section 1) whose shares are the issue's stakes:
sigma_Hk = c_Hk / sum_j c_Hj for Home's gain, no-agreement value and budget, sigma_Pk likewise for
Partner's; an agency takes part in issue k with share tau_ak = |k_ak| / sum_j |k_aj| of its gain,
status quo and budget (sigma_Hk if it has no slope at all), and issues where it has no slope do
not count its weight. The shares sum to 1 over issues, so the issue-level constraints add up to
the package's. An issue without agreement stays at x_k = 0. The collected concessions form the
positional package; it is an agreement iff the whole package is ratified and beats both BATNAs.
"""
from dataclasses import replace

import numpy as np

from .arrays import IssueArrays
from .coalitions import coalitions
from .package import evaluate, solve_package


def shares(arr):
    """(sigma_H, sigma_P, tau): (N, K), (N, K), (N, A, K)."""
    sH = arr.cH / arr.cH.sum(-1, keepdims=True)
    sP = arr.cP / arr.cP.sum(-1, keepdims=True)
    size = np.abs(arr.k)
    total = size.sum(-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        tau = np.where(total > 0, size / total, sH[:, None, :])
    return sH, sP, tau


def split(arr) -> IssueArrays:
    """The N * K one-issue problems (scenario-major: row n * K + k)."""
    sH, sP, tau = shares(arr)
    K = arr.K

    def each(a):                                       # (N,) -> (N * K,)
        return np.repeat(a, K)

    def issue(a):                                      # (N, K) -> (N * K, 1)
        return a.reshape(-1, 1)

    def agency(a):                                     # (N, A) x tau -> (N * K, A)
        return (a[:, :, None] * tau).transpose(0, 2, 1).reshape(arr.n * K, arr.A)

    present = (np.abs(arr.k) > 0) | (np.abs(arr.k).sum(-1, keepdims=True) == 0)
    return IssueArrays(
        gH=(arr.gH[:, None] * sH).reshape(-1), dH=(arr.dH[:, None] * sH).reshape(-1),
        lam=each(arr.lam), B=(arr.B[:, None] * sH).reshape(-1), q=each(arr.q),
        theta=each(arr.theta), gP=(arr.gP[:, None] * sP).reshape(-1),
        dP=(arr.dP[:, None] * sP).reshape(-1), cH=issue(arr.cH), cP=issue(arr.cP),
        e=agency(arr.e), v0=agency(arr.v0), beta=agency(arr.beta),
        w=(arr.w[:, :, None] * present).transpose(0, 2, 1).reshape(arr.n * K, arr.A),
        k=arr.k.transpose(0, 2, 1).reshape(arr.n * K, arr.A, 1))


def solve_positional(arr, solution, solver=solve_package):
    """The positional deal of every scenario of ``arr``: each issue solved by ``solver`` as a
    one-issue problem, then the collected package evaluated as a whole."""
    one = split(arr)
    per = solver(one, solution)
    agreed = per.agreement.reshape(arr.n, arr.K)
    x = np.where(agreed, np.nan_to_num(per.concessions.reshape(arr.n, arr.K)), 0.0)
    masks = coalitions(arr.w, arr.q, arr.beta)
    deal = evaluate(arr, x, masks, agree=np.ones(arr.n, bool))
    ok = ratified(arr, deal)
    final = evaluate(arr, np.where(ok[:, None], x, np.nan), masks)
    return replace(final, concessions=np.where(agreed, x, np.nan), issue_agreement=agreed)


def ratified(arr, deal):
    """The deal is ratified (G <= B_H) and beats both BATNAs, up to rounding."""
    tol = 1e-9 * (1 + np.abs(arr.gH) + np.abs(arr.gP) + np.abs(arr.dH) + np.abs(arr.dP))
    return ((deal.side_payment <= arr.B + tol) & (deal.home_utility >= arr.dH - tol)
            & (deal.partner_utility >= arr.dP - tol))
