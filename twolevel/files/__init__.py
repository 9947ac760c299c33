"""File formats (DESIGN.md): TOML scenario, sequence and sweep files, parsed strictly into model
objects. Every problem is one TwoLevelError naming the file (or case) and the field."""
from .issues import issues_problem
from .negotiation import load_negotiation, negotiation as parse_negotiation
from .sequence import sequence_problem
from .toml import parse


def problem(doc):
    """A Negotiation, a sequence problem for a document with [[partners]], or a multi-issue
    problem for one with [[issues]]."""
    if "partners" in doc:
        return sequence_problem(doc)
    return issues_problem(doc) if "issues" in doc else parse_negotiation(doc)


def load(path, label=None):
    """Load a scenario file: a Negotiation, a SequenceProblem for a file with [[partners]] or an
    IssuesProblem for one with [[issues]].
    Errors name ``label`` (default: the path), then the field."""
    return parse(path, problem, label)


__all__ = ["load", "load_negotiation", "problem"]
