"""File formats (DESIGN.md): TOML scenario, sequence and sweep files, parsed strictly into model
objects. Every problem is one TwoLevelError naming the file (or case) and the field."""
from .coercion import coercion_problem
from .negotiation import load_negotiation, negotiation as parse_negotiation
from .sequence import sequence_problem
from .toml import parse


def problem(doc):
    """A Negotiation, a sequence problem for a document with [[partners]], or a coercion problem
    (an event record with [[events]]) for a document with [coercion]."""
    if "partners" in doc:
        return sequence_problem(doc)
    return coercion_problem(doc) if "coercion" in doc else parse_negotiation(doc)


def load(path, label=None):
    """Load a scenario file: a Negotiation, a SequenceProblem for a file with [[partners]], or a
    coercion problem for a file with [coercion].
    Errors name ``label`` (default: the path), then the field."""
    return parse(path, problem, label)


__all__ = ["load", "load_negotiation", "problem"]
