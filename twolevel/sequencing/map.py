"""Where the partner-sequencing hypothesis holds (MODEL.md section 2).

For an easy deal E and a difficult deal D of a sequence problem, the two orders (E, D) and (D, E)
are solved over a grid of
- ``initial``: the initial pressure pi_0,
- ``relief``: rho_E, how much concluding E relieves the pressure,
- ``difficulty``: a factor s multiplying the losses v0_i - v_i(x) of Home's constituencies in
  deal D (gain, slope and status quo scaled together: thresholds stay, loss rates scale by s),
all in one vectorised evaluation, and each grid point is classified by ``effect``:
  holds            D agreed in both orders, x*_D and S*_D both lower in (E, D)
  concession_only  x*_D lower in (E, D), S*_D = 0 in both orders
  no_effect        x*_D and S*_D equal in both orders
  reverses         x*_D or S*_D higher in (E, D) (e.g. E fails and the pressure grows)
  lost_easy_first  D agreed in (D, E) only: after the relief Home cannot conclude D at all
  lost_difficult_first  D agreed in (E, D) only
  fails            D fails in both orders
and by ``easy_first_optimal``: (E, D) is the problem's optimal order (``sequencing.solve.optimal``,
ties to the partner listed first, E).
"""
from dataclasses import replace

import numpy as np
import xarray as xr

from ..common import validate as v
from ..common.errors import TwoLevelError
from ..negotiation.model import Constituency
from .problem import Partner, SequenceProblem
from .solve import evaluate, optimal

EFFECTS = ("holds", "concession_only", "no_effect", "reverses", "lost_easy_first",
           "lost_difficult_first", "fails")
TOL = 1e-9


def _axis(field, values, rule):
    a = np.atleast_1d(v.number(field, values, rule))
    if a.ndim != 1:
        raise TwoLevelError(field, f"must be a number or a 1-d array, got shape {a.shape}")
    return a


def harder(partner: Partner, shared_home, s) -> Partner:
    """``partner`` with its Home constituencies' losses multiplied by ``s``."""
    cons = {**shared_home, **partner.home}.get("constituencies", ())
    scaled = tuple(Constituency(c.name, gain=c.gain * s, slope=c.slope * s,
                                status_quo=c.status_quo * s, weight=c.weight) for c in cons)
    return Partner(partner.name, partner.relief, partner.partner,
                   {**partner.home, "constituencies": scaled})


def two_deals(problem: SequenceProblem, easy, difficult, initial, relief, difficulty):
    """The problem reduced to deals (E, D), with the grid's parameters as broadcast arrays."""
    problem.one_scenario()
    e, d = problem.index(easy, "easy"), problem.index(difficult, "difficult")
    if e == d:
        raise TwoLevelError("difficult", "must differ from the easy deal")
    e, d = problem.partners[e], problem.partners[d]
    e = replace(e, relief=relief[None, :, None])
    d = harder(d, problem.home, difficulty[None, None, :])
    return replace(problem, partners=(e, d), initial=initial[:, None, None])


def hypothesis_map(problem: SequenceProblem, easy, difficult, initial, relief, difficulty):
    """xarray.Dataset over (initial, relief, difficulty): D's agreement, concession and side
    payment in each order, the value of each order, ``effect`` (codes into EFFECTS) and
    ``easy_first_optimal``."""
    initial = _axis("initial", initial, "any")
    relief = _axis("relief", relief, "unit")
    difficulty = _axis("difficulty", difficulty, "nonnegative")
    pair = two_deals(problem, easy, difficult, initial, relief, difficulty)
    res = evaluate(pair, [[0, 1], [1, 0]])        # (E, D) and (D, E)
    _, best = optimal(pair)
    dims = ("initial", "relief", "difficulty")
    a = res.agreement[0, 1], res.agreement[1, 0]
    x = res.concession[0, 1], res.concession[1, 0]
    s = res.side_payment[0, 1], res.side_payment[1, 0]
    both = a[0] & a[1]
    lower_x, higher_x = x[0] < x[1] - TOL, x[0] > x[1] + TOL
    lower_s, higher_s = s[0] < s[1] - TOL, s[0] > s[1] + TOL
    no_s = (np.abs(s[0]) <= TOL) & (np.abs(s[1]) <= TOL)
    effect = np.select(
        [both & (higher_x | higher_s), both & lower_x & lower_s, both & lower_x & no_s,
         both & ~lower_x & ~lower_s, both, ~a[0] & a[1], a[0] & ~a[1]],
        [EFFECTS.index(k) for k in ("reverses", "holds", "concession_only", "no_effect",
                                    "reverses", "lost_easy_first", "lost_difficult_first")],
        EFFECTS.index("fails")).astype(np.int8)
    data = {
        "agreement_easy_first": a[0], "agreement_difficult_first": a[1],
        "concession_easy_first": x[0], "concession_difficult_first": x[1],
        "side_payment_easy_first": s[0], "side_payment_difficult_first": s[1],
        "easy_agreed_first": res.agreement[0, 0],
        "value_easy_first": res.value[0], "value_difficult_first": res.value[1],
        "effect": effect, "easy_first_optimal": best[0] == 0,
    }
    ds = xr.Dataset({k: (dims, np.asarray(val)) for k, val in data.items()},
                    coords={"initial": initial, "relief": relief, "difficulty": difficulty})
    ds["effect"].attrs.update(flag_values=list(range(len(EFFECTS))),
                              flag_meanings=" ".join(EFFECTS))
    ds.attrs.update(easy=easy, difficult=difficult, objective=problem.objective,
                    solution=problem.solution)
    return ds


def shares(ds: xr.Dataset) -> dict:
    """Share of grid points in each effect class, and where easy first is the optimal order."""
    n = ds["effect"].size
    out = {k: float((ds["effect"] == i).sum()) / n for i, k in enumerate(EFFECTS)}
    out["easy_first_optimal"] = float(ds["easy_first_optimal"].mean())
    return out
