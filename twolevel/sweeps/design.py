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
from ..common.validate import CHOICES, check_keys, choice, shown
from .paths import check, resolve

METHODS = ("sobol", "lhs", "uniform")
RANGE_KEYS = ("start", "stop", "num")
SAMPLE_KEYS = ("method", "n", "seed", "ranges")
# Sizes, checked before anything of that size is made:
MAX_POINTS = 10 ** 12  # points of one design (grid or sample)
MAX_AXIS = 10 ** 7  # values of one grid axis (each axis is held in memory: 80 MB)
MAX_LHS = 10 ** 7  # n x d of a Latin hypercube (drawn whole: 80 MB and scipy's temporaries)


def integer(field, value, least, most=None, what=""):
    """A Python int in [``least``, ``most``] (a bool or a float is not an integer); ``what``
    names the upper limit in its error."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TwoLevelError(field, f"must be an integer, got {shown(value)}")
    if value < least:
        raise TwoLevelError(field, f"must be >= {least}, got {value}")
    if most is not None and value > most:
        raise TwoLevelError(field, f"must be <= {most:,}{what}, got {value:,}")
    return int(value)


def _table(field, spec):
    if not isinstance(spec, dict) or not spec:
        raise TwoLevelError(field, f"must be a non-empty table of parameter paths, got "
                            f"{shown(spec)}")
    return spec


def _points(field, shape):
    """Refuse a design of more than MAX_POINTS points (``shape``: its dimensions so far)."""
    size = math.prod(shape)
    if size > MAX_POINTS:
        dims = " x ".join(f"{n:,}" for n in shape)
        raise TwoLevelError(field, f"{size:,} points ({dims}), more than the {MAX_POINTS:,} "
                            "points a sweep may have")


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
        sizes = [len(v) for _, v in axes]
        if isinstance(values, dict) and options is None:
            values, given[text] = _linspace(field, values, sizes)
        elif isinstance(values, (str, bytes, dict)) or np.ndim(values) != 1:
            kind = f"strings ({', '.join(options)})" if options else \
                "numbers or a table {start, stop, num}"
            raise TwoLevelError(field, f"must be a list of {kind}, got {shown(values)}")
        if len(values) == 0:
            raise TwoLevelError(field, "must have at least one value")
        if len(values) > MAX_AXIS:
            raise TwoLevelError(field, f"must have at most {MAX_AXIS:,} values per grid axis, "
                                f"got {len(values):,}")
        _points("grid", [*sizes, len(values)])
        numeric = isinstance(values, np.ndarray) and values.dtype.kind in "fiu"
        for i, value in enumerate(() if numeric else values):  # a number (or a mode), not a bool
            if options is not None:
                choice(f"{field}[{i}]", value, options)
            elif isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
                raise TwoLevelError(f"{field}[{i}]", f"must be a number, got {shown(value)}")
        axes.append((path, check(path, values, field)))
        if text not in given:
            given[text] = axes[-1][1].tolist()
    _distinct([p for p, _ in axes], "grid")
    return Grid(tuple(axes), given)


def _linspace(field, doc, sizes=()):
    """np.linspace(start, stop, num) and the checked {start, stop, num}; ``num`` is checked
    against MAX_AXIS, and against MAX_POINTS with the earlier axes' ``sizes``, before the axis is
    made."""
    check_keys(field, doc, RANGE_KEYS)
    for key in RANGE_KEYS:
        if key not in doc:
            raise TwoLevelError(f"{field}.{key}", "is required")
    num = integer(f"{field}.num", doc["num"], 1, MAX_AXIS, " values per grid axis")
    _points("grid", [*sizes, num])
    ends = []
    for key in ("start", "stop"):
        value = doc[key]
        if isinstance(value, (bool, str)) or not isinstance(value, (int, float, np.number)) \
                or not np.isfinite(value):
            raise TwoLevelError(f"{field}.{key}", f"must be a finite number, got {shown(value)}")
        ends.append(float(value))
    return np.linspace(ends[0], ends[1], num), {"start": ends[0], "stop": ends[1], "num": num}


def sample(base, spec) -> Sample:
    """A Sample from {method, n, seed, ranges: {path: [lo, hi]}}; errors name ``sample.<key>``."""
    if not isinstance(spec, dict):
        raise TwoLevelError("sample", f"must be a table, got {shown(spec)}")
    check_keys("sample", spec, SAMPLE_KEYS)
    method = spec.get("method", "sobol")
    choice("sample.method", method, METHODS)
    if "n" not in spec:
        raise TwoLevelError("sample.n", "is required")
    n = integer("sample.n", spec["n"], 1, MAX_POINTS, " points")
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
            raise TwoLevelError(field, f"must be [lo, hi], got {shown(bounds)}")
        a, b = (check(path, x, f"{field}[{i}]") for i, x in enumerate(bounds))
        if not (np.isfinite(a) and np.isfinite(b) and a < b):
            raise TwoLevelError(field, f"must be finite with lo < hi, got {shown([a, b])}")
        # every rule is an interval, so a box whose corners pass holds only valid values
        paths.append(path)
        lo.append(float(a))
        hi.append(float(b))
    _distinct(paths, "sample.ranges")
    if method == "lhs" and n * len(paths) > MAX_LHS:
        raise TwoLevelError("sample.n", f"a Latin hypercube is drawn whole: n x d must be <= "
                            f"{MAX_LHS:,}, got {n:,} x {len(paths)} (sobol and uniform designs "
                            "are drawn block by block)")
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
