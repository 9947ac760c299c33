"""Figures for coercion (MODEL.md section 4): effectiveness by year against the dependence ratio,
the channels of each event, the error count over the weights, the demand choice.

Every function draws on given matplotlib Axes (or makes a new figure) and returns what it drew on.
"""
import numpy as np

from ..coercion import Coercion, CoercionProblem, coerce, social_errors
from ..coercion.solve import channel_sizes, needed_pull
from .style import axes_or_new

KIND_MARKERS = {"results": "o", "rules": "s", "macroeconomic": "^"}
CHANNEL_COLORS = {"material": "#4c72b0", "deference": "#dd8452", "legitimacy": "#55a868"}
BREAK = 1993.95            # the Uruguay Round settlement, Dec 1993


def effectiveness_by_year(result, ax=None):
    """Predicted effectiveness of every event by year (filled: Japan conceded, hollow: it held
    out; marker by kind), the dependence ratio of its year on the right axis, and the Uruguay Round
    settlement of Dec 1993. Returns (ax, the ratio's axes)."""
    ax = axes_or_new(ax, figsize=(10, 4.5), constrained_layout=True)
    events = result.record.events
    years = np.array([e.year for e in events], float)
    eff = np.asarray(result.outcome.effectiveness, float)
    # events of one year side by side
    offsets = np.zeros_like(years)
    for y in np.unique(years):
        same = np.flatnonzero(years == y)
        offsets[same] = (np.arange(same.size) - (same.size - 1) / 2) * 0.25
    for kind, marker in KIND_MARKERS.items():
        for observed, face in (("concede", "black"), ("hold", "none")):
            pick = [i for i, e in enumerate(events) if e.kind == kind and e.observed == observed]
            if pick:
                ax.scatter(years[pick] + offsets[pick], eff[pick], marker=marker, s=55,
                           facecolors=face, edgecolors="black",
                           label=f"{kind}, observed {observed}", zorder=3, gid="effectiveness")
    ax.axvline(BREAK, color="grey", ls="--", lw=1)
    ax.text(BREAK + 0.1, 0.97, "Uruguay Round\nsettled, Dec 1993", va="top", fontsize=8,
            color="grey", transform=ax.get_xaxis_transform())
    ax.set_xlabel("year")
    ax.set_ylabel("predicted effectiveness\n(share of the demand the threat buys)")
    ax.set_ylim(-0.05, 1.0)
    right = ax.twinx()
    ratio = np.asarray(result.dependence, float)
    order = np.argsort(years, kind="stable")
    right.plot(years[order], ratio[order], color="tab:red", lw=1.2, marker=".", gid="ratio")
    right.set_ylabel("dependence ratio $A_t$ of the year", color="tab:red")
    right.set_ylim(0, 10)
    ax.legend(loc="upper left", bbox_to_anchor=(1.1, 1.0), fontsize=8, frameon=False)
    return ax, right


def channels(result, ax=None):
    """Per event: the pull on the target's value of refusing (stacked: material, deference,
    legitimacy) against the pull it needs to reach the sender's floor (black tick; higher for a
    results demand under low trust). Red marks: the backlash (right of each bar, same units: how
    far the win-set's end moves down)."""
    ax = axes_or_new(ax, figsize=(10, 5.5), constrained_layout=True)
    events = result.record.events
    problem = result.record.problem()
    sizes = {k: np.asarray(v, float) for k, v in result.outcome.channels.items()}
    x = np.arange(len(events))
    bottom = np.zeros(len(events))
    labels = {"material": "material $q_{threat}\\,T\\,A_t/A_{ref}$",
              "deference": "deference $\\kappa_H H_t$", "legitimacy": "legitimacy $\\kappa_L L$"}
    for key, color in CHANNEL_COLORS.items():
        ax.bar(x, sizes[key], bottom=bottom, color=color, width=0.6, label=labels[key], gid=key)
        bottom = bottom + sizes[key]
    need = np.broadcast_to(needed_pull(problem.negotiation, sizes), x.shape)
    ax.scatter(x, need, marker="_", s=400, color="black", linewidths=2, zorder=3,
               label="pull needed to meet the sender's floor", gid="needed")
    ax.scatter(x + 0.38, sizes["backlash"], marker="v", color="tab:red", s=25, zorder=3,
               label="backlash $b\\,T\\,(1-L)$", gid="backlash")
    ax.set_xticks(x, [f"{e.name} {e.year}" if str(e.year) not in e.name else e.name
                      for e in events], rotation=60, ha="right", fontsize=8)
    ax.set_ylabel("pull on the target's value of refusing\n(share of its cost of the demand)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8, frameon=False)
    return ax


def error_map(record, trust_premium, weight, ax=None, marker=None):
    """Errors of the coercion model on ``record`` over the trust premium eps (x) and the social
    weights kappa_H = kappa_L (y), one vectorised solve; ``marker``: (eps, kappa) to mark."""
    import matplotlib.pyplot as plt

    ax = axes_or_new(ax, figsize=(6, 4), constrained_layout=True)
    eps = np.asarray(trust_premium, float)
    kappa = np.asarray(weight, float)
    errors = social_errors(record, trust_premium=eps[None, :, None], deference=kappa[:, None, None],
                           legitimacy_weight=kappa[:, None, None])
    low, top = int(errors.min()), int(errors.max())
    cmap = plt.get_cmap("viridis_r", top - low + 1)
    mesh = ax.pcolormesh(eps, kappa, errors, cmap=cmap, shading="nearest",
                         vmin=low - 0.5, vmax=top + 0.5, gid="errors")
    bar = ax.figure.colorbar(mesh, ax=ax, ticks=range(low, top + 1))
    bar.set_label("events mispredicted by the social model")
    if low <= 1 < top:
        ax.contour(eps, kappa, errors, levels=[1.5], colors="white", linewidths=1.2)
    if marker is not None:
        ax.plot(*marker, marker="*", color="red", ms=14, ls="none", label="calibration",
                gid="calibration")
        ax.legend(loc="upper right", fontsize=8)
    ax.set_xlabel(r"trust premium $\varepsilon$")
    ax.set_ylabel(r"social weights $\kappa_H = \kappa_L$")
    return ax


def demand_choice(problem: CoercionProblem, trust=None, credibilities=(None, 1.0), ax=None):
    """Over the target's trust tau_target (x): the concession under a rules and under a results
    demand and the counter-offer on the instrument, at the problem's credibility (None) and at
    the other ``credibilities`` (fainter), with the sender's floor r_P; the coded trust marked."""
    ax = axes_or_new(ax, figsize=(7, 4.5), constrained_layout=True)
    tau = np.linspace(0.0, 1.0, 201) if trust is None else np.asarray(trust, float)
    values = problem.coercion.values()
    for n, q in enumerate(credibilities):
        q = values["credibility"] if q is None else q
        both = Coercion(**{**values, "credibility": q, "trust_target": tau[None, :],
                           "demand": np.array([["rules"], ["results"]], dtype=object)})
        out = coerce(CoercionProblem(problem.negotiation, both))
        alpha, tag = (1.0, "") if n == 0 else (0.45, f", $q_{{threat}}$ = {q:.2g}")
        ax.plot(tau, out.concession[0], color="tab:blue", lw=2, alpha=alpha,
                label=f"concession, rules demand{tag}", gid=f"rules-{q:g}")
        ax.plot(tau, out.concession[1], color="tab:orange", lw=2, ls="--", alpha=alpha,
                label=f"concession, results demand{tag}", gid=f"results-{q:g}")
        ax.plot(tau, out.counter_offer[1], color="tab:green", lw=1.5, ls=":", alpha=alpha,
                label=f"counter-offer on the instrument{tag}", gid=f"counter_offer-{q:g}")
    floor = float(np.asarray(out.with_threat.reservation_partner).flat[0])
    ax.axhline(floor, color="grey", lw=1, label=f"sender's floor $r_P$ = {floor:.2g}")
    ax.axvline(float(problem.coercion.trust_target), color="black", lw=1, ls="-.",
               label=r"coded trust $\tau_{target}$")
    ax.set_xlabel(r"target's trust in the sender $\tau_{target}$")
    ax.set_ylabel("share of the demand met")
    ax.set_ylim(-0.03, 1.0)
    ax.set_title(f"credibility of the threat $q_{{threat}}$ = {values['credibility']:.2g} "
                 "(fainter: other credibilities)", fontsize=10)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    return ax
