"""The Nash bargaining point of a discretised single-issue problem, computed by NegMAS.

The issue is x in {0, 1/(n-1), ..., 1}, NegMAS's integer issue i = 0..n-1 with x = i/(n-1); the
utilities are affine, U_H = g_H - c_H x and U_P = g_P + c_P x, with the BATNAs as reserved values.
NegMAS's ``pareto_frontier`` enumerates the outcomes and ``nash_points`` maximises the product
(U_H - d_H)(U_P - d_P) over that frontier (the symmetric Nash solution, theta = 1/2).
"""


def available():
    """NegMAS's version, or None when it is not installed."""
    try:
        import negmas
    except ImportError:
        return None
    return negmas.__version__


def nash_point(g_h, c_h, d_h, g_p, c_p, d_p, n_values):
    """x of NegMAS's Nash point (the first if several tie), or None when it finds none."""
    from negmas.outcomes import make_issue
    from negmas.preferences import AffineUtilityFunction, nash_points, pareto_frontier

    issues = [make_issue((0, n_values - 1), "x")]
    step = 1.0 / (n_values - 1)
    home = AffineUtilityFunction([-c_h * step], bias=g_h, reserved_value=d_h, issues=issues)
    partner = AffineUtilityFunction([c_p * step], bias=g_p, reserved_value=d_p, issues=issues)
    frontier, _ = pareto_frontier([home, partner], issues=issues)
    points = nash_points([home, partner], frontier, issues=issues)
    if not points:
        return None
    u_home = points[0][0][0]
    return round((g_h - u_home) / c_h / step) * step     # back from U_H to the grid point x
