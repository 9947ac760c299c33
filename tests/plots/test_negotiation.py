"""Figures (twolevel.plots.negotiation) draw what the model says: the plotted outcome, win-sets and ZOPA are the
solver's, and the tied-hands and pressure curves follow MODEL.md's closed forms for one veto
constituency (section 1: x* = min(x_N, w) without side payments; x' above w with them)."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import assume, example, given, settings, strategies as st  # noqa: E402

from twolevel import Constituency, Negotiation, Side, TwoLevelError, solve  # noqa: E402
from twolevel import plots  # noqa: E402
from twolevel.negotiation.intervals import to_list  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def korea_chile(gain=1.0, cost=1.0, batna=0.3, pressure=0.2, power=0.5, funds_cost=1.2,
                budget=np.inf, e=0.3, slope=-1.0, p_gain=0.0, benefit=1.0, p_batna=0.1):
    """Home with one veto constituency (quota 1) of threshold w = e / -slope; Partner has none."""
    farmers = Constituency("farmers", gain=e, slope=slope)
    home = Side("Korea", gain=gain, cost=cost, batna=batna, pressure=pressure, power=power,
                funds_cost=funds_cost, budget=budget, quota=1.0, constituencies=(farmers,))
    return Negotiation(home, Side("Chile", gain=p_gain, benefit=benefit, batna=p_batna))


def veto_nash(g, c, d, theta, lam, l, w, r_p, budget):
    """MODEL.md 1.1, one veto constituency of slope -l and threshold w, Partner unconstrained:
    (x*, S_H), NaN where F = {x : U_H >= d_H, S_H <= B_H} ∩ [r_P, 1] is empty.
    Assumes 0 <= r_P and r_H <= 1, so no bound of [0, 1] binds."""
    r_h = (g - d) / c
    x_n = theta * r_p + (1 - theta) * r_h
    h = (g + lam * l * w - d) / (c + lam * l)          # U_H(x) = d_H on x > w
    top = np.where(w >= r_h, r_h, np.minimum(h, w + budget / l))   # F = [r_P, top]
    x_paid = (1 - theta) * h + theta * r_p
    x = np.where(x_n <= w, x_n, np.where(x_paid > w, np.minimum(x_paid, w + budget / l), w))
    x = np.where(r_p <= top, x, np.nan)
    s = np.where(np.isnan(x), np.nan, l * np.maximum(x - w, 0.0))
    return x, s


def bars(ax, gid):
    """The [lo, hi] spans of the broken_barh collection with ``gid``, plus its point markers."""
    spans = [[p.vertices[:, 0].min(), p.vertices[:, 0].max()]
             for c in ax.collections if c.get_gid() == gid for p in c.get_paths()]
    points = [[x, x] for ln in ax.lines if ln.get_gid() == gid + "-point" for x in ln.get_xdata()]
    return sorted(s for s in spans if s[1] > s[0]) + points


def same(got, expected):
    """Lists of [lo, hi] spans equal to 1e-9."""
    got, expected = np.asarray(got, float), np.asarray(expected, float)
    return got.shape == expected.shape and np.allclose(got, expected, rtol=0, atol=1e-9)


def line(ax, gid):
    found = [ln for ln in ax.lines if ln.get_gid() == gid]
    assert len(found) == 1, f"one line {gid!r} expected, got {len(found)}"
    return found[0]


def vertical(ax, gid):
    x = np.asarray(line(ax, gid).get_xdata(), float)
    assert np.all(x == x[0])
    return x[0]


# ---- win-set diagram ---------------------------------------------------------------------------

def test_winset_diagram_shows_the_solver_outcome_winsets_and_zopa():
    neg = korea_chile()
    out = solve(neg)
    ax = plots.winset_diagram(neg)
    assert vertical(ax, "concession") == pytest.approx(out.concession, abs=1e-12)
    assert same(bars(ax, "zopa"), to_list(out.zopa))
    assert same(bars(ax, "winset-home"), to_list(out.winset_home))
    assert same(bars(ax, "winset-partner"), to_list(out.winset_partner))
    assert line(ax, "reservation-H").get_xdata()[0] == pytest.approx(out.reservation_home)
    assert line(ax, "reservation-P").get_xdata()[0] == pytest.approx(out.reservation_partner)


def test_winset_diagram_matches_the_closed_forms():
    # w = 0.3 < x_N = 0.5: F = [r_P, h] with h = (g + lam l w - d) / (c + lam l); side payments
    # are needed exactly on (w, h]; acceptable ranges [0, r_H] and [r_P, 1]; x0 = x_N
    g, c, d, lam, w, r_p = 1.0, 1.0, 0.1, 1.2, 0.3, 0.1
    h = (g + lam * w - d) / (c + lam)
    r_h = (g - d) / c
    ax = plots.winset_diagram(korea_chile())
    assert same(bars(ax, "zopa"), [[r_p, h]])
    assert same(bars(ax, "side-payment-zone"), [[w, h]])
    assert same(bars(ax, "winset-home"), [[0.0, w]])
    assert same(bars(ax, "acceptable-home"), [[0.0, r_h]])
    assert same(bars(ax, "acceptable-partner"), [[r_p, 1.0]])
    assert vertical(ax, "unconstrained") == pytest.approx(0.5 * r_p + 0.5 * r_h)
    x, _ = veto_nash(g, c, d, 0.5, lam, 1.0, w, r_p, np.inf)
    assert vertical(ax, "concession") == pytest.approx(x)


def test_winset_diagram_picks_one_scenario_of_an_array_negotiation():
    neg = korea_chile(pressure=np.array([0.0, 0.2, 0.4]), e=np.array([[0.1], [0.3]]))  # (2, 3)
    out = solve(neg)
    for index in [(0, 0), (1, 2), (0, 1)]:
        ax = plots.winset_diagram(neg, index=index)
        assert vertical(ax, "concession") == pytest.approx(out.concession[index])
        assert same(bars(ax, "zopa"), to_list(out.zopa[index]))
        assert same(bars(ax, "winset-home"), to_list(out.winset_home[index]))
    with pytest.raises(TwoLevelError, match="index"):
        plots.winset_diagram(neg, index=(0,))
    with pytest.raises(TwoLevelError, match="index"):
        plots.winset_diagram(neg, index=(5, 0))


def test_winset_diagram_without_agreement_draws_no_outcome():
    neg = korea_chile(budget=0.0, e=0.05)                        # W_H = [0, 0.05], r_P = 0.1
    assert not solve(neg).agreement
    ax = plots.winset_diagram(neg)
    assert bars(ax, "zopa") == []
    assert not [ln for ln in ax.lines if ln.get_gid() == "concession"]
    assert any("no agreement" in t.get_text() for t in ax.texts)


def test_winset_diagram_marks_a_one_point_zopa():
    neg = korea_chile(budget=0.0, e=0.1)                         # F = [r_P, w] = [0.1, 0.1]
    ax = plots.winset_diagram(neg)
    assert same(bars(ax, "zopa"), [[0.1, 0.1]])
    assert vertical(ax, "concession") == pytest.approx(0.1)


@pytest.mark.parametrize("solution", ["kalai-smorodinsky", "rubinstein"])
def test_winset_diagram_uses_the_requested_solution(solution):
    neg = korea_chile()
    ax = plots.winset_diagram(neg, solution=solution)
    assert vertical(ax, "concession") == pytest.approx(solve(neg, solution).concession)
    named = {"kalai-smorodinsky": "Kalai–Smorodinsky", "rubinstein": "Rubinstein"}[solution]
    assert ax.get_title().endswith(f"{named} solution")


def test_winset_diagram_draws_on_a_given_axes():
    fig, (left, right) = plt.subplots(1, 2)
    assert plots.winset_diagram(korea_chile(), ax=right) is right
    assert not left.lines and right.lines


# ---- tied hands --------------------------------------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(theta=st.sampled_from([0.0, 1.0]) | st.floats(0.01, 0.99), pressure=st.floats(0.0, 0.5),
       lam=st.floats(1.0, 3.0), slope=st.floats(0.3, 3.0), r_p=st.floats(0.0, 0.3))
@example(theta=0.0, pressure=0.0, lam=1.0, slope=1.0, r_p=0.0)
def test_tied_hands_follows_the_closed_forms(theta, pressure, lam, slope, r_p):
    w = np.linspace(0.0, 1.0, 41)
    # thresholds within 1e-12 of r_P are the same point to the kernel (canonical thresholds)
    assume(np.all((w == r_p) | (np.abs(w - r_p) > 1e-12)))
    g, c, d0 = 1.0, 1.0, 0.4                   # r_H = 0.6 + pressure <= 1.1
    g_h = g - 0.1                              # keep r_H <= 1
    neg = korea_chile(gain=g_h, cost=c, batna=d0, pressure=pressure, power=theta,
                      funds_cost=lam, slope=-slope, e=0.3 * slope, p_batna=r_p)
    ax = plots.tied_hands(neg, thresholds=w, ax=Figure().subplots())    # not kept by pyplot
    d = d0 - pressure
    x_n = theta * r_p + (1 - theta) * (g_h - d) / c
    off = line(ax, "concession-tied").get_ydata()
    on = line(ax, "concession-paid").get_ydata()
    # Schelling: x* = min(x_N, w) where F = [r_P, min(w, r_H)] is not empty, no agreement otherwise
    np.testing.assert_allclose(off, np.where(w >= r_p, np.minimum(x_n, w), np.nan), atol=1e-9)
    np.testing.assert_allclose(off, veto_nash(g_h, c, d, theta, lam, slope, w, r_p, 0.0)[0],
                               atol=1e-9)
    np.testing.assert_allclose(on, veto_nash(g_h, c, d, theta, lam, slope, w, r_p, np.inf)[0],
                               atol=1e-9)
    assert line(ax, "unconstrained").get_ydata()[0] == pytest.approx(x_n)


def test_tied_hands_uses_homes_own_budget_when_side_payments_are_on():
    neg = korea_chile(budget=0.05)
    w = np.linspace(0.0, 1.0, 21)
    on = line(plots.tied_hands(neg, thresholds=w), "concession-paid").get_ydata()
    np.testing.assert_allclose(on, veto_nash(1.0, 1.0, 0.1, 0.5, 1.2, 1.0, w, 0.1, 0.05)[0],
                               atol=1e-9)
    assert np.nanmax(on - w) == pytest.approx(0.05)          # x* <= w + B_H / l


def test_tied_hands_accepts_a_scalar_threshold():
    ax = plots.tied_hands(korea_chile(), thresholds=0.2)
    assert line(ax, "concession-tied").get_ydata() == pytest.approx([0.2])
    x, _ = veto_nash(1.0, 1.0, 0.1, 0.5, 1.2, 1.0, 0.2, 0.1, np.inf)
    assert line(ax, "concession-paid").get_ydata() == pytest.approx([float(x)])


def test_tied_hands_shades_where_there_is_no_agreement():
    ax = plots.tied_hands(korea_chile(), thresholds=np.linspace(0, 1, 11))   # r_P = 0.1
    assert [c for c in ax.collections if c.get_gid() == "no-agreement"]
    ax = plots.tied_hands(korea_chile(p_batna=0.0), thresholds=np.linspace(0, 1, 11))
    assert not [c for c in ax.collections if c.get_gid() == "no-agreement"]


def test_tied_hands_rejects_what_it_cannot_sweep():
    with pytest.raises(TwoLevelError, match="negotiation"):
        plots.tied_hands(korea_chile(pressure=np.array([0.1, 0.2])))
    two = korea_chile()
    two = Negotiation(two.home.with_(constituencies=two.home.constituencies
                                     + (Constituency("fishers", gain=0.5, slope=-1.0),)),
                      two.partner)
    with pytest.raises(TwoLevelError, match="constituency"):
        plots.tied_hands(two)
    with pytest.raises(TwoLevelError, match="constituency"):
        plots.tied_hands(two, constituency="miners")
    assert plots.tied_hands(two, constituency="fishers", thresholds=[0.2, 0.4])
    with pytest.raises(TwoLevelError, match="thresholds"):
        plots.tied_hands(korea_chile(), thresholds=[0.1, np.nan])
    with pytest.raises(TwoLevelError, match="thresholds"):
        plots.tied_hands(korea_chile(), thresholds="0.1")
    flat = korea_chile(slope=0.0)
    with pytest.raises(TwoLevelError, match="slope 0"):
        plots.tied_hands(flat)


# ---- pressure ----------------------------------------------------------------------------------

def test_pressure_response_follows_the_closed_forms():
    neg = korea_chile(gain=0.8, batna=0.3, p_batna=0.3, e=0.1)   # the Korea-Chile calibration
    p = np.linspace(0.0, 0.45, 46)
    top, bottom = plots.pressure_response(neg, p)
    x, s = veto_nash(0.8, 1.0, 0.3 - p, 0.5, 1.2, 1.0, 0.1, 0.3, np.inf)
    np.testing.assert_allclose(line(top, "concession").get_ydata(), x, atol=1e-9)
    np.testing.assert_allclose(line(bottom, "side-payment-home").get_ydata(), s, atol=1e-9)
    partner = line(bottom, "side-payment-partner").get_ydata()
    np.testing.assert_array_equal(np.isnan(partner), np.isnan(x))
    assert np.all(partner[~np.isnan(x)] == 0)
    # F = [r_P, h] closes below pressure 0.04 (U_H - d_H = pressure - 0.04 at x = r_P)
    assert np.all(np.isnan(x[p < 0.04 - 1e-12])) and not np.isnan(x[p > 0.04 + 1e-12]).any()
    assert [c for c in top.collections if c.get_gid() == "no-agreement"]


def test_pressure_response_equals_one_scenario_at_a_time():
    neg = korea_chile(budget=0.05)
    p = np.array([0.6, -0.3, 0.0, 0.25])                   # unsorted on purpose
    top, bottom = plots.pressure_response(neg, p)
    xs = line(top, "concession").get_xdata()
    np.testing.assert_array_equal(xs, np.sort(p))
    for pi, x, s in zip(xs, line(top, "concession").get_ydata(),
                        line(bottom, "side-payment-home").get_ydata()):
        one = solve(Negotiation(neg.home.with_(pressure=float(pi)), neg.partner))
        assert x == pytest.approx(one.concession, abs=1e-12)
        assert s == pytest.approx(one.side_payment_home, abs=1e-12)


def test_pressure_response_scalar_pressure_and_given_axes():
    neg = korea_chile()
    fig, ax = plt.subplots()
    top, bottom = plots.pressure_response(neg, 0.2, ax=ax)       # twin y-axis on one Axes
    assert top is ax and bottom is not ax and bottom.figure is fig
    assert line(top, "concession").get_ydata() == pytest.approx([solve(neg).concession])
    fig, pair = plt.subplots(1, 2)
    assert plots.pressure_response(neg, [0.1, 0.2], ax=pair) == tuple(pair)
    with pytest.raises(TwoLevelError, match="pressures"):
        plots.pressure_response(neg, [[0.1]])
    with pytest.raises(TwoLevelError, match="pressures"):
        plots.pressure_response(neg, [0.1, np.inf])
    with pytest.raises(TwoLevelError, match="negotiation"):
        plots.pressure_response(neg.home, [0.1])
