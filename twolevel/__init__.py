"""twolevel: game-theoretic analysis of two-level bargaining.

Governments negotiate abroad while their deals must be ratified at home. One negotiation
(``Negotiation`` of two ``Side``s with their ``Constituency``s) is solved by ``solve``; sequences
of negotiations over time by ``optimal_order`` and ``evaluate_order`` (``twolevel.sequencing``);
grids and random designs by ``sweep``; strategy choice under prospect theory by
``twolevel.strategy``; coercion and its social context by ``twolevel.coercion``; several issues
by ``twolevel.issues``. Built-in cases: ``cases.names()``, ``cases.load(name)``; figures:
``plots``; scenario files: ``load(path)``.
The mathematics is in the documentation (``twolevel.docs``), section by section.
"""
from importlib.metadata import PackageNotFoundError, version

from . import cases, coercion, docs, issues, plots, sequencing, strategy
from .common.errors import TwoLevelError
from .files import load
from .negotiation.model import Constituency, Negotiation, Side
from .negotiation.outcome import Outcome
from .negotiation.solve import solve
from .sequencing import Partner, SequenceProblem, SequenceResult
from .sequencing import evaluate as evaluate_order, optimal as optimal_order
from .sweeps.run import sweep

try:
    __version__ = version("twolevel")
except PackageNotFoundError:          # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["Constituency", "Negotiation", "Outcome", "Partner", "SequenceProblem",
           "SequenceResult", "Side", "TwoLevelError", "cases", "coercion", "docs",
           "evaluate_order", "issues", "load", "optimal_order", "plots", "sequencing", "solve",
           "strategy", "sweep"]
