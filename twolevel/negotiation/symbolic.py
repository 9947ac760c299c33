"""Closed forms of MODEL.md section 1, derived by sympy from their defining conditions.

Each function returns a sympy expression in the symbols below (MODEL.md names); ``formulas()``
lists them and ``latex(name)`` renders one for the docs. The derivations are the proofs: a
first-order condition solved for x, equations of indifference solved for the offers, a limit.
"""
from functools import cache

import sympy as sp

x = sp.Symbol("x", real=True)
theta = sp.Symbol("theta", nonnegative=True)
g_H, g_P, d_H, d_P = sp.symbols("g_H g_P d_H d_P", real=True)
c_H, c_P = sp.symbols("c_H c_P", positive=True)
A, D = sp.symbols("A D", real=True)            # intercepts of U_H = A - C x, U_P = D + E x
C, E = sp.symbols("C E", positive=True)
r_H, r_P = sp.symbols("r_H r_P", real=True)
w, h = sp.symbols("w h", real=True)              # win-set cap w, KS frontier end h
lam, l, B = sp.symbols("lambda l B", positive=True)
eta = sp.Symbol("eta", nonnegative=True)        # veto rent (ratification ex post)
delta_H, delta_P = sp.symbols("delta_H delta_P", positive=True)
rho_H, rho_P, t = sp.symbols("rho_H rho_P t", positive=True)

# the linear model's utilities and surpluses
u_H = g_H - c_H * x
u_P = g_P + c_P * x


def s_H(z):
    """Home's surplus at concession z in reservation points: U_H - d_H = c_H (r_H - z)."""
    return c_H * (r_H - z)


def s_P(z):
    """Partner's surplus at concession z: U_P - d_P = c_P (z - r_P)."""
    return c_P * (z - r_P)


def _only(solutions):
    (sol,) = solutions
    return sp.simplify(sol)


def _by_reservation(expr):
    """Write d_H, d_P through r_H = (g_H - d_H)/c_H and r_P = (d_P - g_P)/c_P."""
    return sp.simplify(expr.subs({d_H: g_H - c_H * r_H, d_P: g_P + c_P * r_P}))


@cache
def reservation_home():
    """r_H: U_H(x) = d_H solved for x."""
    return _only(sp.solve(sp.Eq(u_H, d_H), x))


@cache
def reservation_partner():
    """r_P: U_P(x) = d_P solved for x."""
    return _only(sp.solve(sp.Eq(u_P, d_P), x))


@cache
def nash_stretch():
    """Generalised Nash point on a stretch where U_H = A - C x, U_P = D + E x: the root of
    d/dx [theta log(U_H - d_H) + (1 - theta) log(U_P - d_P)] = 0 (the log is concave)."""
    objective = theta * sp.log(A - C * x - d_H) + (1 - theta) * sp.log(D + E * x - d_P)
    return _only(sp.solve(sp.together(sp.diff(objective, x)), x))


@cache
def nash_linear():
    """x_N: the Nash point with nothing domestic binding, in reservation points."""
    return _by_reservation(nash_stretch().subs({A: g_H, C: c_H, D: g_P, E: c_P}))


@cache
def tied_hands():
    """W_H = [0, w], no side payments: the log Nash product is concave on F = [r_P, min(r_H, w)]
    with its stationary point x_N >= r_P, so the maximiser is x_N clipped to w."""
    return sp.Min(nash_linear(), w)


@cache
def veto_loss():
    """The veto constituency's loss at x beyond its threshold: v0 - (e - l x) with
    w = (e - v0)/l, i.e. l (x - w)."""
    e, v0 = sp.symbols("e v_0", real=True)
    return sp.expand((v0 - (e - l * x)).subs(e, v0 + l * w))


@cache
def veto_lines():
    """(A, C) of U_H = A - C x beyond the veto threshold w: there Home pays the constituency's loss
    S = l (x - w), so U_H = g_H - c_H x - lam l (x - w)."""
    u = sp.expand(u_H - lam * veto_loss())
    return u.subs(x, 0), -sp.diff(u, x)


@cache
def one_veto_stretch():
    """x': the Nash point on the stretch x > w of one veto constituency, side payments allowed."""
    a, c = veto_lines()
    return sp.simplify(nash_stretch().subs({A: a, C: c, D: g_P, E: c_P}).subs(
        d_P, g_P + c_P * r_P))


@cache
def one_veto():
    """x* with one veto constituency (slope -l, threshold w), budget B: x_N if x_N <= w; else x'
    capped by the budget (S = l (x - w) <= B) if x' > w; else w."""
    x_n, x_v = nash_linear(), one_veto_stretch()
    return sp.Piecewise((x_n, x_n <= w), (sp.Min(x_v, w + B / l), x_v > w), (w, True))


@cache
def one_veto_payment():
    """S* = l (x* - w) on the stretch beyond w (x_N > w and x' > w), else 0."""
    x_n, x_v = nash_linear(), one_veto_stretch()
    return sp.Piecewise((l * (sp.Min(x_v, w + B / l) - w), (x_n > w) & (x_v > w)), (0, True))


@cache
def ex_post_signed():
    """x0 when Home ratifies ex post: the table leaves the veto constituency out, so F0 = [r_P, r_H]
    and x0 is the Nash point with nothing domestic binding, x_N (whatever w)."""
    return nash_linear()


@cache
def ex_post_rest():
    """s = u_H(x0) - lam S_min(x0) - d_H beyond w (S_min = l (x0 - w)), in reservation points:
    Home's surplus once the losing bloc's loss is paid."""
    rest = (u_H - lam * veto_loss()).subs(x, ex_post_signed()) - d_H
    return sp.simplify(rest.subs(d_H, g_H - c_H * r_H))


@cache
def ex_post_limit():
    """The largest signed x0 > w whose ratification Home can afford: s(x) = 0 solved for x (the
    surplus after paying l (x - w)), capped by the budget, x <= w + B / l."""
    rest = (u_H - lam * veto_loss() - d_H).subs(d_H, g_H - c_H * r_H)
    return sp.Min(_only(sp.solve(sp.Eq(rest, 0), x)), w + B / l)


@cache
def ex_post_one_veto_payment():
    """S when Home ratifies ex post with one veto constituency (slope -l, threshold w), budget B,
    veto rent eta: 0 if x0 <= w, else min(B, S_min + eta s / lam) (s >= 0 where ratified)."""
    x0 = ex_post_signed()
    return sp.Piecewise((0, x0 <= w),
                        (sp.Min(B, veto_loss().subs(x, x0) + eta * ex_post_rest() / lam), True))


@cache
def ex_post_one_veto_surplus():
    """U_H - d_H = c_H (r_H - x0) - lam S: Home's surplus once ratification is bought (uncapped
    by B beyond w: d_H + (1 - eta) s)."""
    return sp.simplify(s_H(ex_post_signed()) - lam * ex_post_one_veto_payment())


@cache
def ex_post_ratified():
    """Ratification holds iff x0 <= w (nothing to pay) or S_min = l (x0 - w) <= B and s >= 0."""
    x0 = ex_post_signed()
    return sp.Or(x0 <= w, sp.And(veto_loss().subs(x, x0) <= B, ex_post_rest() >= 0))


def _ks(h_end):
    """KS on F = [r_P, h_end] of the linear model: s_H / M_H = s_P / M_P solved for x, with
    M_H = s_H(r_P), M_P = s_P(h_end)."""
    return _only(sp.solve(sp.Eq(s_H(x) / s_H(r_P), s_P(x) / s_P(h_end)), x))


@cache
def ks_linear():
    """KS with no domestic constraint: F = [r_P, r_H]."""
    return _ks(r_H)


@cache
def ks_capped():
    """KS with F = [r_P, h], h < r_H."""
    return _ks(h)


@cache
def rubinstein_offers(cap=False):
    """(x_H, x_P): Home's and Partner's offers from the indifference conditions
    U_P(x_H) - d_P = delta_P (U_P(x_P) - d_P) and U_H(x_P) - d_H = delta_H (U_H(x_H) - d_H);
    with ``cap`` Partner's offer is the ratifiable maximum x_P = w and only the first holds."""
    x_home, x_partner = sp.symbols("x_H x_P", real=True)
    if cap:
        sol = sp.solve(sp.Eq(s_P(x_home), delta_P * s_P(w)), x_home, dict=True)
        return sp.simplify(sol[0][x_home]), w
    sol = sp.solve([sp.Eq(s_P(x_home), delta_P * s_P(x_partner)),
                    sp.Eq(s_H(x_partner), delta_H * s_H(x_home))],
                   [x_home, x_partner], dict=True)[0]
    return sp.simplify(sol[x_home]), sp.simplify(sol[x_partner])


def _share(z):
    """Partner's share of the surplus interval [r_P, r_H] at concession z."""
    return sp.simplify((z - r_P) / (r_H - r_P))


@cache
def rubinstein_share():
    """y: Partner's share in Home's (accepted) offer."""
    return _share(rubinstein_offers()[0])


@cache
def rubinstein_linear():
    """x* = Home's offer, no domestic constraint."""
    return rubinstein_offers()[0]


@cache
def rubinstein_limit():
    """lim x* as delta_i = exp(-rho_i t), t -> 0 (frequent offers; rho_H = rho_P: equal rates)."""
    y = rubinstein_share().subs({delta_H: sp.exp(-rho_H * t), delta_P: sp.exp(-rho_P * t)})
    share = sp.limit(y, t, 0, "+")
    return sp.simplify(r_P + share.subs(rho_P, rho_H) * (r_H - r_P))


@cache
def rubinstein_cap():
    """x* with a ratification cap x <= w (B_H = 0): where Partner's unconstrained offer share
    exceeds b = (w - r_P)/(r_H - r_P) it offers w instead and Home's offer follows."""
    b = (w - r_P) / (r_H - r_P)
    partner_offer_share = _share(rubinstein_offers()[1])
    capped = rubinstein_offers(cap=True)[0]
    return sp.Piecewise((capped, partner_offer_share > b), (rubinstein_linear(), True))


FORMULAS = {
    "reservation_home": reservation_home,
    "reservation_partner": reservation_partner,
    "nash_stretch": nash_stretch,
    "nash_linear": nash_linear,
    "tied_hands": tied_hands,
    "one_veto_stretch": one_veto_stretch,
    "one_veto": one_veto,
    "one_veto_payment": one_veto_payment,
    "ex_post_signed": ex_post_signed,
    "ex_post_rest": ex_post_rest,
    "ex_post_limit": ex_post_limit,
    "ex_post_one_veto_payment": ex_post_one_veto_payment,
    "ex_post_one_veto_surplus": ex_post_one_veto_surplus,
    "ex_post_ratified": ex_post_ratified,
    "ks_linear": ks_linear,
    "ks_capped": ks_capped,
    "rubinstein_share": rubinstein_share,
    "rubinstein_linear": rubinstein_linear,
    "rubinstein_limit": rubinstein_limit,
    "rubinstein_cap": rubinstein_cap,
}


def formulas():
    """{name: sympy expression} of every closed form."""
    return {name: f() for name, f in FORMULAS.items()}


def latex(name):
    """LaTeX of one closed form, e.g. ``latex("nash_linear")``."""
    return sp.latex(FORMULAS[name]())
