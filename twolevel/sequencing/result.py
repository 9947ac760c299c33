"""Results of sequencing: arrays over scenarios for grids, and one order's story step by step
(partner names, readable repr, JSON-safe ``to_dict``)."""
from dataclasses import asdict, dataclass

import numpy as np

from ..negotiation.outcome import json_number

STEP_NUMBERS = ("start", "end", "pressure", "batna", "concession", "side_payment",
                "home_utility", "deal_value")


@dataclass(frozen=True, eq=False)
class OrderArrays:
    """One sequence of partners (``order``, indices) simulated in every scenario of shape S.

    Per step (L, *S): start and end years, pressure at the deal, batna d0_Hj - pi, agreement,
    reason (codes into ``deals.REASONS``; 0 = agreement), concession x*, side_payment S*_H,
    home_utility U_H (NaN terms without a deal), deal_value beta^t_j (U_H - d0_Hj) (0 without).
    Totals (*S): value V = deals - pressure_cost; deals; pressure_cost kappa int_0^inf beta^t pi;
    side_payments (Home's, undiscounted, summed over concluded deals); the sets tried and
    concluded at the end (bit masks; an unwilling partner is not tried)."""

    order: tuple
    start: np.ndarray
    end: np.ndarray
    pressure: np.ndarray
    batna: np.ndarray
    agreement: np.ndarray
    reason: np.ndarray
    concession: np.ndarray
    side_payment: np.ndarray
    home_utility: np.ndarray
    deal_value: np.ndarray
    value: np.ndarray
    deals: np.ndarray
    pressure_cost: np.ndarray
    side_payments: np.ndarray
    tried: np.ndarray
    concluded: np.ndarray


@dataclass(frozen=True)
class Step:
    """One negotiation of an order: partner, start and end (years), pressure at the deal, Home's
    BATNA d0 - pi, agreement (or the reason for none: unwilling, zopa, ratification), concession
    x* (share of this partner's demands met), Home's side payment S*, U_H, and the deal's
    discounted value beta^t (U_H - d0)."""

    partner: str
    start: float
    end: float
    pressure: float
    batna: float
    agreement: bool
    reason: str | None
    concession: float | None
    side_payment: float | None
    home_utility: float | None
    deal_value: float

    def to_dict(self) -> dict:
        return asdict(self)


def _fmt(x) -> str:
    return "-" if x is None else f"{x:.4g}"


@dataclass(frozen=True)
class SequenceResult:
    """One sequence of negotiations for Home ``home``: the ``order`` (partner names; Home stops
    after the last), its ``value`` V = deals - pressure_cost (welfare, MODEL.md section 2),
    Home's total side payments, and the ``steps``. ``objective`` says how orders were ranked."""

    home: str
    objective: str
    solution: str
    order: tuple
    value: float
    deals: float
    pressure_cost: float
    side_payments: float
    steps: tuple

    @property
    def value_parts(self) -> dict:
        return {"deals": self.deals, "pressure_cost": self.pressure_cost}

    def step(self, partner) -> Step:
        """The step negotiating with ``partner`` (by name)."""
        for s in self.steps:
            if s.partner == partner:
                return s
        raise KeyError(f"{partner!r} is not in the order {list(self.order)}")

    def to_dict(self) -> dict:
        return {"home": self.home, "objective": self.objective, "solution": self.solution,
                "order": list(self.order), "value": self.value, "value_parts": self.value_parts,
                "side_payments": self.side_payments,
                "steps": [s.to_dict() for s in self.steps]}

    def table(self) -> str:
        """The steps as aligned text columns."""
        head = ("partner", "start", "end", "pressure", "BATNA", "agreement", "x*", "S*",
                "U_H", "deal value")
        body = [(s.partner, _fmt(s.start), _fmt(s.end), _fmt(s.pressure), _fmt(s.batna),
                 "yes" if s.agreement else f"no ({s.reason})", _fmt(s.concession),
                 _fmt(s.side_payment), _fmt(s.home_utility), _fmt(s.deal_value))
                for s in self.steps]
        rows = [head, *body]
        widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)

    def __repr__(self) -> str:
        order = ", ".join(self.order) if self.order else "(none: Home stops at once)"
        return (f"SequenceResult({self.home}, order: {order}; value {self.value:.6g} = deals "
                f"{self.deals:.6g} - pressure cost {self.pressure_cost:.6g}; side payments "
                f"{self.side_payments:.6g}; objective {self.objective}, {self.solution})\n"
                + (self.table() if self.steps else ""))

    def _repr_html_(self) -> str:
        from html import escape
        return f"<pre>{escape(repr(self))}</pre>"


def one_order(arrays: OrderArrays, k, problem, reasons) -> SequenceResult:
    """Sequence ``k`` of a one-scenario OrderArrays as a SequenceResult."""
    steps = []
    for t, j in enumerate(arrays.order[k]):
        agree = bool(arrays.agreement[k, t])
        nums = {f: json_number(getattr(arrays, f)[k, t]) for f in STEP_NUMBERS}
        steps.append(Step(problem.names[j], agreement=agree,
                          reason=None if agree else reasons[int(arrays.reason[k, t])], **nums))
    return SequenceResult(problem.home_name, problem.objective, problem.solution,
                          tuple(problem.names[j] for j in arrays.order[k]),
                          **{f: json_number(getattr(arrays, f)[k])
                             for f in ("value", "deals", "pressure_cost", "side_payments")},
                          steps=tuple(steps))
