"""An event record (S2's US-Japan talks): many demands on one target, each with its year, kind,
observed outcome and its own covariates; predicted by the coercion model (concede iff the demand
under the threat ends in an agreement) and by the material-only rule "concede iff A_t >= c".
"""
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from ..common import validate as v
from ..common.errors import TwoLevelError
from ..negotiation import Negotiation
from .model import KEYS, REQUIRED, Coercion, CoercionProblem
from .solve import CoercionOutcome, coerce

OBSERVED = ("concede", "hold")
KINDS = ("results", "rules", "macroeconomic")


@dataclass(frozen=True, eq=False)
class Event:
    """One dated demand: ``values`` are its Coercion fields (overriding the record's shared ones),
    ``evidence`` the quotes its covariates were coded from."""

    name: str
    year: int
    kind: str
    observed: str
    values: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    evidence: str = ""

    def __post_init__(self):
        v.name("name", self.name)
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise TwoLevelError("year", f"must be an integer, got {self.year!r}")
        v.choice("kind", self.kind, KINDS)
        v.choice("observed", self.observed, OBSERVED)
        for key in self.values:
            if key not in KEYS:
                raise TwoLevelError(key, f"unknown key (allowed: {', '.join(KEYS)})")
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))


@dataclass(frozen=True, eq=False)
class EventRecord:
    """Events on one negotiation (Home the target, Partner the sender); ``shared`` holds the
    Coercion fields common to all events (the weights, usually threat and credibility)."""

    negotiation: Negotiation
    events: tuple
    shared: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self):
        if not isinstance(self.negotiation, Negotiation):
            raise TwoLevelError("negotiation", f"must be a Negotiation, got {self.negotiation!r}")
        events = v.named_items("events", self.events, Event)
        if not events:
            raise TwoLevelError("events", "at least one event is required")
        object.__setattr__(self, "events", events)
        object.__setattr__(self, "shared", MappingProxyType(dict(self.shared)))
        self.problem()                                   # every event complete and valid

    @property
    def conceded(self) -> np.ndarray:
        """True where the target conceded (observed)."""
        return np.array([e.observed == "concede" for e in self.events])

    def problem(self) -> CoercionProblem:
        """All events as one array-valued CoercionProblem (one entry per event)."""
        columns = {}
        for i, event in enumerate(self.events):
            merged = {**self.shared, **event.values}
            for key in REQUIRED:
                if key not in merged:
                    raise TwoLevelError(f"events[{i}].{key}", "is required (here or in [coercion])")
            for key in merged:
                columns.setdefault(key, []).append(merged[key])
        for key, column in columns.items():
            if len(column) != len(self.events):
                raise TwoLevelError(key, "give it in [coercion] or in every event")
        try:
            coercion = Coercion(**{k: np.array(c, dtype=object if k == "demand" else float)
                                   for k, c in columns.items()})
        except TwoLevelError as exc:
            raise exc.within("events") from None
        return CoercionProblem(self.negotiation, coercion)


def material_errors(dependence, conceded):
    """(fewest errors, cut c) of the rule "concede iff A_t >= c" over every cut c: the candidate
    cuts are the distinct ratios and +inf (every other cut predicts like one of them); ties go to
    the smallest cut."""
    a = np.asarray(dependence, float)
    cuts = np.append(np.unique(a), np.inf)
    errors = ((a[None, :] >= cuts[:, None]) != np.asarray(conceded, bool)[None, :]).sum(1)
    best = int(np.argmin(errors))
    return int(errors[best]), float(cuts[best])


@dataclass(frozen=True, eq=False)
class RecordResult:
    """The record's events with the model's and the material-only rule's predictions."""

    record: EventRecord
    outcome: CoercionOutcome
    dependence: np.ndarray          # A_t of every event
    material_cut: float
    material_error_count: int

    def __repr__(self):
        return (f"RecordResult({len(self.record.events)} events, errors={self.errors}, "
                f"material_cut={self.material_cut})")

    @property
    def observed(self):
        return self.record.conceded

    @property
    def predicted(self):
        return np.asarray(self.outcome.agreement, bool)

    @property
    def material_predicted(self):
        return self.dependence >= self.material_cut

    @property
    def errors(self) -> dict:
        return {"social": int((self.predicted != self.observed).sum()),
                "material": self.material_error_count}

    def to_dict(self) -> dict:
        word = np.array(OBSERVED[::-1])                    # False -> hold, True -> concede
        out = self.outcome.to_dict()
        events = []
        for i, e in enumerate(self.record.events):
            events.append({
                "name": e.name, "year": e.year, "kind": e.kind, "observed": e.observed,
                "predicted": str(word[int(self.predicted[i])]),
                "material_predicted": str(word[int(self.material_predicted[i])]),
                "dependence": float(self.dependence[i]),
                "demand": out["demand"][i],
                **{k: out[k][i] for k in ("concession", "concession_without_threat",
                                          "effectiveness", "counter_offer")},
                "channels": {k: out["channels"][k][i] for k in out["channels"]},
            })
        cut = self.material_cut
        return {"events": events, "errors": self.errors,
                "material_cut": cut if np.isfinite(cut) else None}


def social_errors(record: EventRecord, **weights):
    """Errors of the coercion model on ``record`` with Coercion fields replaced by ``weights``
    (arrays broadcasting against a trailing event axis: shape (..., 1)), in one solve."""
    problem = record.problem()
    coercion = Coercion(**{**problem.coercion.values(),
                           **{k: np.asarray(w, float) for k, w in weights.items()}})
    agreement = np.asarray(coerce(CoercionProblem(problem.negotiation, coercion)).agreement)
    return (agreement != record.conceded).sum(-1)


def evaluate(record: EventRecord) -> RecordResult:
    """Predict every event of ``record`` (one vectorised solve) and the best material-only cut."""
    problem = record.problem()
    dependence = np.broadcast_to(problem.coercion.dependence, (len(record.events),))
    count, cut = material_errors(dependence, record.conceded)
    return RecordResult(record, coerce(problem), dependence, cut, count)
