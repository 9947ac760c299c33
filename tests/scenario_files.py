"""Scenario documents for tests: the DESIGN.md example, a TOML writer, and a catalogue of bad
inputs, each with the field and the message its error must carry."""
import copy
import json
import math

# The DESIGN.md example negotiation (Korea and Chile, one veto constituency).
EXAMPLE = {
    "solution": "nash",
    "home": {
        "name": "Korea", "gain": 1.0, "cost": 1.0, "batna": 0.3, "pressure": 0.2, "power": 0.5,
        "discount": 0.95, "funds_cost": 1.2, "budget": math.inf, "quota": 1.0,
        "constituencies": [
            {"name": "farmers", "weight": 1.0, "gain": 0.3, "slope": -1.0, "status_quo": 0.0},
        ],
    },
    "partner": {"name": "Chile", "gain": 0.0, "benefit": 1.0, "batna": 0.1, "discount": 0.95},
}

# Only the required keys.
MINIMAL = {
    "home": {"gain": 1.0, "cost": 1.0, "batna": 0.0,
             "constituencies": [{"name": "farmers", "gain": 0.3, "slope": -1.0}]},
    "partner": {"gain": 0.0, "benefit": 1.0, "batna": 0.0},
}

DELETE = object()


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def toml_text(doc) -> str:
    """A negotiation document as TOML: top-level keys, [home]/[partner] with
    [[<side>.constituencies]] (any other value is written inline)."""
    lines = [f"{k} = {toml_value(v)}" for k, v in doc.items() if not isinstance(v, dict)]
    for role, table in doc.items():
        if not isinstance(table, dict):
            continue
        lines += ["", f"[{role}]"]
        cons = table.get("constituencies")
        tables = isinstance(cons, list) and all(isinstance(c, dict) for c in cons) and cons
        lines += [f"{k} = {toml_value(v)}" for k, v in table.items()
                  if not (k == "constituencies" and tables)]
        for c in cons if tables else ():
            lines += ["", f"[[{role}.constituencies]]"]
            lines += [f"{k} = {toml_value(v)}" for k, v in c.items()]
    return "\n".join(lines) + "\n"


def edited(doc, path, value):
    """A copy of ``doc`` with the dotted ``path`` (integers index arrays; one past the end
    appends) set to ``value``, or removed when ``value`` is DELETE."""
    doc = copy.deepcopy(doc)
    *head, last = path.split(".")
    node = doc
    for key in head:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        last = int(last)
    if value is DELETE:
        del node[last]
    elif isinstance(node, list) and last == len(node):
        node.append(value)
    else:
        node[last] = value
    return doc


C0 = "home.constituencies.0"


def field_of(path):
    """The field name of a dotted edit path in error messages: home.constituencies[0].weight."""
    parts = path.split(".")
    out = parts[0]
    for p in parts[1:]:
        out += f"[{p}]" if p.isdigit() else f".{p}"
    return out


def _bad():
    """(id, document, field, message part) for every kind of bad input of one document."""
    out = []

    def add(path, value, message, field=None, base=EXAMPLE):
        shown = "del" if value is DELETE else toml_value(value)
        out.append((f"{path}={shown}", edited(base, path, value), field or field_of(path), message))

    # unknown keys at every level; keys of the other side are unknown too
    add("colour", "blue", "unknown key")
    add("home.costs", 1.0, "unknown key")
    add("home.benefit", 1.0, "unknown key")
    add("partner.cost", 1.0, "unknown key")
    add("partner.power", 0.5, "unknown key")
    add(f"{C0}.slop", -1.0, "unknown key")
    add(f"{C0}.quota", 0.5, "unknown key")

    # wrong types where a number is expected
    numeric = ["home.gain", "home.cost", "home.batna", "home.pressure", "home.power",
               "home.discount", "home.funds_cost", "home.budget", "home.quota",
               "home.veto_rent", "partner.veto_rent", "partner.gain", "partner.benefit", "partner.batna", "partner.discount",
               f"{C0}.gain", f"{C0}.slope", f"{C0}.status_quo", f"{C0}.weight"]
    for path in numeric:
        add(path, "0.5", "must be a number, got the string '0.5'")
        add(path, math.nan, "got nan")
    for path, value in (("home.gain", True), ("home.cost", [1.0, 2.0]), ("partner.batna", []),
                        (f"{C0}.weight", {"w": 1.0}), ("home.budget", False)):
        add(path, value, "must be a number, got")
    add("home.gain", 10 ** 400, "must be a finite number")

    # inf where not allowed (only budget may be inf)
    for path in numeric:
        if path != "home.budget":
            add(path, math.inf, "got inf")
    add("home.budget", -math.inf, "must be >= 0 (inf allowed), got -inf")

    # out of range, rule by rule, just outside each bound
    for path, value, message in [
        ("home.cost", 0.0, "must be > 0, got 0"), ("home.cost", -1.0, "must be > 0, got -1"),
        ("partner.benefit", 0.0, "must be > 0, got 0"),
        (f"{C0}.weight", 0.0, "must be > 0, got 0"), (f"{C0}.weight", -1, "must be > 0, got -1"),
        ("home.power", -0.01, "must be in [0, 1], got -0.01"),
        ("home.power", 1.01, "must be in [0, 1], got 1.01"),
        ("home.discount", 0.0, "must be in (0, 1), got 0"),
        ("home.discount", 1.0, "must be in (0, 1), got 1"),
        ("partner.discount", 1.5, "must be in (0, 1), got 1.5"),
        ("home.funds_cost", 0.99, "must be >= 1, got 0.99"),
        ("partner.funds_cost", 0.0, "must be >= 1, got 0"),
        ("home.budget", -0.5, "must be >= 0 (inf allowed), got -0.5"),
        ("partner.budget", -1.0, "must be >= 0 (inf allowed), got -1"),
        ("home.quota", 0.0, "must be in (0, 1], got 0"),
        ("home.quota", 1.5, "must be in (0, 1], got 1.5"),
        ("partner.quota", -0.5, "must be in (0, 1], got -0.5"),
        ("home.veto_rent", -0.1, "must be in [0, 1], got -0.1"),
        ("partner.veto_rent", 1.5, "must be in [0, 1], got 1.5"),
    ]:
        add(path, value, message)

    # the ratification mode: one of two strings
    for path in ("home.ratification", "partner.ratification"):
        add(path, "expost", "must be one of committed, ex_post, got 'expost'")
        add(path, 1.0, "must be one of committed, ex_post, got 1.0")
        add(path, ["ex_post"], "must be one of committed, ex_post, got an array")

    # names and the solution
    add("home.name", "", "must be a non-empty string")
    add("partner.name", 7, "must be a non-empty string, got 7")
    add(f"{C0}.name", 1.5, "must be a non-empty string")
    add("solution", "nashh", "must be one of nash, kalai-smorodinsky, rubinstein, got 'nashh'")
    add("solution", 1, "must be one of")

    # structure
    add("home", 3.0, "must be a table")
    add("partner", [1.0], "must be a table")
    add("home.constituencies", {"name": "farmers", "gain": 0.3, "slope": -1.0},
        "must be an array of tables")
    add("home.constituencies", [1.0], "must be a table", "home.constituencies[0]")
    add("home.constituencies",
        [{"name": f"c{i}", "gain": 0.3, "slope": -1.0} for i in range(17)],
        "at most 16 per side")

    # duplicate constituency names, on either side
    add("home.constituencies.1", {"name": "farmers", "gain": 0.1, "slope": -0.5},
        "must be unique, got 'farmers' twice", "home.constituencies[1].name")
    add("partner.constituencies", [{"name": "exporters", "gain": 0.0, "slope": 1.0},
                                   {"name": "exporters", "gain": 0.0, "slope": 2.0}],
        "must be unique", "partner.constituencies[1].name")

    # missing required keys
    for path in ("home", "partner"):
        add(path, DELETE, "is required", base=MINIMAL)
    for path in ("home.gain", "home.cost", "home.batna", "partner.gain", "partner.benefit",
                 "partner.batna", f"{C0}.name", f"{C0}.gain", f"{C0}.slope"):
        add(path, DELETE, "is required", base=MINIMAL)
    return out


BAD = _bad()

# Files that are not scenarios at all: (id, bytes or None for a directory, message part)
BROKEN_FILES = [
    ("empty", b"", "the file is empty"),
    ("blank", b"  \n\t\n", "the file is empty"),
    ("binary", bytes(range(256)) * 4, "cannot read the file"),
    ("invalid-utf8", b"solution = \"\xff\xfe\"\n", "cannot read the file"),
    ("not-toml", b"this is not toml\n", "not valid TOML"),
    ("unterminated-table", b"[home\ngain = 1\n", "not valid TOML"),
    ("duplicate-key", b"[home]\ngain = 1\ngain = 2\n", "not valid TOML"),
    ("bad-value", b"[home]\ngain = 1..0\n", "not valid TOML"),
    ("directory", None, "cannot read the file"),
]
