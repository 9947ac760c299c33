"""Figures for partner sequencing over time (MODEL.md section 2): the hypothesis map, the value gap
between the orders and the force that decides it, the difficult deal in both orders, and the
pressure over time.

Every function draws on given matplotlib Axes (or makes a new figure) and returns what it drew on.
Artists that carry results have a ``gid`` (``"effect"``, ``"easy-first-better"``, ``"gap"``,
``"force"``, ``"concession-K"``, ``"side_payment-K"``, ``"pressure-K"``, ``"case"``) so tests
can find them. Deals are named by their partners; the calibrated case can be marked.
"""
import numpy as np

from ..common.errors import TwoLevelError
from ..sequencing.map import EFFECTS, FORCES
from ..sequencing.solve import evaluate
from .style import axes_grid

EFFECT_COLORS = {"holds": "#2ca02c", "concession_only": "#b5d99c", "no_effect": "#d9d9d9",
                 "reverses": "#d62728", "lost_easy_first": "#ff7f0e",
                 "lost_difficult_first": "#9467bd", "fails": "#636363"}
FORCE_COLORS = {"discounting": "#1f77b4", "pressure": "#d62728", "terms": "#9467bd"}
ORDER_COLORS = ("tab:blue", "tab:gray")


def effect_labels(easy, difficult) -> dict:
    return {"holds": f"{difficult}: smaller concession and side payments after {easy}",
            "concession_only": f"{difficult}: smaller concession after {easy}, no side payments",
            "no_effect": "no effect of the order",
            "reverses": f"{difficult}: larger concession or side payments after {easy}",
            "lost_easy_first": f"{difficult} fails only after {easy}",
            "lost_difficult_first": f"{difficult} fails only if negotiated first",
            "fails": f"{difficult} fails in both orders"}


def force_labels(easy, difficult) -> dict:
    return {"discounting": "discounting (when each deal's value arrives)",
            "pressure": f"pressure cost (how soon {easy} or {difficult} brings relief)",
            "terms": "deal terms (pressure at the table; tied hands)"}


def axis_label(name, easy, difficult) -> str:
    return {"initial": r"initial pressure $\pi_0$",
            "growth": r"pressure growth $\gamma$ (per year)",
            "relief": rf"relief $\rho$ of the {easy} deal (share removed)",
            "duration_easy": f"duration of the {easy} talks (years)",
            "duration_difficult": f"duration of the {difficult} talks (years)",
            "difficulty": f"difficulty of {difficult} (factor on farm losses)"}[name]


def _panels(ds, x, y, panel):
    """The 2-d slices of ``ds`` over (x, y), one per value of ``panel`` (all other dimensions
    must have size 1)."""
    extra = [d for d in ds["effect"].dims if d not in (x, y, panel) and ds.sizes[d] > 1]
    if extra:
        raise TwoLevelError("ds", f"dimensions {extra} have more than one value: select one")
    ds = ds.squeeze([d for d in ds["effect"].dims if d not in (x, y, panel)])
    if panel is None:
        return [(None, ds)]
    return [(val, ds.sel({panel: val})) for val in ds[panel].values]


def _title(panel, value, easy, difficult):
    if panel is None:
        return ""
    if panel == "ratification":
        return f"ratification: {value}"
    short = {"initial": r"$\pi_0$", "growth": r"$\gamma$", "relief": rf"$\rho$ ({easy})",
             "duration_easy": f"{easy} talks (years)",
             "duration_difficult": f"{difficult} talks (years)",
             "difficulty": f"{difficult} difficulty"}[panel]
    return f"{short} = {float(value):.3g}"


def _mark(ax, mark, x, y):
    if mark:
        ax.plot(mark[x], mark[y], marker="*", color="black", markersize=13,
                markerfacecolor="yellow", linestyle="none", gid="case",
                label="calibrated case")


def _frame(axes, panels, x, y, ds, mark, panel):
    easy, difficult = ds.attrs["easy"], ds.attrs["difficult"]
    for ax, (val, _) in zip(axes, panels):
        ax.set_xlabel(axis_label(x, easy, difficult))
        ax.set_title(_title(panel, val, easy, difficult), fontsize="medium")
        if not (mark and panel in mark and mark[panel] != val):     # the case's panel only
            _mark(ax, mark, x, y)
    axes[0].set_ylabel(axis_label(y, easy, difficult))


def _legend_below(fig, handles, ncol=2):
    fig.legend(handles=handles, loc="outside lower center", ncol=ncol, fontsize="small",
               frameon=False)


def _category_map(ds, x, y, panel, axes, field, keys, colors, labels, hatched, hatch, mark):
    """Panels of the categorical ``field`` (codes into ``keys``, legend ``labels``) over (x, y),
    hatched where ``hatched`` = (a boolean variable of ``ds``, its legend label) holds; the
    legend below the panels."""
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    panels = _panels(ds, x, y, panel)
    axes = axes_grid(len(panels), axes, figsize=(4.2 * len(panels) + 0.6, 4.6), sharey=True,
                 layout="constrained")
    cmap = ListedColormap([colors[k] for k in keys])
    norm = BoundaryNorm(np.arange(len(keys) + 1) - 0.5, len(keys))
    xs, ys = ds[x].values, ds[y].values
    for ax, (_, part) in zip(axes, panels):
        ax.pcolormesh(xs, ys, part[field].transpose(y, x).values, cmap=cmap, norm=norm,
                      shading="nearest", gid=field)
        mask = part[hatched[0]].transpose(y, x).values.astype(float)
        ax.contourf(xs, ys, mask, levels=[0.5, 1.5], colors="none", hatches=[hatch],
                    gid=hatched[0].replace("_", "-"))
        if 0 < mask.sum() < mask.size:
            ax.contour(xs, ys, mask, levels=[0.5], colors="black", linewidths=1.0)
    _frame(axes, panels, x, y, ds, mark, panel)
    present = [k for i, k in enumerate(keys) if (ds[field] == i).any()]
    handles = [Patch(facecolor=colors[k], label=labels[k]) for k in present]
    handles.append(Patch(facecolor="white", edgecolor="black", hatch=hatch, label=hatched[1]))
    if mark:
        handles.append(Line2D([], [], marker="*", color="black", markerfacecolor="yellow",
                              markersize=11, linestyle="none", label="calibrated case"))
    _legend_below(axes[0].figure, handles)
    return axes[:len(panels)]


def hypothesis_map(ds, x="initial", y="difficulty", panel=None, mark=None, axes=None):
    """The effect of the order on the difficult deal over (x, y), one panel per value of
    ``panel``; hatched where easy first is the better order; ``mark``: {axis: value} of the
    calibrated case (a star, on the panel of ``mark[panel]`` if given, else on every panel)."""
    easy, difficult = ds.attrs["easy"], ds.attrs["difficult"]
    return _category_map(ds, x, y, panel, axes, "effect", EFFECTS, EFFECT_COLORS,
                         effect_labels(easy, difficult),
                         ("easy_first_better", f"{easy} first is the better order"), "//", mark)


def value_gap(ds, x="initial", y="difficulty", panel=None, mark=None, axes=None):
    """V(easy first) - V(difficult first) over (x, y): a diverging map centred on 0 with a
    labelled colour bar (utility units: Home's cost of meeting all of the difficult partner's
    demands = 1)."""
    from matplotlib.colors import TwoSlopeNorm

    panels = _panels(ds, x, y, panel)
    axes = axes_grid(len(panels), axes, figsize=(4.2 * len(panels) + 1.2, 4.0), sharey=True,
                 layout="constrained")
    gap = ds["value_gap"].values
    bound = float(np.nanmax(np.abs(gap))) or 1.0
    norm = TwoSlopeNorm(0.0, -bound, bound)
    xs, ys = ds[x].values, ds[y].values
    for ax, (_, part) in zip(axes, panels):
        mesh = ax.pcolormesh(xs, ys, part["value_gap"].transpose(y, x).values, cmap="RdBu",
                             norm=norm, shading="nearest", gid="gap")
        ax.contour(xs, ys, part["value_gap"].transpose(y, x).values, levels=[0.0],
                   colors="black", linewidths=1.0)
    _frame(axes, panels, x, y, ds, mark, panel)
    easy, difficult = ds.attrs["easy"], ds.attrs["difficult"]
    bar = axes[0].figure.colorbar(mesh, ax=list(axes[:len(panels)]), shrink=0.9)
    bar.set_label(f"V({easy} first) $-$ V({difficult} first)\n(utility units)")
    if mark:
        axes[0].legend(loc="upper left", bbox_to_anchor=(0, -0.18), frameon=False,
                       fontsize="small")
    return axes[:len(panels)]


def force_map(ds, x="initial", y="difficulty", panel=None, mark=None, axes=None):
    """Which force decides the order over (x, y): the largest part of the value gap with its
    sign; hatched where the difficult deal first is the better order."""
    easy, difficult = ds.attrs["easy"], ds.attrs["difficult"]
    ds = ds.assign(difficult_first_better=~ds["easy_first_better"])
    return _category_map(ds, x, y, panel, axes, "force", FORCES, FORCE_COLORS,
                         force_labels(easy, difficult),
                         ("difficult_first_better", f"{difficult} first is the better order"),
                         "xx", mark)


def orders(problem, easy, difficult, ax=None):
    """The difficult deal's concession x* and Home's side payment S* in the orders (E, D) and
    (D, E), as grouped bars (one scenario; both partners negotiate whatever their
    willingness)."""
    from dataclasses import replace

    problem = replace(problem.one_scenario(), partners=tuple(
        replace(p, willing_after=0) for p in problem.partners))
    ax = axes_grid(1, None if ax is None else [ax], figsize=(4.6, 3.8), layout="constrained")[0]
    labels = [f"{easy} first", f"{difficult} first"]
    steps = [evaluate(problem, o).step(difficult) for o in ([easy, difficult],
                                                          [difficult, easy])]
    width = 0.38
    for k, (label, color, step) in enumerate(zip(labels, ORDER_COLORS, steps)):
        vals = [step.concession, step.side_payment]
        bars = ax.bar(np.arange(2) + (k - 0.5) * width,
                      [0.0 if v is None else v for v in vals], width, color=color,
                      label=rf"{label} ($\pi$ = {step.pressure:.3g} at the deal)")
        for bar, gid, val in zip(bars, ("concession", "side_payment"), vals):
            bar.set_gid(f"{gid}-{k}")
            ax.annotate("no deal" if val is None else f"{val:.3g}",
                        (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize="small")
    ax.set_xticks(np.arange(2), [f"concession $x^*$\n(share of {difficult}'s\ndemands met)",
                                 "side payments $S^*$\n(utility units)"])
    ax.set_title(f"{problem.home_name}: the {difficult} deal by order", fontsize="medium")
    ax.legend(fontsize="small", frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.32))
    ax.margins(y=0.2)
    return ax


def case_comparison(pairs, axes=None):
    """``orders`` for several cases side by side: ``pairs`` is a list of (problem, easy,
    difficult)."""
    axes = axes_grid(len(pairs), axes, figsize=(4.8 * len(pairs), 4.2), layout="constrained")
    for ax, (problem, easy, difficult) in zip(axes, pairs):
        orders(problem, easy, difficult, ax=ax)
    return axes[:len(pairs)]


def pressure_path(problem, sequences, horizon=None, ax=None):
    """The outsider pressure pi(t) = M_C (pi_0 + gamma t + phi f) over time for each sequence
    (lists of partner names; one scenario), deals marked where they conclude."""
    problem.one_scenario()
    ax = axes_grid(1, None if ax is None else [ax], figsize=(5.4, 4.0), layout="constrained")[0]
    horizon = horizon or 1.5 * sum(p.duration for p in problem.partners)
    relief = dict(zip(problem.names, (p.relief for p in problem.partners)))
    for k, seq in enumerate(sequences):
        res = evaluate(problem, seq)
        M, f, t0, ts, ps = 1.0, 0, 0.0, [], []
        for step in res.steps:
            u = np.linspace(step.start, step.end, 50)
            ts += list(u)
            ps += list(M * (problem.initial + problem.growth * u + problem.failure * f))
            if step.agreement:
                M *= 1 - relief[step.partner]
            elif step.reason != "unwilling":
                f += 1
            t0 = step.end
        u = np.linspace(t0, max(horizon, t0), 50)
        ts += list(u)
        ps += list(M * (problem.initial + problem.growth * u + problem.failure * f))
        line, = ax.plot(ts, ps, gid=f"pressure-{k}", label=" then ".join(seq) or "no FTA")
        for step in res.steps:
            if step.agreement:
                ax.plot(step.end, step.pressure, "o", color=line.get_color())
                ax.annotate(step.partner, (step.end, step.pressure), textcoords="offset points",
                            xytext=(5, 4 - 12 * k), fontsize="small", color=line.get_color())
    ax.set_xlabel("years from the start of the first talks")
    ax.set_ylabel(r"outsider pressure $\pi(t)$")
    ax.set_title(f"{problem.home_name}: pressure over time by order", fontsize="medium")
    ax.legend(fontsize="small", frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2),
              ncol=2)
    ax.set_ylim(bottom=0)
    return ax
