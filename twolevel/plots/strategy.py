"""Figures for strategy under prospect theory (MODEL.md section 3): the value and weighting
functions, the regime map and the cases' paths.

Every function draws on given matplotlib Axes (or makes a new figure) and returns what it drew on.
"""
import numpy as np

from ..strategy.cpt import TVERSKY_KAHNEMAN, value, weight
from ..strategy.path import REGIMES
from .style import axes_grid, axes_or_new, categories

REGIME_COLORS = {"create": "#2ca02c", "claim": "#ff7f0e", "spiral": "#d62728",
                 "breakdown": "#636363"}
REGIME_LABELS = {"create": "create/create, agreement in round 1",
                 "claim": "a claim met by concessions, round 1",
                 "spiral": "claim/claim deadlocks, later agreement",
                 "breakdown": "deadlocks to the deadline: sanctions"}
STRATEGY_MARKERS = {("create", "create"): "o", ("claim", "claim"): "X",
                    ("claim", "create"): ">", ("create", "claim"): "<"}


def value_function(ax=None, span=100.0, **parameters):
    """v(z) of CPT (Tversky-Kahneman defaults, overridable) against expected utility's v(z) = z."""
    ax = axes_or_new(ax, figsize=(4.2, 3.6))
    z = np.linspace(-span, span, 401)
    par = {k: parameters.get(k, TVERSKY_KAHNEMAN[k]) for k in ("alpha", "beta", "loss_aversion")}
    label = (rf"CPT: $\alpha=\beta_{{pt}}={par['alpha']:g}$, "
             rf"$\lambda_{{pt}}={par['loss_aversion']:g}$")
    ax.plot(z, value(z, **par), color="tab:blue", label=label)
    ax.plot(z, z, color="tab:gray", ls="--", label="expected utility: $v(z) = z$")
    ax.axhline(0, color="black", lw=0.5)
    ax.axvline(0, color="black", lw=0.5)
    ax.set_xlabel("outcome against the reference point, $z$")
    ax.set_ylabel("value $v(z)$")
    ax.set_title("Value function")
    ax.legend(loc="lower right", fontsize=8)
    return ax


def weighting_functions(ax=None, gamma_gain=TVERSKY_KAHNEMAN["gamma_gain"],
                        gamma_loss=TVERSKY_KAHNEMAN["gamma_loss"], prelec=0.65):
    """w(p) for gains and losses (Tversky-Kahneman) and Prelec's, against w(p) = p."""
    ax = axes_or_new(ax, figsize=(4.2, 3.6))
    p = np.linspace(0, 1, 401)
    ax.plot(p, weight(p, gamma_gain), color="tab:green", label=rf"gains, $\gamma^+={gamma_gain:g}$")
    ax.plot(p, weight(p, gamma_loss), color="tab:red", label=rf"losses, $\gamma^-={gamma_loss:g}$")
    ax.plot(p, weight(p, prelec, "prelec"), color="tab:purple", ls=":",
            label=rf"Prelec, $\gamma={prelec:g}$")
    ax.plot(p, p, color="tab:gray", ls="--", label="expected utility: $w(p) = p$")
    ax.set_xlabel("probability $p$")
    ax.set_ylabel("decision weight $w(p)$")
    ax.set_title("Probability weighting")
    ax.set_aspect("equal")
    ax.legend(loc="upper left", fontsize=8)
    return ax


def regime_map(ds, escalations=None, axes=None, legend=True, cases=None):
    """One panel per escalation cost: the regime over reference gap (x) and loss aversion (y).
    ``cases``: optional {label: (reference gap, loss aversion)} marked on every panel."""
    from matplotlib.patches import Patch

    values = ds["escalation"].values if escalations is None else np.atleast_1d(escalations)
    axes = axes_grid(len(values), axes, sharey=True, figsize=(3.4 * len(values) + 0.4, 3.6),
                     constrained_layout=True)
    cmap, norm = categories([REGIME_COLORS[k] for k in REGIMES])
    x, y = ds["reference"].values, ds["loss_aversion"].values
    for ax, esc in zip(axes, values):
        panel = ds.sel(escalation=esc, method="nearest")
        ax.pcolormesh(x, y, panel["regime"].values.T, cmap=cmap, norm=norm, shading="nearest",
                      gid="regime")
        for label, (gap, lam) in (cases or {}).items():
            ax.plot(gap, lam, "k*", ms=10)
            ax.annotate(label, (gap, lam), xytext=(4, 4), textcoords="offset points",
                        fontsize=8)
        ax.set_title(f"escalation cost {float(panel['escalation']):g} per deadlock")
        ax.set_xlabel("reference gap $D_0$ (packages)")
    axes[0].set_ylabel(r"loss aversion $\lambda_{pt}$")
    if legend:
        present = [k for i, k in enumerate(REGIMES) if (ds["regime"] == i).any()]
        axes[0].figure.legend(handles=[Patch(color=REGIME_COLORS[k], label=REGIME_LABELS[k])
                                       for k in present],
                              loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    return axes


def case_paths(paths, ax=None):
    """Loss depth round by round for each case ({label: StrategyPath.to_dict()}), one line per
    case and side; markers show the strategy pair played (home, partner)."""
    ax = axes_or_new(ax, figsize=(5.6, 3.8))
    styles = ("-", "--")
    for k, (label, data) in enumerate(paths.items()):
        color = f"C{k}"
        for side, ls in zip(("home", "partner"), styles):
            rounds = [r["round"] for r in data["rounds"]]
            depth = [r[f"{side}_loss_depth"] for r in data["rounds"]]
            ax.plot(rounds, depth, ls=ls, color=color, label=f"{label}: {data[side]}")
        for r in data["rounds"]:
            marker = STRATEGY_MARKERS[(r["home_strategy"], r["partner_strategy"])]
            ax.plot(r["round"], r["home_loss_depth"], marker=marker, color=color, ms=9,
                    ls="none", mfc="white" if r["outcome"] == "agreement" else color)
    handles, labels = ax.get_legend_handles_labels()
    from matplotlib.lines import Line2D
    handles += [Line2D([], [], marker=m, color="black", ls="none", label=f"{h} / {p}")
                for (h, p), m in STRATEGY_MARKERS.items()]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8,
              title="case: side; marker: home / partner", title_fontsize=8, frameon=False)
    ax.set_xlabel("round")
    ax.set_ylabel("loss depth $D = r - z$ (packages)")
    ax.set_title("Strategy paths (hollow marker: agreement)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return ax
