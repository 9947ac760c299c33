"""The strategy model's objects (MODEL.md section 3): preferences, the two players and a problem.

Each player i has a reference point r_i (``reference``) and a position z_i (``position``); its
loss depth is D_i = r_i - z_i. Per round it chooses create (C) or claim (K). Its outcome, relative
to its position, in each cell (own strategy, other's strategy):
    C, C: the sure gain a_i (``create``); in the deadline round the brink gain (``brink``)
    C, K: -epsilon_i (``concession``) if the other's claim succeeds (its probability p_j), else 0
    K, C: A_i (``prize``) with probability p_i (``success``), else -s_i (``cost``)
    K, K: A_i with probability ph_i (``hard_success``), else -sh_i (``hard_cost``); in the
          deadline round the sanctions fire: -sh_i for sure
and it values each as a CPT lottery of (outcome - D_i). Every number may be an array (broadcast).
"""
from dataclasses import dataclass, fields, replace

import numpy as np

from ..common import validate as v
from ..common.errors import TwoLevelError
from .cpt import EXPECTED_UTILITY, TVERSKY_KAHNEMAN, WEIGHTINGS

# key -> rule
PREFERENCE_RULES = {"alpha": "positive", "beta": "positive", "loss_aversion": "positive",
                    "gamma_gain": "positive", "gamma_loss": "positive", "delta": "positive"}
PLAYER_RULES = {"reference": "any", "position": "any", "create": "positive", "brink": "nonnegative",
                "prize": "positive", "success": "unit", "cost": "nonnegative",
                "hard_success": "unit", "hard_cost": "nonnegative", "concession": "nonnegative"}
PLAYER_DEFAULTS = {"position": 0.0}


def _numbers(obj, rules):
    for key, rule in rules.items():
        object.__setattr__(obj, key, v.number(key, getattr(obj, key), rule))


def _at_least(obj, small, big, what):
    lo, hi = np.asarray(getattr(obj, small)), np.asarray(getattr(obj, big))
    bad = lo > hi
    if bad.any():
        raise TwoLevelError(big, f"must be >= {small} ({what}), got "
                            f"{np.broadcast_to(hi, bad.shape)[bad].flat[0]!r} < "
                            f"{np.broadcast_to(lo, bad.shape)[bad].flat[0]!r}")


@dataclass(frozen=True, eq=False)
class Preferences:
    """CPT parameters (defaults: Tversky and Kahneman 1992) and the weighting form."""

    alpha: float = TVERSKY_KAHNEMAN["alpha"]
    beta: float = TVERSKY_KAHNEMAN["beta"]
    loss_aversion: float = TVERSKY_KAHNEMAN["loss_aversion"]
    gamma_gain: float = TVERSKY_KAHNEMAN["gamma_gain"]
    gamma_loss: float = TVERSKY_KAHNEMAN["gamma_loss"]
    weighting: str = "tversky-kahneman"
    delta: float = 1.0

    def __post_init__(self):
        _numbers(self, PREFERENCE_RULES)
        v.choice("weighting", self.weighting, WEIGHTINGS)

    @classmethod
    def expected_utility(cls) -> "Preferences":
        """The nested alternative: alpha = beta = loss_aversion = 1, w(p) = p."""
        return cls(**EXPECTED_UTILITY)

    def kwargs(self, extra_axes=0) -> dict:
        """Keyword arguments of ``prospect_value``, numbers given ``extra_axes`` trailing axes."""
        out = {"weighting": self.weighting}
        trailing = (...,) + (None,) * extra_axes
        for f in fields(self):
            if f.name != "weighting":
                out[f.name] = np.asarray(getattr(self, f.name), float)[trailing]
        return out


@dataclass(frozen=True, eq=False)
class Player:
    """One government: reference point, position, and the payoffs of creating and claiming."""

    name: str
    reference: float
    create: float
    brink: float
    prize: float
    success: float
    cost: float
    hard_success: float
    hard_cost: float
    concession: float
    position: float = 0.0

    def __post_init__(self):
        v.name("name", self.name)
        _numbers(self, PLAYER_RULES)
        _at_least(self, "create", "prize", "a claim that succeeds wins more than creating")
        _at_least(self, "brink", "create", "the brink deal is the weak one")
        _at_least(self, "hard_success", "success", "a claim succeeds less against a claim")
        _at_least(self, "cost", "hard_cost", "failing against a claim costs more")

    @property
    def depth(self):
        """Initial loss depth D = r - z."""
        return np.asarray(self.reference) - np.asarray(self.position)


@dataclass(frozen=True, eq=False)
class StrategyProblem:
    """Two players, the sanction deadline (``rounds``, the last round being the deadline), the
    escalation cost (each deadlocked round lowers both positions by it) and the preferences."""

    home: Player
    partner: Player
    rounds: int
    escalation: float = 0.0
    preferences: Preferences = Preferences()

    def __post_init__(self):
        for role in ("home", "partner"):
            if not isinstance(getattr(self, role), Player):
                raise TwoLevelError(role, f"must be a Player, got {getattr(self, role)!r}")
        if isinstance(self.rounds, bool) or not isinstance(self.rounds, (int, np.integer)) \
                or self.rounds < 1:
            raise TwoLevelError("rounds", f"must be an integer >= 1, got {self.rounds!r}")
        object.__setattr__(self, "escalation", v.number("escalation", self.escalation,
                                                        "nonnegative"))
        if not isinstance(self.preferences, Preferences):
            raise TwoLevelError("preferences", f"must be Preferences, got {self.preferences!r}")

    def expected_utility(self) -> "StrategyProblem":
        """The same problem valued by expected utility."""
        return replace(self, preferences=Preferences.expected_utility())
