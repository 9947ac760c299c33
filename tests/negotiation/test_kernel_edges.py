"""Edge cases of the solution kernels found by looking at figures and sweeps."""
import numpy as np
import pytest

from twolevel import Negotiation, Side, solve
from twolevel.common.errors import TwoLevelError


@pytest.mark.parametrize("theta", [0.0, 1e-300, 1e-17, 1e-16, 1e-9])
def test_nash_is_continuous_at_zero_power(theta):
    """theta -> 0 gives Partner everything up to Home's reservation point, x* -> r_H, even when the
    stationary point rounds onto r_H (every candidate's Nash product is then 0)."""
    n = Negotiation(Side("H", gain=0.9, cost=1, batna=0.4, power=theta),
                    Side("P", gain=0, benefit=1, batna=0.1))
    r_H, r_P = 0.5, 0.1
    assert solve(n).concession == pytest.approx(theta * r_P + (1 - theta) * r_H, abs=1e-12)


@pytest.mark.parametrize("theta", [1.0, 1 - 1e-16, 1 - 1e-9])
def test_nash_is_continuous_at_full_power(theta):
    n = Negotiation(Side("H", gain=0.9, cost=1, batna=0.4, power=theta),
                    Side("P", gain=0, benefit=1, batna=0.1))
    assert solve(n).concession == pytest.approx(theta * 0.1 + (1 - theta) * 0.5, abs=1e-12)


def test_no_warnings_on_invalid_pieces():
    """Pieces outside F carry infinite ends; evaluating them must not warn."""
    from twolevel import Constituency
    cons = [Constituency(f"c{i}", gain=0.1 * i, slope=-1.0 - i) for i in range(4)]
    n = Negotiation(Side("H", gain=1.0, cost=1.0, batna=0.2, budget=np.array([0.0, 0.1, np.inf]),
                         constituencies=cons),
                    Side("P", gain=0.0, benefit=1.0, batna=0.1))
    with np.errstate(all="raise"):
        for solution in ("nash", "kalai-smorodinsky", "rubinstein"):
            solve(n, solution)


def test_huge_integer_is_a_clear_error():
    from twolevel import TwoLevelError
    with pytest.raises(TwoLevelError, match="^gain: must be a finite number"):
        Side("H", gain=10**400, cost=1.0, batna=0.0)


def test_no_negative_zero_concession():
    """Partner's reservation point at 0 is computed as -a/b with a = 0: it must read as 0.0."""
    import math
    n = Negotiation(Side("H", gain=1.0, cost=1.0, batna=0.5, power=1.0),
                    Side("P", gain=0.0, benefit=1.0, batna=0.0))
    x = float(solve(n).concession)
    assert x == 0.0 and math.copysign(1.0, x) == 1.0
    assert math.copysign(1.0, solve(n).to_dict()["concession"]) == 1.0


def test_blocks_and_threads_do_not_change_results(monkeypatch):
    """Many blocks, solved by one thread or several, give the one-block result bit for bit."""
    from twolevel import Constituency
    from twolevel.negotiation import kernel
    cons = [Constituency("farmers", gain=0.3, slope=-1.0), Constituency("fishers", 0.1, -0.4)]
    n = Negotiation(Side("H", gain=1.0, cost=1.0, batna=0.3, pressure=np.linspace(0, 0.6, 1001),
                         quota=0.5, constituencies=cons),
                    Side("P", gain=0.0, benefit=1.0, batna=0.1))
    fields = ("agreement", "concession", "home_utility", "payments_home", "zopa", "winset_home")
    for solution in ("nash", "kalai-smorodinsky", "rubinstein"):
        whole = solve(n, solution).arrays
        monkeypatch.setattr(kernel, "BLOCK", 64)
        for threads in (1, 2):
            monkeypatch.setattr(kernel, "THREADS", threads)
            blocks = solve(n, solution).arrays
            for f in fields:
                assert np.array_equal(getattr(whole, f), getattr(blocks, f), equal_nan=True), f
        monkeypatch.undo()


def test_a_trace_records_every_block_and_changes_no_result():
    """``solve_arrays(..., trace=...)``: each block's thread (one of those asked for) and its
    start and end on the cycle counter, end after start; the outcomes are those without it."""
    import scenarios
    from twolevel.negotiation.kernel import block_count, solve_arrays
    home, partner, power = scenarios.batch(np.random.default_rng(3), 5000, 2, 1)
    plain = solve_arrays(home, partner, power, intervals=False, threads=2)
    trace = np.full((block_count(5000, 2), 3), -1, np.int64)
    traced = solve_arrays(home, partner, power, intervals=False, threads=2, trace=trace)
    assert np.array_equal(plain.concession, traced.concession, equal_nan=True)
    assert np.all((trace[:, 0] >= 0) & (trace[:, 0] < 2))
    assert np.all(trace[:, 2] >= trace[:, 1]) and np.all(trace[:, 1] > 0)
    for bad in (trace[:-1], trace.astype(float), trace.T.copy(), [[0, 0, 0]]):
        with pytest.raises(TwoLevelError, match="trace"):
            solve_arrays(home, partner, power, intervals=False, threads=2, trace=bad)


def test_the_kernel_profile_script_runs():
    """benchmarks/profile_kernel.py sets the kernel's block size: it must keep running (in its
    own process: its ``scenarios`` module is not the tests' one)."""
    import subprocess
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "profile_kernel.py"
    out = subprocess.run([sys.executable, str(path), "2000"], capture_output=True, text=True,
                         check=True).stdout
    assert "N = 2,000:" in out and "solve_arrays" in out
