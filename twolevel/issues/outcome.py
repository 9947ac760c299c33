"""Results of MODEL.md section 5: a deal (package or positional) per scenario, and the outcome
of a problem (both protocols, the joint gain left, issues agreed formally and informally)."""
from dataclasses import dataclass, fields

import numpy as np


@dataclass(frozen=True, eq=False)
class Deal:
    """Deals of N scenarios; terms NaN exactly where ``agreement`` is False.

    concessions x (N, K); side_payment G paid by Home's government (costs lam_H per unit);
    internal_payment paid by budget-holding agencies; payments (N, A) received per agency;
    binding (N, A): agencies of the cheapest winning coalition at or below their status quo;
    issue_agreement (N, K): per-issue agreement (positional protocol only)."""

    agreement: np.ndarray
    concessions: np.ndarray
    home_utility: np.ndarray
    partner_utility: np.ndarray
    side_payment: np.ndarray
    internal_payment: np.ndarray
    payments: np.ndarray
    binding: np.ndarray
    issue_agreement: np.ndarray | None = None

    def take(self, i) -> "Deal":
        return Deal(**{f.name: None if getattr(self, f.name) is None else getattr(self, f.name)[i]
                       for f in fields(self)})
