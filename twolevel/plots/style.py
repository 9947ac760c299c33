"""What every figure shares: making or reusing Axes."""


def axes_or_new(ax, **subplots):
    """``ax``, or the Axes of a new figure made with ``plt.subplots(**subplots)``."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(**subplots)
    return ax
