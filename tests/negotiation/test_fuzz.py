"""Generated negotiations at the numeric edges (tests/fuzz_scenarios.py) held to the reference
solver, and every result invariant to rescaling all utilities by 10^-100 .. 10^100.

The default run draws a few dozen scenarios per solution; ``pytest -m slow`` runs 10^5.
"""
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fuzz_scenarios import rescaled, scenario
from reference_checks import check
from twolevel.negotiation.kernel import SOLUTIONS, solve_arrays
from twolevel.negotiation.reference import Reference

solutions = st.sampled_from(SOLUTIONS)


def held_to_reference(case, solution):
    home, partner, power, scale = case
    out = solve_arrays(home, partner, power, solution)
    ref = Reference.from_arrays(home, partner, power, 0)
    assert not check(out, 0, ref, solution), (ref.home, ref.partner, ref.power)
    big = solve_arrays(rescaled(home, scale), rescaled(partner, scale), power, solution)
    assert big.agreement[0] == out.agreement[0], scale
    if out.agreement[0]:
        assert abs(big.concession[0] - out.concession[0]) <= 1e-12, (scale, ref.home, ref.partner)
        assert np.isclose(big.home_utility[0], scale * out.home_utility[0], rtol=1e-9,
                          atol=1e-12 * scale)
    for name in ("winset_home", "winset_partner", "zopa"):
        assert np.allclose(getattr(big, name), getattr(out, name), rtol=0, atol=1e-12,
                           equal_nan=True), name


@settings(max_examples=60, deadline=None)
@given(case=scenario(), solution=solutions)
def test_fuzz_against_reference(case, solution):
    held_to_reference(case, solution)


@pytest.mark.slow
@settings(max_examples=10**5, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=scenario(), solution=solutions)
def test_fuzz_against_reference_long(case, solution):
    held_to_reference(case, solution)
