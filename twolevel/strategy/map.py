"""Where each regime holds (MODEL.md section 3): the strategy model over a grid of the reference
gap (both sides' reference points moved together), loss aversion and escalation cost."""
from dataclasses import replace

import numpy as np

from .path import REGIMES, solve_path


def regime_map(problem, reference, loss_aversion, escalation):
    """An xarray Dataset over (reference, loss_aversion, escalation): ``regime`` (index into
    REGIMES, names in attrs), ``deadlocks`` and ``agreement``. Each grid value of ``reference``
    replaces both sides' reference points; the other parameters are ``problem``'s."""
    import xarray as xr

    r = np.asarray(reference, float)[:, None, None]
    lam = np.asarray(loss_aversion, float)[None, :, None]
    esc = np.asarray(escalation, float)[None, None, :]
    grid = replace(problem, home=replace(problem.home, reference=r),
                   partner=replace(problem.partner, reference=r), escalation=esc,
                   preferences=replace(problem.preferences, loss_aversion=lam))
    path = solve_path(grid)
    shape = np.broadcast_shapes(r.shape, lam.shape, esc.shape)
    dims = ("reference", "loss_aversion", "escalation")
    return xr.Dataset(
        {"regime": (dims, np.broadcast_to(path.regime, shape)),
         "deadlocks": (dims, np.broadcast_to(path.deadlock.sum(axis=0), shape)),
         "agreement": (dims, np.broadcast_to(path.agreement, shape))},
        coords={"reference": np.asarray(reference, float),
                "loss_aversion": np.asarray(loss_aversion, float),
                "escalation": np.asarray(escalation, float)},
        attrs={"regimes": list(REGIMES), "home": problem.home.name,
               "partner": problem.partner.name, "rounds": problem.rounds})
