"""Coercion files: a negotiation plus [coercion] parses to its values with the documented
defaults; an event record merges [coercion] into each event; every bad input is one TwoLevelError
naming the field, the file in front."""
import copy

import pytest

from scenario_files import DELETE, EXAMPLE, edited
from sequence_files import load_doc, toml_doc
from twolevel import TwoLevelError, files
from twolevel.coercion import CoercionProblem, EventRecord
from twolevel.coercion.model import WEIGHTS

CONTEXT = {"threat": 1.0, "credibility": 0.5, "dependence": 3.3, "hierarchy": 0.2,
           "legitimacy": 0.7, "trust_target": 0.3, "trust_sender": 0.2, "demand": "results"}
SCENARIO = {**copy.deepcopy(EXAMPLE), "coercion": dict(CONTEXT)}
EVENT = {"name": "autos", "year": 1995, "kind": "results", "observed": "hold",
         "evidence": "'autos 1995 (hold)'", "dependence": 2.7, "hierarchy": 0.2,
         "legitimacy": 0.1, "trust_target": 0.3, "trust_sender": 0.2, "demand": "results"}
RECORD = {**copy.deepcopy(EXAMPLE), "coercion": {"threat": 1.0, "credibility": 1.0,
                                                 "backlash": 0.5},
          "events": [dict(EVENT), {**EVENT, "name": "film", "kind": "rules", "demand": "rules",
                                   "observed": "concede", "legitimacy": 0.6}]}


def test_scenario_parses_with_the_documented_defaults(tmp_path):
    p, _ = load_doc(tmp_path, SCENARIO)
    assert isinstance(p, CoercionProblem)
    assert p.negotiation.home.name == "Korea" and p.negotiation.partner.name == "Chile"
    assert {k: getattr(p.coercion, k) for k in CONTEXT} == CONTEXT
    assert {k: getattr(p.coercion, k) for k in WEIGHTS} == {k: d for k, (_, d) in WEIGHTS.items()}


def test_record_merges_the_shared_table_into_each_event(tmp_path):
    r, _ = load_doc(tmp_path, RECORD)
    assert isinstance(r, EventRecord)
    assert [e.name for e in r.events] == ["autos", "film"]
    c = r.problem().coercion
    assert list(c.backlash) == [0.5, 0.5] and list(c.legitimacy) == [0.1, 0.6]
    assert list(c.demand) == ["results", "rules"] and r.events[1].observed == "concede"


@pytest.mark.parametrize("doc, path, value, message", [
    (SCENARIO, "coercion.threat", -1.0, "coercion.threat: must be >= 0, got -1"),
    (SCENARIO, "coercion.credibility", "high", "coercion.credibility: must be a number, "
                                               "got the string 'high'"),
    (SCENARIO, "coercion.legitimacy", 1.2, "coercion.legitimacy: must be in [0, 1], got 1.2"),
    (SCENARIO, "coercion.demand", "targets", "coercion.demand: must be one of rules, "
                                             "results, got 'targets'"),
    (SCENARIO, "coercion.hierarchy", DELETE, "coercion.hierarchy: is required"),
    (SCENARIO, "coercion.pressure", 0.1, "coercion.pressure: unknown key"),
    (SCENARIO, "coercion.deference", -0.1, "coercion.deference: must be >= 0, got -0.1"),
    (SCENARIO, "coercion", 3, "coercion: must be a table, got 3"),
    (SCENARIO, "home.cost", 0.0, "home.cost: must be > 0, got 0"),
    (RECORD, "events.0.year", 1995.5, "events[0].year: must be an integer, got 1995.5"),
    (RECORD, "events.0.observed", "won", "events[0].observed: must be one of concede, "
                                         "hold, got 'won'"),
    (RECORD, "events.1.kind", "trade", "events[1].kind: must be one of results, rules, "
                                       "macroeconomic, got 'trade'"),
    (RECORD, "events.1.dependence", DELETE, "events[1].dependence: is required (here or "
                                            "in [coercion])"),
    (RECORD, "events.0.evidence", DELETE, "events[0].evidence: is required"),
    (RECORD, "events.0.source", "S2", "events[0].source: unknown key"),
    (RECORD, "events.1.name", "autos", "events[1].name: must be unique, got 'autos' twice"),
    (RECORD, "events.0.trust_target", 2.0, "events[0].trust_target: must be in [0, 1], "
                                           "got 2"),
    (RECORD, "events", [], "events: at least one event is required"),
])
def test_bad_input_is_one_error_naming_the_field(tmp_path, doc, path, value, message):
    path_ = tmp_path / "bad.toml"
    path_.write_text(toml_doc(edited(doc, path, value)))
    with pytest.raises(TwoLevelError) as info:
        files.load(path_)
    assert str(info.value).startswith(f"{path_}: {message}")


def test_a_coercion_file_is_not_one_negotiation(tmp_path):
    _, path = load_doc(tmp_path, SCENARIO)
    with pytest.raises(TwoLevelError, match="coercion: this is a coercion scenario"):
        files.load_negotiation(path)
