"""``twolevel issues``: tables and JSON for a file and the built-in case; bad input is one line on
stderr with exit 2."""
import json

from twolevel.cli import main

FILE = """
[home]
gain = 1.0
batna = 0.3
[partner]
gain = 0.0
batna = 0.3
[[issues]]
name = "beef"
home_cost = 1.0
partner_benefit = 2.0
[[issues]]
name = "insurance"
home_cost = 1.0
partner_benefit = 0.5
"""


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_of_a_file(tmp_path, capsys):
    path = tmp_path / "two.toml"
    path.write_text(FILE)
    code, out, err = run(capsys, "issues", str(path), "--format", "json")
    assert code == 0 and err == ""
    d = json.loads(out)
    # Nash on the greedy frontier: beef first, (0.7 - x)(2 x - 0.3) is largest at x = 0.425
    assert abs(d["package"]["concessions"]["beef"] - 0.425) < 1e-12
    assert d["package"]["concessions"]["insurance"] == 0.0
    # positional: x = (r_H + r_P) / 2 on every issue, r_H = 0.7 / 2, r_P = 0.3 / 2.5
    assert all(abs(x - 0.235) < 1e-12 for x in d["positional"]["concessions"].values())
    assert d["joint_gain_left"] > 0
    assert d["issues_conceded"] == {"formal": 2, "informal": 1}
    assert set(d["package"]) >= {"agreement", "home_utility", "partner_utility",
                                 "side_payment", "payments", "binding"}


def test_table_of_the_case(capsys):
    code, out, err = run(capsys, "issues", "--case", "korea-us-1987-95")
    assert code == 0 and err == ""
    assert "joint gain left by the positional protocol" in out and "patents" in out


def test_bad_input_is_one_line(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(FILE.replace("partner_benefit = 2.0", "partner_benefit = -2.0"))
    code, out, err = run(capsys, "issues", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "issues[0].partner_benefit: must be > 0, got -2" in err


def test_a_one_negotiation_case_is_refused(capsys):
    code, _, err = run(capsys, "issues", "--case", "korea-chile")
    assert code == 2 and "holds no [[issues]]" in err


def test_solve_points_a_multi_issue_case_to_the_issues_command(capsys):
    code, _, err = run(capsys, "solve", "--case", "korea-us-1987-95")
    assert code == 2 and "`twolevel issues` solves it" in err
