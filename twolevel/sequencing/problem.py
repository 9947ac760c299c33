"""FTA partner sequencing (MODEL.md section 2): the problem objects and the pressure formula.

Home negotiates one at a time with partners j = 1..n. Before step t the pressure is
    pi_t = pi_0 * prod_{j concluded} rho_j + phi * (failures so far),
and Home's no-agreement value in deal j is d_Hj = d0_Hj - pi_t. Every numeric parameter may be an
array; arrays broadcast, so one SequenceProblem can hold many scenarios.
"""
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from ..common import validate as v
from ..common.errors import TwoLevelError
from ..negotiation.kernel import SOLUTIONS
from ..negotiation.model import Negotiation, Side

OBJECTIVES = ("utility", "side_payments")
# Home parameters a sequence may set, shared ([home]) or per deal (partners[j].home); the pressure
# is the sequence's own, and Home's name is shared
HOME_KEYS = ("gain", "cost", "batna", "power", "discount", "funds_cost", "budget", "quota",
             "ratification", "veto_rent", "constituencies")
REQUIRED_HOME = ("gain", "cost", "batna")


def check_home_keys(field_, doc, allowed):
    """Reject Home parameters a sequence does not take (``pressure`` comes from [pressure])."""
    for key in doc:
        if key == "pressure":
            raise TwoLevelError(f"{field_}.pressure" if field_ else "pressure",
                                "the pressure of a sequence is set by pressure.initial and "
                                "pressure.growth, not per side")
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


@dataclass(frozen=True, eq=False)
class Partner:
    """Deal j of a sequence: the Partner government ``partner`` (a Side with a benefit, named
    ``name``), the relief rho_j in [0, 1] that concluding it brings to Home's pressure, and
    ``home``: Home's parameters for this deal (Side keywords: gain, batna, constituencies, ...),
    which override the sequence's shared Home parameters."""

    name: str
    relief: float
    partner: Side
    home: dict = field(default_factory=dict)

    def __post_init__(self):
        v.name("name", self.name)
        object.__setattr__(self, "relief", v.number("relief", self.relief, "unit"))
        if not isinstance(self.partner, Side) or self.partner.benefit is None:
            raise TwoLevelError("partner", f"must be a Side with a benefit (c_P > 0), "
                                f"got {self.partner!r}")
        if self.partner.name != self.name:
            raise TwoLevelError("partner.name", f"must be the partner's name {self.name!r}, "
                                f"got {self.partner.name!r}")
        object.__setattr__(self, "home", home_mapping("home", self.home, HOME_KEYS))


@dataclass(frozen=True, eq=False)
class SequenceProblem:
    """Home's sequence of negotiations (MODEL.md section 2).

    home: shared Home parameters (``name`` and Side keywords but ``pressure``), overridden per
    deal by ``Partner.home``; initial pi_0 and growth phi of the pressure; partners (unique names);
    discount beta in (0, 1] per step; pressure_cost kappa >= 0; objective ``utility`` (maximise
    sum_t beta^(t-1) [U_Hj(x*_t) - d0_Hj] over concluded deals - kappa sum_t beta^(t-1) pi_t) or
    ``side_payments`` (minimise sum_t beta^(t-1) S*_Ht over concluded deals); solution concept.
    """

    home: dict
    partners: tuple
    initial: float
    growth: float = 0.0
    discount: float = 1.0
    pressure_cost: float = 0.0
    objective: str = "utility"
    solution: str = "nash"

    def __post_init__(self):
        object.__setattr__(self, "home", home_mapping("home", self.home, ("name", *HOME_KEYS)))
        for f, rule in (("initial", "any"), ("growth", "any"), ("discount", "half_open_unit"),
                        ("pressure_cost", "nonnegative")):
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

    def index(self, name, field_="partner") -> int:
        """The position of partner ``name``; an unknown name is an error naming ``field_``."""
        if name not in self.names:
            raise TwoLevelError(field_, f"unknown partner {name!r} (partners: "
                                f"{', '.join(self.names)})")
        return self.names.index(name)

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
        shapes = [np.shape(getattr(self, f)) for f in ("initial", "growth", "discount",
                                                       "pressure_cost")]
        shapes += [np.shape(p.relief) for p in self.partners]
        shapes += [self.negotiation(j).shape for j in range(self.n)]
        return v.broadcast(shapes)


def pressure(initial, growth, relief, concluded, failures):
    """pi = pi_0 * prod_{j concluded} rho_j + phi * failures.

    ``relief`` is a sequence of n arrays rho_j, ``concluded`` a sequence of n boolean arrays; the
    product is taken in partner order, so equal states give bit-identical pressures.
    """
    factor = 1.0
    for rho, done in zip(relief, concluded):
        factor = factor * np.where(done, rho, 1.0)
    return initial * factor + growth * np.asarray(failures)
