"""twolevel: game-theoretic analysis of two-level bargaining (see docs/MODEL.md)."""
from .common.errors import TwoLevelError
from .negotiation.model import Constituency, Negotiation, Side
from .negotiation.outcome import Outcome
from .negotiation.solve import solve
from .sequencing import Partner, SequenceProblem, SequenceResult
from .sequencing import evaluate as evaluate_order, optimal as optimal_order
from .sweeps.run import sweep

__all__ = ["Constituency", "Negotiation", "Outcome", "Partner", "SequenceProblem",
           "SequenceResult", "Side", "TwoLevelError", "evaluate_order", "load", "optimal_order",
           "solve", "sweep"]


def load(path):
    """Load a scenario file (TOML): a Negotiation, or a sequence problem."""
    from .files import load as _load
    return _load(path)
