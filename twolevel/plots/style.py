"""What every figure shares: making or reusing Axes."""


def axes_or_new(ax, **subplots):
    """``ax``, or the Axes of a new figure made with ``plt.subplots(**subplots)``."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(**subplots)
    return ax


def axes_grid(n, axes=None, **subplots):
    """``axes`` (at least ``n`` of them) flattened, or the n Axes of a new one-row figure."""
    import matplotlib.pyplot as plt
    import numpy as np

    from ..common.errors import TwoLevelError

    if axes is None:
        _, axes = plt.subplots(1, n, squeeze=False, **subplots)
    axes = np.atleast_1d(axes).ravel()
    if axes.size < n:
        raise TwoLevelError("axes", f"need {n} Axes, got {axes.size}")
    return axes


def categories(colors):
    """A colour map and norm drawing integer category k in ``colors[k]``."""
    from matplotlib.colors import BoundaryNorm, ListedColormap
    import numpy as np

    return ListedColormap(colors), BoundaryNorm(np.arange(len(colors) + 1) - 0.5, len(colors))
