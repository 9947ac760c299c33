"""The command line: results against MODEL.md closed forms, JSON as DESIGN.md, bad input as one
line on stderr with exit 2, the built-in case registry, subcommand modules, packaging."""
import importlib.metadata
import json
import shutil
import subprocess
import sys
import sysconfig
import types
from pathlib import Path

import pytest

from scenario_files import BAD, BROKEN_FILES, EXAMPLE, edited, toml_text
from twolevel import TwoLevelError, cases, solve
from twolevel import cli
from twolevel.cli import parser as cli_main
from twolevel import files

REPO = Path(__file__).resolve().parents[2]

# No constituencies: MODEL.md section 1 closed forms apply directly.
SIMPLE = {
    "home": {"name": "Japan", "gain": 1.0, "cost": 2.0, "batna": 0.2, "pressure": 0.1,
             "power": 0.3, "discount": 0.9},
    "partner": {"name": "Mexico", "gain": 0.1, "benefit": 1.5, "batna": 0.4, "discount": 0.8},
}


def reservation(doc):
    h, p = doc["home"], doc["partner"]
    r_home = (h["gain"] - (h["batna"] - h.get("pressure", 0.0))) / h["cost"]
    r_partner = (p["batna"] - p.get("pressure", 0.0) - p["gain"]) / p["benefit"]
    return r_home, r_partner


def closed_form(doc, solution):
    """x* of MODEL.md section 1 with no domestic constraint."""
    r_home, r_partner = reservation(doc)
    theta = doc["home"]["power"]
    d_home, d_partner = doc["home"]["discount"], doc["partner"]["discount"]
    if solution == "nash":
        return theta * r_partner + (1 - theta) * r_home
    if solution == "kalai-smorodinsky":
        return (r_home + r_partner) / 2
    y = d_partner * (1 - d_home) / (1 - d_home * d_partner)
    return r_partner + y * (r_home - r_partner)


def veto_closed_form(doc):
    """MODEL.md's one veto constituency with side payments (the DESIGN.md example):
    (x*, S, zopa_hi)."""
    h = doc["home"]
    (c,) = h["constituencies"]
    r_home, r_partner = reservation(doc)
    theta, lam, l = h["power"], h["funds_cost"], -c["slope"]
    w = (c["gain"] - c["status_quo"]) / l
    d_home = h["batna"] - h["pressure"]
    x_nash = theta * r_partner + (1 - theta) * r_home
    assert x_nash > w  # the case where the constituency binds
    x = (1 - theta) * (h["gain"] + lam * l * w - d_home) / (h["cost"] + lam * l) \
        + theta * r_partner
    assert x > w
    # upper end of F: g_H - c_H x - lam l (x - w) = d_H
    zopa_hi = (h["gain"] + lam * l * w - d_home) / (h["cost"] + lam * l)
    return x, l * (x - w), w, zopa_hi


def write(tmp_path, doc, name="scenario.toml"):
    path = tmp_path / name
    path.write_text(toml_text(doc) if isinstance(doc, dict) else doc)
    return str(path)


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def json_strict(text):
    """Parse JSON, refusing NaN and Infinity."""
    def refuse(name):
        raise AssertionError(f"{name} in JSON output")
    return json.loads(text, parse_constant=refuse)


# --- solve: results ---------------------------------------------------------------------------

@pytest.mark.parametrize("solution", ["nash", "kalai-smorodinsky", "rubinstein"])
def test_solve_json_matches_the_closed_forms(tmp_path, capsys, solution):
    code, out, err = run(capsys, "solve", write(tmp_path, SIMPLE), "--format", "json",
                         "--solution", solution)
    assert (code, err) == (0, "")
    d = json_strict(out)
    x = closed_form(SIMPLE, solution)
    r_home, r_partner = reservation(SIMPLE)
    assert d["solution"] == solution and d["agreement"] is True
    assert d["concession"] == pytest.approx(x, abs=1e-9)
    assert d["home_utility"] == pytest.approx(1.0 - 2.0 * x, abs=1e-9)
    assert d["partner_utility"] == pytest.approx(0.1 + 1.5 * x, abs=1e-9)
    assert d["reservation"] == pytest.approx({"home": r_home, "partner": r_partner}, abs=1e-12)
    assert d["winset"] == {"home": [[0.0, 1.0]], "partner": [[0.0, 1.0]]}
    assert d["zopa"] == [pytest.approx([r_partner, r_home], abs=1e-12)]
    assert d["side_payment"] == {"home": 0.0, "partner": 0.0}
    assert d["payments"] == {"home": {}, "partner": {}}


def test_the_file_solution_is_the_default(tmp_path, capsys):
    doc = {"solution": "kalai-smorodinsky", **SIMPLE}
    code, out, _ = run(capsys, "solve", write(tmp_path, doc), "--format", "json")
    d = json_strict(out)
    assert code == 0 and d["solution"] == "kalai-smorodinsky"
    assert d["concession"] == pytest.approx(closed_form(SIMPLE, "kalai-smorodinsky"), abs=1e-9)


def test_design_example_json(tmp_path, capsys):
    path = write(tmp_path, EXAMPLE)
    code, out, err = run(capsys, "solve", path, "--format", "json")
    assert (code, err) == (0, "")
    d = json_strict(out)
    x, s, w, zopa_hi = veto_closed_form(EXAMPLE)
    r_home, r_partner = reservation(EXAMPLE)
    assert d["concession"] == pytest.approx(x, abs=1e-9)
    assert d["side_payment"]["home"] == pytest.approx(s, abs=1e-9)
    assert d["payments"]["home"] == {"farmers": pytest.approx(s, abs=1e-9)}
    assert d["home_utility"] == pytest.approx(1.0 - x - 1.2 * s, abs=1e-9)
    assert d["winset"]["home"] == [pytest.approx([0.0, w], abs=1e-12)]
    assert d["zopa"] == [pytest.approx([r_partner, zopa_hi], abs=1e-9)]
    # exactly Outcome.to_dict(), with DESIGN.md's keys
    assert d == json.loads(json.dumps(solve(files.load(path)).to_dict()))
    assert set(d) >= {"solution", "agreement", "concession", "home_utility", "partner_utility",
                      "reservation", "winset", "zopa", "side_payment", "payments", "reason",
                      "limits", "ratification"}
    for key in ("reservation", "winset", "side_payment", "payments", "limits", "ratification"):
        assert set(d[key]) == {"home", "partner"}
    assert d["reason"] is None and d["signed"] == d["concession"]
    assert d["ratification"] == {"home": "committed", "partner": "committed"}
    assert d["limits"] == pytest.approx({"home": zopa_hi, "partner": r_partner}, abs=1e-9)


def test_no_agreement_is_a_result_with_nulls(tmp_path, capsys):
    doc = edited(SIMPLE, "partner.batna", 2.0)  # r_P > 1 > r_H: F is empty
    code, out, err = run(capsys, "solve", write(tmp_path, doc), "--format", "json")
    assert (code, err) == (0, "")
    assert "NaN" not in out and "Infinity" not in out
    d = json_strict(out)
    assert d["agreement"] is False and d["zopa"] == [] and d["reason"] == "zopa"
    for key in ("concession", "home_utility", "partner_utility", "signed"):
        assert d[key] is None
    assert d["limits"] == {"home": None, "partner": None}
    assert d["reservation"]["partner"] == pytest.approx(reservation(doc)[1])


def test_table_is_readable(tmp_path, capsys):
    code, out, err = run(capsys, "solve", write(tmp_path, EXAMPLE))
    assert (code, err) == (0, "")
    x, s, w, zopa_hi = veto_closed_form(EXAMPLE)
    lines = out.splitlines()
    assert lines[0] == "Korea (home) and Chile (partner), Nash solution"
    assert lines[1] == ("x = Korea's concession: the share of Chile's demands that Korea meets "
                        "(0 = none, 1 = all)")

    def row(label):
        (found,) = [line[len(label):].split() for line in lines if line.startswith(label)]
        return found

    assert row("agreement") == ["yes"]
    assert row("concession x*") == [f"{x:.6g}"]
    assert row("ZOPA F (x both governments accept, ratified)") == ["[0.1,", f"{zopa_hi:.6g}]"]
    assert row("win-set (ratified without side payments)") == ["[0,", f"{w:.6g}]", "[0,", "1]"]
    assert row("side payments (total)") == [f"{s:.6g}", "0"]
    assert row("reservation point of the government") == ["0.9", "0.1"]
    assert row("  its limit once ratification costs count") == [f"{zopa_hi:.6g}", "0.1"]
    assert row("utility at x*, net of funds_cost x side payments")[0] == \
        f"{1.0 - x - 1.2 * s:.6g}"
    assert row("  Korea's government pays its farmers") == [f"{s:.6g}"]
    assert "nan" not in out.lower()


def test_table_without_agreement(tmp_path, capsys):
    code, out, _ = run(capsys, "solve", write(tmp_path, edited(SIMPLE, "partner.batna", 2.0)))
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[1:] for line in lines if line.startswith("agreement")] == \
        [["no", "(the", "ZOPA", "is", "empty)"]]
    assert [line.split()[-1] for line in lines if line.startswith("ZOPA F")] == ["empty"]
    assert "who pays whom" not in out
    assert "nan" not in out.lower()


def ex_post(pressure, veto_rent=0.5):
    """The DESIGN.md example with Korea ratifying ex post (x0 = x_N, one veto constituency)."""
    doc = edited(edited(EXAMPLE, "home.ratification", "ex_post"), "home.veto_rent", veto_rent)
    return edited(doc, "home.pressure", pressure)


def test_ex_post_json(tmp_path, capsys):
    """Signed at x_N, then the farmers' loss l (x_N - w) plus the veto rent; F as committed."""
    doc = ex_post(0.2)
    code, out, err = run(capsys, "solve", write(tmp_path, doc), "--format", "json")
    assert (code, err) == (0, "")
    d = json_strict(out)
    r_home, r_partner = reservation(doc)
    x_n = 0.5 * (r_home + r_partner)
    _, _, w, zopa_hi = veto_closed_form(doc)
    loss = x_n - w
    rest = 1.0 - x_n - 1.2 * loss - (0.3 - 0.2)
    assert d["ratification"] == {"home": "ex_post", "partner": "committed"}
    assert d["reason"] is None and d["agreement"] is True
    assert d["concession"] == pytest.approx(x_n, abs=1e-12) and d["signed"] == d["concession"]
    assert d["side_payment"]["home"] == pytest.approx(loss + 0.5 * rest / 1.2, abs=1e-12)
    assert d["limits"] == pytest.approx({"home": zopa_hi, "partner": r_partner}, abs=1e-9)


def test_ex_post_failure_json_and_table(tmp_path, capsys):
    """With farmers three times as hurt (slope -3) Korea cannot afford their loss at
    x_N > max F: no agreement, reason ratification, the signed x0 reported."""
    path = write(tmp_path, edited(ex_post(0.2), "home.constituencies.0.slope", -3.0))
    code, out, err = run(capsys, "solve", path, "--format", "json")
    d = json_strict(out)
    assert (code, err) == (0, "") and d["agreement"] is False and d["reason"] == "ratification"
    assert d["concession"] is None and d["signed"] > d["limits"]["home"]
    assert d["side_payment"]["home"] is None
    code, out, err = run(capsys, "solve", path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split()[1:] for line in lines if line.startswith("agreement")] == \
        [["no", "(the", "signed", "deal", "failed", "ratification", "ex", "post)"]]
    assert [line.split()[-1] for line in lines if line.startswith("signed x0")] == \
        [f"{d['signed']:.6g}"]
    (row,) = [line for line in out.splitlines() if line.startswith("ratification")]
    assert row.split()[1:] == ["ex", "post,", "veto", "rent", "0.5", "committed"]
    assert "nan" not in out.lower()


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out == f"twolevel {importlib.metadata.version('twolevel')}\n"


def test_cases_show_prints_the_case_file(capsys):
    code, out, err = run(capsys, "cases", "--show", "korea-chile")
    assert (code, err) == (0, "")
    assert out == cases.path("korea-chile").read_text(encoding="utf-8")
    assert_one_line_error(*run(capsys, "cases", "--show", "korea"), "unknown case 'korea'")


# --- solve: bad input -------------------------------------------------------------------------

def assert_one_line_error(code, out, err, *parts):
    assert code == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("twolevel: error: ")
    assert "Traceback" not in err
    for part in parts:
        assert part in err


@pytest.mark.parametrize("doc, field, message", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_scenario_exits_2_naming_the_field(tmp_path, capsys, doc, field, message):
    path = write(tmp_path, doc)
    for fmt in ("table", "json"):
        assert_one_line_error(*run(capsys, "solve", path, "--format", fmt),
                              f"{path}: {field}: ", message)


@pytest.mark.parametrize("content, message", [b[1:] for b in BROKEN_FILES],
                         ids=[b[0] for b in BROKEN_FILES])
def test_unusable_file_exits_2(tmp_path, capsys, content, message):
    path = tmp_path / "broken.toml"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    assert_one_line_error(*run(capsys, "solve", str(path), "--format", "json"),
                          f"{path}: ", message)


def test_missing_file_exits_2(tmp_path, capsys):
    path = str(tmp_path / "missing.toml")
    assert_one_line_error(*run(capsys, "solve", path), f"{path}: cannot read the file")


def test_sequence_file_is_not_one_negotiation(tmp_path, capsys):
    path = write(tmp_path, '[[partners]]\nname = "Mexico"\n')
    assert_one_line_error(*run(capsys, "solve", path), f"{path}: partners: ", "sequence")


@pytest.mark.parametrize("argv", [
    ["solve"],                                         # neither FILE nor --case
    ["solve", "a.toml", "--case", "korea-chile"],      # both
    ["solve", "--case"],
    ["solve", "a.toml", "--solution", "shapley"],
    ["solve", "a.toml", "--format", "xml"],
    ["solve", "a.toml", "b.toml"],
    ["unknown-command"],
    [],
])
def test_usage_errors_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert "usage: twolevel" in err and "Traceback" not in err


def test_help_exits_0(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "solve" in out and "cases" in out


# --- cases ------------------------------------------------------------------------------------

@pytest.fixture
def case_folder(tmp_path, monkeypatch):
    """A case folder of three files: summary line, first comment only, a sequence."""
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "beta.toml").write_text("# Beta: first comment line\n# more\n" + toml_text(SIMPLE))
    (folder / "alpha.toml").write_text("#\n# summary: Alpha, the DESIGN example\n#\n\n"
                                       + toml_text(EXAMPLE))
    (folder / "seq.toml").write_text('[[partners]]\nname = "Mexico"\n')
    (folder / "notes.txt").write_text("not a case\n")
    monkeypatch.setattr(cases, "FOLDER", folder)
    return folder


def test_registry(case_folder):
    assert cases.names() == ["alpha", "beta", "seq"]
    assert cases.path("alpha") == case_folder / "alpha.toml"
    assert cases.summary("alpha") == "Alpha, the DESIGN example"
    assert cases.summary("beta") == "Beta: first comment line"
    assert cases.summary("seq") == ""
    neg = cases.load("alpha")
    assert neg.home.name == "Korea" and neg.home.constituencies[0].name == "farmers"
    assert cases.load_negotiation("beta").partner.name == "Mexico"


@pytest.mark.parametrize("name", ["gamma", "../alpha", "alpha.toml", "", "notes"])
def test_unknown_case_lists_the_known_ones(case_folder, name):
    with pytest.raises(TwoLevelError) as info:
        cases.path(name)
    assert info.value.field == "case"
    assert info.value.message == f"unknown case {name!r} (known: alpha, beta, seq)"


def test_case_errors_name_the_case(case_folder, capsys):
    (case_folder / "broken.toml").write_text(toml_text(edited(SIMPLE, "home.cost", 0.0)))
    assert_one_line_error(*run(capsys, "solve", "--case", "broken"),
                          "case broken: home.cost: must be > 0, got 0")
    assert_one_line_error(*run(capsys, "solve", "--case", "seq"), "case seq: partners: ")
    assert_one_line_error(*run(capsys, "solve", "--case", "gamma"),
                          "unknown case 'gamma' (known: alpha, beta, broken, seq)")


def test_cases_command_and_solve_by_case(case_folder, tmp_path, capsys):
    code, out, err = run(capsys, "cases")
    assert (code, err) == (0, "")
    assert [line.split(None, 1) for line in out.splitlines()] == [
        ["alpha", "Alpha, the DESIGN example"], ["beta", "Beta: first comment line"], ["seq"]]
    _, by_case, _ = run(capsys, "solve", "--case", "alpha", "--format", "json")
    _, by_file, _ = run(capsys, "solve", write(tmp_path, EXAMPLE), "--format", "json")
    assert json_strict(by_case) == json_strict(by_file)


@pytest.mark.parametrize("name", cases.names())
def test_shipped_cases_load_and_have_a_summary(name):
    assert cases.summary(name)
    cases.load(name)


# --- subcommand modules -----------------------------------------------------------------------

def test_every_subcommand_module_is_registered(monkeypatch, capsys):
    def add_parser(subparsers):
        p = subparsers.add_parser("demo", help="a demonstration")
        p.add_argument("--fail", action="store_true")
        p.set_defaults(handler=handler)

    def handler(args):
        if args.fail:
            raise TwoLevelError("demo.value", "must be > 0, got -1")
        print("demo ran")
        return 0

    demo = types.SimpleNamespace(add_parser=add_parser)
    monkeypatch.setattr(cli_main, "COMMANDS", (*cli_main.COMMANDS, demo))
    assert run(capsys, "demo") == (0, "demo ran\n", "")
    assert_one_line_error(*run(capsys, "demo", "--fail"), "demo.value: must be > 0, got -1")


# --- the installed command --------------------------------------------------------------------

def command(name="twolevel"):
    """The installed console script (next to this Python, else on PATH)."""
    script = Path(sys.executable).parent / name
    found = str(script) if script.exists() else shutil.which(name)
    assert found, "the twolevel command is not installed: pip install '.[test]'"
    return found


def test_installed_command_solves(tmp_path):
    path = write(tmp_path, SIMPLE)
    done = subprocess.run([command(), "solve", path, "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert json_strict(done.stdout)["concession"] == pytest.approx(closed_form(SIMPLE, "nash"))


def test_python_m_twolevel_reports_bad_input(tmp_path):
    path = write(tmp_path, edited(EXAMPLE, "home.constituencies.0.weight", -1.0))
    done = subprocess.run([sys.executable, "-m", "twolevel", "solve", path], cwd=tmp_path,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"twolevel: error: {path}: home.constituencies[0].weight: " \
                          "must be > 0, got -1\n"


def test_installed_command_ships_every_case(tmp_path):
    """The installed package lists exactly the case files of the source tree (reinstall after
    adding a case)."""
    done = subprocess.run([command(), "cases"], cwd=tmp_path, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 0, done.stderr
    listed = [line.split()[0] for line in done.stdout.splitlines()]
    assert listed == sorted(p.stem for p in (REPO / "twolevel" / "cases").glob("*.toml"))


def test_installed_distribution_ships_modules_cases_and_command():
    """The installed distribution (site-packages, not the source tree's build metadata) holds
    every module and case file and declares the console script."""
    site = list(dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib")))
    dists = list(importlib.metadata.Distribution.discover(name="twolevel", path=site))
    assert len(dists) == 1, "twolevel is not installed: pip install '.[test]'"
    (dist,) = dists
    scripts = {e.name: e.value for e in dist.entry_points if e.group == "console_scripts"}
    assert scripts == {"twolevel": "twolevel.cli:main"}
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    if direct.get("dir_info", {}).get("editable"):
        pytest.skip("editable install: its package files are the source tree itself")
    installed = {Path(f).as_posix() for f in dist.files}
    expected = {p.relative_to(REPO).as_posix() for p in (REPO / "twolevel").rglob("*")
                if p.suffix in (".py", ".toml") and "__pycache__" not in p.parts}
    expected |= {f"twolevel/docs/{p.name}" for p in (REPO / "docs").glob("*.md")}
    assert expected - installed == set(), "stale install? pip install '.[test]'"


def test_installed_command_prints_the_shipped_docs(tmp_path):
    """`twolevel docs MODEL` from an installed package prints the repository's docs/MODEL.md."""
    done = subprocess.run([command(), "docs", "MODEL"], cwd=tmp_path, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (REPO / "docs" / "MODEL.md").read_text(encoding="utf-8")
