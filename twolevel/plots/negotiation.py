"""Figures for one negotiation (MODEL.md section 1): win-sets and ZOPA, tied hands, pressure.

Every function draws on a given matplotlib Axes (or makes a new figure), solves with
``twolevel.solve`` in one vectorised call, and returns what it drew on. Artists that carry results
have a ``gid`` (e.g. ``"zopa"``, ``"concession"``) so they can be found again.
"""
from dataclasses import replace

import numpy as np

from ..common import validate as v
from ..common.errors import TwoLevelError
from ..negotiation.intervals import halfline, to_list
from ..negotiation.model import Negotiation
from ..negotiation.solve import check, solve
from .style import axes_or_new

HOME, PARTNER, ZOPA, OUTCOME = "tab:blue", "tab:orange", "tab:green", "black"
PLAIN = "#555555"


def _named(solution):
    """'kalai-smorodinsky' -> 'Kalai–Smorodinsky'."""
    return {"nash": "Nash", "kalai-smorodinsky": "Kalai–Smorodinsky",
            "rubinstein": "Rubinstein"}.get(solution, solution)


def _one(negotiation, what):
    """``negotiation`` checked to be a single scenario (shape ())."""
    if check(negotiation).shape != ():
        raise TwoLevelError("negotiation", f"{what} sweeps one scenario, got parameters of shape "
                            f"{negotiation.shape}")


def _sweep(field, values):
    """A finite number or 1-d array of them, as a 1-d float array."""
    a = np.atleast_1d(v.number(field, values, "any"))
    if a.ndim > 1:
        raise TwoLevelError(field, f"must be a number or a 1-d array, got shape {a.shape}")
    return a


def _at(value, shape, index):
    """Scenario ``index`` of a parameter broadcast to the negotiation's ``shape``."""
    return np.broadcast_to(np.asarray(value, float), shape)[index]


def _intersect(a, b):
    """Intersection of two lists of [lo, hi] intervals."""
    return [[max(p[0], q[0]), min(p[1], q[1])] for p in a for q in b
            if max(p[0], q[0]) <= min(p[1], q[1])]


def _subtract(a, b):
    """The closure of a minus b, for lists of [lo, hi] intervals."""
    out = []
    for lo, hi in a:
        pieces = [[lo, hi]]
        for blo, bhi in b:
            pieces = [s for p in pieces for s in ([p[0], min(p[1], blo)], [max(p[0], bhi), p[1]])
                      if s[1] > s[0]]
        out += pieces
    return out


def _acceptable(gain, slope, batna):
    """{x in [0, 1] : gain + slope x >= batna} as a list of intervals (one at most)."""
    lo, hi = halfline(gain - batna, slope)
    lo, hi = max(float(lo), 0.0), min(float(hi), 1.0)
    return [[lo, hi]] if lo <= hi else []


def _bars(ax, intervals, y, height, gid, label, **style):
    """Intervals as horizontal bars at row y; a zero-length interval as a thick tick."""
    ax.broken_barh([(lo, hi - lo) for lo, hi in intervals], (y - height / 2, height),
                   gid=gid, label=label, **style)
    for lo, hi in intervals:
        if hi == lo:
            ax.plot([lo], [y], marker="o", ms=10, mec="black", ls="none", zorder=5,
                    color=style.get("facecolor", "k"), gid=gid + "-point")


def _reservation(ax, r, y, color, symbol):
    """Reservation point r as a marker on row y; an arrow at the edge if r is outside [0, 1]."""
    shown = float(np.clip(r, 0.0, 1.0))
    marker = "D" if shown == r else (">" if r > 1 else "<")
    ax.plot([shown], [y], marker=marker, ms=9, color=color, mec="black", ls="none",
            gid=f"reservation-{symbol}", zorder=4)
    ha = "right" if shown >= 0.95 else "left" if shown <= 0.05 else "center"
    ax.annotate(f"$r_{symbol}$ = {r:.3g}", (shown, y), xytext=(0, 13), textcoords="offset points",
                ha=ha, va="bottom", fontsize=9, color=color)


def winset_diagram(negotiation, solution=None, ax=None, index=()):
    """Putnam's diagram on the concession axis x in [0, 1].

    Rows: Home and Partner, each with its acceptable range {x : u(x) >= d} (light), its win-set W
    (ratified with no side payment, dark) and its reservation point r; then the ZOPA F (side
    payments allowed, hatched where a side payment is needed, i.e. outside W_H and W_P). Vertical
    lines: the outcome x* and x0, the outcome of the same negotiation with no constituencies.
    ``index`` picks one scenario of an array-valued negotiation. Returns the Axes.
    """
    shape = check(negotiation).shape
    solution = solution or negotiation.solution
    try:
        picked = np.empty(shape)[index]
    except (IndexError, TypeError) as exc:
        raise TwoLevelError("index", f"must pick one scenario of shape {shape}, "
                            f"got {index!r} ({exc})") from None
    if np.ndim(picked) != 0:
        raise TwoLevelError("index", f"must pick one scenario of shape {shape}, got {index!r}")
    out = solve(negotiation, solution)
    free = solve(Negotiation(negotiation.home.with_(constituencies=()),
                             negotiation.partner.with_(constituencies=())), solution,
                 intervals=False)
    at = lambda name: float(_at(getattr(out, name), shape, index))      # noqa: E731
    wins = {s: to_list(np.asarray(getattr(out, f"winset_{s}"))[index]) for s in ("home", "partner")}
    zopa = to_list(np.asarray(out.zopa)[index])
    home, partner = negotiation.home, negotiation.partner
    accept = {
        "home": _acceptable(_at(home.gain, shape, index), -_at(home.cost, shape, index),
                            _at(home.no_agreement, shape, index)),
        "partner": _acceptable(_at(partner.gain, shape, index), _at(partner.benefit, shape, index),
                               _at(partner.no_agreement, shape, index)),
    }

    ax = axes_or_new(ax, figsize=(8, 4.2))
    rows = {"home": 2.0, "partner": 1.0}
    colors = {"home": HOME, "partner": PARTNER}
    for side, y in rows.items():
        name = getattr(negotiation, side).name
        _bars(ax, accept[side], y, 0.5, f"acceptable-{side}",
              f"{name}: acceptable to the government, $u \\geq d$",
              facecolor=colors[side], alpha=0.25)
        _bars(ax, wins[side], y, 0.22, f"winset-{side}",
              f"{name}: win-set $W$ (ratified without side payments)",
              facecolor=colors[side], edgecolor="black", lw=0.6)
        _reservation(ax, at(f"reservation_{side}"), y, colors[side], side[0].upper())
    ax.plot([], [], "D", color="white", mec="black",
            label="government's reservation point $r$: $u(r) = d$")
    _bars(ax, zopa, 0.0, 0.4, "zopa", "ZOPA $F$ (ratification paid for)", facecolor=ZOPA,
          alpha=0.6)
    if zopa:
        for x_end, text, ha in ((zopa[0][0], f"{partner.name}'s limit", "right"),
                                (zopa[-1][1], f"{home.name}'s limit", "left")):
            ax.annotate(text, (x_end, -0.2), xytext=(0, -3), textcoords="offset points",
                        ha=ha, va="top", fontsize=8, color="#333333", gid="limit")
    paid = _subtract(zopa, _intersect(wins["home"], wins["partner"]))
    if paid:
        _bars(ax, paid, 0.0, 0.4, "side-payment-zone", "part of F that needs side payments",
              facecolor="none", edgecolor="black", hatch="///", lw=0)
    if not zopa:
        ax.text(0.5, 0.0, "F is empty: no agreement", ha="center", va="center", fontsize=10)

    x0 = float(_at(free.concession, shape, index))
    if np.isfinite(x0):
        ax.axvline(x0, color=PLAIN, ls="--", lw=1.2, gid="unconstrained",
                   label=f"$x_0$ = {x0:.3g}: no constituencies on either side")
    if at("agreement"):
        x = at("concession")
        ax.axvline(x, color=OUTCOME, lw=2, gid="concession",
                   label=f"$x^*$ = {x:.3g} ($S_H$ = {at('side_payment_home'):.3g}, "
                         f"$S_P$ = {at('side_payment_partner'):.3g})")

    ax.set_yticks([0.0, 1.0, 2.0], ["ZOPA F", f"{partner.name}\n(Partner)", f"{home.name}\n(Home)"])
    ax.set_ylim(-0.55, 2.75)
    ax.set_xlim(-0.03, 1.03)
    ax.set_xlabel(f"concession x: the share of {partner.name}'s demands that {home.name} meets")
    ax.set_title(f"Win-sets and ZOPA: {home.name} and {partner.name}, {_named(solution)} "
                 "solution")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8, frameon=False)
    return ax


def _veto(home, name):
    """Index of the Home constituency whose threshold is varied."""
    names = [c.name for c in home.constituencies]
    if name is None:
        if len(names) != 1:
            raise TwoLevelError("constituency", f"name one of Home's constituencies {names}")
        return 0
    if name not in names:
        raise TwoLevelError("constituency", f"must be one of {names}, got {name!r}")
    return names.index(name)


def tied_hands(negotiation, thresholds=None, constituency=None, solution=None, ax=None):
    """Concession x* against the threshold w of a Home constituency (its gain set to
    e = v0 - k w, so it supports x iff k (x - w) >= 0), with side payments off (budget 0) and on
    (Home's budget, or unlimited if it is 0). With one veto constituency and no side payments,
    x* = min(x0, w) (Schelling's tied hands); x0 (x_N for Nash when Partner's domestic level does
    not bind) is the outcome with Home's constituencies removed. ``thresholds`` default to 201
    points on [0, 1]. Both curves come from one vectorised solve. Returns the Axes.
    """
    _one(negotiation, "tied_hands")
    home = negotiation.home
    i = _veto(home, constituency)
    w = _sweep("thresholds", np.linspace(0.0, 1.0, 201) if thresholds is None else thresholds)
    c = home.constituencies[i]
    if np.any(np.asarray(c.slope) == 0):
        raise TwoLevelError("constituency", f"{c.name} has slope 0: no threshold to move")
    swept = replace(c, gain=c.status_quo - c.slope * w)
    budget_on = home.budget if home.budget > 0 else np.inf
    budgets = np.array([0.0, budget_on])[:, None]                # (2, 1) x (n,) -> (2, n)
    cons = home.constituencies[:i] + (swept,) + home.constituencies[i + 1:]
    neg = replace(negotiation, home=home.with_(constituencies=cons, budget=budgets))
    solution = solution or negotiation.solution
    x = solve(neg, solution, intervals=False).concession
    free = solve(replace(negotiation, home=home.with_(constituencies=())), solution,
                 intervals=False)
    x0 = float(free.concession)

    ax = axes_or_new(ax, figsize=(6.5, 4.5))
    ax.plot(w, w, color=PLAIN, lw=0.8, ls=":", label="$x = w$ (edge of the win-set)")
    if np.isfinite(x0):
        ax.axhline(x0, color=PLAIN, lw=1, ls="--", gid="unconstrained",
                   label=f"$x_0$ = {x0:.3g}: {home.name} without constituencies")
        ax.annotate("$x_0$", (w.min(), x0), xytext=(2, 3), textcoords="offset points", color=PLAIN)
    on = "unlimited" if np.isinf(budget_on) else f"$B_H$ = {budget_on:.3g}"
    ax.plot(w, x[1], color=ZOPA, lw=2, gid="concession-paid",
            label=f"$x^*$, side payments on ({on}, $\\lambda_H$ = {float(home.funds_cost):.3g})")
    ax.plot(w, x[0], color=HOME, lw=2.2, ls="--", gid="concession-tied",
            label="$x^*$, side payments off ($B_H$ = 0)")
    for row, text, alpha in ((x[0], "no agreement, side payments off", 0.12),
                             (x[1], "no agreement, side payments on", 0.25)):
        none = np.isnan(row)
        if none.any():
            ax.fill_between(w, 0, 1, where=none, transform=ax.get_xaxis_transform(),
                            color="grey", alpha=alpha, lw=0, gid="no-agreement", label=text)
    current = float(c.threshold())
    ax.axvline(current, color=OUTCOME, lw=0.8, alpha=0.6, gid="current",
               label=f"{c.name}: $w$ = {current:.3g} in this scenario")
    ax.set_xlabel(f"threshold $w$ of {home.name}'s {c.name} (they support $x \\leq w$)"
                  if c.slope < 0 else
                  f"threshold $w$ of {home.name}'s {c.name} (they support $x \\geq w$)")
    ax.set_ylabel(f"concession $x^*$\n(share of {negotiation.partner.name}'s demands met)")
    ax.set_xlim(w.min(), w.max() if w.max() > w.min() else w.min() + 1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_title(f"Tied hands: {home.name}'s win-set narrows ({_named(solution)} solution)")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    return ax


def pressure_response(negotiation, pressures, solution=None, ax=None):
    """Concession x* (with r_H, r_P) and side payments S_H, S_P against Home's domestic pressure
    pi_H (d_H = d0_H - pi_H), solved in one vectorised call with ``home.pressure = pressures``.
    No-agreement pressures are shaded. ``ax``: None (new two-panel figure), a pair of Axes, or
    one Axes (side payments on a twin y-axis). Returns the pair (concession Axes, payments Axes).
    """
    _one(negotiation, "pressure_response")
    p = np.sort(_sweep("pressures", pressures))
    solution = solution or negotiation.solution
    out = solve(replace(negotiation, home=negotiation.home.with_(pressure=p)), solution,
                intervals=False)
    twin = ax is not None and not np.iterable(ax)
    if ax is None:
        import matplotlib.pyplot as plt

        _, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(6.5, 6),
                                        gridspec_kw=dict(height_ratios=(3, 2)))
    elif twin:
        top, bottom = ax, ax.twinx()
    else:
        top, bottom = ax

    for k, (lo, hi) in enumerate(to_list(solve(negotiation, solution).winset_home)):
        top.axhspan(lo, hi, color=HOME, alpha=0.1, lw=0, gid="winset-home",
                    label=None if k else f"{negotiation.home.name}'s win-set $W_H$")
    top.plot(p, out.reservation_home, color=HOME, lw=1, ls="--",
             label=f"$r_H$ ({negotiation.home.name}'s reservation point)")
    top.plot(p, out.reservation_partner, color=PARTNER, lw=1, ls="--",
             label=f"$r_P$ ({negotiation.partner.name}'s reservation point)")
    top.plot(p, out.concession, color=OUTCOME, lw=2, gid="concession", label="$x^*$")
    bottom.plot(p, out.side_payment_home, color=HOME, lw=2, gid="side-payment-home",
                label=f"$S_H$ ({negotiation.home.name}'s government)")
    bottom.plot(p, out.side_payment_partner, color=PARTNER, lw=2, ls="-.",
                gid="side-payment-partner",
                label=f"$S_P$ ({negotiation.partner.name}'s government)")
    now = float(negotiation.home.pressure)
    for a in {top, bottom}:
        a.axvline(now, color=OUTCOME, lw=0.8, alpha=0.6, gid="current",
                  label=f"$\\pi_H$ = {now:.3g} in this scenario" if a is top else None)
    none = ~np.asarray(out.agreement)
    if none.any():
        for a in {top, bottom}:
            a.fill_between(p, 0, 1, where=none, transform=a.get_xaxis_transform(),
                           color="grey", alpha=0.2, lw=0, gid="no-agreement")
        top.plot([], [], color="grey", alpha=0.4, lw=6, label="no agreement (F empty)")
    top.set_ylim(-0.02, 1.02)
    top.set_ylabel(f"concession x\n(share of {negotiation.partner.name}'s demands)")
    bottom.set_ylabel("side payments S\n(utility units)")
    (top if twin else bottom).set_xlabel(f"pressure $\\pi_H$ on {negotiation.home.name} "
                                         "($d_H = d^0_H - \\pi_H$)")
    top.set_title(f"{negotiation.home.name}: concession and side payments against pressure "
                  f"({_named(solution)} solution)", fontsize=10)
    top.grid(alpha=0.3)
    outside = dict(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    if twin:
        handles = [h for a in (top, bottom) for h in a.get_legend_handles_labels()[0]]
        top.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3,
                   fontsize=8, frameon=False)
    else:
        bottom.grid(alpha=0.3)
        top.legend(**outside)
        bottom.legend(**outside)
    return top, bottom
