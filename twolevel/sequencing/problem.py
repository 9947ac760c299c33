"""FTA partner sequencing over time (MODEL.md section 2): the problem objects and the pressure.

Home negotiates one at a time with partners j = 1..n. Time t is in years from the start. With C the
set of deals concluded, f the failures so far and M_C = prod_{j in C} (1 - rho_j), the outsider
pressure is
    pi(t) = M_C * (pi_0 + gamma * t + phi * f),
and deal j, started at t, is struck at t + T_j with Home's no-agreement value d0_Hj - pi(t + T_j)
(C and f as at its start). Every numeric parameter may be an array; arrays broadcast, so one
SequenceProblem can hold many scenarios.
"""
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from ..common import validate as v
from ..common.errors import TwoLevelError
from ..negotiation.kernel import SOLUTIONS
from ..negotiation.model import SIDE_KEYS, Negotiation, Side

OBJECTIVES = ("welfare", "side_payments")
# Home parameters a sequence may set, shared ([home]) or per deal (partners[j].home); the pressure
# is the sequence's own, and Home's name is shared
HOME_KEYS = (*(k for k in SIDE_KEYS["home"] if k != "pressure"), "constituencies")
REQUIRED_HOME = ("gain", "cost", "batna")
# sequence-level numbers: field -> (validation rule, default)
SEQUENCE_NUMBERS = {"initial": ("any", None), "growth": ("any", 0.0), "failure": ("any", 0.0),
                    "discount": ("open_unit", 0.95), "pressure_cost": ("nonnegative", 1.0),
                    "learning": ("nonnegative", 0.0)}
PARTNER_NUMBERS = {"relief": ("unit", 0.0), "duration": ("positive", 1.0),
                   "willing_after": ("nonnegative", 0)}


def check_home_keys(field_, doc, allowed):
    """Reject Home parameters a sequence does not take (``pressure`` comes from [pressure])."""
    for key in doc:
        if key == "pressure":
            raise TwoLevelError(f"{field_}.pressure" if field_ else "pressure",
                                "the pressure of a sequence is set by its [pressure] table "
                                "(initial, growth, failure), not per side")
        if key not in allowed:
            where = f"{field_}.{key}" if field_ else key
            raise TwoLevelError(where, f"unknown key (allowed: {', '.join(allowed)})")


def home_mapping(field_, doc, allowed) -> MappingProxyType:
    """Home parameters ``doc`` (a mapping, keys ``allowed``) as a read-only mapping."""
    if not isinstance(doc, dict | MappingProxyType):
        raise TwoLevelError(field_, f"must be a mapping of Home parameters, got {doc!r}")
    check_home_keys(field_, doc, allowed)
    return MappingProxyType(dict(doc))


def check_objective(value) -> str:
    return v.choice("objective", value, OBJECTIVES)


def count(field_, value) -> int:
    """A whole number >= 0 (``willing_after``)."""
    if isinstance(value, bool) or not float(v.number(field_, value, "nonnegative")).is_integer():
        raise TwoLevelError(field_, f"must be a whole number >= 0, got {value!r}")
    return int(value)


@dataclass(frozen=True, eq=False)
class Partner:
    """Deal j of a sequence: the Partner government ``partner`` (a Side with a benefit, named
    ``name``); ``relief`` rho_j in [0, 1], the share of the outsider pressure that concluding it
    removes (0 = none, 1 = all); ``duration`` T_j > 0, years from the start of talks to signature
    or breakdown; ``willing_after`` k_j: the partner negotiates only once Home has concluded at
    least k_j deals; ``home``: Home's parameters for this deal (Side keywords: gain, batna,
    constituencies, ...), which override the sequence's shared Home parameters."""

    name: str
    partner: Side
    home: dict = field(default_factory=dict)
    relief: float = 0.0
    duration: float = 1.0
    willing_after: int = 0

    def __post_init__(self):
        v.name("name", self.name)
        for f in ("relief", "duration"):
            object.__setattr__(self, f, v.number(f, getattr(self, f), PARTNER_NUMBERS[f][0]))
        object.__setattr__(self, "willing_after", count("willing_after", self.willing_after))
        if not isinstance(self.partner, Side) or self.partner.benefit is None:
            raise TwoLevelError("partner", f"must be a Side with a benefit (c_P > 0), "
                                f"got {self.partner!r}")
        if self.partner.name != self.name:
            raise TwoLevelError("partner.name", f"must be the partner's name {self.name!r}, "
                                f"got {self.partner.name!r}")
        object.__setattr__(self, "home", home_mapping("home", self.home, HOME_KEYS))


@dataclass(frozen=True, eq=False)
class SequenceProblem:
    """Home's sequence of negotiations over time (MODEL.md section 2).

    home: shared Home parameters (``name`` and Side keywords but ``pressure``), overridden per deal
    by ``Partner.home``. Pressure pi(t) = M_C (initial + growth t + failure f). discount beta in
    (0, 1) per year; pressure_cost kappa >= 0 per unit of pressure per year; learning dtheta >= 0
    (Home's power in a deal is min(1, theta + dtheta |C|)). objective ``welfare``:
    V = sum_{j concluded} beta^t_j [U_Hj - d0_Hj] - kappa int_0^inf beta^t pi(t) dt, maximised
    over all sequences of distinct partners (Home may stop); ``side_payments``: Home's total side
    payments over orders of all partners, minimised (ties by welfare).
    """

    home: dict
    partners: tuple
    initial: float
    growth: float = 0.0
    failure: float = 0.0
    discount: float = 0.95
    pressure_cost: float = 1.0
    learning: float = 0.0
    objective: str = "welfare"
    solution: str = "nash"

    def __post_init__(self):
        object.__setattr__(self, "home", home_mapping("home", self.home, ("name", *HOME_KEYS)))
        for f, (rule, _) in SEQUENCE_NUMBERS.items():
            object.__setattr__(self, f, v.number(f, getattr(self, f), rule))
        check_objective(self.objective)
        v.choice("solution", self.solution, SOLUTIONS)
        partners = tuple(self.partners) if isinstance(self.partners, list | tuple) else None
        if not partners:
            raise TwoLevelError("partners", "must be a non-empty list of Partner")
        object.__setattr__(self, "partners", v.named_items("partners", partners, Partner))
        self.shape                    # every deal is a valid negotiation; parameters broadcast

    @property
    def n(self) -> int:
        return len(self.partners)

    @property
    def names(self) -> tuple:
        return tuple(p.name for p in self.partners)

    @property
    def home_name(self) -> str:
        return self.home.get("name", "Home")

    def index(self, name, field_="partner") -> int:
        """The position of partner ``name``; an unknown name is an error naming ``field_``."""
        if name not in self.names:
            raise TwoLevelError(field_, f"unknown partner {name!r} (partners: "
                                f"{', '.join(self.names)})")
        return self.names.index(name)

    def order(self, names, field_="order") -> tuple:
        """Partner indices of a sequence given by names (or indices): distinct, known partners;
        it may be a subset (Home stops after it) and may be empty."""
        if isinstance(names, str) or not isinstance(names, list | tuple | np.ndarray):
            raise TwoLevelError(field_, f"must be a list of partner names, got {names!r}")
        out = []
        for x in names:
            j = self.index(x, field_) if isinstance(x, str) else int(x)
            if not 0 <= j < self.n:
                raise TwoLevelError(field_, f"partner index {j} out of range 0..{self.n - 1}")
            if j in out:
                raise TwoLevelError(field_, f"partner {self.names[j]!r} appears twice")
            out.append(j)
        return tuple(out)

    def home_side(self, j, pressure=0.0) -> Side:
        """Home in deal j at ``pressure``: the shared parameters overridden by deal j's."""
        fields_ = {"name": "Home", **self.home, **self.partners[j].home}
        for key in REQUIRED_HOME:
            if key not in fields_:
                raise TwoLevelError(f"partners[{j}].home.{key}", "is required (for this partner "
                                    "or in the shared home)")
        try:
            return Side(**fields_, pressure=pressure)
        except TwoLevelError as exc:
            key = exc.field.split(".")[0].split("[")[0]
            own = key in self.partners[j].home or key not in self.home
            raise exc.within(f"partners[{j}].home" if own else "home") from None

    def negotiation(self, j, pressure=0.0) -> Negotiation:
        """Deal j as one negotiation, Home under ``pressure``."""
        home = self.home_side(j, pressure)
        try:
            return Negotiation(home, self.partners[j].partner, self.solution)
        except TwoLevelError as exc:
            raise exc.within(f"partners[{j}]") from None

    def one_scenario(self) -> "SequenceProblem":
        """This problem, which must hold one scenario (shape ())."""
        if self.shape != ():
            raise TwoLevelError("problem", f"must be one scenario, got shape {self.shape}")
        return self

    @property
    def shape(self) -> tuple:
        """The broadcast shape of all parameters: () for one scenario."""
        shapes = [np.shape(getattr(self, f)) for f in SEQUENCE_NUMBERS]
        shapes += [np.shape(getattr(p, f)) for p in self.partners for f in ("relief", "duration")]
        shapes += [self.negotiation(j).shape for j in range(self.n)]
        return v.broadcast(shapes)


def pressure_integral(p, growth, r, a, b):
    """int_a^b e^(-r t) (p + growth t) dt, exactly; b may be inf (MODEL.md section 2):
    [e^(-ra)(p + growth a) - e^(-rb)(p + growth b)] / r + growth [e^(-ra) - e^(-rb)] / r^2."""
    ea = np.exp(-r * a)
    with np.errstate(invalid="ignore"):
        eb = np.exp(-r * b)
        tail = np.where(np.isinf(b), 0.0, eb * (p + growth * b))
    return (ea * (p + growth * a) - tail) / r + growth * (ea - eb) / r ** 2
