"""Figures for several issues draw what the solver gives (Agg backend)."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from twolevel import TwoLevelError, plots  # noqa: E402
from twolevel.issues import Government, Issue, IssuesProblem, Agency, solve  # noqa: E402

PROBLEM = IssuesProblem(
    Government("Korea", 1.0, 0.3, quota=1.0, budget=0.0), Government("US", 0.0, 0.3),
    (Issue("beef", 1.0, 2.0), Issue("insurance", 1.0, 0.5)),
    (Agency("farm", 0.1, slopes={"beef": -1.0}),
     Agency("budget office", 0.0, budget=1.0, slopes={"insurance": 1.0})),
    solution="nash")


def find(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


def test_frontier_marks_the_package_at_its_utilities():
    out = solve(PROBLEM)
    ax = plots.frontier(PROBLEM, out)
    (point,) = find(ax, "package")
    assert np.allclose(point.get_xydata()[0], [out.package.home_utility[0],
                                               out.package.partner_utility[0]])
    assert find(ax, "frontier")
    plt.close("all")


def test_concessions_bars_are_the_concessions():
    out = solve(PROBLEM)
    ax = plots.concessions(PROBLEM, out)
    heights = [p.get_height() for p in ax.patches if p.get_gid() == "package"]
    assert np.allclose(heights, out.package.concessions[0])
    plt.close("all")


def test_vetoes_show_each_agency_slack():
    ax = plots.vetoes(PROBLEM)
    bars = [p for p in ax.patches if p.get_gid() == "slack"]
    assert len(bars) == 2 and min(b.get_width() for b in bars) < 0   # the farm office is paid
    plt.close("all")


def test_publicity_counts_formal_issues():
    ax = plots.publicity(PROBLEM, [0.0, 1.0])
    (line,) = find(ax, "formal")
    assert line.get_ydata().tolist() == [1, 1]
    plt.close("all")


def test_arrays_are_refused():
    many = IssuesProblem(Government("H", 1.0, np.array([0.1, 0.2])), Government("P", 0.0, 0.1),
                         (Issue("a", 1.0, 1.0),))
    with pytest.raises(TwoLevelError):
        plots.frontier(many)
