"""`twolevel sequence`: JSON as DESIGN.md, equal to the library's results; tables; errors as one
line on stderr with exit 2."""

import numpy as np
import pytest

from cli_runs import as_json, run
from sequence_files import EXAMPLE, toml_doc
from twolevel.cli.common import number
from twolevel import cases
from twolevel.sequencing.solve import evaluate, optimal

STEP_KEYS = {"partner", "pressure", "batna", "agreement", "concession", "side_payment",
             "home_utility"}


def same_steps(steps, res, k):
    assert [s["partner"] for s in steps] == res.names(k)
    for f in STEP_KEYS - {"partner"}:
        got = np.array([np.nan if s[f] is None else s[f] for s in steps], float)
        assert np.allclose(got, getattr(res, f)[k].astype(float), rtol=0, atol=1e-12,
                           equal_nan=True), f


@pytest.mark.parametrize("case", ["japan-fta", "korea-fta"])
def test_json_best_order_is_the_library_optimum(capsys, case):
    data = as_json(capsys, "sequence", "--case", case)
    assert {"best_order", "best_value", "steps"} <= set(data)
    assert all(set(s) == STEP_KEYS for s in data["steps"])
    problem = cases.load(case)
    value, order = optimal(problem)
    res = evaluate(problem, order[None])
    assert data["best_order"] == res.names(0)
    assert data["best_value"] == pytest.approx(float(value), abs=1e-12)
    same_steps(data["steps"], res, 0)


@pytest.mark.parametrize("case, order", [("japan-fta", ["Singapore", "Mexico"]),
                                         ("korea-fta", ["Chile", "Singapore"])])
def test_json_given_order_with_the_best_for_comparison(capsys, case, order):
    data = as_json(capsys, "sequence", "--case", case, "--order", ",".join(order))
    assert {"order", "value", "steps", "best_order", "best_value", "best_steps"} <= set(data)
    problem = cases.load(case)
    res = evaluate(problem, [order, data["best_order"]])
    assert data["order"] == order
    assert data["value"] == pytest.approx(float(res.value[0]), abs=1e-12)
    same_steps(data["steps"], res, 0)
    same_steps(data["best_steps"], res, 1)
    assert data["best_value"] >= data["value"] - 1e-12              # utility: maximised


def test_a_file_and_spaces_in_the_order(tmp_path, capsys):
    path = tmp_path / "seq.toml"
    path.write_text(toml_doc(EXAMPLE))
    data = as_json(capsys, "sequence", str(path), "--order", " Singapore , Mexico")
    assert data["order"] == ["Singapore", "Mexico"]


def test_table_shows_steps_totals_and_the_comparison(capsys):
    code, out, err = run(capsys, "sequence", "--case", "korea-fta", "--order", "Chile,Singapore")
    assert (code, err) == (0, "")
    data = as_json(capsys, "sequence", "--case", "korea-fta", "--order", "Chile,Singapore")
    lines = out.splitlines()
    assert lines[0].startswith("Korea: 2 negotiations (Chile, Singapore), solution nash")
    assert "given order: Chile, Singapore" in lines
    assert f"best order: {', '.join(data['best_order'])}" in lines
    header = "step  partner    pressure  BATNA  agreement  concession  side payment  Home utility"
    assert lines.count(header) == 2
    chile = next(s for s in data["steps"] if s["partner"] == "Chile")
    row = next(line for line in lines if line.startswith("1     Chile"))
    assert row.split() == ["1", "Chile", number(chile["pressure"]), number(chile["batna"]),
                           "yes", number(chile["concession"]),
                           number(chile["side_payment"]), number(chile["home_utility"])]
    gap = data["best_value"] - data["value"]
    assert lines[-1] == f"the given order is worse than the best by {number(gap)}"
    assert sum(line.startswith("totals: 2 of 2 concluded") for line in lines) == 2


@pytest.mark.parametrize("case", ["japan-fta", "korea-fta"])
def test_table_without_an_order_shows_the_best(capsys, case):
    code, out, err = run(capsys, "sequence", "--case", case)
    assert (code, err) == (0, "")
    data = as_json(capsys, "sequence", "--case", case)
    lines = out.splitlines()
    assert f"best order: {', '.join(data['best_order'])}" in lines
    assert not any(line.startswith("given order") for line in lines)
    assert lines[-1].endswith(f"value {number(data['best_value'])}")
    for t, step in enumerate(data["steps"], start=1):
        assert any(line.split()[:2] == [str(t), step["partner"]] for line in lines)


def test_the_best_order_compared_with_itself(capsys):
    best = as_json(capsys, "sequence", "--case", "japan-fta")["best_order"]
    code, out, _ = run(capsys, "sequence", "--case", "japan-fta", "--order", ",".join(best))
    assert code == 0 and out.splitlines()[-1] == "the given order is as good as the best"


@pytest.mark.parametrize("order, message", [
    ("Singapore,Peru", "--order: unknown partner 'Peru' (partners: Singapore, Mexico)"),
    ("Mexico,Mexico", "--order: partner 'Mexico' appears twice"),
    ("Mexico", "--order: must list every partner once; missing: Singapore"),
    ("Mexico,,Singapore", "--order: empty partner name"),
    ("", "--order: empty partner name"),
])
def test_order_errors_are_one_line_naming_order(capsys, order, message):
    code, out, err = run(capsys, "sequence", "--case", "japan-fta", "--order", order)
    assert (code, out) == (2, "")
    assert err.startswith(f"twolevel: error: {message}") and err.count("\n") == 1


def test_other_input_errors(tmp_path, capsys):
    code, out, err = run(capsys, "sequence", "--case", "japan-mexico")
    assert (code, out) == (2, "") and "holds one negotiation, not a sequence" in err
    path = tmp_path / "seq.toml"
    path.write_text(toml_doc({**EXAMPLE, "discount": 0.0}))
    code, out, err = run(capsys, "sequence", str(path))
    assert (code, out) == (2, "")
    assert err == f"twolevel: error: {path}: discount: must be in (0, 1], got 0\n"
    code, out, err = run(capsys, "sequence", "--case", "no-such-case")
    assert (code, out) == (2, "") and "unknown case 'no-such-case'" in err


def test_readme_sequencing_examples_are_current(capsys):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "docs" / "sequencing.md").read_text(encoding="utf-8")
    section = re.search(r"^# .*?\n(.*?)(?=^## |\Z)", readme, re.M | re.S).group(1)
    examples = re.findall(r"^```text\n\$ twolevel (.*?)\n(.*?)^```", section, re.M | re.S)
    assert len(examples) == 2
    for command, shown in examples:
        code, out, err = run(capsys, *command.split())
        assert (code, err) == (0, "") and out == shown
