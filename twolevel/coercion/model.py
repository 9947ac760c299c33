"""Model objects of coercion (MODEL.md section 4): the ``Coercion`` context of a demand and the
``CoercionProblem`` (a section-1 negotiation whose Home is the target and Partner the sender).

Every numeric field may be an array (they broadcast with each other and with the negotiation's
parameters); ``demand`` is "rules" or "results", or an array of those strings.
"""
from dataclasses import dataclass, fields

import numpy as np

from ..common import validate as v
from ..common.errors import TwoLevelError
from ..negotiation import Negotiation

DEMANDS = ("rules", "results")

# key -> validation rule; the covariates of one demand (required in a scenario)
COVARIATES = {"threat": "nonnegative", "credibility": "unit", "dependence": "positive",
              "hierarchy": "unit", "legitimacy": "unit", "trust_target": "unit",
              "trust_sender": "unit"}
# the channel weights and their defaults (set on the us-japan-1977-96 case: docs/coercion.md)
WEIGHTS = {"reference_dependence": ("positive", 8.8), "deference": ("nonnegative", 0.1875),
           "legitimacy_weight": ("nonnegative", 0.1875), "backlash": ("nonnegative", 0.25),
           "trust_premium": ("nonnegative", 1.0), "trust_threshold": ("unit", 0.5)}
REQUIRED = (*COVARIATES, "demand")
KEYS = (*REQUIRED, *WEIGHTS)


def demand_flags(field, demand):
    """1_results: 1.0 where ``demand`` is "results", 0.0 where "rules" (a float or float array)."""
    arr = np.asarray(demand, dtype=object)
    for value in arr.flat:
        v.choice(field, value, DEMANDS)
    flags = (arr == "results").astype(float)
    return float(flags) if flags.ndim == 0 else flags


@dataclass(frozen=True, eq=False)
class Coercion:
    """The context of one demand (or an array of them): threat T, credibility q_threat,
    dependence A_t, hierarchy H_t, legitimacy L, trust tau_target and tau_sender, demand type,
    and the channel weights A_ref, kappa_H, kappa_L, b_backlash, eps, tau_star."""

    threat: float
    credibility: float
    dependence: float
    hierarchy: float
    legitimacy: float
    trust_target: float
    trust_sender: float
    demand: str = "rules"
    reference_dependence: float = WEIGHTS["reference_dependence"][1]
    deference: float = WEIGHTS["deference"][1]
    legitimacy_weight: float = WEIGHTS["legitimacy_weight"][1]
    backlash: float = WEIGHTS["backlash"][1]
    trust_premium: float = WEIGHTS["trust_premium"][1]
    trust_threshold: float = WEIGHTS["trust_threshold"][1]

    def __post_init__(self):
        rules = {**COVARIATES, **{k: rule for k, (rule, _) in WEIGHTS.items()}}
        for key, rule in rules.items():
            object.__setattr__(self, key, v.number(key, getattr(self, key), rule))
        demand_flags("demand", self.demand)
        self.shape                                     # parameters broadcast

    @property
    def results(self):
        """1_results: 1 for a results demand, 0 for a rules demand."""
        return demand_flags("demand", self.demand)

    @property
    def shape(self) -> tuple:
        return v.broadcast(np.shape(getattr(self, f.name)) for f in fields(self))

    def values(self) -> dict:
        """Every field by name (to build a changed copy)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, eq=False)
class CoercionProblem:
    """A demand by the sender (Partner) on the target (Home) of ``negotiation`` in the context
    ``coercion``."""

    negotiation: Negotiation
    coercion: Coercion

    def __post_init__(self):
        if not isinstance(self.negotiation, Negotiation):
            raise TwoLevelError("negotiation", f"must be a Negotiation, got {self.negotiation!r}")
        if not isinstance(self.coercion, Coercion):
            raise TwoLevelError("coercion", f"must be a Coercion, got {self.coercion!r}")
        self.shape

    @property
    def shape(self) -> tuple:
        return v.broadcast((self.negotiation.shape, self.coercion.shape))
