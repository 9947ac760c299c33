"""Human labels for figures: parameters named by their dotted scenario paths, and results, as
words with their MODEL.md symbols in mathtext and their units."""
import tomllib

# side key -> (symbol with {s} for H or P, words)
SIDE = {
    "gain": (r"$g_{s}$", "gain at x = 0"),
    "cost": (r"$c_{s}$", "cost of a unit of concession"),
    "benefit": (r"$c_{s}$", "benefit of a unit of concession"),
    "batna": (r"$d^0_{s}$", "no-agreement value (BATNA)"),
    "pressure": (r"$\pi_{s}$", "pressure to conclude"),
    "power": (r"$\theta$", "bargaining power"),
    "discount": (r"$\delta_{s}$", "discount factor per round"),
    "funds_cost": (r"$\lambda_{s}$", "cost of a unit of side payment"),
    "budget": (r"$B_{s}$", "side-payment budget"),
    "quota": (r"$q_{s}$", "ratification quota (share of weight)"),
    "veto_rent": (r"$\eta_{s}$", "veto rent (share of surplus)"),
    "ratification": ("", "ratification mode"),
}
CONSTITUENCY = {
    "gain": (r"$e$", "gain at x = 0"),
    "slope": (r"$k$", "slope"),
    "status_quo": (r"$v^0$", "status quo value"),
    "weight": (r"$w$", "ratification weight"),
}
# result -> (words with {home}/{partner}, unit)
RESULTS = {
    "agreement": ("agreement", "share of scenarios"),
    "concession": (r"concession $x^*$", "share of {partner}'s demands met"),
    "side_payment_home": (r"side payments $S_H$ of {home}'s government", "utility units"),
    "side_payment_partner": (r"side payments $S_P$ of {partner}'s government", "utility units"),
    "home_utility": (r"{home}'s utility $U_H$, net of side payments", "utility units"),
    "partner_utility": (r"{partner}'s utility $U_P$, net of side payments", "utility units"),
    "reservation_home": (r"{home}'s reservation point $r_H$", "share of {partner}'s demands"),
    "reservation_partner": (r"{partner}'s reservation point $r_P$",
                            "share of {partner}'s demands"),
    "ratification_failed": ("signed deal failed ratification ex post", "share of scenarios"),
}


def names(ds) -> dict:
    """{"home": name, "partner": name} from a sweep's stored scenario (defaults Home, Partner)."""
    try:
        doc = tomllib.loads(ds.attrs.get("scenario", ""))
    except tomllib.TOMLDecodeError:
        doc = {}
    return {role: doc.get(role, {}).get("name", role.capitalize()) for role in ("home", "partner")}


def parameter(path: str, sides: dict) -> str:
    """'home.pressure' -> 'pressure to conclude $\\pi_H$ (Korea)'; unknown paths stay as they are."""
    role, _, rest = path.partition(".")
    if role not in sides:
        return path
    side = sides[role]
    if rest.startswith("constituencies."):
        name, _, key = rest[len("constituencies."):].rpartition(".")
        if key in CONSTITUENCY:
            symbol, words = CONSTITUENCY[key]
            return f"{words} {symbol} of {side}'s {name}"
        return path
    if rest in SIDE:
        symbol, words = SIDE[rest]
        symbol = symbol.format(s=role[0].upper())
        return f"{words} {symbol} ({side})" if symbol else f"{words} ({side})"
    return path


def result(var: str, sides: dict) -> str:
    """The result's words, e.g. 'concession $x^*$'."""
    words, _ = RESULTS.get(var, (var.replace("_", " "), ""))
    return words.format(**sides)


def unit(var: str, sides: dict) -> str:
    """The result's unit, e.g. "share of Chile's demands met"."""
    return RESULTS.get(var, ("", ""))[1].format(**sides)


def base_value(ds, path):
    """The value of ``path`` in the sweep's base scenario (the calibrated case), or None."""
    try:
        doc = tomllib.loads(ds.attrs.get("scenario", ""))
    except tomllib.TOMLDecodeError:
        return None
    role, _, rest = path.partition(".")
    table = doc.get(role, {})
    if rest.startswith("constituencies."):
        name, _, key = rest[len("constituencies."):].rpartition(".")
        found = [c for c in table.get("constituencies", []) if c.get("name") == name]
        return found[0].get(key) if found else None
    value = table.get(rest)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
