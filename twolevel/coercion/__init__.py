"""Coercion and its social context (MODEL.md section 4): a threat's material channel, the social
channels (hierarchy, legitimacy), backlash, trust and the demand type, on top of the two-level
solver; the event record (S2) and its material-only benchmark; the reference twin."""
from .model import DEMANDS, Coercion, CoercionProblem
from .record import Event, EventRecord, RecordResult, evaluate, material_errors, social_errors
from .solve import CoercionOutcome, coerce

__all__ = ["DEMANDS", "Coercion", "CoercionOutcome", "CoercionProblem", "Event", "EventRecord",
           "RecordResult", "coerce", "evaluate", "material_errors", "social_errors"]
