"""Sweep files and ``twolevel sweep``: strict parsing (the three ways to give the base, grids and
samples, dotted keys), errors naming file and field, and the command line end to end."""
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from sweep_scenarios import BASE
from twolevel import TwoLevelError, cases, sweep
from twolevel import cli
from twolevel.negotiation.text import dumps
from twolevel.files.sweep import load, sweep_file

GRID_TOML = """
[grid]
"home.pressure" = { start = 0.0, stop = 0.8, num = 9 }
"home.constituencies.farmers.slope" = [-2.0, -1.0, -0.5]
"""


def write(folder, name, text):
    path = Path(folder) / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def inline(text=GRID_TOML, extra=""):
    """A sweep document with BASE as an inline [scenario] table."""
    scenario = tomllib.loads(dumps(BASE))
    return {**tomllib.loads(extra + text), "scenario": scenario}


def test_the_three_ways_to_give_the_base_agree(tmp_path):
    write(tmp_path, "base.toml", dumps(BASE))
    sub = tmp_path / "sweeps"
    sub.mkdir()
    by_file = load(write(sub, "a.toml", 'base = "../base.toml"\n' + GRID_TOML))
    by_table = sweep_file(inline())
    assert dumps(by_file.base) == dumps(by_table.base) == dumps(BASE)
    expected = sweep(BASE, grid={"home.pressure": {"start": 0.0, "stop": 0.8, "num": 9},
                                 "home.constituencies.farmers.slope": [-2.0, -1.0, -0.5]})
    xr.testing.assert_identical(by_file.run(), expected)
    xr.testing.assert_identical(by_table.run(), expected)


def test_a_built_in_case_as_base(tmp_path):
    spec = load(write(tmp_path, "s.toml", 'case = "korea-chile"\n' + GRID_TOML))
    assert dumps(spec.base) == dumps(cases.load_negotiation("korea-chile"))


def test_dotted_keys_equal_quoted_paths():
    quoted = sweep_file(inline())
    dotted = sweep_file(inline("""
        [grid]
        home.pressure = { start = 0.0, stop = 0.8, num = 9 }
        [grid.home.constituencies.farmers]
        slope = [-2.0, -1.0, -0.5]
        """.replace("\n        ", "\n")))
    assert dotted.grid == quoted.grid


def test_sample_outputs_and_solution():
    spec = sweep_file(inline("""
        [sample]
        method = "lhs"
        n = 16
        seed = 4
        [sample.ranges]
        "home.pressure" = [0.0, 0.8]
        partner.batna = [0, 1]
        """.replace("\n        ", "\n"), 'outputs = ["agreement", "concession"]\n'
                                         'solution = "rubinstein"\n'))
    assert spec.sample == {"method": "lhs", "n": 16, "seed": 4,
                           "ranges": {"home.pressure": [0.0, 0.8], "partner.batna": [0.0, 1.0]}}
    assert spec.outputs == ("agreement", "concession") and spec.solution == "rubinstein"
    ds = spec.run()
    assert list(ds.data_vars) == ["agreement", "concession"]
    assert ds.attrs["solution"] == "rubinstein" and ds.sizes == {"sample": 16}


BAD = [
    ("", GRID_TOML, "case", "exactly one of case, base or [scenario]"),
    ('case = "korea-chile"\nbase = "x.toml"\n', GRID_TOML, "base",
     "exactly one of case, base or [scenario], got case and base"),
    ('case = "korea-chile"\nsteps = 3\n', GRID_TOML, "steps", "unknown key"),
    ('case = "korea-chilly"\n', GRID_TOML, "case", "unknown case 'korea-chilly'"),
    ('case = 3\n', GRID_TOML, "case", "must be a non-empty string"),
    ('case = "korea-chile"\n', "", "grid", "exactly one of [grid] or [sample]"),
    ('case = "korea-chile"\noutputs = "concession"\n', GRID_TOML, "outputs", "must be an array"),
    ('case = "korea-chile"\noutputs = ["x"]\n', GRID_TOML, "outputs[0]", "unknown output 'x'"),
    ('case = "korea-chile"\noutputs = [1]\n', GRID_TOML, "outputs[0]", "must be a name"),
    ('case = "korea-chile"\nsolution = "coin"\n', GRID_TOML, "solution", "must be one of"),
    ('case = "korea-chile"\n', '[grid]\n"home.pressure" = [0.1, "high"]\n',
     "grid.home.pressure[1]", "must be a number, got the string 'high'"),
    ('case = "korea-chile"\n', '[grid]\n"home.discount" = [0.5, 1]\n',
     "grid.home.discount[1]", "must be in (0, 1), got 1"),
    ('case = "korea-chile"\n', '[grid]\n"home.pressure" = 0.5\n',
     "grid.home.pressure", "must be an array of numbers or a table"),
    ('case = "korea-chile"\n', '[grid]\n"home.pressure" = {start = 0, stop = 1, num = 0}\n',
     "grid.home.pressure.num", "must be >= 1"),
    ('case = "korea-chile"\n', '[grid]\n"home.pressure" = {start = 0, stop = 1, nun = 3}\n',
     "grid.home.pressure.nun", "unknown key"),
    ('case = "korea-chile"\n', '[grid]\n"home.pressure" = {start = 0, stop = "1", num = 3}\n',
     "grid.home.pressure.stop", "must be a number"),
    ('case = "korea-chile"\n', '[grid]\nhome.presure = [0.1]\n',
     "grid.home.presure", "unknown parameter"),
    ('case = "korea-chile"\n', '[grid]\n"home.constituencies.fishers.slope" = [0.1]\n',
     "grid.home.constituencies.fishers.slope", "no constituency named 'fishers'"),
    ('case = "korea-chile"\n', '[sample]\nn = 8\n', "sample.ranges", "is required"),
    ('case = "korea-chile"\n', '[sample]\nn = 8.0\n[sample.ranges]\n"home.pressure" = [0, 1]\n',
     "sample.n", "must be an integer"),
    ('case = "korea-chile"\n', '[sample]\nn = 8\nhow = "x"\n', "sample.how", "unknown key"),
    ('case = "korea-chile"\n', '[sample]\nn = 8\n[sample.ranges]\n"home.pressure" = [0, 1, 2]\n',
     "sample.ranges.home.pressure", "must be [lo, hi]"),
    ('case = "korea-chile"\n', '[sample]\nn = 8\n[sample.ranges]\n"home.quota" = [0, 1]\n',
     "sample.ranges.home.quota[0]", "must be in (0, 1], got 0"),
    ('case = "korea-chile"\n', '[sample]\nn = 8\n[sample.ranges]\n"home.pressure" = [1, 0]\n',
     "sample.ranges.home.pressure", "lo < hi"),
    ('case = "korea-chile"\n', '[grid]\n"home.pressure" = [0.1, 0.2]\nhome.pressure = [0.7]\n',
     "grid.home.pressure", "is given twice"),
    ('case = "korea-chile"\n', '[sample]\nn = 8\n[sample.ranges]\n"home.batna" = [0, 1]\n'
     '[sample.ranges.home]\nbatna = [0, 0.5]\n', "sample.ranges.home.batna", "is given twice"),
]


@pytest.mark.parametrize("head, body, field, message", BAD,
                         ids=[f"{b[2]}:{b[3][:24]}" for b in BAD])
def test_bad_files_are_one_error_naming_file_and_field(tmp_path, head, body, field, message):
    path = write(tmp_path, "s.toml", head + body)
    with pytest.raises(TwoLevelError) as err:
        load(path)
    assert err.value.field == f"{path}: {field}"
    assert message in err.value.message


def test_an_inline_scenario_error_names_the_scenario_field(tmp_path):
    doc = inline()
    doc["scenario"]["home"]["cost"] = -1.0
    with pytest.raises(TwoLevelError) as err:
        sweep_file(doc)
    assert err.value.field == "scenario.home.cost" and "must be > 0" in err.value.message


def test_a_missing_base_file_is_named(tmp_path):
    path = write(tmp_path, "s.toml", 'base = "nowhere.toml"\n' + GRID_TOML)
    with pytest.raises(TwoLevelError) as err:
        load(path)
    assert "nowhere.toml" in str(err.value) and "cannot read" in err.value.message


# ---- the command line ------------------------------------------------------------------------

def run_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "twolevel", "sweep", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("suffix, engine", [(".nc", []), (".zarr", ["--engine", "dask"])])
def test_cli_writes_the_results_and_a_summary(tmp_path, suffix, engine):
    write(tmp_path, "s.toml", 'case = "korea-chile"\n' + GRID_TOML)
    proc = run_cli("s.toml", "--out", f"r{suffix}", "--quiet", *engine, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # --quiet: no progress bar
    expected = load(tmp_path / "s.toml").run()
    with (xr.open_dataset if suffix == ".nc" else xr.open_zarr)(tmp_path / f"r{suffix}") as ds:
        xr.testing.assert_identical(ds.load(), expected)
    share = 100 * float(expected.agreement.mean())
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:2] == ["points", "27"]
    assert "9 home.pressure x 3 home.constituencies.farmers.slope" in lines[0]
    assert lines[1].startswith("time")
    assert lines[2] == f"agreement  {share:.4g}% of points"
    assert 0 < share < 100


def test_cli_bad_file_exits_2_with_one_line_and_writes_nothing(tmp_path):
    write(tmp_path, "s.toml", 'case = "korea-chile"\n[grid]\n"home.discount" = [0.5, 1]\n')
    proc = run_cli("s.toml", "--out", "r.nc", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        "twolevel: error: s.toml: grid.home.discount[1]: must be in (0, 1), got 1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.toml"]


def test_cli_in_process_options(tmp_path, capsys):
    path = write(tmp_path, "s.toml", 'case = "korea-chile"\noutputs = ["concession"]\n'
                 + GRID_TOML)
    assert cli.main(["sweep", str(path), "--out", str(tmp_path / "r.nc"), "--chunk-size",
                     "4", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "agreement" not in out and "points     27" in out
    assert cli.main(["sweep", str(path), "--out", str(tmp_path / "r.txt")]) == 2
    assert "out: must end in .nc" in capsys.readouterr().err
    assert cli.main(["sweep", str(path), "--out", str(tmp_path / "r.nc"), "--scheduler",
                     "tcp://127.0.0.1:1"]) == 2
    assert "scheduler: cannot connect" in capsys.readouterr().err
    assert cli.main(["sweep", str(path)]) == 2  # --out is required
    assert "--out" in capsys.readouterr().err


def test_cli_help_lists_sweep(capsys):
    assert cli.main(["--help"]) == 0
    assert "sweep" in capsys.readouterr().out
    assert cli.main(["sweep", "--help"]) == 0
    assert "--scheduler" in capsys.readouterr().out


def test_cli_interrupt_writes_nothing(tmp_path, monkeypatch, capsys):
    module = sys.modules["twolevel.sweeps.run"]

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(module, "evaluate", interrupted)
    path = write(tmp_path, "s.toml", 'case = "korea-chile"\n' + GRID_TOML)
    assert cli.main(["sweep", str(path), "--out", str(tmp_path / "r.nc")]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.toml"]


def test_sweep_file_values_are_the_grid_coordinates(tmp_path):
    path = write(tmp_path, "s.toml", 'case = "korea-chile"\n[grid]\n"partner.batna" = [0.1, 0.3]\n')
    ds = load(path).run()
    np.testing.assert_array_equal(ds["partner.batna"].values, [0.1, 0.3])


# ---- the README's Sweeps section -------------------------------------------------------------

def readme_blocks(lang):
    import re
    readme = (Path(__file__).resolve().parents[2] / "docs" / "sweeps.md").read_text(encoding="utf-8")
    match = re.search(r"^# .*?\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert match, "docs/sweeps.md has no text"
    return re.findall(rf"^```{lang}\n(.*?)^```", match.group(1), re.M | re.S)


def test_readme_python_example_runs():
    (code,) = readme_blocks("python")
    namespace = {}
    exec(compile(code, "docs/sweeps.md", "exec"), namespace)
    assert namespace["ds"].sizes == {"home.pressure": 101, "home.constituencies.farmers.slope": 3}
    assert namespace["sample"].sizes == {"sample": 2 ** 14}


def test_readme_sweep_file_and_command_run(tmp_path):
    (toml,) = readme_blocks("toml")
    (command,) = readme_blocks("bash")
    args = command.split("#")[0].split()
    assert args[:2] == ["twolevel", "sweep"]
    write(tmp_path, args[2], toml)
    proc = run_cli(*args[2:], "--quiet", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "points     303" in proc.stdout
    with xr.open_dataset(tmp_path / args[args.index("--out") + 1]) as ds:
        assert list(ds.data_vars) == ["agreement", "concession", "side_payment_home"]


def test_a_sweep_file_grids_over_the_ratification_mode(tmp_path):
    path = write(tmp_path, "s.toml", '''
        case = "korea-chile"
        outputs = ["agreement", "ratification_failed"]
        [grid]
        "home.ratification" = ["committed", "ex_post"]
        home.veto_rent = [0.0, 0.5]
        ''')
    ds = load(path).run()
    assert ds["home.ratification"].values.tolist() == ["committed", "ex_post"]
    assert ds.ratification_failed.dtype == bool


@pytest.mark.parametrize("grid, field, message", [
    ('"home.ratification" = ["committed", 1.0]', "grid.home.ratification[1]",
     "must be one of committed, ex_post, got 1.0"),
    ('"home.ratification" = ["ex-post"]', "grid.home.ratification[0]", "got 'ex-post'"),
])
def test_a_bad_mode_in_a_sweep_file(tmp_path, grid, field, message):
    path = write(tmp_path, "s.toml", f'case = "korea-chile"\n[grid]\n{grid}\n')
    with pytest.raises(TwoLevelError) as info:
        load(path).run()
    assert info.value.field.endswith(field) and message in info.value.message
