"""Parameter sweeps: where in parameter space does a result hold? (DESIGN.md, "A sweep")

``sweep(base, grid=...)`` or ``sweep(base, sample=...)`` solves the base negotiation at every point
of a design, with the swept parameters named by dotted paths, and returns an xarray Dataset. The
design is cut into blocks of at most ``chunk_size`` points; each block becomes one call of the
vectorised kernel (``solve_ratified(..., intervals=False)``), so memory is bounded by the block and
not by the design. With ``out`` the results stream to netCDF or zarr block by block; with
``engine="dask"`` blocks run on dask workers (local threads, or a dask.distributed cluster).
"""
import contextlib
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from itertools import islice

import numpy as np

from ..common import validate as v
from ..common.errors import TwoLevelError
from ..negotiation.kernel import SOLUTIONS, THREADS
from ..negotiation.model import Negotiation
from ..negotiation.ratification import solve_ratified
from ..negotiation.text import dumps
from ..issues.model import SOLUTIONS as ISSUE_SOLUTIONS, IssuesProblem
from ..issues.solve import solve as solve_issues
from ..issues.text import dumps as dump_issues
from .design import blocks, block_shape, grid as make_grid, integer, sample as make_sample
from .paths import apply
from .store import Layout, Memory, open_result, output_format, storable, stream

OUTPUTS = ("agreement", "concession", "side_payment_home", "side_payment_partner",
           "home_utility", "partner_utility")
# further per-scenario results that may be asked for in ``outputs``
EXTRA_OUTPUTS = ("reservation_home", "reservation_partner", "ratification_failed")
DESCRIPTIONS = {
    "agreement": "the feasible set F is not empty",
    "concession": "x*, Home's concession (NaN without agreement)",
    "side_payment_home": "S_H(x*), Home's cheapest side payments",
    "side_payment_partner": "S_P(x*), Partner's cheapest side payments",
    "home_utility": "U_H(x*) = g_H - c_H x* - lam_H S_H(x*)",
    "partner_utility": "U_P(x*) = g_P + c_P x* - lam_P S_P(x*)",
    "reservation_home": "r_H = (g_H - d_H) / c_H",
    "reservation_partner": "r_P = (d_P - g_P) / c_P",
    "ratification_failed": "an ex-post side could not ratify the signed x0 (no agreement)",
}
BOOLEAN = ("agreement", "ratification_failed")
# a multi-issue base (MODEL.md section 5) has these outputs instead
ISSUE_OUTPUTS = ("package_agreement", "package_home_utility", "package_partner_utility",
                 "positional_agreement", "positional_home_utility", "positional_partner_utility",
                 "joint_gain_left", "issues_formal", "issues_informal")
DESCRIPTIONS.update({
    "package_agreement": "the package deal (informal channel) is an agreement",
    "package_home_utility": "U_H of the package",
    "package_partner_utility": "U_P of the package",
    "positional_agreement": "the positional deal (formal table) is an agreement",
    "positional_home_utility": "U_H of the positional deal",
    "positional_partner_utility": "U_P of the positional deal",
    "joint_gain_left": "largest t: a package gives each side t more than the positional outcome",
    "issues_formal": "issues conceded at the formal table",
    "issues_informal": "issues conceded in the package",
})
ENGINES = ("numpy", "dask")
CHUNK_SIZE = 2 ** 16  # points per block, one kernel call each (peak memory: sweep_peak.py)
MAX_CHUNK = 2 ** 24  # at most this many points per block (memory grows with the block)


def sweep(base, grid=None, sample=None, outputs=None, solution=None, engine="numpy",
          chunk_size=CHUNK_SIZE, out=None, progress=None, scheduler=None):
    """Solve ``base`` (a one-scenario Negotiation) over a design of its parameters: an xarray
    Dataset.

    grid: {path: [values] or {"start", "stop", "num"}}: one dimension per path, in order.
    sample: {"method": sobol | lhs | uniform, "n", "seed" (default 0), "ranges": {path: [lo, hi]}}:
        one ``sample`` dimension, the sampled values as coordinates named by their paths.
    Paths: ``home.pressure``, ``partner.batna``, ``home.constituencies.<name>.slope``, ... Values
    follow the scenario files' rules. outputs: data variables (default OUTPUTS; EXTRA_OUTPUTS may
    be added). solution: default the base's. engine: "numpy" (in this process) or "dask" (local
    threads, or the dask.distributed scheduler at ``scheduler``, an address or a Client).
    out: a .nc or .zarr path to stream to (blocks are written by this process, whatever the
    engine); the result is then opened lazily from it (close it when done).
    progress: a progress bar on stderr (default: when stderr is a terminal and there is more than
    one block). Attributes: ``scenario`` (the base as scenario-file TOML), ``solution``,
    ``design`` (the grid or sample as JSON).
    """
    plan = Plan(base, grid, sample, outputs, solution, engine, chunk_size, out, scheduler)
    layout = plan.layout()
    show = _progress(progress, plan.size > chunk_size)
    if out is None:
        sink = Memory(layout)
        plan.run(sink.write, show)
        return sink.result()
    with stream(out, layout) as writer:
        plan.run(writer.write, show)
    return open_result(out)


def evaluate(base, solution, outputs, columns, threads=None):
    """The ``outputs`` of ``base`` with each Path in ``columns`` set to its (k,) array: one
    vectorised kernel call for k scenarios, each side in its ratification mode (``threads``: the
    kernel's, default its own)."""
    if isinstance(base, IssuesProblem):
        return issue_outputs(solve_issues(apply(base, columns), solution), outputs)
    home, partner, power = apply(base, columns).arrays()
    result = solve_ratified(home, partner, power, solution, intervals=False, threads=threads,
                            limits=False)
    return {name: getattr(result, name) for name in outputs}


def issue_outputs(out, outputs):
    """The ISSUE_OUTPUTS named in ``outputs`` of an IssuesOutcome."""
    def value(name):
        if name.startswith(("package_", "positional_")):
            deal, _, field = name.partition("_")
            return getattr(getattr(out, deal), field)
        return getattr(out, name)
    return {name: np.asarray(value(name)) for name in outputs}


class Plan:
    """A checked sweep: base, design, outputs, solution, engine and block size."""

    def __init__(self, base, grid, sample, outputs, solution, engine, chunk_size, out, scheduler):
        if not isinstance(base, (Negotiation, IssuesProblem)):
            raise TwoLevelError("base", f"must be a Negotiation or an IssuesProblem, got "
                                f"{type(base).__name__}")
        issues = isinstance(base, IssuesProblem)
        dump = dump_issues if issues else dumps
        dump(base)  # refuses an array-valued base
        if (grid is None) == (sample is None):
            raise TwoLevelError("grid", "give exactly one of grid or sample")
        self.design = make_grid(base, grid) if grid is not None else make_sample(base, sample)
        self.sampled = sample is not None  # sampled values are written with the results
        self.outputs = (_outputs(outputs, ISSUE_OUTPUTS, ()) if issues
                        else _outputs(outputs, OUTPUTS, EXTRA_OUTPUTS))
        self.solution = v.choice("solution", base.solution if solution is None else solution,
                                 ISSUE_SOLUTIONS if issues else SOLUTIONS)
        # the base as solved: its scenario file names the solution actually used
        self.base = replace(base, solution=self.solution)
        self.scenario = dump(self.base)
        self.engine = v.choice("engine", engine, ENGINES)
        if scheduler is not None and engine != "dask":
            raise TwoLevelError("scheduler", 'needs engine="dask"')
        self.scheduler = scheduler
        self.chunk_size = integer("chunk_size", chunk_size, 1, MAX_CHUNK, " points per block")
        if out is not None:
            output_format(out)
            try:
                storable(self.layout().names())
            except TwoLevelError as exc:
                raise exc.within("sample.ranges" if self.sampled else "grid") from None

    @property
    def size(self):
        return self.design.size

    def layout(self) -> Layout:
        swept = tuple(p.text for p in self.design.paths) if self.sampled else ()
        variables = {n: (np.bool_ if n in BOOLEAN or n.endswith("agreement") else np.float64)
                     for n in self.outputs}
        variables.update({n: np.float64 for n in swept})
        attrs = {"scenario": self.scenario, "solution": self.solution,
                 "design": json.dumps(self.design.describe())}
        var_attrs = {n: {"description": DESCRIPTIONS[n]} for n in self.outputs}
        return Layout(self.design.dims, self.design.shape, self.design.coords(), variables,
                      swept, block_shape(self.design.shape, self.chunk_size), attrs, var_attrs)

    def run(self, write, show):
        """Evaluate every block and ``write(block, data)`` it (data: outputs and, for a sample,
        the sampled values), in block order. Writing runs in a thread of its own, overlapped with
        solving the next block (the compiled kernel releases the GIL): at most two blocks are held
        at once."""
        from tqdm import tqdm
        parts = self._dask() if self.engine == "dask" else self._numpy()
        with tqdm(total=self.size, unit="point", unit_scale=True, desc="sweep", disable=not show,
                  file=sys.stderr, dynamic_ncols=True) as bar, ThreadPoolExecutor(1) as writer:
            pending = None
            for block, columns, data in parts:
                if self.sampled:
                    data = {**data, **{p.text: col for p, col in columns.items()}}
                if pending is not None:
                    pending.result()           # the previous block is written (errors surface)
                pending = writer.submit(write, block, data)
                bar.update(block.stop - block.start)
            if pending is not None:
                pending.result()

    def _blocks(self):
        for block in blocks(self.design.shape, self.chunk_size):
            yield block, self.design.columns(block.start, block.stop)

    def _numpy(self):
        for block, columns in self._blocks():
            yield block, columns, evaluate(self.base, self.solution, self.outputs, columns)

    def _dask(self):
        """Blocks as dask.delayed tasks, a few per worker at a time (bounded memory)."""
        import dask
        with _client(self.scheduler) as client:
            workers = sum(client.nthreads().values()) if client else THREADS
            task = dask.delayed(evaluate, pure=False)
            pending = self._blocks()
            while batch := list(islice(pending, 2 * workers)):
                # dask runs the blocks in parallel already: one kernel thread each
                jobs = [task(self.base, self.solution, self.outputs, cols, 1) for _, cols in batch]
                if client is None:
                    results = dask.compute(*jobs, scheduler="threads")
                else:
                    results = client.gather(client.compute(jobs))
                for (block, cols), data in zip(batch, results):
                    yield block, cols, data


def _outputs(outputs, default, extra):
    if outputs is None:
        return default
    if isinstance(outputs, str) or not hasattr(outputs, "__iter__"):
        raise TwoLevelError("outputs", f"must be a list of names, got {outputs!r}")
    outputs = tuple(outputs)
    if not outputs:
        raise TwoLevelError("outputs", "must name at least one output")
    for i, name in enumerate(outputs):
        if name not in default + extra:
            raise TwoLevelError(f"outputs[{i}]", f"unknown output {name!r} (allowed: "
                                f"{', '.join(default + extra)})")
        if name in outputs[:i]:
            raise TwoLevelError(f"outputs[{i}]", f"{name!r} is named twice")
    return outputs


def _progress(progress, long_run):
    if progress is None:
        return long_run and sys.stderr is not None and sys.stderr.isatty()
    return bool(progress)


@contextlib.contextmanager
def _client(scheduler):
    """None (dask's local threads), the given Client, or a Client connected to an address."""
    if scheduler is None:
        yield None
        return
    from distributed import Client
    if isinstance(scheduler, Client):
        yield scheduler
        return
    if not isinstance(scheduler, str):
        raise TwoLevelError("scheduler", f"must be an address such as tcp://host:8786 or a "
                            f"Client, got {scheduler!r}")
    _reachable(scheduler)
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except Exception as exc:  # OSError, TimeoutError, ValueError for a malformed address
        raise TwoLevelError("scheduler", f"cannot connect to {scheduler!r}: {exc}") from None
    try:
        yield client
    finally:
        client.close()


def _reachable(address):
    """Fail fast (before a Client is made) on a tcp:// address where nothing listens."""
    import socket
    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port
    try:
        protocol, location = parse_address(address)
        if protocol != "tcp":
            return
        host, port = parse_host_port(location)
        socket.create_connection((host, port), timeout=10).close()
    except (OSError, ValueError, TypeError) as exc:
        raise TwoLevelError("scheduler", f"cannot connect to {address!r}: {exc}") from None
