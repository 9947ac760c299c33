"""Multi-issue scenario files: a valid file gives the IssuesProblem; every bad input is one
TwoLevelError naming the field."""
import math

import pytest

from scenario_files import DELETE, edited
from twolevel import TwoLevelError
from twolevel.files import problem
from twolevel.issues import IssuesProblem

DOC = {
    "solution": "kalai-smorodinsky",
    "publicity": {"formal": 1.0, "informal": 0.2, "effect": 0.05},
    "home": {"name": "Korea", "gain": 1.0, "batna": 0.5, "quota": 1.0, "budget": 0.0,
             "agencies": [{"name": "farm", "gain": 0.01, "slopes": {"beef": -0.5}},
                          {"name": "epb", "gain": 0.05, "budget": 0.1, "weight": 2.0,
                           "slopes": {"banking": 0.2}}]},
    "partner": {"name": "US", "gain": 0.0, "batna": 0.2},
    "issues": [{"name": "beef", "home_cost": 0.5, "partner_benefit": 0.3},
               {"name": "banking", "home_cost": 0.5, "partner_benefit": 0.7}],
}


def test_a_valid_document():
    p = problem(DOC)
    assert isinstance(p, IssuesProblem)
    assert p.names == ("beef", "banking") and p.solution == "kalai-smorodinsky"
    assert p.agencies[1].budget == 0.1 and p.agencies[0].slopes == {"beef": -0.5}
    assert p.publicity.informal == 0.2 and p.partner.name == "US"


@pytest.mark.parametrize("path, value, field", [
    ("issues.0.home_cost", -1.0, "issues[0].home_cost"),
    ("issues.0.colour", 1.0, "issues[0].colour"),
    ("issues.1.name", "beef", "issues[1].name"),
    ("issues.0.partner_benefit", DELETE, "issues[0].partner_benefit"),
    ("issues", [], "issues"),
    ("issues", "beef", "issues"),
    ("home.agencies.0.slopes.rice", -1.0, "home.agencies[0].slopes.rice"),
    ("home.agencies.0.slopes.beef", "a lot", "home.agencies[0].slopes.beef"),
    ("home.agencies.1.budget", -0.1, "home.agencies[1].budget"),
    ("home.agencies.0.gain", DELETE, "home.agencies[0].gain"),
    ("home.agencies.0.weight", 0.0, "home.agencies[0].weight"),
    ("home.agencies.0.name", DELETE, "home.agencies[0].name"),
    ("home.cost", 1.0, "home.cost"),
    ("home.power", 1.5, "home.power"),
    ("home.gain", math.nan, "home.gain"),
    ("partner.benefit", 1.0, "partner.benefit"),
    ("partner.power", 0.5, "partner.power"),
    ("partner.batna", DELETE, "partner.batna"),
    ("publicity.formal", 2.0, "publicity.formal"),
    ("publicity.effect", -1.0, "publicity.effect"),
    ("publicity.level", 1.0, "publicity.level"),
    ("solution", "rubinstein", "solution"),
    ("extra", 1, "extra"),
])
def test_bad_input_names_the_field(path, value, field):
    with pytest.raises(TwoLevelError) as err:
        problem(edited(DOC, path, value))
    assert err.value.field == field


def test_many_agencies_need_unanimity():
    doc = edited(DOC, "home.quota", 0.5)
    doc["home"]["agencies"] = [{"name": f"a{i}", "gain": 0.0} for i in range(17)]
    with pytest.raises(TwoLevelError) as err:
        problem(doc)
    assert err.value.field == "home.quota"
