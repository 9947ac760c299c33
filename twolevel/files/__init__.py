"""File formats (DESIGN.md): TOML scenario, sequence and sweep files, parsed strictly into model
objects. Every problem is one TwoLevelError naming the file (or case) and the field."""
from .negotiation import load_negotiation, negotiation as parse_negotiation
from .sequence import sequence_problem
from .strategy import strategy_problem
from .toml import parse


def problem(doc):
    """A Negotiation, a sequence problem for a document with [[partners]], or a strategy problem
    for a document with [strategy]."""
    if "strategy" in doc:
        return strategy_problem(doc)
    return sequence_problem(doc) if "partners" in doc else parse_negotiation(doc)


def load(path, label=None):
    """Load a scenario file: a Negotiation, a SequenceProblem for a file with [[partners]], or a
    StrategyProblem for a file with [strategy].
    Errors name ``label`` (default: the path), then the field."""
    return parse(path, problem, label)


__all__ = ["load", "load_negotiation", "problem"]
