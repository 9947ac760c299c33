"""File formats (DESIGN.md): TOML scenario, sequence and sweep files, parsed strictly into model
objects. Every problem is one TwoLevelError naming the file (or case) and the field."""
from .negotiation import load_negotiation, negotiation as parse_negotiation
from .sequence import sequence_problem
from .toml import parse


def problem(doc):
    """A Negotiation, or a sequence problem for a document with [[partners]]."""
    return sequence_problem(doc) if "partners" in doc else parse_negotiation(doc)


def load(path, label=None):
    """Load a scenario file: a Negotiation, or a SequenceProblem for a file with [[partners]].
    Errors name ``label`` (default: the path), then the field."""
    return parse(path, problem, label)


__all__ = ["load", "load_negotiation", "problem"]
