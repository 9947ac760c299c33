"""The sympy derivations equal the formulas written in MODEL.md section 1."""
import pytest
import sympy as sp

from twolevel.negotiation import symbolic as s
from twolevel.negotiation.symbolic import (A, B, C, D, E, c_H, d_H, d_P, delta_H, delta_P, eta, g_H,
                                           g_P, h, l, lam, r_H, r_P, theta, w)

x_N = theta * r_P + (1 - theta) * r_H
x_veto = (1 - theta) * (g_H + lam * l * w - d_H) / (c_H + lam * l) + theta * r_P
a_ks, b_ks = r_H - r_P, h - r_P
y = delta_P * (1 - delta_H) / (1 - delta_H * delta_P)
b_cap = (w - r_P) / (r_H - r_P)

# MODEL.md, as written there
MODEL = {
    "reservation_home": (g_H - d_H) / s.c_H,
    "reservation_partner": (d_P - g_P) / s.c_P,
    "nash_stretch": (1 - theta) * (A - d_H) / C - theta * (D - d_P) / E,
    "nash_linear": x_N,
    "one_veto_stretch": x_veto,
    "ks_linear": (r_H + r_P) / 2,
    "ks_capped": r_P + a_ks * b_ks / (a_ks + b_ks),
    "rubinstein_share": y,
    "rubinstein_linear": r_P + y * (r_H - r_P),
    "rubinstein_limit": (r_H + r_P) / 2,
}


def same(a, b):
    return sp.simplify(a - b) == 0


def same_relation(a, b):
    """Two strict inequalities say the same: equal (greater side - lesser side)."""
    return same(a.gts - a.lts, b.gts - b.lts)


@pytest.mark.parametrize("name", sorted(MODEL))
def test_derivation_equals_model(name):
    assert same(s.FORMULAS[name](), MODEL[name])


def test_tied_hands_is_min_of_x_N_and_w():
    expr = s.tied_hands()
    assert expr.func is sp.Min and w in expr.args
    assert [same(arg, x_N) for arg in expr.args if arg != w] == [True]


def test_veto_stretch_lines():
    """Beyond w: A = g_H + lam l w, C = c_H + lam l."""
    a, c = s.veto_lines()
    assert same(a, g_H + lam * l * w) and same(c, c_H + lam * l)


def test_one_veto_piecewise():
    (v1, c1), (v2, c2), (v3, c3) = [(p.expr, p.cond) for p in s.one_veto().args]
    assert same(v1, x_N) and same_relation(c1, sp.Le(x_N, w))
    assert v2.func is sp.Min and {same(v2.args[0], x_veto), same(v2.args[1], x_veto)} == {True, False}
    assert any(same(arg, w + B / l) for arg in v2.args)
    assert same_relation(c2, sp.Gt(x_veto, w))
    assert v3 == w and c3 == sp.true


def test_one_veto_payment():
    (v1, c1), (v2, c2) = [(p.expr, p.cond) for p in s.one_veto_payment().args]
    assert same(v1, l * (sp.Min(x_veto, w + B / l) - w))
    assert v2 == 0 and c2 == sp.true


# ratification ex post, one veto constituency, as MODEL.md writes it: x0 by the table, then
# S = min(B, S_min + eta (u(x0) - lam S_min - d) / lam) with S_min = l (x0 - w) beyond w
S_min = l * (x_N - w)
rest = (g_H - c_H * x_N - lam * S_min - d_H).subs(d_H, g_H - c_H * r_H)


def test_ex_post_signed_is_x_N_whatever_w():
    """No tied hands: the signed concession does not depend on the win-set."""
    assert same(s.ex_post_signed(), x_N)
    assert w not in s.ex_post_signed().free_symbols and w in s.tied_hands().free_symbols


def test_ex_post_rest_and_limit():
    assert same(s.ex_post_rest(), rest)
    a, c = s.veto_lines()        # committed F's end beyond w: (A - d_H) / C, capped by the budget
    committed_end = ((a - d_H) / c).subs(d_H, g_H - c_H * r_H)
    expr = s.ex_post_limit()
    assert expr.func is sp.Min and any(same(arg, committed_end) for arg in expr.args)
    assert any(same(arg, w + B / l) for arg in expr.args)


def test_ex_post_one_veto_payment_and_surplus():
    (v1, c1), (v2, c2) = [(p.expr, p.cond) for p in s.ex_post_one_veto_payment().args]
    assert v1 == 0 and same_relation(c1, sp.Le(x_N, w))
    assert v2.func is sp.Min and B in v2.args
    assert [same(arg, S_min + eta * rest / lam) for arg in v2.args if arg != B] == [True]
    # uncapped, Home keeps d_H + (1 - eta) s
    surplus = s.ex_post_one_veto_surplus().args[1].expr
    assert same(surplus.subs(B, sp.oo), (1 - eta) * rest)


def test_ex_post_ratified():
    expr = s.ex_post_ratified()
    assert expr.func is sp.Or
    pay_ok = [a for a in expr.args if a.func is sp.And][0]
    assert {same(r.gts - r.lts, B - S_min) or same(r.gts - r.lts, rest) for r in pay_ok.args} \
        == {True}


def test_rubinstein_cap():
    (v1, c1), (v2, c2) = [(p.expr, p.cond) for p in s.rubinstein_cap().args]
    assert same(v1, r_P + delta_P * b_cap * (r_H - r_P))
    assert same_relation(c1, sp.Gt((1 - delta_H) / (1 - delta_H * delta_P), b_cap))
    assert same(v2, r_P + y * (r_H - r_P))


def test_nash_stretch_solves_first_order_condition():
    """The derived point is a stationary point, and the log Nash product is concave."""
    xs = s.nash_stretch()
    objective = theta * sp.log(A - C * s.x - d_H) + (1 - theta) * sp.log(D + E * s.x - d_P)
    assert sp.simplify(sp.diff(objective, s.x).subs(s.x, xs)) == 0
    second = sp.diff(objective, s.x, 2)
    assert sp.simplify(second + theta * C**2 / (A - C * s.x - d_H)**2
                       + (1 - theta) * E**2 / (D + E * s.x - d_P)**2) == 0


def test_rubinstein_offers_are_indifferent():
    x_home, x_partner = s.rubinstein_offers()
    s_home = lambda z: c_H * (r_H - z)                                # noqa: E731
    s_partner = lambda z: s.c_P * (z - r_P)                           # noqa: E731
    assert same(s_partner(x_home), delta_P * s_partner(x_partner))
    assert same(s_home(x_partner), delta_H * s_home(x_home))


def test_rubinstein_limit_at_unequal_rates():
    """With delta_i = exp(-rho_i t), t -> 0, Partner's share tends to rho_H / (rho_H + rho_P)."""
    share = s.rubinstein_share().subs({delta_H: sp.exp(-s.rho_H * s.t),
                                       delta_P: sp.exp(-s.rho_P * s.t)})
    assert same(sp.limit(share, s.t, 0, "+"), s.rho_H / (s.rho_H + s.rho_P))


def test_latex():
    assert set(s.formulas()) == set(s.FORMULAS)
    assert r"\theta" in s.latex("nash_linear")
    assert r"\delta_{P}" in s.latex("rubinstein_share")
    for name in s.FORMULAS:
        assert s.latex(name)
