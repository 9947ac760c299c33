"""Reference twin of ``coerce`` (slow, obvious): one scenario at a time in plain Python floats,
the channels written out again, and the Nash solution found by brute force on plain callables
(a grid, then scipy's bounded minimiser on the feasible stretch). Its domain: the Nash solution
with no side payments (budget 0 on both sides), where F = {x : U_H >= d_H, U_P >= d_P, both
sides ratify x}."""
import math

import numpy as np
from scipy.optimize import minimize_scalar

GRID = 20_001


def ratifies(constituencies, quota, x, shift=0.0):
    """Does a side with constituencies [(e, k, v0, w)] ratify x (status quo raised by shift)?"""
    if not constituencies:
        return True
    total = sum(w for *_, w in constituencies)
    support = sum(w for e, k, v0, w in constituencies if e + k * x >= v0 + shift - 1e-12)
    return support >= quota * total - 1e-12


def edge(inside, a, b):
    """The boundary between a (inside) and b (outside) by bisection."""
    for _ in range(60):
        m = 0.5 * (a + b)
        a, b = (m, b) if inside(m) else (a, m)
    return a


def nash_point(feasible, u_home, d_home, u_partner, d_partner, theta):
    """(argmax of (U_H - d_H)^theta (U_P - d_P)^(1 - theta) over {x in [0, 1] : feasible(x)},
    the width of the stretch of that set holding it), or (None, 0) where the set is empty."""
    xs = np.linspace(0.0, 1.0, GRID)
    ok = np.array([feasible(x) for x in xs])
    if not ok.any():
        return None, 0.0

    def product(x):
        a, b = u_home(x) - d_home, u_partner(x) - d_partner
        return max(a, 0.0) ** theta * max(b, 0.0) ** (1 - theta)

    values = np.array([product(x) if f else -1.0 for x, f in zip(xs, ok)])
    i = int(np.argmax(values))
    lo, hi = i, i
    while lo > 0 and ok[lo - 1]:
        lo -= 1
    while hi < GRID - 1 and ok[hi + 1]:
        hi += 1
    a = xs[lo] if lo == 0 else edge(feasible, xs[lo], xs[lo - 1])
    b = xs[hi] if hi == GRID - 1 else edge(feasible, xs[hi], xs[hi + 1])
    if b - a < 1e-12:
        return a, b - a
    best = minimize_scalar(lambda x: -product(x), bounds=(a, b), method="bounded",
                           options={"xatol": 1e-12})
    candidates = [a, b, best.x, xs[i]]
    return max(candidates, key=product), b - a


def coerce_one(home, partner, theta, c):
    """The reference outcome of one demand. ``home`` and ``partner``: dicts with gain, rate,
    batna (d0 - pi), quota and constituencies [(e, k, v0, w)]; ``c``: a dict of Coercion fields
    (floats, demand a string)."""
    results = 1.0 if c["demand"] == "results" else 0.0
    material = c["credibility"] * c["threat"] * c["dependence"] / c["reference_dependence"]
    social = c["deference"] * c["hierarchy"] + c["legitimacy_weight"] * c["legitimacy"]
    backlash = c["backlash"] * c["threat"] * (1 - c["legitimacy"])
    premium = c["trust_premium"] * (1 - c["trust_target"]) * results

    def solve_case(pull, cost, shift):
        d_home = home["batna"] - pull

        def u_home(x):
            return home["gain"] - cost * x

        def u_partner(x):
            return partner["gain"] + partner["rate"] * x

        def feasible(x):
            return (u_home(x) >= d_home - 1e-12 and u_partner(x) >= partner["batna"] - 1e-12
                    and ratifies(home["constituencies"], home["quota"], x, shift)
                    and ratifies(partner["constituencies"], partner["quota"], x))

        return nash_point(feasible, u_home, d_home, u_partner, partner["batna"], theta)

    cost = home["rate"] * (1 + premium)
    with_threat, width = solve_case(material + social, cost, backlash)
    without, width_without = solve_case(social, cost, 0.0)

    def acceptable(x):                      # the target alone, on the instrument (rules cost)
        return (home["gain"] - home["rate"] * x >= home["batna"] - material - social - 1e-12
                and ratifies(home["constituencies"], home["quota"], x, backlash))

    xs = [x for x in np.linspace(0.0, 1.0, 10_001) if acceptable(x)]
    counter = 0.0 if not xs else (1.0 if xs[-1] == 1.0 else edge(acceptable, xs[-1], xs[-1] + 1e-4))
    concession = 0.0 if with_threat is None else with_threat
    base = 0.0 if without is None else without
    return {
        "agreement": with_threat is not None, "agreement_without_threat": without is not None,
        "concession": concession, "concession_without_threat": base,
        "effectiveness": concession - base,
        "width": width, "width_without_threat": width_without,
        "channels": {"material": material, "deference": c["deference"] * c["hierarchy"],
                     "legitimacy": c["legitimacy_weight"] * c["legitimacy"],
                     "backlash": backlash, "trust": premium},
        "demand_choice": c["trust_sender"] < c["trust_threshold"],
        "counter_offer": counter if results else math.nan,
    }


def material_errors(dependence, conceded):
    """Fewest errors of "concede iff A >= c" by trying every cut on a fine grid past the data."""
    grid = np.linspace(min(dependence) - 1, max(dependence) + 1, 20_001)
    return min(sum((a >= c) != o for a, o in zip(dependence, conceded)) for c in grid)
