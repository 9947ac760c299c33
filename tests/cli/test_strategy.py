"""`twolevel strategy`: JSON rounds equal to the library's path; tables; the expected-utility
switch; errors as one line on stderr with exit 2."""
import json

import pytest

from twolevel import cases, cli
from twolevel.strategy.path import solve_path


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", ["us-japan-autos-1995", "us-korea-autos-1995"])
@pytest.mark.parametrize("eu", [False, True])
def test_json_rounds_are_the_library_path(capsys, case, eu):
    code, out, err = run(capsys, "strategy", "--case", case, "--format", "json",
                         *(["--expected-utility"] if eu else []))
    assert (code, err) == (0, "")
    data = json.loads(out)
    problem = cases.load(case)
    path = solve_path(problem.expected_utility() if eu else problem)
    assert len(data["rounds"]) == path.rounds_played()
    for t, r in enumerate(data["rounds"]):
        assert set(r) >= {"round", "home_strategy", "partner_strategy", "outcome",
                          "home_loss_depth", "partner_loss_depth"}
        assert r["round"] == t + 1
        assert r["home_strategy"] == ("claim" if path.home[t] else "create")
        assert r["partner_strategy"] == ("claim" if path.partner[t] else "create")
        assert r["outcome"] == ("deadlock" if path.deadlock[t] else "agreement")
        assert r["home_loss_depth"] == path.depth_home[t]
    assert (data["agreement"] is not None) == bool(path.agreement)
    assert data["valuation"] == ("expected utility" if eu else "prospect theory")


def test_table_lists_every_round_and_the_deal(capsys):
    code, out, err = run(capsys, "strategy", "--case", "us-japan-autos-1995")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Japan (home) and United States (partner), prospect theory")
    assert sum(" deadlock " in line for line in lines) == 3
    assert "weak: reached at the deadline" in lines[-1]


def test_errors_are_one_line(capsys, tmp_path):
    code, out, err = run(capsys, "strategy", "--case", "japan-mexico")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "case japan-mexico: is not a strategy problem" in err
    bad = tmp_path / "bad.toml"
    bad.write_text(cases.path("us-korea-autos-1995").read_text().replace(
        "\nrounds = 4", "\nrounds = -4"))
    code, out, err = run(capsys, "strategy", str(bad))
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "strategy.rounds: must be an integer >= 1, got -4" in err


def test_docs_example_is_the_output(capsys):
    import re
    from pathlib import Path
    page = (Path(__file__).resolve().parents[2] / "docs" / "strategy.md").read_text(encoding="utf-8")
    section = re.search(r"^## On the command line\n(.*?)(?=^## )", page, re.M | re.S).group(1)
    (shown,) = re.findall(r"^```text\n\$ twolevel strategy --case us-japan-autos-1995\n(.*?)^```",
                          section, re.M | re.S)
    code, out, err = run(capsys, "strategy", "--case", "us-japan-autos-1995")
    assert (code, err, out) == (0, "", shown)


def test_sequence_command_names_a_strategy_case_as_such(capsys):
    code, out, err = run(capsys, "sequence", "--case", "us-korea-autos-1995")
    assert (code, out) == (2, "")
    assert "holds a strategy problem, not a sequence (`twolevel strategy` plays it)" in err
