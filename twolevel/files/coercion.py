"""Coercion files (MODEL.md section 4): a section-1 negotiation (Home the target, Partner the
sender) plus a [coercion] table; with [[events]] the file is an event record whose entries
override the [coercion] values event by event. Strict: one TwoLevelError naming the field."""
from ..coercion.model import (COVARIATES, DEMANDS, KEYS, REQUIRED, WEIGHTS, Coercion,
                              CoercionProblem)
from ..coercion.record import Event, EventRecord
from ..common import validate as v
from ..common.errors import TwoLevelError
from ..common.validate import check_keys
from .negotiation import NEGOTIATION_KEYS, negotiation
from .toml import describe, scalar, table

RULES = {**COVARIATES, **{k: rule for k, (rule, _) in WEIGHTS.items()}}
EVENT_KEYS = ("name", "year", "kind", "observed", "evidence", *KEYS)


def values(field, doc) -> dict:
    """The Coercion fields present in ``doc``, validated (numbers by rule, demand a choice)."""
    out = {}
    for key in KEYS:
        if key not in doc:
            continue
        if key == "demand":
            out[key] = v.choice(f"{field}.demand", doc[key], DEMANDS)
        else:
            out[key] = scalar(f"{field}.{key}", doc[key], RULES[key])
    return out


def text(field, value) -> str:
    if not isinstance(value, str):
        raise TwoLevelError(field, f"must be a string, got {describe(value)}")
    return value


def event(field, doc) -> Event:
    doc = table(field, doc)
    check_keys(field, doc, EVENT_KEYS)
    for key in ("name", "year", "kind", "observed", "evidence"):
        if key not in doc:
            raise TwoLevelError(f"{field}.{key}", "is required")
    year = doc["year"]
    if isinstance(year, bool) or not isinstance(year, int):
        raise TwoLevelError(f"{field}.year", f"must be an integer, got {describe(year)}")
    try:
        return Event(name=v.name("name", doc["name"]), year=year,
                     kind=text("kind", doc["kind"]), observed=text("observed", doc["observed"]),
                     values=values(field, doc), evidence=text("evidence", doc["evidence"]))
    except TwoLevelError as exc:
        raise (exc if exc.field.startswith(field) else exc.within(field)) from None


def coercion_problem(doc: dict):
    """A CoercionProblem, or an EventRecord for a document with [[events]]."""
    check_keys("", doc, (*NEGOTIATION_KEYS, "coercion", "events"))
    if "coercion" not in doc:
        raise TwoLevelError("coercion", "is required (a table)")
    shared_doc = table("coercion", doc["coercion"])
    check_keys("coercion", shared_doc, KEYS)
    shared = values("coercion", shared_doc)
    base = negotiation({k: doc[k] for k in NEGOTIATION_KEYS if k in doc})
    if "events" in doc:
        events = doc["events"]
        if not isinstance(events, list):
            raise TwoLevelError("events", f"must be an array of tables ([[events]]), got "
                                f"{describe(events)}")
        return EventRecord(base, tuple(event(f"events[{i}]", e) for i, e in enumerate(events)),
                           shared)
    for key in REQUIRED:
        if key not in shared:
            raise TwoLevelError(f"coercion.{key}", "is required")
    try:
        return CoercionProblem(base, Coercion(**shared))
    except TwoLevelError as exc:
        raise exc.within("coercion") from None
