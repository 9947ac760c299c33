"""Case korea-us-1987-95 (S3, CASES.md section 4): what the calibration shows.

- the package (informal channel) is never worse than the positional protocol, and better when
  the issues' ratios differ;
- at publicity 1 few issues pass the formal table while the informal channel finds a package;
- before the budget agency joined (1992), impasse.
"""
from dataclasses import replace

import numpy as np
import pytest

from twolevel import cases
from twolevel.issues import Issue, solve

CASE = cases.load("korea-us-1987-95")


@pytest.fixture(scope="module")
def outcome():
    return solve(CASE)


def without_budget_agency(problem):
    return replace(problem, agencies=tuple(replace(a, budget=0.0) for a in problem.agencies))


def test_the_case_has_s3_structure():
    assert len(CASE.issues) == 20 and 28 <= len(CASE.agencies) <= 34
    assert CASE.home.quota == 1.0 and CASE.publicity.formal == 1.0
    assert [a.name for a in CASE.agencies if a.budget > 0] == ["economic_planning_board"]
    ratios = [i.partner_benefit / i.home_cost for i in CASE.issues]
    assert max(ratios) / min(ratios) > 5


def test_formal_table_passes_few_issues_while_the_informal_channel_finds_a_package(outcome):
    assert outcome.issues_formal <= 3
    assert not outcome.positional.agreement[0]
    assert outcome.package.agreement[0] and outcome.issues_informal >= 10
    assert outcome.package.internal_payment[0] > 0 and outcome.package.side_payment[0] == 0


def test_package_is_never_worse_than_positional(outcome):
    pkg = outcome.package
    assert pkg.home_utility[0] >= CASE.home.no_agreement
    assert pkg.partner_utility[0] >= CASE.partner.no_agreement
    assert outcome.joint_gain_left[()] > 0


def test_before_the_budget_agency_joined_impasse():
    before = solve(without_budget_agency(CASE))
    assert not before.package.agreement[0] and not before.positional.agreement[0]


def governments_only(problem, equal_ratios=False):
    """The case's governments and issues without the agencies (optionally c_Pk = c_Hk)."""
    issues = tuple(Issue(i.name, i.home_cost, i.home_cost if equal_ratios else i.partner_benefit)
                   for i in problem.issues)
    return replace(problem, issues=issues, agencies=())


@pytest.mark.parametrize("solution", ["nash", "kalai-smorodinsky"])
def test_package_beats_positional_when_ratios_differ(solution):
    differ = solve(governments_only(CASE), solution)
    same = solve(governments_only(CASE, equal_ratios=True), solution)
    assert differ.positional.agreement[0] and differ.joint_gain_left[()] > 0.05
    for side in ("home_utility", "partner_utility"):
        assert getattr(differ.package, side)[0] > getattr(differ.positional, side)[0]
    assert same.joint_gain_left[()] < 1e-9
    assert np.isclose(same.package.home_utility[0], same.positional.home_utility[0])


def test_publicity_closes_the_formal_table():
    """Formal issues fall as publicity rises (issue-by-issue agreements, not concessions only)."""
    counts = [int(solve(replace(CASE, publicity=replace(CASE.publicity, formal=p))).positional
                  .issue_agreement.sum()) for p in (0.0, 0.5, 1.0)]
    assert counts[0] >= counts[1] >= counts[2] and counts[0] > counts[2]
