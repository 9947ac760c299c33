"""File formats (DESIGN.md): TOML scenario, sequence and sweep files, parsed strictly into model
objects. Every problem is one TwoLevelError naming the file (or case) and the field."""
from .coercion import coercion_problem
from .issues import issues_problem
from .negotiation import load_negotiation, negotiation as parse_negotiation
from .sequence import sequence_problem
from .strategy import strategy_problem
from .toml import parse

# a document's kind by the table it holds (first match), with its parser; else one negotiation
KINDS = (("strategy", strategy_problem), ("coercion", coercion_problem),
         ("partners", sequence_problem), ("issues", issues_problem))


def problem(doc):
    """The model object of a parsed document, by the table that tells its kind (KINDS), else a
    Negotiation."""
    for key, parse_kind in KINDS:
        if key in doc:
            return parse_kind(doc)
    return parse_negotiation(doc)


def load(path, label=None):
    """Load a scenario file: a Negotiation, a SequenceProblem for a file with [[partners]], or a
    strategy problem ([strategy]), a coercion problem ([coercion]) or an IssuesProblem
    ([[issues]]).
    Errors name ``label`` (default: the path), then the field."""
    return parse(path, problem, label)


__all__ = ["load", "load_negotiation", "problem"]
