"""Several issues and internal negotiation (MODEL.md section 5): K issues, Home's agencies with
mandates, internal side payments, publicity; the package deal against the positional protocol."""
from .model import Agency, Government, Issue, IssuesProblem, Publicity
from .solve import IssuesOutcome, solve

__all__ = ["Agency", "Government", "Issue", "IssuesOutcome", "IssuesProblem", "Publicity", "solve"]
