"""Outcome of a negotiation (or of an array of them) with a JSON-safe ``to_dict``."""
from dataclasses import dataclass, fields

import numpy as np

from ..common.errors import TwoLevelError
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


# the per-scenario results, in the order repr and help show them, with their meaning
FIELDS = {
    "agreement": "F is not empty and the deal is ratified",
    "concession": "x*, Home's concession: the share of Partner's demands that Home meets (0..1)",
    "signed": "x0, the concession signed at the table (x* where all sides are committed; kept "
              "where an ex-post side then fails to ratify it)",
    "home_utility": "U_H(x*) = g_H - c_H x* - lam_H S_H(x*), net of the cost of side payments",
    "partner_utility": "U_P(x*) = g_P + c_P x* - lam_P S_P(x*), net of the cost of side payments",
    "side_payment_home": "S_H(x*), Home's government's total side payments to its constituencies",
    "side_payment_partner": "S_P(x*), Partner's government's total side payments",
    "reservation_home": "r_H = (g_H - d_H) / c_H, the largest concession Home's government "
                        "accepts before ratification costs",
    "reservation_partner": "r_P = (d_P - g_P) / c_P, the smallest concession Partner's "
                           "government accepts before ratification costs",
    "limit_home": "max F, Home's effective limit once ratification costs count",
    "limit_partner": "min F, Partner's effective limit once ratification costs count",
    "winset_home": "Home's win-set without side payments, padded [lo, hi] intervals",
    "winset_partner": "Partner's win-set without side payments, padded [lo, hi] intervals",
    "zopa": "F, the zone of possible agreement, padded [lo, hi] intervals",
}


@dataclass(frozen=True, eq=False)
class Outcome:
    """Results of ``solve``: every field of ``FIELDS`` (``outcome.concession``, ...) as an array of
    the negotiation's shape (a float or bool for one scenario); intervals and payments carry a
    trailing axis. Terms are NaN exactly where ``agreement`` is False, and then ``reasons`` says
    why. ``payments(side)`` gives each constituency's payment, ``modes(side)`` the side's
    ratification mode, ``to_dict()`` the JSON of DESIGN.md.

    Fields: agreement, concession, signed, home_utility, partner_utility, side_payment_home,
    side_payment_partner, reservation_home, reservation_partner, limit_home, limit_partner,
    winset_home, winset_partner, zopa, solution (see ``FIELDS`` for their meaning)."""

    arrays: RatifiedOutcome
    shape: tuple
    home_names: tuple
    partner_names: tuple
    home: str = "Home"
    partner: str = "Partner"

    def __getattr__(self, item):
        if item in ("arrays", "shape", "home_names", "partner_names", "home", "partner"):
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
        """The ratification mode of ``side`` ('home', 'partner' or the side's name): "committed"
        or "ex_post", a str or an array of the negotiation's shape."""
        return self._labels(getattr(self.arrays, f"ex_post_{self.side(side)}").astype(int), MODES)

    def _labels(self, codes, labels):
        out = np.asarray(labels, dtype=object)[codes].reshape(self.shape)
        return out[()] if out.ndim == 0 else out

    def __dir__(self):
        return sorted(set(super().__dir__()) | {f.name for f in fields(self.arrays)})

    def _shown(self):
        """(name, value text) of the fields a reader looks at first."""
        if self.shape != ():
            agreed = np.asarray(self.agreement)
            return [("scenarios", f"{int(np.prod(self.shape))} of shape {self.shape}, "
                                  f"{int(agreed.sum())} with agreement"),
                    ("solution", self.solution)]
        rows = [("solution", self.solution)]
        modes = (self.modes("home"), self.modes("partner"))
        if "ex_post" in modes:
            rows.append(("ratification", " / ".join(modes)))
        rows.append(("agreement", str(bool(self.agreement))))
        if not self.agreement:
            rows.append(("reason", self.reasons))
        hidden = ("agreement", "winset_home", "winset_partner", "zopa") + (
            () if self.reasons == "ratification" else ("signed",))
        rows += [(name, f"{float(getattr(self, name)):.6g}") for name in FIELDS
                 if name not in hidden]
        if self.arrays.zopa is not None:
            rows.append(("zopa", str(to_list(self.arrays.zopa[0]))))
        return rows

    def __repr__(self):
        inner = ", ".join(f"{k}={v}" for k, v in self._shown())
        return f"Outcome({self.home} and {self.partner}: {inner})"

    def _repr_html_(self):
        from html import escape
        cells = "".join(f"<tr><th style='text-align:left'>{escape(k)}</th>"
                        f"<td style='text-align:left'>{escape(v)}</td>"
                        f"<td style='text-align:left'>{escape(FIELDS.get(k, ''))}</td></tr>"
                        for k, v in self._shown())
        return (f"<table><caption>Outcome: {escape(self.home)} (home) and "
                f"{escape(self.partner)} (partner)</caption>{cells}</table>")

    def side(self, side) -> str:
        """'home' or 'partner' for ``side`` given as a role or as the side's name."""
        if side in ("home", "partner"):
            return side
        for role in ("home", "partner"):
            if side == getattr(self, role):
                return role
        raise TwoLevelError("side", f"must be 'home', 'partner', {self.home!r} or "
                            f"{self.partner!r}, got {side!r}")

    def payments(self, side="home"):
        """{constituency name: payment} of ``side`` ('home', 'partner' or the side's name), as
        arrays of the negotiation's shape."""
        role = self.side(side)
        names = self.home_names if role == "home" else self.partner_names
        pay = getattr(self, f"payments_{role}")
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
            "sides": {"home": self.home, "partner": self.partner},
            "ratification": {"home": labels(a.ex_post_home.astype(int), MODES),
                             "partner": labels(a.ex_post_partner.astype(int), MODES)},
            "agreement": pick(a.agreement),
            "reason": labels(a.reason, REASONS),
            "concession": pick(a.concession),
            "signed": pick(a.signed),
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
