"""Strategy choice under prospect theory (MODEL.md section 3): CPT values, the exact batched 2x2
equilibrium solver, and the claim/create model of a negotiation round by round."""
from .cpt import certainty_equivalent, decision_weights, prospect_value, value, weight
from .equilibria import equilibria_2x2

__all__ = ["certainty_equivalent", "decision_weights", "equilibria_2x2", "prospect_value",
           "value", "weight"]
