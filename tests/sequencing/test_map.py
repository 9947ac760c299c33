"""The hypothesis map: every grid point equals the two orders evaluated one scenario at a time, the
classes follow their definitions, and the classes that theory rules out do not occur."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from sequence_problems import deal, problem_of  # noqa: E402
from twolevel import Constituency, TwoLevelError, cases  # noqa: E402
from twolevel import plots as plots_sequence
from twolevel.sequencing.problem import Partner, SequenceProblem  # noqa: E402
from twolevel.sequencing.map import EFFECTS, hypothesis_map, shares  # noqa: E402
from twolevel.sequencing.solve import evaluate, optimal  # noqa: E402

INITIAL = np.linspace(0, 1, 9)
RELIEF = np.array([0.0, 0.4, 1.0])
DIFFICULTY = np.array([0.0, 0.5, 1.0, 2.5])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def korea():
    problem = cases.load("korea-fta")
    return problem, hypothesis_map(problem, "Singapore", "Chile", INITIAL, RELIEF, DIFFICULTY)


def point_problem(problem, easy, difficult, pi0, rho, s):
    """The grid point as a scalar two-deal problem, built directly."""
    e = problem.partners[problem.index(easy)]
    d = problem.partners[problem.index(difficult)]
    cons = tuple(Constituency(c.name, gain=c.gain * s, slope=c.slope * s,
                              status_quo=c.status_quo * s, weight=c.weight)
                 for c in d.home["constituencies"])
    return SequenceProblem(problem.home, (
        Partner(e.name, rho, e.partner, dict(e.home)),
        Partner(d.name, d.relief, d.partner, {**d.home, "constituencies": cons})),
        initial=pi0, growth=problem.growth, discount=problem.discount,
        pressure_cost=problem.pressure_cost, objective=problem.objective)


def classify(a, x, s, tol=1e-9):
    """The effect class from its definition (module docstring), for one point."""
    if a[0] and a[1]:
        if x[0] > x[1] + tol or s[0] > s[1] + tol:
            return "reverses"
        if x[0] < x[1] - tol and s[0] < s[1] - tol:
            return "holds"
        if x[0] < x[1] - tol and abs(s[0]) <= tol and abs(s[1]) <= tol:
            return "concession_only"
        if abs(x[0] - x[1]) <= tol and abs(s[0] - s[1]) <= tol:
            return "no_effect"
        return "reverses"
    if a[1]:
        return "lost_easy_first"
    return "lost_difficult_first" if a[0] else "fails"


def test_every_point_equals_the_orders_evaluated_alone(korea):
    problem, ds = korea
    assert ds["effect"].dims == ("initial", "relief", "difficulty")
    rng = np.random.default_rng(0)
    points = [tuple(rng.integers(0, n) for n in ds["effect"].shape) for _ in range(12)]
    points += [(8, 1, 2), (0, 2, 0), (8, 0, 3)]
    for i, r, k in points:
        one = point_problem(problem, "Singapore", "Chile", INITIAL[i], RELIEF[r], DIFFICULTY[k])
        res = evaluate(one, [[0, 1], [1, 0]])
        at = ds.isel(initial=i, relief=r, difficulty=k)
        a = bool(res.agreement[0, 1]), bool(res.agreement[1, 0])
        x = res.concession[0, 1], res.concession[1, 0]
        s = res.side_payment[0, 1], res.side_payment[1, 0]
        assert (bool(at["agreement_easy_first"]), bool(at["agreement_difficult_first"])) == a
        assert np.allclose([at["concession_easy_first"], at["concession_difficult_first"],
                            at["side_payment_easy_first"], at["side_payment_difficult_first"]],
                           [*x, *s], equal_nan=True, rtol=0, atol=1e-12)
        assert EFFECTS[int(at["effect"])] == classify(a, x, s)
        assert bool(at["easy_first_optimal"]) == (optimal(one)[1].tolist() == [0, 1])
        assert np.isclose(float(at["value_easy_first"]), float(res.value[0]), atol=1e-12)


def test_classes_theory_rules_out_do_not_occur(korea):
    """Singapore always concludes, so in (E, D) D faces rho_E pi_0 <= pi_0: more pressure widens
    the ZOPA and raises x*_D and S*_D, so neither a reversal nor a D lost only when it goes first
    can happen; with rho_E = 1 (no relief) the orders do not differ for D."""
    _, ds = korea
    assert ds["easy_agreed_first"].all()
    eff = ds["effect"].values
    assert not np.isin(eff, [EFFECTS.index("reverses"),
                             EFFECTS.index("lost_difficult_first")]).any()
    no_relief = ds.sel(relief=1.0)
    both = no_relief["agreement_easy_first"] & no_relief["agreement_difficult_first"]
    assert (no_relief["effect"].values[both.values] == EFFECTS.index("no_effect")).all()
    # a hard enough Chile deal under enough pressure: the effect holds, with side payments
    holds = ds.sel(initial=1.0, relief=0.4, difficulty=1.0)
    assert EFFECTS[int(holds["effect"])] == "holds"
    # no pressure at all: both orders are the same for D
    assert (ds["effect"].sel(initial=0.0).values != EFFECTS.index("holds")).all()


def test_a_failed_easy_deal_with_growing_pressure_reverses_the_effect():
    # E's Partner asks more than 1: E always fails and adds growth to D's pressure
    e = deal("E", 0.5, gain=0.2, batna=0.1, slope=0.0, tolerance=0.1, partner_batna=1.5)
    d = deal("D", 0.4, gain=0.8, batna=0.3, slope=-1.0, tolerance=0.1, partner_batna=0.3)
    p = problem_of([e, d], initial=0.5, growth=0.2)
    ds = hypothesis_map(p, "E", "D", [0.5], [0.5], [1.0])
    assert not bool(ds["easy_agreed_first"].squeeze())
    assert EFFECTS[int(ds["effect"].squeeze())] == "reverses"


def test_shares_sum_to_one(korea):
    _, ds = korea
    out = shares(ds)
    assert np.isclose(sum(out[k] for k in EFFECTS), 1.0)
    assert out["easy_first_optimal"] == float(ds["easy_first_optimal"].mean())
    counts = np.bincount(ds["effect"].values.ravel(), minlength=len(EFFECTS))
    size = ds["effect"].size
    assert [out[k] for k in EFFECTS] == pytest.approx(counts / size, abs=1e-15)
    assert out["easy_first_optimal"] == pytest.approx(
        np.count_nonzero(ds["easy_first_optimal"].values) / size, abs=1e-15)


def test_bad_map_arguments():
    problem = cases.load("korea-fta")
    for args, field in [(("Peru", "Chile", 0.5, 0.5, 1.0), "easy"),
                        (("Chile", "Chile", 0.5, 0.5, 1.0), "difficult"),
                        (("Singapore", "Chile", 0.5, 1.5, 1.0), "relief"),
                        (("Singapore", "Chile", 0.5, 0.5, -1.0), "difficulty"),
                        (("Singapore", "Chile", [[0.5]], 0.5, 1.0), "initial")]:
        with pytest.raises(TwoLevelError) as info:
            hypothesis_map(problem, *args)
        assert info.value.field == field


def test_the_map_and_the_order_bars_take_one_scenario():
    problem = cases.load("korea-fta")
    batch = SequenceProblem(problem.home, problem.partners, problem.initial * np.ones(2))
    for call in (lambda: hypothesis_map(batch, "Singapore", "Chile", 0.5, 0.5, 1.0),
                 lambda: plots_sequence.orders(batch, "Singapore", "Chile")):
        with pytest.raises(TwoLevelError, match=r"^problem: must be one scenario, got "
                           r"shape \(2,\)"):
            call()


def test_map_panels_draw_the_effect_classes(korea):
    _, ds = korea
    axes = plots_sequence.hypothesis_map(ds, reliefs=[0.0, 0.4])
    assert len(axes) == 2
    (mesh,) = [c for c in axes[1].collections if c.get_gid() == "effect"]
    drawn = np.asarray(mesh.get_array()).reshape(len(DIFFICULTY), len(INITIAL))
    assert (drawn == ds["effect"].sel(relief=0.4).values.T).all()


@pytest.mark.parametrize("case, easy, difficult", [("japan-fta", "Singapore", "Mexico"),
                                                   ("korea-fta", "Singapore", "Chile")])
def test_order_bars_are_the_difficult_deal_outcomes(case, easy, difficult):
    problem = cases.load(case)
    ax = plots_sequence.orders(problem, easy, difficult)
    res = evaluate(problem, [[easy, difficult], [difficult, easy]])
    bars = {p.get_gid(): p.get_height() for p in ax.patches}
    assert np.isclose(bars["concession-0"], res.concession[0, 1])
    assert np.isclose(bars["concession-1"], res.concession[1, 0])
    assert np.isclose(bars["side_payment-0"], res.side_payment[0, 1])
    assert np.isclose(bars["side_payment-1"], res.side_payment[1, 0])
