"""Figures for partner sequencing (MODEL.md section 2): the hypothesis map and the cases' orders.

Every function draws on given matplotlib Axes (or makes a new figure) and returns what it drew on.
Artists that carry results have a ``gid`` (``"effect"``, ``"easy-first-optimal"``,
``"concession"``, ``"side_payment"``) so they can be found again.
"""
import numpy as np

from ..sequencing.map import EFFECTS
from ..sequencing.solve import evaluate
from .style import axes_grid, categories

EFFECT_COLORS = {"holds": "#2ca02c", "concession_only": "#b5d99c", "no_effect": "#d9d9d9",
                 "reverses": "#d62728", "lost_easy_first": "#ff7f0e",
                 "lost_difficult_first": "#9467bd", "fails": "#636363"}
EFFECT_LABELS = {"holds": "holds: x*_D and S*_D lower",
                 "concession_only": "x*_D lower, no side payments",
                 "no_effect": "no effect", "reverses": "reverses",
                 "lost_easy_first": "D fails only if E first",
                 "lost_difficult_first": "D fails only if D first", "fails": "D fails"}
ORDER_COLORS = ("tab:blue", "tab:gray")


def hypothesis_map(ds, reliefs=None, axes=None, legend=True):
    """One panel per relief value rho_E (default: every one in ``ds``): the effect class over
    initial pressure (x) and difficulty of D (y), hatched where (E, D) is the optimal order."""
    from matplotlib.patches import Patch

    values = ds["relief"].values if reliefs is None else np.atleast_1d(reliefs)
    axes = axes_grid(len(values), axes, figsize=(3.6 * len(values), 3.6), sharey=True,
                     constrained_layout=True)
    cmap, norm = categories([EFFECT_COLORS[k] for k in EFFECTS])
    x, y = ds["initial"].values, ds["difficulty"].values
    for ax, rho in zip(axes, values):
        panel = ds.sel(relief=rho, method="nearest")
        ax.pcolormesh(x, y, panel["effect"].values.T, cmap=cmap, norm=norm, shading="nearest",
                      gid="effect")
        best = panel["easy_first_optimal"].values.T.astype(float)
        if 0 < best.sum() < best.size:
            ax.contour(x, y, best, levels=[0.5], colors="black", linewidths=1.0)
        ax.contourf(x, y, best, levels=[0.5, 1.5], colors="none", hatches=["///"],
                    gid="easy-first-optimal")
        ax.set_title(f"relief of {ds.attrs['easy']}: rho = {float(panel['relief']):.2g}")
        ax.set_xlabel("initial pressure pi_0")
    axes[0].set_ylabel(f"difficulty of {ds.attrs['difficult']} (loss factor)")
    if legend:
        present = [k for i, k in enumerate(EFFECTS) if (ds["effect"] == i).any()]
        handles = [Patch(facecolor=EFFECT_COLORS[k], label=EFFECT_LABELS[k]) for k in present]
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="///",
                             label=f"({ds.attrs['easy']}, {ds.attrs['difficult']}) optimal"))
        axes[len(values) - 1].legend(handles=handles, loc="upper left",
                                     bbox_to_anchor=(1.02, 1), fontsize="small", frameon=False)
    return axes[:len(values)]


def orders(problem, easy, difficult, ax=None):
    """The difficult deal's concession x*_D and side payment S*_D in the orders (E, D) and
    (D, E), as grouped bars (one scenario)."""
    problem.one_scenario()
    ax = axes_grid(1, None if ax is None else [ax], figsize=(4.2, 3.4), constrained_layout=True)[0]
    rest = [n for n in problem.names if n not in (easy, difficult)]
    labels = [f"{easy} first", f"{difficult} first"]
    res = evaluate(problem, [[easy, difficult, *rest], [difficult, easy, *rest]])
    d = problem.index(difficult)
    at = [int(np.flatnonzero(res.order[k] == d)[0]) for k in (0, 1)]
    width = 0.38
    for k, (label, color) in enumerate(zip(labels, ORDER_COLORS)):
        vals = [res.concession[k, at[k]], res.side_payment[k, at[k]]]
        bars = ax.bar(np.arange(2) + (k - 0.5) * width, np.nan_to_num(vals), width,
                      color=color, label=f"{label} (pressure {res.pressure[k, at[k]]:.3g})")
        for bar, gid, val in zip(bars, ("concession", "side_payment"), vals):
            bar.set_gid(f"{gid}-{k}")
            ax.annotate("no deal" if np.isnan(val) else f"{val:.3g}",
                        (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize="small")
    ax.set_xticks(np.arange(2), [f"concession x* ({difficult})",
                                 f"side payments S* ({difficult})"])
    ax.set_title(f"{problem.home.get('name', 'Home')}: {difficult} deal by order")
    ax.legend(fontsize="small", frameon=False, loc="upper right")
    ax.margins(y=0.2)
    return ax


def case_comparison(pairs, axes=None):
    """``orders`` for several cases side by side: ``pairs`` is a list of (problem, easy,
    difficult)."""
    axes = axes_grid(len(pairs), axes, figsize=(4.4 * len(pairs), 3.4), constrained_layout=True)
    for ax, (problem, easy, difficult) in zip(axes, pairs):
        orders(problem, easy, difficult, ax=ax)
    return axes[:len(pairs)]
