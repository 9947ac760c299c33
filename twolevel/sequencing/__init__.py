"""Sequencing FTA partners (MODEL.md section 2): the problem, the exact dynamic programme, the
evaluation of given orders and the hypothesis map."""
from .map import hypothesis_map, shares
from .problem import Partner, SequenceProblem
from .solve import SequenceResult, best, evaluate, optimal

__all__ = ["Partner", "SequenceProblem", "SequenceResult", "best", "evaluate", "hypothesis_map",
           "optimal", "shares"]
