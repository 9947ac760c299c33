"""Model objects: small frozen dataclasses that validate their parameters (MODEL.md section 1).

Every numeric parameter may be a scalar or an array; arrays broadcast against each other, so one
Negotiation can hold many scenarios.
"""
from dataclasses import dataclass, field, fields, replace

import numpy as np

from ..common import validate as v
from ..common.errors import TwoLevelError
from .arrays import SideArrays, side_arrays, spread
from .coalitions import MAX_CONSTITUENCIES
from .kernel import SOLUTIONS
from .winset import crossing

# parameter -> validation rule (validate.RULES)
CONSTITUENCY_RULES = {"gain": "any", "slope": "any", "status_quo": "any", "weight": "positive"}
SIDE_RULES = {"gain": "any", "batna": "any", "cost": "positive", "benefit": "positive",
              "pressure": "any", "power": "unit", "discount": "open_unit",
              "funds_cost": "funds_cost", "budget": "budget", "quota": "quota",
              "ratification": "ratification", "veto_rent": "unit"}


# the scenario keys of each table: {key: (validation rule, required)} in file order
def keys(rules, required, optional) -> dict:
    """{key: (validation rule, required)} in file order: the required keys, then the others."""
    return {k: (rules[k], k in required) for k in (*required, *optional)}


# "name" and "constituencies" are handled apart
OPTIONAL = ("pressure", "power", "discount", "funds_cost", "budget", "quota", "ratification",
            "veto_rent")
SIDE_KEYS = {
    "home": keys(SIDE_RULES, ("gain", "cost", "batna"), OPTIONAL),
    "partner": keys(SIDE_RULES, ("gain", "benefit", "batna"),
                    tuple(k for k in OPTIONAL if k != "power")),     # power is read from Home
}
CONSTITUENCY_KEYS = keys(CONSTITUENCY_RULES, ("gain", "slope"), ("status_quo", "weight"))

@dataclass(frozen=True, eq=False)
class Constituency:
    """v_i(x) = gain + slope * x against status_quo v0_i, with ratification weight w_i > 0."""

    name: str
    gain: float
    slope: float
    status_quo: float = 0.0
    weight: float = 1.0

    def __post_init__(self):
        v.name("name", self.name)
        for f, rule in CONSTITUENCY_RULES.items():
            object.__setattr__(self, f, v.number(f, getattr(self, f), rule))

    def threshold(self):
        """w = (v0 - e) / k, where v_i(x) = v0_i (unclipped; inf or NaN where k = 0)."""
        return crossing(self.gain, self.slope, self.status_quo)


@dataclass(frozen=True, eq=False)
class Side:
    """One government: u_H = gain - cost x (Home) or u_P = gain + benefit x (Partner).

    batna d0 and pressure pi give the no-agreement value d = d0 - pi. power (theta, default 0.5)
    is Home's bargaining power, so only Home takes it (a Partner given power is an error);
    discount (delta) is for Rubinstein. ratification is "committed" (the constituencies' cost is
    known at the table) or "ex_post" (the side signs, then buys ratification, its losing bloc
    extracting the share veto_rent (eta) of its remaining surplus); see ratification.py.
    """

    name: str
    gain: float
    batna: float
    cost: float | None = None
    benefit: float | None = None
    pressure: float = 0.0
    power: float | None = None
    discount: float = 0.95
    funds_cost: float = 1.0
    budget: float = np.inf
    quota: float = 0.5
    constituencies: tuple = field(default_factory=tuple)
    ratification: str = "committed"
    veto_rent: float = 0.0

    def __post_init__(self):
        v.name("name", self.name)
        if (self.cost is None) == (self.benefit is None):
            raise TwoLevelError("cost", "give exactly one of cost (Home) or benefit (Partner)")
        for f, rule in SIDE_RULES.items():
            if getattr(self, f) is not None:
                object.__setattr__(self, f, v.check(f, getattr(self, f), rule))
        cons = v.named_items("constituencies", self.constituencies, Constituency)
        if len(cons) > MAX_CONSTITUENCIES:
            raise TwoLevelError("constituencies", f"at most {MAX_CONSTITUENCIES} per side "
                                f"(exact coalition enumeration), got {len(cons)}")
        object.__setattr__(self, "constituencies", cons)

    @property
    def rate(self):
        """c: Home's cost or Partner's benefit per unit of concession."""
        return self.cost if self.cost is not None else self.benefit

    @property
    def ex_post(self):
        """True (an array where the mode is) where the side ratifies ex post."""
        return np.asarray(self.ratification) == "ex_post"

    @property
    def no_agreement(self):
        """d = d0 - pi."""
        return self.batna - np.asarray(self.pressure)

    def with_(self, **changes) -> "Side":
        return replace(self, **changes)

    def params(self):
        """Every parameter (the mode included), constituency ones too (for broadcasting)."""
        own = [getattr(self, f.name) for f in fields(self)
               if f.name not in ("name", "constituencies") and getattr(self, f.name) is not None]
        return own + [getattr(c, f) for c in self.constituencies
                      for f in ("gain", "slope", "status_quo", "weight")]

    def arrays(self, shape) -> SideArrays:
        cs = self.constituencies
        return side_arrays(shape, gain=self.gain, rate=self.rate, batna=self.no_agreement,
                           funds_cost=self.funds_cost, budget=self.budget, quota=self.quota,
                           discount=self.discount, e=[c.gain for c in cs], k=[c.slope for c in cs],
                           v0=[c.status_quo for c in cs], w=[c.weight for c in cs],
                           ex_post=self.ex_post, veto_rent=self.veto_rent)


@dataclass(frozen=True, eq=False)
class Negotiation:
    """Home (cost c_H, power theta) negotiating with Partner (benefit c_P), solved by default with
    ``solution`` (nash | kalai-smorodinsky | rubinstein)."""

    home: Side
    partner: Side
    solution: str = "nash"

    def __post_init__(self):
        v.choice("solution", self.solution, SOLUTIONS)
        for label, side in (("home", self.home), ("partner", self.partner)):
            if not isinstance(side, Side):
                raise TwoLevelError(label, f"must be a Side, got {side!r}")
        if self.home.cost is None:
            raise TwoLevelError("home.cost", "Home needs a cost (c_H > 0), not a benefit")
        if self.partner.benefit is None:
            raise TwoLevelError("partner.benefit", "Partner needs a benefit (c_P > 0), not a cost")
        if self.partner.power is not None:
            raise TwoLevelError("partner.power", "is Home's bargaining power theta: give it to "
                                "Home (Partner's is 1 - theta)")
        if self.home.power is None:
            object.__setattr__(self, "home", replace(self.home, power=0.5))
        self.shape                                    # parameters broadcast

    @property
    def shape(self) -> tuple:
        """The broadcast shape of all parameters: () for one scenario."""
        return v.broadcast(np.shape(p) for p in self.home.params() + self.partner.params())

    def arrays(self):
        """(home, partner, power) as flattened kernel arrays."""
        shape = self.shape
        return self.home.arrays(shape), self.partner.arrays(shape), spread(self.home.power, shape)
