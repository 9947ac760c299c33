"""The kernel's outcome of one scenario against the reference solver (MODEL.md section 1): the
checks shared by the reference and fuzz tests."""
import numpy as np

TOL = 1e-9          # feasibility and reported values, relative to max(1, |value|)
X_TOL = 1e-6        # concession, where the optimum is unique


def close(a, b, tol=TOL):
    return abs(a - b) <= tol * max(1.0, abs(b))


def objective(ref, solution, x):
    if solution == "nash":
        return float(ref.nash_product(x))
    if solution == "kalai-smorodinsky":
        return float(ref.ks_ratio(x))
    return float(ref.surpluses(x)[0])


def check(out, i, ref, solution):
    """Kernel outcome ``i`` of ``out`` against the reference ``ref``; returns a list of problems."""
    r = ref.solve(solution)
    x = out.concession[i]
    if not out.agreement[i]:
        problems = [] if np.isnan([x, out.home_utility[i], out.side_payment_home[i]]).all() else [
            "no agreement but terms are not NaN"]
        # no agreement: F must be empty up to TOL (no point of it clearly feasible)
        probe = [ref.margin(ref.grid).max()] + [ref.margin(0.5 * (a + b)) for a, b in ref.zopa]
        if max(probe) > TOL:
            problems.append(f"kernel finds no agreement, reference margin {max(probe)}")
        return problems
    problems = []
    if not ref.feasible(x, TOL):
        problems.append(f"kernel x={x} infeasible, margin {ref.margin(x)}")
    u_home, u_partner, pay_home, pay_partner = ref.terms(x)
    for name, got, want in (("S_H", out.side_payment_home[i], pay_home),
                            ("S_P", out.side_payment_partner[i], pay_partner),
                            ("U_H", out.home_utility[i], u_home),
                            ("U_P", out.partner_utility[i], u_partner)):
        if not close(got, want):
            problems.append(f"{name}: kernel {got}, reference {want}")
    for name, pay, side in (("home", out.payments_home[i], ref.side_payment_home),
                            ("partner", out.payments_partner[i], ref.side_payment_partner)):
        if not side.pays_a_winning_coalition(pay, x):
            problems.append(f"payments_{name} {pay} are not a winning coalition's losses "
                            f"{side.losses(x)}")
    if not r.agreement or sum(b - a for a, b in ref.zopa) <= 1e-9:
        return problems          # a ZOPA narrower than the reference's grid, or a point on paper
    if solution == "rubinstein":
        for j, side in enumerate(("s_H", "s_P")):
            got, want = ref.surpluses(x)[j], ref.surpluses(r.concession)[j]
            if not close(got, want, 1e-8):
                problems.append(f"{side}: kernel {got}, reference {want} (p* = {r.partner_share})")
    else:
        got = objective(ref, solution, x)
        if not close(got, r.objective):
            problems.append(f"objective: kernel {got}, reference {r.objective}")
    if r.unique and abs(x - r.concession) > X_TOL:
        problems.append(f"x: kernel {x}, reference {r.concession} (unique optimum)")
    return problems
