"""Sequencing FTA partners over time (MODEL.md section 2): the problem, the evaluation of given
sequences, the exact optimum (dynamic programming over reachable states) and the hypothesis map."""
from .problem import Partner, SequenceProblem
from .result import SequenceResult, Step
from .solve import evaluate, optimal, optimal_arrays, simulate

__all__ = ["Partner", "SequenceProblem", "SequenceResult", "Step", "evaluate", "optimal",
           "optimal_arrays", "simulate"]
