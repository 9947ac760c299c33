"""The channels of coercion (MODEL.md section 4) as pure functions on broadcast arrays.

Symbols: threat T, credibility q_threat, dependence ratio A_t against the reference A_ref,
hierarchy H_t, legitimacy L, the weights kappa_H (``deference``), kappa_L (``legitimacy_weight``),
b_backlash (``backlash``), eps (``trust_premium``); trust tau_target and tau_sender, threshold
tau_star (``trust_threshold``); 1_results = 1 for a results demand, 0 for a rules demand.
"""
import numpy as np


def material(threat, credibility, dependence, reference_dependence):
    """m = q_threat T A_t / A_ref: how far the threat lowers the target's no-agreement value."""
    return np.multiply(credibility, threat) * np.divide(dependence, reference_dependence)


def deference(weight, hierarchy):
    """kappa_H H_t: the pull of the hierarchy on the value of refusing (threat or not)."""
    return np.multiply(weight, hierarchy)


def legitimacy(weight, legitimacy_):
    """kappa_L L: the pull of a legitimate demand on the value of refusing (threat or not)."""
    return np.multiply(weight, legitimacy_)


def backlash(weight, threat, legitimacy_):
    """b_backlash T (1 - L): the rise of the target's constituencies' status quo under a threat."""
    return np.multiply(weight, threat) * (1.0 - np.asarray(legitimacy_, float))


def trust_premium(weight, trust_target, results):
    """eps (1 - tau_target) 1_results: the extra cost per unit of a results demand (the target's
    cost becomes c_H (1 + this))."""
    return np.multiply(weight, 1.0 - np.asarray(trust_target, float)) * np.asarray(results, float)


def demands_results(trust_sender, trust_threshold):
    """The sender's choice: a results demand iff tau_sender < tau_star."""
    return np.less(trust_sender, trust_threshold)
