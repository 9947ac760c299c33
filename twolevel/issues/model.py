"""Model objects of MODEL.md section 5: issues, governments, agencies, publicity, the problem.

Numeric fields may be arrays; they broadcast against each other, so one IssuesProblem can hold
many scenarios (``shape``). ``arrays()`` flattens them into kernel arrays.
"""
from dataclasses import dataclass, field

import numpy as np

from ..common import validate as v
from ..common.errors import TwoLevelError
from .arrays import IssueArrays

SOLUTIONS = ("nash", "kalai-smorodinsky")
MAX_AGENCIES = 16     # exact enumeration of winning coalitions when the quota is below 1

# parameter -> validation rule (validate.RULES), in file order
ISSUE_RULES = {"home_cost": "positive", "partner_benefit": "positive"}
AGENCY_RULES = {"gain": "any", "status_quo": "any", "weight": "positive", "budget": "budget"}
HOME_RULES = {"gain": "any", "batna": "any", "pressure": "any", "power": "unit",
              "funds_cost": "funds_cost", "budget": "budget", "quota": "quota"}
PARTNER_RULES = {"gain": "any", "batna": "any", "pressure": "any"}
PUBLICITY_RULES = {"formal": "unit", "informal": "unit", "effect": "nonnegative"}
REQUIRED = ("gain", "batna")


@dataclass(frozen=True, eq=False)
class Issue:
    """Issue k: Home's cost c_Hk and Partner's benefit c_Pk per unit of concession x_k."""

    name: str
    home_cost: float
    partner_benefit: float

    def __post_init__(self):
        v.name("name", self.name)
        for f, rule in ISSUE_RULES.items():
            object.__setattr__(self, f, v.number(f, getattr(self, f), rule))


@dataclass(frozen=True, eq=False)
class Agency:
    """Agency a of Home: v_a(x) = gain + sum_k slopes[k] x_k against status_quo (raised by
    publicity), ratification weight; ``budget`` beta_a >= 0 is the money it controls and can pay
    to other agencies (0: none)."""

    name: str
    gain: float
    status_quo: float = 0.0
    weight: float = 1.0
    budget: float = 0.0
    slopes: dict = field(default_factory=dict)

    def __post_init__(self):
        v.name("name", self.name)
        for f, rule in AGENCY_RULES.items():
            object.__setattr__(self, f, v.number(f, getattr(self, f), rule))
        if not isinstance(self.slopes, dict):
            raise TwoLevelError("slopes", f"must be a mapping issue name -> slope, "
                                f"got {self.slopes!r}")
        object.__setattr__(self, "slopes", {str(k): v.number(f"slopes.{k}", s)
                                            for k, s in self.slopes.items()})


@dataclass(frozen=True, eq=False)
class Government:
    """A government: u_H = gain - sum_k c_Hk x_k (Home) or u_P = gain + sum_k c_Pk x_k (Partner),
    no-agreement value d = batna - pressure. Home's power theta, funds_cost lam_H, budget B_H and
    agencies' quota q are read from Home only."""

    name: str
    gain: float
    batna: float
    pressure: float = 0.0
    power: float = 0.5
    funds_cost: float = 1.0
    budget: float = np.inf
    quota: float = 0.5

    def __post_init__(self):
        v.name("name", self.name)
        for f, rule in HOME_RULES.items():
            object.__setattr__(self, f, v.number(f, getattr(self, f), rule))

    @property
    def no_agreement(self):
        """d = d0 - pi."""
        return self.batna - np.asarray(self.pressure)


@dataclass(frozen=True, eq=False)
class Publicity:
    """p of the formal table (written concessions, default 1) and of the informal channel
    (nonpapers, default 0); ``effect`` eta_pub: agencies' status quo rises by eta_pub * p."""

    formal: float = 1.0
    informal: float = 0.0
    effect: float = 0.0

    def __post_init__(self):
        for f, rule in PUBLICITY_RULES.items():
            object.__setattr__(self, f, v.number(f, getattr(self, f), rule))


@dataclass(frozen=True, eq=False)
class IssuesProblem:
    """Home (with agencies) and Partner negotiating K issues; ``solution`` nash or
    kalai-smorodinsky for both protocols."""

    home: Government
    partner: Government
    issues: tuple
    agencies: tuple = ()
    publicity: Publicity = field(default_factory=Publicity)
    solution: str = "nash"

    def __post_init__(self):
        v.choice("solution", self.solution, SOLUTIONS)
        for label, obj, kind in (("home", self.home, Government),
                                 ("partner", self.partner, Government),
                                 ("publicity", self.publicity, Publicity)):
            if not isinstance(obj, kind):
                raise TwoLevelError(label, f"must be a {kind.__name__}, got {obj!r}")
        issues = v.named_items("issues", self.issues, Issue)
        if not issues:
            raise TwoLevelError("issues", "give at least one issue")
        agencies = v.named_items("agencies", self.agencies, Agency)
        names = [i.name for i in issues]
        for i, a in enumerate(agencies):
            for k in a.slopes:
                if k not in names:
                    raise TwoLevelError(f"agencies[{i}].slopes.{k}", f"no issue named {k!r} "
                                        f"(issues: {', '.join(names)})")
        object.__setattr__(self, "issues", issues)
        object.__setattr__(self, "agencies", agencies)
        self.shape                                    # parameters broadcast
        if len(agencies) > MAX_AGENCIES and np.any(np.asarray(self.home.quota) < 1):
            raise TwoLevelError("home.quota", f"with more than {MAX_AGENCIES} agencies the quota "
                                f"must be 1 (every agency a veto player; coalitions are "
                                f"enumerated exactly), got {len(agencies)} agencies")

    @property
    def names(self) -> tuple:
        return tuple(i.name for i in self.issues)

    def params(self):
        gov = [getattr(self.home, f) for f in HOME_RULES]
        gov += [getattr(self.partner, f) for f in PARTNER_RULES]
        gov += [getattr(self.publicity, f) for f in PUBLICITY_RULES]
        gov += [getattr(i, f) for i in self.issues for f in ISSUE_RULES]
        gov += [getattr(a, f) for a in self.agencies for f in AGENCY_RULES]
        return gov + [s for a in self.agencies for s in a.slopes.values()]

    @property
    def shape(self) -> tuple:
        """The broadcast shape of all parameters: () for one scenario."""
        return v.broadcast(np.shape(p) for p in self.params())

    def arrays(self, publicity) -> IssueArrays:
        """Kernel arrays with agencies' status quo raised by eta_pub * ``publicity`` (a
        Publicity field name: "formal" or "informal")."""
        shape, h, p = self.shape, self.home, self.partner
        rise = self.publicity.effect * np.asarray(getattr(self.publicity, publicity))
        ags = self.agencies
        return IssueArrays.build(
            shape, gH=h.gain, dH=h.no_agreement, lam=h.funds_cost, B=h.budget, q=h.quota,
            theta=h.power, gP=p.gain, dP=p.no_agreement,
            cH=[i.home_cost for i in self.issues], cP=[i.partner_benefit for i in self.issues],
            e=[a.gain for a in ags], v0=[a.status_quo + rise for a in ags],
            w=[a.weight for a in ags], beta=[a.budget for a in ags],
            k=[[a.slopes.get(n, 0.0) for n in self.names] for a in ags])
