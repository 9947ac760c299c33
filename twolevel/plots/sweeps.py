"""Figures of sweep results (``twolevel.sweep``): heatmaps of a grid over two swept parameters, and
the share of a random design with an agreement along each sampled parameter.

Every function draws on given matplotlib Axes (or makes a new figure) and returns what it drew on.
Artists that carry results have a ``gid`` (the variable's name, ``"no_agreement"``,
``"agreement_share"``) so they can be found again.
"""
import json

import numpy as np

from ..common.errors import TwoLevelError
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


def heatmap(ds, var="concession", x=None, y=None, ax=None, cmap="viridis", colorbar=True):
    """``ds[var]`` over a two-parameter grid: x (default the second dimension) across, y up.
    Points without agreement (NaN terms) show as grey, the edge of the agreement region as a
    line."""
    data, x, y = _grid2d(ds, var, x, y)
    ax = axes_or_new(ax)
    ax.set_facecolor(NO_AGREEMENT)
    xs, ys = data[x].values, data[y].values
    values = np.ma.masked_invalid(data.values.astype(float))
    mesh = ax.pcolormesh(xs, ys, values, shading="nearest", cmap=cmap)
    mesh.set_gid(var)
    if "agreement" in ds and var != "agreement" and len(xs) > 1 and len(ys) > 1:
        agree = ds["agreement"].transpose(y, x).values.astype(float)
        if 0 < agree.mean() < 1:
            edge = ax.contour(xs, ys, agree, levels=[0.5], colors="black", linewidths=1.0)
            edge.set_gid("agreement_edge")
    if colorbar:
        ax.figure.colorbar(mesh, ax=ax)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(var.replace("_", " "))
    return ax


def heatmaps(ds, variables=("concession", "side_payment_home", "side_payment_partner"), x=None,
             y=None, axes=None):
    """One heatmap per variable, side by side; returns the axes."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    if axes is None:
        fig, axes = plt.subplots(1, len(variables), figsize=(4.6 * len(variables), 3.8),
                                 constrained_layout=True, squeeze=False)
        axes = axes[0]
    for var, ax in zip(variables, axes):
        heatmap(ds, var, x, y, ax=ax)
    axes[-1].legend(handles=[Patch(facecolor=NO_AGREEMENT, edgecolor="black", lw=0.5,
                                   label="no agreement")],
                    loc="upper right", fontsize="small", framealpha=0.9)
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
                          label=f"{name}  [{lo:.3g}, {hi:.3g}]")
        line.set_gid("agreement_share")
    total = ax.axhline(agree.mean(), color="black", ls="--", lw=1,
                       label=f"all points: {100 * agree.mean():.1f}%")
    total.set_gid("agreement_total")
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("position in the sampled range (0 = low end, 1 = high end)")
    ax.set_ylabel("share of points with an agreement")
    ax.legend(fontsize="small")
    return ax
