"""Parameter sweeps: a scenario solved over a grid or a random design, as an xarray Dataset."""
from .run import sweep

__all__ = ["sweep"]
