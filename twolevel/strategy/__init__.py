"""Strategy choice under prospect theory (MODEL.md section 3): CPT values, the exact batched 2x2
equilibrium solver, and the claim/create model of a negotiation round by round."""
from .cpt import certainty_equivalent, decision_weights, prospect_value, value, weight
from .equilibria import equilibria, equilibria_2x2
from .map import regime_map
from .model import Player, Preferences, StrategyProblem
from .path import StrategyPath, solve_path

__all__ = ["Player", "Preferences", "StrategyPath", "StrategyProblem", "certainty_equivalent",
           "decision_weights", "equilibria", "equilibria_2x2", "prospect_value", "regime_map",
           "solve_path", "value", "weight"]
