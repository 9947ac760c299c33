"""Where the partner-sequencing hypothesis holds, and which force decides the order
(MODEL.md section 2).

For an easy deal E and a difficult deal D of a sequence problem, the two orders (E, D) and (D, E)
(both partners willing) are simulated over a grid of any of
- ``initial`` pi_0, ``growth`` gamma (per year), ``relief`` rho_E,
- ``duration_easy`` T_E and ``duration_difficult`` T_D (years),
- ``difficulty`` s: Home's constituencies' losses v0_i - v_i(x) in deal D times s (gain, slope
  and status quo scaled together: thresholds stay, loss rates scale by s),
all in one vectorised evaluation (one grid dimension per axis given). Each point gets
- ``effect`` on D (codes into EFFECTS):
    holds            D agreed in both orders, x*_D and S*_D both lower in (E, D)
    concession_only  x*_D lower in (E, D), S*_D = 0 in both orders
    no_effect        x*_D and S*_D equal in both orders
    reverses         x*_D or S*_D higher in (E, D)
    lost_easy_first  D agreed in (D, E) only
    lost_difficult_first  D agreed in (E, D) only
    fails            D fails in both orders
- ``value_gap`` = V(E, D) - V(D, E), ``easy_first_better`` (gap > 0) and ``easy_first_optimal``
  (V(E, D) is the optimum over all sequences of E and D, stopping included);
- the exact split of the gap into three forces (``FORCES``): with a_j = beta^t_j and
  b_j = U_Hj - d0_Hj of deal j in each order, a1 b1 - a2 b2 = (a1 - a2)(b1 + b2)/2
  + (a1 + a2)(b1 - b2)/2, summed over the concluded deals:
    discounting  (a1 - a2)(b1 + b2)/2: when each deal's value arrives (favours the larger deal
                 first);
    pressure     minus the difference of the discounted pressure costs: how long the pressure
                 lasts before relief (favours the quick easy deal first);
    terms        (a1 + a2)(b1 - b2)/2: the pressure at each table changing its terms (tied hands
                 let a difficult deal absorb pressure; ex post ratification removes that);
  and ``force``, the largest part with the sign of the gap (the one deciding the order).
"""
from dataclasses import replace

import numpy as np
import xarray as xr

from ..common import validate as v
from ..common.errors import TwoLevelError
from ..negotiation.model import Constituency
from ..negotiation.ratification import MODES
from .problem import Partner, SequenceProblem
from .solve import optimal_arrays, simulate

EFFECTS = ("holds", "concession_only", "no_effect", "reverses", "lost_easy_first",
           "lost_difficult_first", "fails")
FORCES = ("discounting", "pressure", "terms")
AXES = {"initial": "any", "growth": "any", "relief": "unit", "duration_easy": "positive",
        "duration_difficult": "positive", "difficulty": "nonnegative"}
TOL = 1e-9


def harder(partner: Partner, shared_home, s) -> Partner:
    """``partner`` with its Home constituencies' losses multiplied by ``s``."""
    cons = {**shared_home, **partner.home}.get("constituencies", ())
    scaled = tuple(Constituency(c.name, gain=c.gain * s, slope=c.slope * s,
                                status_quo=c.status_quo * s, weight=c.weight) for c in cons)
    return replace(partner, home={**partner.home, "constituencies": scaled})


def two_deals(problem: SequenceProblem, easy, difficult, axes: dict) -> SequenceProblem:
    """The problem reduced to deals (E, D), both willing, with each grid axis on its own
    dimension (in the order of ``axes``)."""
    problem.one_scenario()
    e, d = problem.index(easy, "easy"), problem.index(difficult, "difficult")
    if e == d:
        raise TwoLevelError("difficult", "must differ from the easy deal")
    shaped = {}
    for k, (name, values) in enumerate(axes.items()):
        shape = [1] * len(axes)
        shape[k] = values.size
        shaped[name] = values.reshape(shape)
    e = replace(problem.partners[e], willing_after=0,
                **{f: shaped[a] for f, a in (("relief", "relief"),
                                             ("duration", "duration_easy")) if a in shaped})
    d = replace(problem.partners[d], willing_after=0,
                **({"duration": shaped["duration_difficult"]}
                   if "duration_difficult" in shaped else {}))
    if "difficulty" in shaped:
        d = harder(d, problem.home, shaped["difficulty"])
    return replace(problem, partners=(e, d),
                   **{f: shaped[f] for f in ("initial", "growth") if f in shaped})


def with_mode(problem: SequenceProblem, mode) -> SequenceProblem:
    """``problem`` with Home's ratification mode ``mode`` in every deal."""
    v.choice("ratification", mode, MODES)
    partners = tuple(replace(p, home={k: val for k, val in p.home.items()
                                      if k != "ratification"}) for p in problem.partners)
    return replace(problem, home={**problem.home, "ratification": mode}, partners=partners)


def _axis(field, values, rule):
    a = np.atleast_1d(v.number(field, values, rule))
    if a.ndim != 1:
        raise TwoLevelError(field, f"must be a number or a 1-d array, got shape {a.shape}")
    return a


def forces(res, discount) -> dict:
    """The gap V(E, D) - V(D, E) of ``simulate``'s two orders [(E, D), (D, E)] split exactly
    into FORCES (module docstring); ``discount`` is beta per year."""

    def deal(k, t):
        """(beta^t_j, U_Hj - d0_Hj) of the deal at step t of order k (0 without a deal)."""
        agreed = res.agreement[k, t]
        value = res.home_utility[k, t] - (res.batna[k, t] + res.pressure[k, t])
        return discount ** res.end[k, t], np.where(agreed, value, 0.0)

    parts = {"discounting": 0.0, "terms": 0.0,
             "pressure": res.pressure_cost[1] - res.pressure_cost[0]}
    for t in (0, 1):                                   # deal E, then deal D
        (a1, b1), (a2, b2) = deal(0, t), deal(1, 1 - t)
        parts["discounting"] = parts["discounting"] + (a1 - a2) * (b1 + b2) / 2
        parts["terms"] = parts["terms"] + (a1 + a2) * (b1 - b2) / 2
    return {f: parts[f] for f in FORCES}


def hypothesis_map(problem: SequenceProblem, easy, difficult, ratification=None,
                   **axes) -> xr.Dataset:
    """xarray.Dataset over the given axes (module docstring): D's agreement, concession and side
    payment in each order, the value of each order and its gap, effect, easy_first_better,
    easy_first_optimal, the forces and the deciding force. ``ratification``: a list of Home's
    ratification modes (committed, ex_post), each applied to every deal, as one more dimension
    (the modes are labels, not numbers: one evaluation per mode)."""
    if ratification is not None:
        maps = [hypothesis_map(with_mode(problem, mode), easy, difficult, **axes)
                for mode in ratification]
        return xr.concat(maps, dim=xr.DataArray(list(ratification), dims="ratification"),
                         combine_attrs="override")
    unknown = set(axes) - set(AXES)
    if unknown:
        raise TwoLevelError(sorted(unknown)[0], f"unknown axis (axes: {', '.join(AXES)})")
    axes = {k: _axis(k, val, AXES[k]) for k, val in axes.items()}
    pair = two_deals(problem, easy, difficult, axes)
    res = simulate(pair, [[0, 1], [1, 0]])                 # (E, D) and (D, E)
    best = optimal_arrays(pair)["value"]
    dims = tuple(axes)
    shape = tuple(a.size for a in axes.values())

    def full(x):
        return np.broadcast_to(x, shape)

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
    gap = res.value[0] - res.value[1]
    parts = forces(res, pair.discount)
    stack = np.stack([full(parts[f]) for f in FORCES])
    signed = np.where(np.sign(stack) == np.sign(full(gap))[None], np.abs(stack), -np.inf)
    data = {
        "agreement_easy_first": a[0], "agreement_difficult_first": a[1],
        "concession_easy_first": x[0], "concession_difficult_first": x[1],
        "side_payment_easy_first": s[0], "side_payment_difficult_first": s[1],
        "value_easy_first": res.value[0], "value_difficult_first": res.value[1],
        "value_gap": gap, "effect": effect, "easy_first_better": gap > TOL,
        "easy_first_optimal": res.value[0] >= best - TOL * np.maximum(1.0, np.abs(best)),
        **{f"force_{f}": parts[f] for f in FORCES},
        "force": np.argmax(signed, axis=0).astype(np.int8),
    }
    ds = xr.Dataset({k: (dims, full(np.asarray(val))) for k, val in data.items()},
                    coords=axes)
    ds["effect"].attrs.update(flag_values=list(range(len(EFFECTS))),
                              flag_meanings=" ".join(EFFECTS))
    ds["force"].attrs.update(flag_values=list(range(len(FORCES))),
                             flag_meanings=" ".join(FORCES))
    ds.attrs.update(easy=easy, difficult=difficult, home=problem.home_name,
                    solution=problem.solution)
    return ds


def shares(ds: xr.Dataset) -> dict:
    """Share of grid points in each effect class, and where easy first is better and optimal."""
    n = ds["effect"].size
    out = {k: float((ds["effect"] == i).sum()) / n for i, k in enumerate(EFFECTS)}
    for k in ("easy_first_better", "easy_first_optimal"):
        out[k] = float(ds[k].mean())
    return out
