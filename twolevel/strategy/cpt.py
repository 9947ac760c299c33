"""Cumulative prospect theory (MODEL.md section 3; Tversky and Kahneman 1992), vectorised.

Value:      v(z) = z**alpha for z >= 0,  v(z) = -loss_aversion * (-z)**beta for z < 0.
Weighting:  Tversky-Kahneman  w(p) = p**g / (p**g + (1 - p)**g)**(1 / g)   (g = gamma_gain for
            gains, gamma_loss for losses), or Prelec  w(p) = exp(-delta * (-ln p)**g).
Decision weights (rank-dependent): a gain x_i gets w+(P(X >= x_i)) - w+(P(X > x_i)) (gains ranked
from the best), a loss gets w-(P(X <= x_i)) - w-(P(X < x_i)) (losses ranked from the worst).
Prospect value V = sum_i pi_i v(x_i); certainty equivalent c with v(c) = V.

Lotteries are arrays of shape (..., k) (outcomes and probabilities, probabilities summing to 1
along the last axis, zero probabilities allowed); every parameter broadcasts over the leading axes.
Expected utility is the nested case alpha = beta = loss_aversion = 1, w(p) = p
(``EXPECTED_UTILITY``).
"""
import numpy as np

WEIGHTINGS = ("tversky-kahneman", "prelec")
TVERSKY_KAHNEMAN = {"alpha": 0.88, "beta": 0.88, "loss_aversion": 2.25, "gamma_gain": 0.61,
                    "gamma_loss": 0.69}
EXPECTED_UTILITY = {"alpha": 1.0, "beta": 1.0, "loss_aversion": 1.0, "gamma_gain": 1.0,
                    "gamma_loss": 1.0}


def value(z, alpha=0.88, beta=0.88, loss_aversion=2.25):
    """v(z): z**alpha for gains, -loss_aversion * (-z)**beta for losses."""
    z = np.asarray(z, dtype=float)
    gain = np.maximum(z, 0.0) ** alpha
    loss = -loss_aversion * np.maximum(-z, 0.0) ** beta
    return np.where(z >= 0, gain, loss)


def weight(p, gamma, weighting="tversky-kahneman", delta=1.0):
    """w(p), Tversky-Kahneman (gamma) or Prelec (gamma, delta); w(0) = 0, w(1) = 1."""
    p = np.clip(np.asarray(p, dtype=float), 0.0, 1.0)
    if weighting == "tversky-kahneman":
        num = p ** gamma
        return num / (num + (1.0 - p) ** gamma) ** (1.0 / gamma)
    if weighting == "prelec":
        with np.errstate(divide="ignore"):
            inner = (-np.log(p)) ** gamma
        return np.where(p > 0, np.exp(-delta * inner), 0.0)
    raise ValueError(f"weighting must be one of {', '.join(WEIGHTINGS)}, got {weighting!r}")


def decision_weights(outcomes, probabilities, gamma_gain=0.61, gamma_loss=0.69,
                     weighting="tversky-kahneman", delta=1.0):
    """Rank-dependent decision weights pi, shape (..., k), in the order of ``outcomes``."""
    x, p = np.broadcast_arrays(np.asarray(outcomes, float), np.asarray(probabilities, float))
    order = np.argsort(x, axis=-1, kind="stable")
    xs = np.take_along_axis(x, order, -1)
    ps = np.take_along_axis(p, order, -1)
    gamma_gain, gamma_loss, delta = (np.asarray(a, float)[..., None]
                                     for a in (gamma_gain, gamma_loss, delta))
    below = np.cumsum(ps, axis=-1)                                   # P(X <= x_i), rank order
    before = np.concatenate([np.zeros_like(ps[..., :1]), below[..., :-1]], -1)   # P(X < x_i)
    at_least = np.flip(np.cumsum(np.flip(ps, -1), -1), -1)            # P(X >= x_i)
    above = np.concatenate([at_least[..., 1:], np.zeros_like(ps[..., :1])], -1)  # P(X > x_i)
    # the probabilities sum to 1 up to rounding: make each cumulation end exactly at 1
    below, before = below / below[..., -1:], before / below[..., -1:]
    at_least, above = at_least / at_least[..., :1], above / at_least[..., :1]
    loss = (weight(below, gamma_loss, weighting, delta)
            - weight(before, gamma_loss, weighting, delta))
    gain = (weight(at_least, gamma_gain, weighting, delta)
            - weight(above, gamma_gain, weighting, delta))
    pis = np.where(xs < 0, loss, gain)
    out = np.empty_like(pis)
    np.put_along_axis(out, order, pis, -1)
    return out


def prospect_value(outcomes, probabilities, alpha=0.88, beta=0.88, loss_aversion=2.25,
                   gamma_gain=0.61, gamma_loss=0.69, weighting="tversky-kahneman", delta=1.0):
    """V = sum_i pi_i v(x_i) over the last axis: shape (...)."""
    x = np.asarray(outcomes, float)
    pis = decision_weights(x, probabilities, gamma_gain, gamma_loss, weighting, delta)
    alpha, beta, loss_aversion = (np.asarray(a, float)[..., None]
                                  for a in (alpha, beta, loss_aversion))
    return np.sum(pis * value(x, alpha, beta, loss_aversion), axis=-1)


def inverse_value(v, alpha=0.88, beta=0.88, loss_aversion=2.25):
    """The sure outcome c with v(c) = v."""
    v = np.asarray(v, float)
    gain = np.maximum(v, 0.0) ** (1.0 / np.asarray(alpha, float))
    loss = -(np.maximum(-v, 0.0) / loss_aversion) ** (1.0 / np.asarray(beta, float))
    return np.where(v >= 0, gain, loss)


def certainty_equivalent(outcomes, probabilities, alpha=0.88, beta=0.88, loss_aversion=2.25,
                         gamma_gain=0.61, gamma_loss=0.69, weighting="tversky-kahneman",
                         delta=1.0):
    """The sure amount c with v(c) = V(lottery): shape (...)."""
    big_v = prospect_value(outcomes, probabilities, alpha, beta, loss_aversion, gamma_gain,
                           gamma_loss, weighting, delta)
    return inverse_value(big_v, alpha, beta, loss_aversion)
