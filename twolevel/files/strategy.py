"""Strategy files (MODEL.md section 3): strict TOML parsing into a StrategyProblem.

    [strategy]            rounds (the sanction deadline, an integer >= 1), escalation (>= 0)
    [preferences]         optional: alpha, beta, loss_aversion, gamma_gain, gamma_loss, delta,
                          weighting ("tversky-kahneman" | "prelec"); default Tversky-Kahneman 1992
    [home], [partner]     name, reference, position (default 0), create, brink, prize, success,
                          cost, hard_success, hard_cost, concession
Every problem is one TwoLevelError naming the field.
"""
from ..common import validate as v
from ..common.errors import TwoLevelError
from ..common.validate import check_keys
from ..strategy.cpt import WEIGHTINGS
from ..strategy.model import (PLAYER_DEFAULTS, PLAYER_RULES, PREFERENCE_RULES, Player,
                              Preferences, StrategyProblem)
from .toml import describe, numbers, scalar, table

TOP_KEYS = ("strategy", "preferences", "home", "partner")
STRATEGY_KEYS = ("rounds", "escalation")
PLAYER_KEYS = ("name", *PLAYER_RULES)


def player(role, doc) -> Player:
    doc = table(role, doc)
    check_keys(role, doc, PLAYER_KEYS)
    spec = {k: (rule, k not in PLAYER_DEFAULTS) for k, rule in PLAYER_RULES.items()}
    if "name" not in doc:
        raise TwoLevelError(f"{role}.name", "is required")
    name = v.name(f"{role}.name", doc["name"])
    values = numbers(role, doc, spec)
    try:
        return Player(name=name, **values)
    except TwoLevelError as exc:
        raise exc.within(role) from None


def preferences(doc) -> Preferences:
    doc = table("preferences", doc)
    check_keys("preferences", doc, (*PREFERENCE_RULES, "weighting"))
    values = numbers("preferences", doc, {k: (r, False) for k, r in PREFERENCE_RULES.items()})
    if "weighting" in doc:
        values["weighting"] = v.choice("preferences.weighting", doc["weighting"],
                                       WEIGHTINGS)
    return Preferences(**values)


def rounds(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TwoLevelError("strategy.rounds", f"must be an integer >= 1, got {describe(value)}")
    return value


def strategy_problem(doc: dict) -> StrategyProblem:
    """A StrategyProblem from a parsed strategy document."""
    check_keys("", doc, TOP_KEYS)
    head = table("strategy", doc["strategy"])
    check_keys("strategy", head, STRATEGY_KEYS)
    if "rounds" not in head:
        raise TwoLevelError("strategy.rounds", "is required (the sanction deadline, in rounds)")
    for role in ("home", "partner"):
        if role not in doc:
            raise TwoLevelError(role, "is required (a table)")
    escalation = scalar("strategy.escalation", head.get("escalation", 0.0), "nonnegative")
    return StrategyProblem(home=player("home", doc["home"]),
                           partner=player("partner", doc["partner"]),
                           rounds=rounds(head["rounds"]), escalation=escalation,
                           preferences=preferences(doc.get("preferences", {})))
