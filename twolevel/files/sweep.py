"""Sweep files (TOML, DESIGN.md "A sweep"): strict parsing into the arguments of ``sweep``.

    case = "korea-chile"        # or base = "file.toml" (relative to this file), or [scenario]
    solution = "nash"           # optional: default the base scenario's
    outputs = ["agreement", "concession"]      # optional: default all
    [grid]                      # path -> [values] or {start, stop, num}
    "home.pressure" = { start = 0.0, stop = 0.5, num = 101 }
    # or [sample] (method, n, seed) with [sample.ranges] path -> [lo, hi]

Paths may also be written as dotted TOML keys (``home.pressure = [...]`` without quotes).
Every problem is one TwoLevelError naming the file and the field.
"""
from dataclasses import dataclass
from pathlib import Path

from .. import cases
from ..common.errors import TwoLevelError
from ..negotiation.model import Negotiation
from ..common.validate import check_keys
from ..sweeps.design import RANGE_KEYS, SAMPLE_KEYS, integer
from ..sweeps.paths import resolve
from ..sweeps.run import CHUNK_SIZE, Plan, sweep
from ..issues.model import IssuesProblem
from .issues import issues_problem
from .negotiation import negotiation, one_negotiation, solution as solution_key
from .toml import describe, parse, scalar, table

SOURCES = ("case", "base", "scenario")
KEYS = (*SOURCES, "solution", "outputs", "grid", "sample")


@dataclass(frozen=True, eq=False)
class SweepFile:
    """A parsed sweep file: the keyword arguments of ``sweep`` but for how to run it."""

    base: Negotiation | IssuesProblem
    grid: dict | None
    sample: dict | None
    outputs: tuple | None
    solution: str | None
    shape: tuple  # the design's dimensions (a sample: (n,))
    point_bytes: int  # bytes of results per point (before compression)

    def run(self, out=None, engine="numpy", scheduler=None, progress=None,
            chunk_size=CHUNK_SIZE):
        """``sweep`` of this file's design (see twolevel.sweep)."""
        return sweep(self.base, grid=self.grid, sample=self.sample, outputs=self.outputs,
                     solution=self.solution, engine=engine, chunk_size=chunk_size, out=out,
                     progress=progress, scheduler=scheduler)


def load(path) -> SweepFile:
    """Parse and check the sweep file at ``path`` (nothing is solved yet)."""
    return parse(path, lambda doc: sweep_file(doc, Path(path).parent))


def sweep_file(doc: dict, folder=Path(".")) -> SweepFile:
    """A SweepFile from a parsed document; ``base`` paths are relative to ``folder``."""
    check_keys("", doc, KEYS)
    given = [k for k in SOURCES if k in doc]
    if len(given) != 1:
        raise TwoLevelError(given[1] if given else "case", "give exactly one of case, base or "
                            "[scenario]" + (f", got {' and '.join(given)}" if given else ""))
    base = _base(given[0], doc[given[0]], Path(folder))
    if ("grid" in doc) == ("sample" in doc):
        raise TwoLevelError("grid", "give exactly one of [grid] or [sample]")
    grid = _grid(base, table("grid", doc["grid"])) if "grid" in doc else None
    sample = _sample(base, table("sample", doc["sample"])) if "sample" in doc else None
    outputs = _outputs(doc["outputs"]) if "outputs" in doc else None
    solution = solution_key(doc) if "solution" in doc else None
    plan = Plan(base, grid, sample, outputs, solution, "numpy", CHUNK_SIZE, None, None)
    return SweepFile(base, grid, sample, outputs, solution, plan.design.shape,
                     plan.layout().point_bytes())


def _base(key, value, folder) -> Negotiation | IssuesProblem:
    """One negotiation or a multi-issue problem (a sequence is refused)."""
    if key == "scenario":
        doc = table("scenario", value)
        try:
            return issues_problem(doc) if "issues" in doc else negotiation(doc)
        except TwoLevelError as exc:
            raise exc.within("scenario") from None
    if not isinstance(value, str) or not value.strip():
        raise TwoLevelError(key, f"must be a non-empty string, got {describe(value)}")
    if key == "case":
        base = cases.load(value)
    else:
        base = parse(folder / value, lambda doc: issues_problem(doc) if "issues" in doc
                     else one_negotiation(doc))
    if not isinstance(base, (Negotiation, IssuesProblem)):
        raise TwoLevelError(key, f"{value!r} is a sequence of negotiations; a sweep needs one "
                            "negotiation or several issues")
    return base


def _paths(table_name, doc, leaf, field=""):
    """{dotted path: value} of the table ``table_name`` whose keys are paths, quoted or as nested
    TOML tables; ``leaf(value)`` tells a value from a nested table. A path given twice (quoted and
    nested) is an error."""
    out = {}
    for key, value in doc.items():
        name = f"{field}.{key}" if field else key
        nested = isinstance(value, dict) and not leaf(value)
        parts = _paths(table_name, value, leaf, name) if nested else {name: value}
        for path, part in parts.items():
            if path in out:
                raise TwoLevelError(f"{table_name}.{path}", "is given twice (quoted and as "
                                    "nested tables)")
            out[path] = part
    return out


def _grid(base, doc) -> dict:
    grid = {}
    for path, value in _paths("grid", doc, lambda t: any(k in t for k in RANGE_KEYS)).items():
        field = f"grid.{path}"
        rule = _rule(base, path, "grid")
        if isinstance(value, dict):
            check_keys(field, value, RANGE_KEYS)
            grid[path] = {k: scalar(f"{field}.{k}", value[k], "any") if k != "num"
                          else integer(f"{field}.num", value[k], 1)
                          for k in RANGE_KEYS if k in value}
        elif isinstance(value, list):
            grid[path] = [scalar(f"{field}[{i}]", x, rule) for i, x in enumerate(value)]
        else:
            raise TwoLevelError(field, "must be an array of numbers or a table "
                                f"{{start, stop, num}}, got {describe(value)}")
    return grid


def _sample(base, doc) -> dict:
    check_keys("sample", doc, SAMPLE_KEYS)
    out = {k: doc[k] for k in ("method", "n", "seed") if k in doc}
    if "ranges" in doc:
        ranges = _paths("sample.ranges", table("sample.ranges", doc["ranges"]), lambda t: False)
        out["ranges"] = {}
        for path, bounds in ranges.items():
            field = f"sample.ranges.{path}"
            rule = _rule(base, path, "sample.ranges")
            if not isinstance(bounds, list) or len(bounds) != 2:
                raise TwoLevelError(field, f"must be [lo, hi], got {describe(bounds)}")
            out["ranges"][path] = [scalar(f"{field}[{i}]", x, rule) for i, x in enumerate(bounds)]
    return out


def _rule(base, path, field):
    try:
        return resolve(base, path).rule
    except TwoLevelError as exc:
        raise exc.within(field) from None


def _outputs(value):
    if not isinstance(value, list):
        raise TwoLevelError("outputs", f"must be an array of names, got {describe(value)}")
    for i, name in enumerate(value):
        if not isinstance(name, str):
            raise TwoLevelError(f"outputs[{i}]", f"must be a name, got {describe(name)}")
    return tuple(value)
