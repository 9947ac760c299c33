"""Figures of coercion: what is drawn is the model's output for the cases."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from twolevel import cases, plots  # noqa: E402
from twolevel.coercion import coerce, evaluate, social_errors  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def record():
    return cases.load("us-japan-1977-96")


def find(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


def test_effectiveness_by_year_draws_every_event_and_the_ratio(record):
    result = evaluate(record)
    ax, right = plots.effectiveness_by_year(result)
    points = np.concatenate([a.get_offsets() for a in find(ax, "effectiveness")])
    assert len(points) == 15
    assert sorted(points[:, 1]) == sorted(np.asarray(result.outcome.effectiveness).tolist())
    (line,) = find(right, "ratio")
    assert sorted(line.get_ydata()) == sorted(result.dependence.tolist())


def test_channels_stack_the_pulls_and_mark_what_is_needed(record):
    result = evaluate(record)
    ax = plots.channels(result)
    heights = {gid: np.array([p.get_height() for p in ax.patches if p.get_gid() == gid])
               for gid in ("material", "deference", "legitimacy")}
    for gid, h in heights.items():
        assert np.allclose(h, result.outcome.channels[gid]), gid
    (needed,) = find(ax, "needed")
    pull = sum(heights.values())
    # concede iff the pull reaches what is needed (the win-set never binds in this case)
    assert ((pull >= needed.get_offsets()[:, 1] - 1e-12) == result.predicted).all()


def test_error_map_is_the_error_count(record):
    eps, kappa = np.linspace(0, 2, 9), np.linspace(0, 0.5, 5)
    ax = plots.error_map(record, eps, kappa, marker=(1.0, 0.1875))
    (mesh,) = find(ax, "errors")
    expected = social_errors(record, trust_premium=eps[None, :, None],
                             deference=kappa[:, None, None], legitimacy_weight=kappa[:, None, None])
    assert np.array_equal(np.asarray(mesh.get_array()).reshape(expected.shape), expected)
    assert find(ax, "calibration")


def test_demand_choice_curves_are_the_outcomes():
    problem = cases.load("clinton-miyazawa-1993")
    ax = plots.demand_choice(problem, trust=np.array([0.3]), credibilities=(None,))
    (counter,) = find(ax, "counter_offer-0.5")
    assert np.isclose(counter.get_ydata()[0], coerce(problem).counter_offer)
    (results,) = find(ax, "results-0.5")
    assert results.get_ydata()[0] == 0.0
