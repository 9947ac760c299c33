"""twolevel: game-theoretic analysis of two-level bargaining (see docs/MODEL.md)."""
from .common.errors import TwoLevelError
from .negotiation.model import Constituency, Negotiation, Side
from .negotiation.outcome import Outcome
from .negotiation.solve import solve
from .sweeps.run import sweep

__all__ = ["Constituency", "Negotiation", "Outcome", "Side", "TwoLevelError", "load", "solve",
           "sweep"]


def load(path):
    """Load a scenario file (TOML): a Negotiation, or a sequence problem."""
    from .files import load as _load
    return _load(path)
