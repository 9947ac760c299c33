"""`twolevel coerce`: JSON equal to the library's results (one demand, an event record), tables
for people, errors as one line on stderr with exit 2."""
import numpy as np

from cli_runs import as_json, run
from twolevel import cases
from twolevel.coercion import coerce, evaluate

EVENT_KEYS = {"name", "year", "kind", "observed", "predicted", "material_predicted"}
DEMAND_KEYS = {"concession", "concession_without_threat", "effectiveness", "agreement",
               "channels"}


def test_one_demand_json_is_the_library_outcome(capsys):
    data = as_json(capsys, "coerce", "--case", "clinton-miyazawa-1993")
    assert DEMAND_KEYS <= set(data)
    out = coerce(cases.load("clinton-miyazawa-1993"))
    assert data["agreement"] is False and data["demand_choice"] == "results"
    assert np.isclose(data["counter_offer"], out.counter_offer, rtol=0, atol=1e-15)
    assert set(data["channels"]) == {"material", "deference", "legitimacy", "backlash", "trust"}
    assert data["effectiveness"] == data["concession"] - data["concession_without_threat"]


def test_record_json_events_and_errors(capsys):
    data = as_json(capsys, "coerce", "--case", "us-japan-1977-96")
    result = evaluate(cases.load("us-japan-1977-96"))
    assert data["errors"] == result.errors == {"social": 3, "material": 3}
    assert len(data["events"]) == 15 and all(EVENT_KEYS <= set(e) for e in data["events"])
    assert [e["predicted"] == "concede" for e in data["events"]] == result.predicted.tolist()
    assert data["material_cut"] == 3.5
    assert {e["material_predicted"] for e in data["events"] if e["dependence"] >= 3.5} == \
        {"concede"}


def test_tables_are_readable(capsys):
    code, out, err = run(capsys, "coerce", "--case", "us-japan-1977-96")
    assert (code, err) == (0, "")
    assert "errors: social model 3, material-only 3 (best cut: concede iff ratio >= 3.5)" in out
    assert out.splitlines()[1].split()[:2] == ["locomotive", "1978"]
    code, out, err = run(capsys, "coerce", "--case", "clinton-miyazawa-1993")
    assert (code, err) == (0, "") and "counter-offer on an instrument" in out
    assert "Japan (target) and United States (sender), demand: results" in out


def test_a_plain_negotiation_is_an_error_exit_2(capsys):
    code, out, err = run(capsys, "coerce", "--case", "japan-mexico")
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert "coercion: is required" in err


def test_a_bad_file_exits_2_naming_the_field(tmp_path, capsys):
    text = (cases.path("clinton-miyazawa-1993").read_text()
            .replace("credibility = 0.5", "credibility = 5.0"))
    path = tmp_path / "bad.toml"
    path.write_text(text)
    code, out, err = run(capsys, "coerce", str(path))
    assert (code, out) == (2, "")
    assert err == f"twolevel: error: {path}: coercion.credibility: must be in [0, 1], got 5\n"
