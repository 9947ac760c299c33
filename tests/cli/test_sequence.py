"""`twolevel sequence`: JSON as DESIGN.md, equal to the library's results; tables; errors as one
line on stderr with exit 2."""

import pytest

from cli_runs import as_json, run
from sequence_files import EXAMPLE, toml_doc
from twolevel.cli.common import number
from twolevel import cases
from twolevel.sequencing import evaluate, optimal

STEP_KEYS = {"partner", "start", "end", "pressure", "batna", "agreement", "reason", "concession",
             "side_payment", "home_utility", "deal_value"}


@pytest.mark.parametrize("case", ["japan-fta", "korea-fta"])
def test_json_best_order_is_the_library_optimum(capsys, case):
    data = as_json(capsys, "sequence", "--case", case)
    assert {"best_order", "best_value", "value_parts", "steps"} <= set(data)
    assert all(set(s) == STEP_KEYS for s in data["steps"])
    best = optimal(cases.load(case))
    assert data["best_order"] == list(best.order)
    assert data["best_value"] == best.value
    assert data["value_parts"] == best.value_parts
    assert data["steps"] == [s.to_dict() for s in best.steps]


@pytest.mark.parametrize("case, order", [("japan-fta", ["Singapore", "Mexico"]),
                                         ("korea-fta", ["Chile", "Singapore"]),
                                         ("japan-fta", ["Mexico"])])
def test_json_given_order_with_the_best_for_comparison(capsys, case, order):
    data = as_json(capsys, "sequence", "--case", case, "--order", ",".join(order))
    assert {"order", "value", "value_parts", "steps", "best_order", "best_value",
            "best_steps"} <= set(data)
    res = evaluate(cases.load(case), order)
    assert data["order"] == order == [s["partner"] for s in data["steps"]]
    assert data["value"] == res.value and data["value_parts"] == res.value_parts
    assert data["steps"] == [s.to_dict() for s in res.steps]
    assert data["best_value"] >= data["value"] - 1e-12              # welfare: maximised


def test_a_file_and_spaces_in_the_order(tmp_path, capsys):
    path = tmp_path / "seq.toml"
    path.write_text(toml_doc(EXAMPLE))
    data = as_json(capsys, "sequence", str(path), "--order", " Singapore , Mexico")
    assert data["order"] == ["Singapore", "Mexico"]


def test_table_shows_steps_values_and_the_comparison(capsys):
    code, out, err = run(capsys, "sequence", "--case", "korea-fta", "--order", "Chile,Singapore")
    assert (code, err) == (0, "")
    data = as_json(capsys, "sequence", "--case", "korea-fta", "--order", "Chile,Singapore")
    lines = out.splitlines()
    assert lines[0].startswith("Korea: 2 partners (Chile, Singapore), solution nash")
    assert "given sequence: Chile, Singapore" in lines
    assert f"best sequence: {', '.join(data['best_order'])}" in lines
    assert sum(line.startswith(("partner ")) for line in lines) == 2
    chile = data["steps"][0]
    row = next(line for line in lines if line.startswith("Chile "))
    assert row.split()[:3] == ["Chile", "0", f"{chile['end']:.4g}"]
    assert f"value {number(data['value'])} = deal values" in out
    assert "concession" not in " ".join(l for l in lines if l.startswith("value"))  # no sums of x*
    assert lines[-1].startswith("the given sequence")


@pytest.mark.parametrize("case", ["japan-fta", "korea-fta"])
def test_table_without_an_order_shows_the_best(capsys, case):
    code, out, err = run(capsys, "sequence", "--case", case)
    assert (code, err) == (0, "")
    data = as_json(capsys, "sequence", "--case", case)
    lines = out.splitlines()
    assert f"best sequence: {', '.join(data['best_order'])}" in lines
    assert not any(line.startswith("given sequence") for line in lines)
    for step in data["steps"]:
        assert any(line.split()[:1] == [step["partner"]] for line in lines)


def test_the_best_order_compared_with_itself(capsys):
    best = as_json(capsys, "sequence", "--case", "japan-fta")["best_order"]
    code, out, _ = run(capsys, "sequence", "--case", "japan-fta", "--order", ",".join(best))
    assert code == 0 and out.splitlines()[-1] == "the given sequence is as good as the best"


def test_an_empty_order_is_stopping_at_once(capsys):
    data = as_json(capsys, "sequence", "--case", "japan-fta", "--order", "")
    assert data["order"] == [] and data["steps"] == []
    assert data["value"] == -data["value_parts"]["pressure_cost"]


@pytest.mark.parametrize("order, message", [
    ("Singapore,Peru", "--order: unknown partner 'Peru' (partners: Singapore, Mexico)"),
    ("Mexico,Mexico", "--order: partner 'Mexico' appears twice"),
    ("Mexico,,Singapore", "--order: empty partner name"),
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
    assert err == f"twolevel: error: {path}: discount: must be in (0, 1), got 0\n"
    code, out, err = run(capsys, "sequence", "--case", "no-such-case")
    assert (code, out) == (2, "") and "unknown case 'no-such-case'" in err


def test_the_docs_sequencing_examples_are_current(capsys):
    import re
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "sequencing.md").read_text("utf-8")
    section = re.search(r"^# .*?\n(.*?)(?=^## |\Z)", page, re.M | re.S).group(1)
    examples = re.findall(r"^```text\n\$ twolevel (.*?)\n(.*?)^```", section, re.M | re.S)
    assert len(examples) == 2
    for command, shown in examples:
        code, out, err = run(capsys, *command.split())
        assert (code, err) == (0, "") and out == shown


def test_a_worse_sequence_shows_its_gap_to_the_best(capsys):
    data = as_json(capsys, "sequence", "--case", "japan-fta", "--order", "Mexico,Singapore")
    code, out, _ = run(capsys, "sequence", "--case", "japan-fta", "--order", "Mexico,Singapore")
    gap = data["value"] - data["best_value"]
    assert code == 0 and gap < 0
    assert out.splitlines()[-1] == f"given minus best: welfare V {number(gap)}"
