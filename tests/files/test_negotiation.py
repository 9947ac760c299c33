"""Scenario files: strict parsing, every rule of DESIGN.md, errors naming the field."""
import math

import pytest
from hypothesis import given, settings, strategies as st

from scenario_files import BAD, BROKEN_FILES, C0, EXAMPLE, MINIMAL, edited, toml_text
from twolevel import Negotiation, TwoLevelError
from twolevel import files


def write(tmp_path, doc, name="scenario.toml"):
    path = tmp_path / name
    path.write_text(toml_text(doc) if isinstance(doc, dict) else doc)
    return path


def test_example_parses_to_its_values(tmp_path):
    neg = files.load(write(tmp_path, EXAMPLE))
    assert isinstance(neg, Negotiation)
    assert neg.solution == "nash"
    for role in ("home", "partner"):
        side = getattr(neg, role)
        for key, value in EXAMPLE[role].items():
            if key != "constituencies":
                assert getattr(side, key) == value, (role, key)
    (farmers,) = neg.home.constituencies
    for key, value in EXAMPLE["home"]["constituencies"][0].items():
        assert getattr(farmers, key) == value, key
    assert neg.partner.constituencies == ()


def test_defaults_are_those_of_design(tmp_path):
    neg = files.load(write(tmp_path, MINIMAL))
    assert neg.solution == "nash"
    assert (neg.home.name, neg.partner.name) == ("Home", "Partner")
    for side in (neg.home, neg.partner):
        assert (side.pressure, side.discount, side.funds_cost, side.budget, side.quota) == \
            (0.0, 0.95, 1.0, math.inf, 0.5)
    assert neg.home.power == 0.5
    for side in (neg.home, neg.partner):
        assert (side.ratification, side.veto_rent) == ("committed", 0.0)
    (farmers,) = neg.home.constituencies
    assert (farmers.status_quo, farmers.weight) == (0.0, 1.0)


@pytest.mark.parametrize("path, value", [
    ("home.power", 0.0), ("home.power", 1.0), ("home.budget", 0.0), ("home.budget", math.inf),
    ("partner.budget", 0), ("home.quota", 1.0), ("home.funds_cost", 1.0), ("home.gain", 2),
    ("home.batna", -5.0), ("home.pressure", -0.25), (f"{C0}.slope", 0.0),
    ("home.discount", 1e-9), ("partner.discount", 1 - 1e-9), ("partner.quota", 1e-12),
])
def test_values_on_the_edge_of_each_rule_are_accepted(tmp_path, path, value):
    neg = files.load(write(tmp_path, edited(EXAMPLE, path, value)))
    role, *rest = path.split(".")
    obj = getattr(neg, role)
    if rest[0] == "constituencies":
        obj, rest = obj.constituencies[int(rest[1])], rest[2:]
    got = getattr(obj, rest[0])
    assert type(got) is float and got == value


@pytest.mark.parametrize("doc, field, message", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_one_error_naming_the_field(tmp_path, doc, field, message):
    path = write(tmp_path, doc)
    with pytest.raises(TwoLevelError) as info:
        files.load(path)
    assert info.value.field == f"{path}: {field}"
    assert message in info.value.message
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("role", ["home", "partner"])
def test_ratification_mode_and_veto_rent(tmp_path, role):
    doc = edited(edited(EXAMPLE, f"{role}.ratification", "ex_post"), f"{role}.veto_rent", 0.25)
    neg = files.load(write(tmp_path, doc))
    side = getattr(neg, role)
    assert (side.ratification, side.veto_rent, bool(side.ex_post)) == ("ex_post", 0.25, True)


@pytest.mark.parametrize("content, message", [b[1:] for b in BROKEN_FILES],
                         ids=[b[0] for b in BROKEN_FILES])
def test_unusable_files_are_named(tmp_path, content, message):
    path = tmp_path / "broken.toml"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    with pytest.raises(TwoLevelError) as info:
        files.load(path)
    assert info.value.field == str(path)
    assert message in info.value.message
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere" / "x.toml"
    with pytest.raises(TwoLevelError, match="FileNotFoundError") as info:
        files.load(path)
    assert info.value.field == str(path)


def test_a_file_of_comments_only_lacks_the_sides(tmp_path):
    with pytest.raises(TwoLevelError, match="is required") as info:
        files.load(write(tmp_path, "# nothing here\n"))
    assert info.value.field.endswith(": home")


def test_label_replaces_the_path_in_errors(tmp_path):
    path = write(tmp_path, edited(EXAMPLE, "home.cost", -1.0))
    with pytest.raises(TwoLevelError) as info:
        files.load(path, label="case demo")
    assert str(info.value) == "case demo: home.cost: must be > 0, got -1"


def test_load_negotiation_refuses_a_sequence_file(tmp_path):
    path = tmp_path / "seq.toml"
    path.write_text('[[partners]]\nname = "Mexico"\n')
    with pytest.raises(TwoLevelError, match="sequence") as info:
        files.load_negotiation(path)
    assert info.value.field == f"{path}: partners"


def test_load_dispatches_sequence_files_and_locates_their_errors(tmp_path, monkeypatch):
    seen = []

    def sequence_problem(doc):
        seen.append(doc)
        if doc["partners"][0]["name"] == "bad":
            raise TwoLevelError("partners[0].relief", "must be in [0, 1], got 2")
        return "a sequence problem"

    monkeypatch.setattr(files, "sequence_problem", sequence_problem)
    path = tmp_path / "seq.toml"
    path.write_text('[[partners]]\nname = "Mexico"\n')
    assert files.load(path) == "a sequence problem"
    assert seen == [{"partners": [{"name": "Mexico"}]}]
    path.write_text('[[partners]]\nname = "bad"\n')
    with pytest.raises(TwoLevelError) as info:
        files.load(path)
    assert str(info.value) == f"{path}: partners[0].relief: must be in [0, 1], got 2"


# Independent statement of DESIGN.md's rules, key by key.
RULES = {
    "home.gain": lambda x: math.isfinite(x),
    "home.cost": lambda x: math.isfinite(x) and x > 0,
    "partner.benefit": lambda x: math.isfinite(x) and x > 0,
    f"{C0}.weight": lambda x: math.isfinite(x) and x > 0,
    "home.power": lambda x: 0 <= x <= 1,
    "home.discount": lambda x: 0 < x < 1,
    "partner.discount": lambda x: 0 < x < 1,
    "home.funds_cost": lambda x: math.isfinite(x) and x >= 1,
    "home.budget": lambda x: x >= 0,
    "partner.budget": lambda x: x >= 0,
    "home.quota": lambda x: 0 < x <= 1,
    "home.veto_rent": lambda x: 0 <= x <= 1,
    "partner.veto_rent": lambda x: 0 <= x <= 1,
    f"{C0}.status_quo": lambda x: math.isfinite(x),
}
EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, 0.99, 1.01, 2.0, math.inf, -math.inf, math.nan, 1e-300]


@settings(max_examples=300, deadline=None)
@given(path=st.sampled_from(sorted(RULES)),
       value=st.one_of(st.sampled_from(EDGES), st.floats(-3, 3), st.floats()))
def test_a_value_is_accepted_exactly_when_its_rule_holds(tmp_path_factory, path, value):
    doc = edited(EXAMPLE, path, value)
    file = tmp_path_factory.mktemp("rule") / "s.toml"
    file.write_text(toml_text(doc))
    if RULES[path](value):
        files.load(file)
    else:
        with pytest.raises(TwoLevelError) as info:
            files.load(file)
        assert info.value.field == f"{file}: {path.replace('.0.', '[0].')}"


def test_a_date_is_not_a_number(tmp_path):
    text = toml_text(EXAMPLE).replace("batna = 0.3", "batna = 1979-05-27")
    with pytest.raises(TwoLevelError) as info:
        files.load(write(tmp_path, text))
    assert str(info.value).endswith("home.batna: must be a number, got the date/time 1979-05-27")
