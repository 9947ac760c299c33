"""Sequence files (DESIGN.md): the example parses to its values, defaults, every rule and unknown
key as one TwoLevelError naming the field, the file in front."""
import copy
import math

import pytest

from scenario_files import DELETE, edited
from sequence_files import EXAMPLE, FARMERS, MINIMAL, load_doc
from twolevel import TwoLevelError
from twolevel import files
from twolevel.sequencing.problem import SequenceProblem



def test_example_parses_to_its_values(tmp_path):
    p, _ = load_doc(tmp_path, EXAMPLE)
    assert isinstance(p, SequenceProblem)
    assert (p.solution, p.objective, p.discount, p.pressure_cost, p.learning) == \
        ("nash", "welfare", 0.95, 1.0, 0.0)
    assert (p.initial, p.growth, p.failure) == (0.3, 0.1, 0.05)
    assert p.names == ("Mexico", "Singapore") and [q.relief for q in p.partners] == [0.5, 0.4]
    assert [q.duration for q in p.partners] == [1.4, 0.8]
    assert [q.willing_after for q in p.partners] == [0, 0]
    mexico, singapore = p.negotiation(0, 0.2), p.negotiation(1)
    assert (mexico.home.name, mexico.home.gain, mexico.home.batna, mexico.home.cost,
            mexico.home.power, mexico.home.funds_cost, mexico.home.pressure) == \
        ("Japan", 1.0, 0.3, 1.0, 0.5, 1.2, 0.2)
    assert singapore.home.cost == 0.3                      # a per-deal override
    (farmers,) = mexico.home.constituencies
    assert {k: getattr(farmers, k) for k in FARMERS} == FARMERS
    assert singapore.home.constituencies == ()
    assert (mexico.partner.name, mexico.partner.benefit, mexico.partner.batna) == \
        ("Mexico", 1.0, 0.1)


def test_defaults(tmp_path):
    p, _ = load_doc(tmp_path, MINIMAL)
    assert (p.solution, p.objective, p.discount, p.pressure_cost, p.growth, p.failure,
            p.learning) == ("nash", "welfare", 0.95, 1.0, 0.0, 0.0, 0.0)
    (mexico,) = p.partners
    assert (mexico.relief, mexico.duration, mexico.willing_after) == (0.0, 1.0, 0)
    assert p.negotiation(0).home.name == "Home"


def test_the_shared_home_may_hold_the_deal_parameters(tmp_path):
    doc = copy.deepcopy(MINIMAL)
    doc["home"].update(gain=1.0, batna=0.3)
    doc["partners"][0]["home"] = {"batna": 0.2}
    p, _ = load_doc(tmp_path, doc)
    assert (p.negotiation(0).home.gain, p.negotiation(0).home.batna) == (1.0, 0.2)
    doc["partners"][0].pop("home")
    p, _ = load_doc(tmp_path, doc)
    assert p.negotiation(0).home.batna == 0.3


P0 = "partners.0"
BAD = [
    ("colour", "blue", "colour", "unknown key"),
    ("pressure", DELETE, "pressure", "is required"),
    ("pressure", 0.3, "pressure", "must be a table"),
    ("pressure.initial", DELETE, "pressure.initial", "is required"),
    ("pressure.initial", "high", "pressure.initial", "must be a number"),
    ("pressure.initial", math.inf, "pressure.initial", "must be a finite number"),
    ("pressure.growth", math.nan, "pressure.growth", "must be a finite number"),
    ("pressure.rate", 0.1, "pressure.rate", "unknown key"),
    ("discount", 0.0, "discount", "must be in (0, 1), got 0"),
    ("discount", 1.0, "discount", "must be in (0, 1), got 1"),
    ("learning", -0.5, "learning", "must be >= 0, got -0.5"),
    ("pressure.failure", "x", "pressure.failure", "must be a number"),
    ("discount", True, "discount", "must be a number"),
    ("pressure_cost", -1.0, "pressure_cost", "must be >= 0, got -1"),
    ("objective", "utility", "objective", "must be one of welfare, side_payments"),
    ("solution", "shapley", "solution", "must be one of nash"),
    ("home", 3, "home", "must be a table"),
    ("home.pressure", 0.2, "home.pressure", "the pressure of a sequence is set by"),
    ("home.cost", -1.0, "home.cost", "must be > 0, got -1"),
    ("home.benefit", 1.0, "home.benefit", "unknown key"),
    ("partners", "Mexico", "partners", "must be a non-empty array of tables"),
    ("partners.1", 3, "partners[1]", "must be a table"),
    (f"{P0}.name", DELETE, "partners[0].name", "is required"),
    (f"{P0}.name", "", "partners[0].name", "must be a non-empty string"),
    (f"{P0}.duration", 0.0, "partners[0].duration", "must be > 0, got 0"),
    (f"{P0}.duration", "long", "partners[0].duration", "must be a number"),
    (f"{P0}.willing_after", 0.5, "partners[0].willing_after", "must be a whole number"),
    (f"{P0}.willing_after", -1, "partners[0].willing_after", "must be >= 0"),
    (f"{P0}.relief", 1.5, "partners[0].relief", "must be in [0, 1], got 1.5"),
    (f"{P0}.relief", -0.1, "partners[0].relief", "must be in [0, 1], got -0.1"),
    (f"{P0}.colour", "red", "partners[0].colour", "unknown key"),
    (f"{P0}.home.pressure", 0.1, "partners[0].home.pressure", "the pressure of a sequence"),
    (f"{P0}.home.name", "Japan", "partners[0].home.name", "unknown key"),
    (f"{P0}.home.gain", DELETE, "partners[0].home.gain", "is required"),
    (f"{P0}.home.power", 2.0, "partners[0].home.power", "must be in [0, 1], got 2"),
    (f"{P0}.home.constituencies.0.weight", 0.0, "partners[0].home.constituencies[0].weight",
     "must be > 0, got 0"),
    (f"{P0}.home.constituencies.1", FARMERS, "partners[0].home.constituencies[1].name",
     "must be unique"),
    (f"{P0}.partner", DELETE, "partners[0].partner", "is required"),
    (f"{P0}.partner.name", "Mexico", "partners[0].partner.name", "is named by partners[0].name"),
    (f"{P0}.partner.benefit", DELETE, "partners[0].partner.benefit", "is required"),
    (f"{P0}.partner.cost", 1.0, "partners[0].partner.cost", "unknown key"),
    ("partners.1.name", "Mexico", "partners[1].name", "must be unique, got 'Mexico' twice"),
]


@pytest.mark.parametrize("path, value, field, message", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_error_naming_the_field(tmp_path, path, value, field, message):
    with pytest.raises(TwoLevelError) as info:
        load_doc(tmp_path, edited(EXAMPLE, path, value))
    where = tmp_path / "problem.toml"
    assert info.value.field == f"{where}: {field}"
    assert message in info.value.message


def test_empty_partner_list(tmp_path):
    path = tmp_path / "sequence.toml"
    path.write_text("partners = []\n[pressure]\ninitial = 0.3\n")
    with pytest.raises(TwoLevelError, match=r"partners: must be a non-empty array of tables"):
        files.load(path)


def test_ratification_modes_shared_and_per_deal(tmp_path):
    doc = copy.deepcopy(EXAMPLE)
    doc["home"].update(ratification="ex_post", veto_rent=0.2)
    doc["partners"][1]["home"]["ratification"] = "committed"
    p, _ = load_doc(tmp_path, doc)
    assert (p.negotiation(0).home.ratification, p.negotiation(0).home.veto_rent) == ("ex_post", 0.2)
    assert p.negotiation(1).home.ratification == "committed"
    doc["partners"][0]["home"]["ratification"] = "later"
    with pytest.raises(TwoLevelError) as info:
        load_doc(tmp_path, doc)
    assert info.value.field.endswith("partners[0].home.ratification")
