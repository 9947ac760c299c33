"""One negotiation (MODEL.md section 1): model objects, the vectorised kernel and its parts
(coalitions, win-sets, pieces, the three solutions), the reference twin and the sympy derivations."""
from .model import Constituency, Negotiation, Side
from .outcome import Outcome
from .solve import solve

__all__ = ["Constituency", "Negotiation", "Outcome", "Side", "solve"]
