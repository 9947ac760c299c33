"""``coerce``: the two-level solution of a demand with and without the threat (MODEL.md section 4).

The target (Home) sees the sender's demand through the channels (channels.py):
    d_H = d0_H - pi_H - kappa_H H_t - kappa_L L - [threat] q_threat T A_t / A_ref,
    cost c_H (1 + eps (1 - tau_target) R),
    each constituency's status quo v0_i + [threat] b_backlash T (1 - L),
and the negotiation is solved by its own solution concept. The concession is x* with an agreement
and 0 (the status quo) without one; effectiveness = concession - concession without the threat.
"""
from dataclasses import dataclass, field, replace

import numpy as np

from ..negotiation import Negotiation, Outcome, solve
from ..negotiation.outcome import json_array
from . import channels as ch
from .model import CoercionProblem, DEMANDS

CHANNELS = ("material", "deference", "legitimacy", "backlash", "trust")


def channel_sizes(c) -> dict:
    """The size of each channel of the context ``c`` (a Coercion), by name (CHANNELS)."""
    return {
        "material": ch.material(c.threat, c.credibility, c.dependence, c.reference_dependence),
        "deference": ch.deference(c.deference, c.hierarchy),
        "legitimacy": ch.legitimacy(c.legitimacy_weight, c.legitimacy),
        "backlash": ch.backlash(c.backlash, c.threat, c.legitimacy),
        "trust": ch.trust_premium(c.trust_premium, c.trust_target, c.results),
    }


def targeted(negotiation: Negotiation, sizes: dict, threat: bool = True,
             results: bool = True) -> Negotiation:
    """``negotiation`` as the target faces it: Home's pressure raised by the social channels (and
    the material one with the threat), its cost scaled by the trust premium (for a results demand)
    and its constituencies' status quo raised by the backlash (with the threat)."""
    home = negotiation.home
    pull = sizes["deference"] + sizes["legitimacy"] + (sizes["material"] if threat else 0.0)
    cost = home.cost * (1.0 + sizes["trust"]) if results else home.cost
    shift = sizes["backlash"] if threat else 0.0
    cons = tuple(replace(c, status_quo=c.status_quo + shift) for c in home.constituencies)
    home = home.with_(pressure=home.pressure + pull, cost=cost, constituencies=cons)
    return replace(negotiation, home=home)


def needed_pull(negotiation: Negotiation, sizes: dict):
    """The pull (material + social channels) at which the target's reservation point reaches the
    sender's floor: r_P c_H (1 + trust premium) - (g_H - d0_H + pi_H). Past it the governments
    agree unless the win-set (shrunk by the backlash) ends below r_P."""
    home, partner = negotiation.home, negotiation.partner
    r_partner = (partner.no_agreement - np.asarray(partner.gain)) / partner.benefit
    return (r_partner * home.cost * (1.0 + sizes["trust"])
            - (np.asarray(home.gain) - home.no_agreement))[()]


def conceded(outcome: Outcome):
    """x* where there is an agreement, 0 (Home keeps the status quo) where there is none."""
    return np.where(outcome.agreement, np.nan_to_num(outcome.concession), 0.0)[()]


def instrument_limit(outcome: Outcome):
    """The largest concession the target accepts on its own, without side payments: the largest
    x in its win-set W_H with x <= r_H (0 where there is none: it offers nothing)."""
    w = outcome.winset_home
    r = np.asarray(outcome.reservation_home)[..., None]
    reach = np.where(w[..., 0] <= r, np.minimum(w[..., 1], r), -np.inf)   # NaN rows: -inf
    return np.maximum(reach.max(-1, initial=-np.inf), 0.0)[()]


@dataclass(frozen=True, eq=False)
class CoercionOutcome:
    """A demand with and without the threat. Arrays have the problem's shape.

    ``channels``: the size of each channel (CHANNELS); ``demand_choice``: True where the sender
    would demand results (tau_sender < tau_star); ``counter_offer``: for a results demand, the
    instrument the target offers instead (``instrument_limit`` with the trust premium off),
    NaN for a rules demand."""

    concession: np.ndarray
    concession_without_threat: np.ndarray
    agreement: np.ndarray
    agreement_without_threat: np.ndarray
    channels: dict
    demand: object
    demand_choice: np.ndarray
    counter_offer: np.ndarray
    with_threat: Outcome = field(repr=False)
    without_threat: Outcome = field(repr=False)

    @property
    def effectiveness(self):
        """The concession the threat buys: concession - concession_without_threat."""
        return (np.asarray(self.concession) - self.concession_without_threat)[()]

    def __repr__(self):
        d = self.to_dict()
        keys = ("demand", "agreement", "concession", "concession_without_threat",
                "effectiveness", "counter_offer")
        if np.ndim(self.concession):
            return (f"CoercionOutcome(shape={np.shape(self.concession)}, agreements="
                    f"{int(np.sum(self.agreement))}, mean effectiveness="
                    f"{float(np.mean(self.effectiveness)):.4g})")
        return "CoercionOutcome(" + ", ".join(f"{k}={d[k]!r}" for k in keys) + \
            ", channels={" + ", ".join(f"{k}: {v:.4g}" for k, v in d["channels"].items()) + "})"

    def to_dict(self) -> dict:
        return {
            "demand": np.asarray(self.demand, dtype=object).tolist(),
            "demand_choice": np.where(self.demand_choice, DEMANDS[1], DEMANDS[0]).tolist(),
            "agreement": json_array(self.agreement),
            "agreement_without_threat": json_array(self.agreement_without_threat),
            "concession": json_array(self.concession),
            "concession_without_threat": json_array(self.concession_without_threat),
            "effectiveness": json_array(self.effectiveness),
            "channels": {k: json_array(a) for k, a in self.channels.items()},
            "counter_offer": json_array(self.counter_offer),
        }


def coerce(problem: CoercionProblem) -> CoercionOutcome:
    """Solve ``problem`` with and without the threat (one vectorised solve each)."""
    c = problem.coercion
    shape = problem.shape
    sizes = {k: np.broadcast_to(a, shape) for k, a in channel_sizes(c).items()}
    results = np.broadcast_to(c.results, shape).astype(bool)
    with_threat = solve(targeted(problem.negotiation, sizes))
    without = solve(targeted(problem.negotiation, sizes, threat=False), intervals=False)
    instrument = solve(targeted(problem.negotiation, sizes, results=False))
    return CoercionOutcome(
        concession=conceded(with_threat),
        concession_without_threat=conceded(without),
        agreement=np.asarray(with_threat.agreement),
        agreement_without_threat=np.asarray(without.agreement),
        channels={k: a[()] for k, a in sizes.items()},
        demand=np.broadcast_to(np.asarray(c.demand, dtype=object), shape)[()],
        demand_choice=np.broadcast_to(ch.demands_results(c.trust_sender, c.trust_threshold),
                                      shape)[()],
        counter_offer=np.where(results, instrument_limit(instrument), np.nan)[()],
        with_threat=with_threat,
        without_threat=without,
    )
