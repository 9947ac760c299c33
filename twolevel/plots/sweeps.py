"""Figures of sweep results (``twolevel.sweep``): heatmaps of a grid over two swept parameters, and
the share of a random design with an agreement along each sampled parameter.

Every function draws on given matplotlib Axes (or makes a new figure) and returns what it drew on.
Artists that carry results have a ``gid`` (the variable's name, ``"no_agreement"``,
``"agreement_share"``) so they can be found again.
"""
import json

import numpy as np

from ..common.errors import TwoLevelError
from . import labels
from .style import axes_or_new

NO_AGREEMENT = "#d9d9d9"  # background where the ZOPA is empty (terms are NaN)


def _grid2d(ds, var, x, y):
    """The (y, x) DataArray of ``var`` and the names of its x and y dimensions."""
    if var not in ds.data_vars:
        raise TwoLevelError("var", f"not in the dataset (has: {', '.join(ds.data_vars)})")
    data = ds[var]
    if data.ndim != 2:
        raise TwoLevelError("var", f"a heatmap needs two dimensions, {var!r} has "
                            f"{', '.join(data.dims) or 'none'}: select the others first (.sel)")
    x = data.dims[1] if x is None else x
    y = ([d for d in data.dims if d != x] or [None])[0] if y is None else y
    if {x, y} != set(data.dims) or x == y:
        raise TwoLevelError("x", f"x and y must be the two dimensions {data.dims}, "
                            f"got {x!r}, {y!r}")
    return data.transpose(y, x), x, y


def heatmap(ds, var="concession", x=None, y=None, ax=None, cmap=None, colorbar=True):
    """``ds[var]`` over a two-parameter grid: x (default the second dimension) across, y up.
    Points without agreement (NaN terms) show as grey, the edge of the agreement region as a
    line, the base scenario (the calibrated case) as a star. A signed variable gets a diverging
    colour map centred on 0 (default ``cmap``: viridis, or RdBu_r when signed)."""
    from matplotlib.colors import TwoSlopeNorm

    data, x, y = _grid2d(ds, var, x, y)
    sides = labels.names(ds)
    ax = axes_or_new(ax)
    ax.set_facecolor(NO_AGREEMENT)
    xs, ys = data[x].values, data[y].values
    values = np.ma.masked_invalid(data.values.astype(float))
    lo, hi = (float(values.min()), float(values.max())) if values.count() else (0.0, 1.0)
    signed = lo < 0 < hi
    norm = TwoSlopeNorm(0.0, lo, hi) if signed else None
    mesh = ax.pcolormesh(xs, ys, values, shading="nearest", norm=norm,
                         cmap=cmap or ("RdBu_r" if signed else "viridis"))
    mesh.set_gid(var)
    if lo == hi:                     # a constant: a bar from 0 to it (0 to 1 for a constant 0)
        mesh.set_clim(min(lo, 0.0), max(hi, 0.0) or 1.0)
    if "agreement" in ds and var != "agreement" and len(xs) > 1 and len(ys) > 1:
        agree = ds["agreement"].transpose(y, x).values.astype(float)
        if 0 < agree.mean() < 1:
            edge = ax.contour(xs, ys, agree, levels=[0.5], colors="black", linewidths=1.0)
            edge.set_gid("agreement_edge")
    bx, by = labels.base_value(ds, x), labels.base_value(ds, y)
    if bx is not None and by is not None:
        ax.plot([bx], [by], marker="*", ms=13, color="white", mec="black", ls="none",
                gid="base", label="calibrated case")
    if colorbar:
        bar = ax.figure.colorbar(mesh, ax=ax)
        bar.set_label(f"{labels.result(var, sides)}\n({labels.unit(var, sides)})", fontsize=8)
    ax.set_xlabel(labels.parameter(x, sides))
    ax.set_ylabel(labels.parameter(y, sides))
    ax.set_title(labels.result(var, sides), fontsize=10)
    return ax


def heatmaps(ds, variables=("concession", "side_payment_home", "side_payment_partner"), x=None,
             y=None, axes=None):
    """One heatmap per variable, side by side, one legend below them; returns the axes."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if axes is None:
        fig, axes = plt.subplots(1, len(variables), figsize=(4.8 * len(variables), 4.2),
                                 constrained_layout=True, squeeze=False)
        axes = axes[0]
    for var, ax in zip(variables, axes):
        heatmap(ds, var, x, y, ax=ax)
    handles = [Patch(facecolor=NO_AGREEMENT, edgecolor="black", lw=0.5, label="no agreement"),
               Line2D([], [], color="black", lw=1.0, label="edge of the agreement region")]
    if any(a.get_legend_handles_labels()[0] for a in axes):
        handles.append(Line2D([], [], marker="*", ms=11, color="white", mec="black", ls="none",
                              label="calibrated case"))
    axes[0].figure.legend(handles=handles, loc="outside lower center", ncol=len(handles),
                          fontsize="small", frameon=False)
    return axes


def agreement_share(ds, bins=20, ax=None):
    """For a sampled design: the share of points with an agreement in each of ``bins`` equal
    bins of each sampled parameter's range (one line per parameter, each range scaled to
    [0, 1]), and the overall share as a dashed line."""
    if "agreement" not in ds:
        raise TwoLevelError("ds", "agreement_share needs the `agreement` output")
    if ds["agreement"].dims != ("sample",):
        raise TwoLevelError("ds", "agreement_share needs a sampled design (a `sample` dimension)")
    agree = ds["agreement"].values.astype(float)
    params = [name for name, c in ds.coords.items() if c.dims == ("sample",)]
    ax = axes_or_new(ax)
    sides = labels.names(ds)
    ranges = json.loads(ds.attrs.get("design", "{}")).get("sample", {}).get("ranges", {})
    for name in params:
        values = ds[name].values
        lo, hi = ranges.get(name, (values.min(), values.max()))
        edges = np.linspace(lo, hi, bins + 1)
        which = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, bins - 1)
        count = np.bincount(which, minlength=bins)
        share = np.bincount(which, weights=agree, minlength=bins) / np.maximum(count, 1)
        share[count == 0] = np.nan
        centres = (np.arange(bins) + 0.5) / bins
        (line,) = ax.plot(centres, share, marker=".",
                          label=f"{labels.parameter(name, sides)}: [{lo:.3g}, {hi:.3g}]")
        line.set_gid("agreement_share")
    total = ax.axhline(agree.mean(), color="black", ls="--", lw=1,
                       label=f"all points: {100 * agree.mean():.1f}%")
    total.set_gid("agreement_total")
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("position in the sampled range (0 = low end, 1 = high end)")
    ax.set_ylabel("share of points with an agreement")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False)
    return ax
