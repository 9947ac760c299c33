"""Sweep designs: a grid (one axis per path) or a random design (``sample`` axis), and the blocks
in which a design is evaluated.

A design yields the swept values of any contiguous range of its points (flat C order) without
materialising the rest: ``columns(start, stop) -> {Path: (stop - start,) array}``.
"""
import math
import warnings
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..common.errors import TwoLevelError
from ..common.validate import CHOICES, check_keys, choice
from .paths import check, resolve

METHODS = ("sobol", "lhs", "uniform")
RANGE_KEYS = ("start", "stop", "num")
SAMPLE_KEYS = ("method", "n", "seed", "ranges")


def integer(field, value, least):
    """A Python int >= ``least`` (a bool or a float is not an integer)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TwoLevelError(field, f"must be an integer, got {value!r}")
    if value < least:
        raise TwoLevelError(field, f"must be >= {least}, got {value}")
    return int(value)


def _table(field, spec):
    if not isinstance(spec, dict) or not spec:
        raise TwoLevelError(field, f"must be a non-empty table of parameter paths, got {spec!r}")
    return spec


@dataclass(frozen=True, eq=False)
class Grid:
    """The full grid over ``axes`` (one (Path, values) per dimension, values in order);
    ``spec`` describes each axis as given (a list of values or {start, stop, num})."""

    axes: tuple
    spec: dict

    @property
    def paths(self):
        return tuple(p for p, _ in self.axes)

    @property
    def dims(self):
        return tuple(p.text for p, _ in self.axes)

    @property
    def shape(self):
        return tuple(len(vals) for _, vals in self.axes)

    @property
    def size(self):
        return math.prod(self.shape)

    def coords(self):
        """Index coordinates: {dim: values}."""
        return {p.text: vals for p, vals in self.axes}

    def columns(self, start, stop):
        """Swept values at flat points [start, stop): each axis's value at the point's index."""
        index = np.unravel_index(np.arange(start, stop), self.shape)
        return {p: vals[i] for (p, vals), i in zip(self.axes, index)}

    def describe(self):
        return {"grid": self.spec}


@dataclass(frozen=True, eq=False)
class Sample:
    """``n`` points of ``method`` (sobol | lhs | uniform) in the box ``lo`` <= x <= ``hi`` over
    ``paths``, from ``seed``. Sobol and uniform points are generated per range (the same points
    whatever the blocks); a Latin hypercube is drawn whole (n x d floats)."""

    paths: tuple
    lo: np.ndarray
    hi: np.ndarray
    method: str
    n: int
    seed: int

    dims = ("sample",)

    @property
    def shape(self):
        return (self.n,)

    @property
    def size(self):
        return self.n

    def coords(self):
        return {}

    def unit(self, start, stop):
        """Points [start, stop) of the design in the unit cube, (stop - start, d)."""
        from scipy.stats import qmc
        d, k = len(self.paths), stop - start
        if self.method == "sobol":
            engine = qmc.Sobol(d, rng=self.seed, bits=64 if self.n > 2 ** 30 else None)
            if start:  # (fast_forward(0) fails in scipy)
                engine.fast_forward(start)
            with warnings.catch_warnings():  # blocks (and designs) need not be powers of 2
                warnings.simplefilter("ignore", UserWarning)
                return engine.random(k)
        if self.method == "uniform":  # one double per PCG64 step: skip start * d of them
            bits = np.random.PCG64(self.seed)
            bits.advance(start * d)
            return np.random.Generator(bits).random((k, d))
        return self._lhs[start:stop]

    @cached_property
    def _lhs(self):
        from scipy.stats import qmc
        return qmc.LatinHypercube(len(self.paths), rng=self.seed).random(self.n)

    def columns(self, start, stop):
        # lo + u (hi - lo), clipped: rounding may not leave the (valid) box
        pts = np.clip(self.lo + self.unit(start, stop) * (self.hi - self.lo), self.lo, self.hi)
        return {p: np.ascontiguousarray(pts[:, j]) for j, p in enumerate(self.paths)}

    def describe(self):
        return {"sample": {"method": self.method, "n": self.n, "seed": self.seed,
                           "ranges": {p.text: [float(a), float(b)]
                                      for p, a, b in zip(self.paths, self.lo, self.hi)}}}

    def __getstate__(self):  # ship the parameters, not a drawn Latin hypercube
        state = dict(self.__dict__)
        state.pop("_lhs", None)
        return state


def grid(base, spec) -> Grid:
    """A Grid from {path: [values] or {start, stop, num}}; errors name ``grid.<path>``."""
    axes, given = [], {}
    for text, values in _table("grid", spec).items():
        field = f"grid.{text}"
        try:
            path = resolve(base, text)
        except TwoLevelError as exc:
            raise exc.within("grid") from None
        options = CHOICES.get(path.rule)
        if isinstance(values, dict) and options is None:
            values, given[text] = _linspace(field, values)
        elif isinstance(values, (str, bytes, dict)) or np.ndim(values) != 1:
            kind = f"strings ({', '.join(options)})" if options else \
                "numbers or a table {start, stop, num}"
            raise TwoLevelError(field, f"must be a list of {kind}, got {values!r}")
        if len(values) == 0:
            raise TwoLevelError(field, "must have at least one value")
        for i, value in enumerate(values):  # each value a number (or a mode), not a bool
            if options is not None:
                choice(f"{field}[{i}]", value, options)
            elif isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
                raise TwoLevelError(f"{field}[{i}]", f"must be a number, got {value!r}")
        axes.append((path, check(path, values, field)))
        given.setdefault(text, axes[-1][1].tolist())
    _distinct([p for p, _ in axes], "grid")
    return Grid(tuple(axes), given)


def _linspace(field, doc):
    """np.linspace(start, stop, num) and the checked {start, stop, num}."""
    check_keys(field, doc, RANGE_KEYS)
    for key in RANGE_KEYS:
        if key not in doc:
            raise TwoLevelError(f"{field}.{key}", "is required")
    num = integer(f"{field}.num", doc["num"], 1)
    ends = []
    for key in ("start", "stop"):
        value = doc[key]
        if isinstance(value, (bool, str)) or not isinstance(value, (int, float, np.number)) \
                or not np.isfinite(value):
            raise TwoLevelError(f"{field}.{key}", f"must be a finite number, got {value!r}")
        ends.append(float(value))
    return np.linspace(ends[0], ends[1], num), {"start": ends[0], "stop": ends[1], "num": num}


def sample(base, spec) -> Sample:
    """A Sample from {method, n, seed, ranges: {path: [lo, hi]}}; errors name ``sample.<key>``."""
    if not isinstance(spec, dict):
        raise TwoLevelError("sample", f"must be a table, got {spec!r}")
    check_keys("sample", spec, SAMPLE_KEYS)
    method = spec.get("method", "sobol")
    choice("sample.method", method, METHODS)
    if "n" not in spec:
        raise TwoLevelError("sample.n", "is required")
    n = integer("sample.n", spec["n"], 1)
    seed = integer("sample.seed", spec.get("seed", 0), 0)
    if "ranges" not in spec:
        raise TwoLevelError("sample.ranges", "is required (a table path -> [lo, hi])")
    paths, lo, hi = [], [], []
    for text, bounds in _table("sample.ranges", spec["ranges"]).items():
        field = f"sample.ranges.{text}"
        try:
            path = resolve(base, text)
        except TwoLevelError as exc:
            raise exc.within("sample.ranges") from None
        if path.rule in CHOICES:
            raise TwoLevelError(field, f"a choice ({', '.join(CHOICES[path.rule])}) cannot be "
                                "sampled: sweep it in a grid, or set it in the base scenario")
        if isinstance(bounds, (str, bytes, dict)) or np.shape(bounds) != (2,):
            raise TwoLevelError(field, f"must be [lo, hi], got {bounds!r}")
        a, b = (check(path, x, f"{field}[{i}]") for i, x in enumerate(bounds))
        if not (np.isfinite(a) and np.isfinite(b) and a < b):
            raise TwoLevelError(field, f"must be finite with lo < hi, got [{a!r}, {b!r}]")
        # every rule is an interval, so a box whose corners pass holds only valid values
        paths.append(path)
        lo.append(float(a))
        hi.append(float(b))
    _distinct(paths, "sample.ranges")
    return Sample(tuple(paths), np.array(lo), np.array(hi), method, n, seed)


def _distinct(paths, field):
    seen = set()
    for p in paths:
        key = (p.role, p.index, p.key)
        if key in seen:
            raise TwoLevelError(f"{field}.{p.text}", "names a parameter already swept")
        seen.add(key)


@dataclass(frozen=True)
class Block:
    """Flat points [start, stop) of a design, which are also the hyperslab ``region``."""

    start: int
    stop: int
    region: tuple

    @property
    def shape(self):
        return tuple(s.stop - s.start for s in self.region)


def block_shape(shape, chunk_size):
    """The largest hyperslab shape of at most ``chunk_size`` points: ones on leading axes, a run
    along one axis, then whole trailing axes (C order, so every block is a contiguous range)."""
    out, inner = [], 1
    for axis in range(len(shape) - 1, -1, -1):
        if inner * shape[axis] <= chunk_size:
            inner *= shape[axis]
            out.append(shape[axis])
        else:
            out.append(max(1, chunk_size // inner))
            out += [1] * axis
            break
    return tuple(reversed(out))


def blocks(shape, chunk_size):
    """The blocks of a design of ``shape``, each a hyperslab of ``block_shape`` (cut at edges)."""
    bshape = block_shape(shape, chunk_size)
    counts = [math.ceil(n / b) for n, b in zip(shape, bshape)]
    strides = [math.prod(shape[i + 1:]) for i in range(len(shape))]
    for idx in np.ndindex(*counts):
        region = tuple(slice(i * b, min((i + 1) * b, n)) for i, b, n in zip(idx, bshape, shape))
        start = sum(s.start * st for s, st in zip(region, strides))
        size = math.prod(s.stop - s.start for s in region)
        yield Block(start, start + size, region)
