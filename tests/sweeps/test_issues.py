"""Sweeps over a multi-issue problem: parameters by dotted path (issues.beef.home_cost,
home.agencies.NAME.slopes.ISSUE, publicity.formal, ...), outputs of both protocols."""
from pathlib import Path

import numpy as np
import pytest

from twolevel import TwoLevelError, sweep
from twolevel.files.sweep import load
from twolevel.issues import Agency, Government, Issue, IssuesProblem, solve

BASE = IssuesProblem(
    Government("Korea", 1.0, 0.3, quota=1.0, budget=0.0), Government("US", 0.0, 0.3),
    (Issue("beef", 1.0, 2.0), Issue("insurance", 1.0, 0.5)),
    (Agency("farm", 0.1, slopes={"beef": -1.0}),
     Agency("budget office", 0.0, budget=1.0, slopes={"insurance": 1.0})))


def test_grid_over_issue_and_agency_paths_equals_solving_each_point():
    costs, slopes = [0.5, 1.0, 2.0], [-2.0, -1.0]
    ds = sweep(BASE, grid={"issues.beef.home_cost": costs,
                           "home.agencies.farm.slopes.beef": slopes})
    assert ds["joint_gain_left"].dims == ("issues.beef.home_cost",
                                          "home.agencies.farm.slopes.beef")
    for i, c in enumerate(costs):
        for j, k in enumerate(slopes):
            issues = (Issue("beef", c, 2.0), BASE.issues[1])
            agencies = (Agency("farm", 0.1, slopes={"beef": k}), BASE.agencies[1])
            one = solve(IssuesProblem(BASE.home, BASE.partner, issues, agencies))
            assert ds["package_agreement"].values[i, j] == one.package.agreement[0]
            assert np.isclose(ds["joint_gain_left"].values[i, j], one.joint_gain_left[0])
            assert np.allclose(ds["package_home_utility"].values[i, j],
                               one.package.home_utility[0], equal_nan=True)


def test_unknown_path_and_output_are_errors():
    with pytest.raises(TwoLevelError) as err:
        sweep(BASE, grid={"issues.rice.home_cost": [1.0]})
    assert err.value.field == "grid.issues.rice.home_cost"
    with pytest.raises(TwoLevelError) as err:
        sweep(BASE, grid={"publicity.formal": [0.0]}, outputs=["concession"])
    assert err.value.field == "outputs[0]"
    with pytest.raises(TwoLevelError) as err:
        sweep(BASE, grid={"issues.beef.home_cost": [-1.0]})
    assert "must be > 0" in str(err.value)


def test_a_sweep_file_over_the_case(tmp_path: Path):
    path = tmp_path / "sweep.toml"
    path.write_text('case = "korea-us-1987-95"\noutputs = ["package_agreement", '
                    '"issues_formal"]\n[grid]\n"publicity.formal" = [0.0, 1.0]\n'
                    '"home.agencies.economic_planning_board.budget" = [0.0, 0.1]\n')
    ds = load(path).run()
    assert ds["package_agreement"].values.tolist() == [[False, True], [False, True]]
    assert ds["issues_formal"].values[1, 1] <= ds["issues_formal"].values[0, 1]
