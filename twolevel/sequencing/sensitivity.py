"""Sensitivity of the partner-sequencing claims to a case's judgement parameters (MODEL.md
section 2, CASES.md: "Calibrations are judgement ... show sensitivity").

A parameter is named by a path into the sequence problem:
- ``initial``, ``growth``, ``failure``, ``pressure_cost``, ``learning``: the sequence's own;
  ``discount_rate``: r = -ln beta (beta itself cannot be scaled and stay in (0, 1));
- ``home.KEY``: a shared Home parameter (``power``, ...; for ``funds_cost`` lam >= 1 the excess
  lam - 1, the deadweight cost of a unit of side payment, is scaled);
- ``P.relief``, ``P.duration``: partner P's; ``P.home.KEY``, ``P.partner.KEY``: a parameter of
  deal P (``P.home.stake`` is gain - batna, scaled with batna fixed);
- ``P.farm_loss``: the losses of Home's constituencies in deal P (gain, slope and status quo
  scaled together: the loss rate scales, the thresholds stay).
``scaled(problem, factors)`` multiplies each named parameter by its factor (arrays broadcast), so
every perturbed calibration is solved in one vectorised pass.
"""
from dataclasses import replace

import numpy as np
from scipy.stats import qmc

from ..common.errors import TwoLevelError
from .map import harder
from .problem import SequenceProblem
from .solve import optimal_arrays, simulate

TOL = 1e-9


def _value(mapping, key, path):
    if key not in mapping:
        raise TwoLevelError(path, f"the case sets no {key!r} here")
    return mapping[key]


def scaled(problem: SequenceProblem, factors: dict) -> SequenceProblem:
    """``problem`` with each parameter named in ``factors`` multiplied by its factor."""
    top, home, partners = {}, dict(problem.home), list(problem.partners)
    for path, f in factors.items():
        f = np.asarray(f, float)
        head, _, rest = path.partition(".")
        if not rest:
            if head == "discount_rate":
                top["discount"] = np.exp(np.log(problem.discount) * f)
            else:
                top[head] = getattr(problem, head) * f
            continue
        if head == "home":
            value = _value(home, rest, path)
            home[rest] = 1 + (value - 1) * f if rest == "funds_cost" else value * f
            continue
        j = problem.index(head, path)
        p = partners[j]
        kind, _, key = rest.partition(".")
        if kind in ("relief", "duration") and not key:
            p = replace(p, **{kind: getattr(p, kind) * f})
            if kind == "relief" and np.any(p.relief > 1):
                p = replace(p, relief=np.minimum(p.relief, 1.0))
        elif kind == "farm_loss" and not key:
            p = harder(p, problem.home, f)
        elif kind == "home" and key == "stake":
            batna = _value({**problem.home, **p.home}, "batna", path)
            gain = _value({**problem.home, **p.home}, "gain", path)
            p = replace(p, home={**p.home, "gain": batna + (gain - batna) * f})
        elif kind == "home" and key:
            p = replace(p, home={**p.home, key: _value({**problem.home, **p.home}, key, path)
                                 * f})
        elif kind == "partner" and key:
            p = replace(p, partner=p.partner.with_(**{key: getattr(p.partner, key) * f}))
        else:
            raise TwoLevelError(path, "unknown parameter path")
        partners[j] = p
    return replace(problem, home=home, partners=tuple(partners), **top)


def claims(problem: SequenceProblem, easy, difficult) -> dict:
    """Per scenario of ``problem``: ``hypothesis`` (D agreed in both orders, x*_D lower and S*_D
    not higher in (E, D), S*_D lower unless 0 in both) and ``easy_first_better``
    (V(E, D) > V(D, E)), both partners willing; ``best_first``: the first partner (index, -1 for
    none) of the optimum over the sequences open to Home (willingness as in the problem)."""
    e, d = problem.index(easy, "easy"), problem.index(difficult, "difficult")
    both = replace(problem, partners=tuple(replace(p, willing_after=0)
                                           for p in problem.partners))
    res = simulate(both, [[e, d], [d, e]])
    xs = res.concession[0, 1], res.concession[1, 0]
    ss = res.side_payment[0, 1], res.side_payment[1, 0]
    agreed = res.agreement[0, 1] & res.agreement[1, 0]
    hypothesis = agreed & (xs[0] < xs[1] - TOL) & (ss[0] <= ss[1] + TOL) & (
        (ss[0] < ss[1] - TOL) | (ss[1] <= TOL))
    order = optimal_arrays(problem)["order"]
    return {"hypothesis": hypothesis, "easy_first_better": res.value[0] > res.value[1] + TOL,
            "best_first": order[0]}


def one_at_a_time(problem, easy, difficult, paths, factors=(0.5, 1.5)) -> list:
    """Rows (path, factor, claims at that calibration) for each path and factor, every other
    parameter at its calibrated value."""
    rows = []
    for path in paths:
        out = claims(scaled(problem, {path: np.array(factors)}), easy, difficult)
        for i, f in enumerate(factors):
            rows.append((path, f, {k: np.asarray(val)[i].item() for k, val in out.items()}))
    return rows


def joint(problem, easy, difficult, paths, n=1024, spread=0.5, seed=0) -> dict:
    """Every path's factor drawn jointly in [1 - spread, 1 + spread] (Latin hypercube, n draws):
    the factors (n, len(paths)) and the claims per draw."""
    draws = qmc.LatinHypercube(d=len(paths), seed=seed).random(n)
    factors = 1 - spread + 2 * spread * draws
    out = claims(scaled(problem, {p: factors[:, i] for i, p in enumerate(paths)}), easy,
                 difficult)
    return {"factors": factors, **out}
