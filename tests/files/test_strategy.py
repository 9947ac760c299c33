"""Strategy files: the cases parse to their values; defaults; every rule, wrong type and unknown
key is one TwoLevelError naming the field, the file in front."""
import tomllib

import pytest

from twolevel import TwoLevelError, cases, files
from twolevel.strategy.model import StrategyProblem

TEXT = cases.path("us-japan-autos-1995").read_text()


def write(tmp_path, text):
    path = tmp_path / "s.toml"
    path.write_text(text)
    return path


def test_case_parses_to_its_values():
    p = files.load(cases.path("us-japan-autos-1995"))
    assert isinstance(p, StrategyProblem)
    assert (p.rounds, p.escalation) == (4, 0.5)
    assert (p.home.name, p.home.reference, p.home.position, p.home.prize) == \
        ("Japan", 4.0, 0.0, 3.0)
    assert (p.preferences.loss_aversion, p.preferences.weighting) == (2.25, "tversky-kahneman")


def test_preferences_table_is_read():
    text = TEXT + '\n[preferences]\nloss_aversion = 1.5\nweighting = "prelec"\ngamma_gain = 0.65\n'
    p = files.problem(tomllib.loads(text))
    assert (p.preferences.loss_aversion, p.preferences.weighting, p.preferences.gamma_gain) == \
        (1.5, "prelec", 0.65)


@pytest.mark.parametrize("old,new,field,message", [
    ("rounds = 4", "rounds = 0", "strategy.rounds", "must be an integer >= 1, got 0"),
    ("rounds = 4", "rounds = 2.5", "strategy.rounds", "must be an integer >= 1, got 2.5"),
    ("rounds = 4", "rounds = true", "strategy.rounds", "got the boolean true"),
    ("escalation = 0.5", "escalation = -1", "strategy.escalation", "must be >= 0, got -1"),
    ("escalation = 0.5", "escalation = 0.5\nspeed = 1", "strategy.speed", "unknown key"),
    ('name = "Japan"', 'name = ""', "home.name", "non-empty string"),
    ('name = "Japan"', 'name = "Japan"\ncolour = 1', "home.colour", "unknown key"),
    ("reference = 4.0\ncreate", 'reference = "high"\ncreate', "home.reference",
     "must be a number, got the string 'high'"),
    ("success = 0.5\ncost = 1.0\nhard_success = 0.25\nhard_cost = 1.7\nconcession = 1.0\n\n"
     "[partner]", "success = 1.5\ncost = 1.0\nhard_success = 0.25\nhard_cost = 1.7\n"
     "concession = 1.0\n\n[partner]", "home.success", "must be in [0, 1], got 1.5"),
    ("prize = 3.0\nsuccess = 0.5\ncost = 1.0\nhard_success = 0.25\nhard_cost = 1.7\n"
     "concession = 1.0\n", "prize = 0.5\nsuccess = 0.5\ncost = 1.0\nhard_success = 0.25\n"
     "hard_cost = 1.7\nconcession = 1.0\n", "partner.prize", "must be >= create"),
])
def test_bad_values_name_the_field(tmp_path, old, new, field, message):
    head, sep, tail = TEXT.partition("\n[strategy]")     # edit the tables, not the comments
    tail = tail.replace(old, new, 1) if not old.startswith("prize") else \
        tail[::-1].replace(old[::-1], new[::-1], 1)[::-1]
    text = head + sep + tail
    assert text != TEXT
    path = write(tmp_path, text)
    with pytest.raises(TwoLevelError) as err:
        files.load(path)
    assert err.value.field == f"{path}: {field}"
    assert message in err.value.message


@pytest.mark.parametrize("drop,field", [("[home]", "home"), ("rounds = 4", "strategy.rounds")])
def test_missing_tables_and_keys(drop, field):
    doc = tomllib.loads(TEXT)
    if drop == "[home]":
        del doc["home"]
    else:
        del doc["strategy"]["rounds"]
    with pytest.raises(TwoLevelError) as err:
        files.problem(doc)
    assert err.value.field == field


def test_missing_player_number_and_unknown_top_key():
    doc = tomllib.loads(TEXT)
    del doc["partner"]["prize"]
    with pytest.raises(TwoLevelError, match="partner.prize: is required"):
        files.problem(doc)
    doc = tomllib.loads(TEXT)
    doc["solution"] = "nash"
    with pytest.raises(TwoLevelError, match="solution: unknown key"):
        files.problem(doc)
    doc = tomllib.loads(TEXT)
    doc["preferences"] = {"weighting": "linear"}
    with pytest.raises(TwoLevelError, match="preferences.weighting: must be one of"):
        files.problem(doc)


def test_position_defaults_to_zero():
    doc = tomllib.loads(TEXT)
    doc["home"]["position"] = -1.0
    p = files.problem(doc)
    assert p.home.position == -1.0 and p.partner.position == 0.0
    assert float(p.home.depth) == 5.0
