"""twolevel: game-theoretic analysis of two-level bargaining (see docs/MODEL.md)."""
from .errors import TwoLevelError
from .model import Constituency, Negotiation, Side
from .outcome import Outcome
from .solve import solve
from .sweep import sweep

__all__ = ["Constituency", "Negotiation", "Outcome", "Side", "TwoLevelError", "load", "solve",
           "sweep"]


def load(path):
    """Load a scenario file (TOML): a Negotiation, or a sequence problem."""
    from .scenario import load as _load
    return _load(path)
