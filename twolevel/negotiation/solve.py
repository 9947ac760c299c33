"""``solve``: the Python entry point for one negotiation or an array of them."""
from ..common.errors import TwoLevelError
from .model import Negotiation
from .outcome import Outcome
from .ratification import solve_ratified


def check(negotiation) -> Negotiation:
    """``negotiation`` if it is a Negotiation, else a TwoLevelError."""
    if not isinstance(negotiation, Negotiation):
        raise TwoLevelError("negotiation", f"must be a Negotiation, got {type(negotiation).__name__}")
    return negotiation


def solve(negotiation: Negotiation, solution: str | None = None, intervals: bool = True) -> Outcome:
    """Solve ``negotiation`` by ``solution`` (nash | kalai-smorodinsky | rubinstein; default: the
    negotiation's own).

    Each side in its ratification mode (``ratification.solve_ratified``). Array-valued parameters
    are solved in one vectorised call. ``intervals=False`` skips the win-set and ZOPA interval
    lists (faster for large arrays).
    """
    home, partner, power = check(negotiation).arrays()
    out = solve_ratified(home, partner, power, solution or negotiation.solution,
                         intervals=intervals)
    return Outcome(out, negotiation.shape,
                   tuple(c.name for c in negotiation.home.constituencies),
                   tuple(c.name for c in negotiation.partner.constituencies),
                   negotiation.home.name, negotiation.partner.name)
