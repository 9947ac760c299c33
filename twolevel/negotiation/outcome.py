"""Outcome of a negotiation (or of an array of them) with a JSON-safe ``to_dict``."""
from dataclasses import dataclass

import numpy as np

from .intervals import to_list
from .ratification import MODES, REASONS, RatifiedOutcome


def json_number(x):
    """A float for JSON: None for NaN, +/-inf kept out (None)."""
    x = float(x) + 0.0              # no -0.0 in JSON
    return x if np.isfinite(x) else None


def json_array(a):
    """Nested lists of JSON numbers (None for NaN) for any array; a number for a 0-d array."""
    a = np.asarray(a)
    if a.ndim == 0:
        return bool(a) if a.dtype == bool else json_number(a)
    return [json_array(x) for x in a]


def json_labels(codes, labels):
    """Nested lists of ``labels[code]`` for an integer array; one label for a 0-d array."""
    codes = np.asarray(codes)
    if codes.ndim == 0:
        return labels[int(codes)]
    return [json_labels(c, labels) for c in codes]


@dataclass(frozen=True, eq=False)
class Outcome:
    """Results of ``solve``. Array fields have the negotiation's shape (a scalar for one scenario);
    payments and intervals carry a trailing axis. NaN terms exactly where agreement is False, and
    then ``reasons`` says why."""

    arrays: RatifiedOutcome
    shape: tuple
    home_names: tuple
    partner_names: tuple

    def __getattr__(self, item):
        if item in ("arrays", "shape", "home_names", "partner_names"):
            raise AttributeError(item)
        value = getattr(self.arrays, item)
        if not isinstance(value, np.ndarray):
            return value
        out = value.reshape(self.shape + value.shape[1:])
        return out[()] if out.ndim == 0 else out

    @property
    def reasons(self):
        """Why there is no agreement: "zopa" (F, or F0 with an ex-post side, is empty) or
        "ratification" (an ex-post side could not ratify the signed x0); None where agreed.
        A str or None for one scenario, else an object array of the negotiation's shape."""
        return self._labels(self.arrays.reason, REASONS)

    def modes(self, side="home"):
        """The ratification mode of ``side`` ("committed" or "ex_post"), a str or an array."""
        return self._labels(getattr(self.arrays, f"ex_post_{side}").astype(int), MODES)

    def _labels(self, codes, labels):
        out = np.asarray(labels, dtype=object)[codes].reshape(self.shape)
        return out[()] if out.ndim == 0 else out

    def payments(self, side="home"):
        """{constituency name: payment} (arrays of the negotiation's shape)."""
        names = self.home_names if side == "home" else self.partner_names
        pay = getattr(self, f"payments_{side}")
        return {n: pay[..., i][()] for i, n in enumerate(names)}

    def to_dict(self):
        """JSON-safe dict (DESIGN.md). For many scenarios, fields are nested lists by shape."""
        a = self.arrays
        n = a.agreement.shape[0]
        one = self.shape == ()

        def pick(arr):
            arr = arr.reshape(self.shape + arr.shape[1:])
            return json_array(arr)

        def labels(codes, names):
            return json_labels(codes.reshape(self.shape), names)

        def optional(arr):
            return None if arr is None else pick(arr)

        def intervals(arr):
            if arr is None:
                return None
            lists = [to_list(arr[i]) for i in range(n)]
            if one:
                return lists[0]
            grid = np.empty(n, dtype=object)
            grid[:] = lists
            return grid.reshape(self.shape).tolist()

        return {
            "solution": a.solution,
            "ratification": {"home": labels(a.ex_post_home.astype(int), MODES),
                             "partner": labels(a.ex_post_partner.astype(int), MODES)},
            "agreement": pick(a.agreement),
            "reason": labels(a.reason, REASONS),
            "concession": pick(a.concession),
            "home_utility": pick(a.home_utility),
            "partner_utility": pick(a.partner_utility),
            "reservation": {"home": pick(a.reservation_home),
                            "partner": pick(a.reservation_partner)},
            "limits": {"home": optional(a.limit_home), "partner": optional(a.limit_partner)},
            "winset": {"home": intervals(a.winset_home), "partner": intervals(a.winset_partner)},
            "zopa": intervals(a.zopa),
            "side_payment": {"home": pick(a.side_payment_home),
                             "partner": pick(a.side_payment_partner)},
            "payments": {
                "home": {nm: pick(a.payments_home[:, i]) for i, nm in enumerate(self.home_names)},
                "partner": {nm: pick(a.payments_partner[:, i])
                            for i, nm in enumerate(self.partner_names)},
            },
        }
