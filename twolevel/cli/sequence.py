"""``twolevel sequence FILE|--case NAME [--order A,B,...] [--format table|json]``: the best
sequence of FTA partners over time (exact dynamic programming, MODEL.md section 2), step by step;
with --order, that sequence (negotiated in turn, then Home stops) beside the best."""
from .common import add_format, add_source, json_text, load_source, number, source_label
from ..common.errors import TwoLevelError
from ..sequencing import SequenceProblem, evaluate, optimal
from ..strategy.model import StrategyProblem

OBJECTIVE_TEXT = {"welfare": "Home's welfare V = discounted deal values - pressure cost "
                             "(maximised; Home may stop)",
                  "side_payments": "Home's total side payments over all partners (minimised; "
                                   "ties by welfare)"}


def add_parser(subparsers):
    p = subparsers.add_parser(
        "sequence", help="order FTA partners over time (best sequence, or a given one)",
        description="Solve a sequence of negotiations over time: the best sequence of partners "
                    "by exact dynamic programming, each step's years, pressure, BATNA and "
                    "outcome; with --order, that sequence (then Home stops) beside the best.")
    add_source(p, "sequence")
    p.add_argument("--order", metavar="A,B,...",
                   help="negotiate these partners in this order, then stop (comma-separated; "
                        "a subset is allowed)")
    add_format(p)
    p.set_defaults(handler=run)


def parse_order(problem: SequenceProblem, text: str) -> list:
    """Partner names of ``--order`` text; unknown or repeated partners are errors."""
    names = [x.strip() for x in text.split(",")] if text.strip() else []
    if any(not x for x in names):
        raise TwoLevelError("--order", f"empty partner name in {text!r} (partners: "
                            f"{', '.join(problem.names)})")
    problem.order(names, "--order")
    return names


def block(title, res) -> str:
    return "\n".join([
        f"{title}: {', '.join(res.order) if res.order else '(none)'}",
        res.table() if res.steps else "(no negotiation)",
        f"value {number(res.value)} = deal values {number(res.deals)} - pressure cost "
        f"{number(res.pressure_cost)}; Home's side payments {number(res.side_payments)}"])


def run(args) -> int:
    problem = load_source(args)
    if isinstance(problem, StrategyProblem):
        raise TwoLevelError(source_label(args), "holds a strategy problem, not a sequence "
                            "(`twolevel strategy` plays it)")
    if not isinstance(problem, SequenceProblem):
        raise TwoLevelError(source_label(args), "holds one negotiation, not a sequence "
                            "(`twolevel solve` solves it)")
    given = parse_order(problem, args.order) if args.order is not None else None
    best = optimal(problem)
    data = {"objective": problem.objective, "solution": problem.solution,
            "best_order": list(best.order), "best_value": best.value,
            "best_side_payments": best.side_payments}
    if given is None:
        data.update(value_parts=best.value_parts, steps=[s.to_dict() for s in best.steps])
    else:
        res = evaluate(problem, given)
        data.update(order=list(res.order), value=res.value, value_parts=res.value_parts,
                    side_payments=res.side_payments, steps=[s.to_dict() for s in res.steps],
                    best_value_parts=best.value_parts,
                    best_steps=[s.to_dict() for s in best.steps])
    if args.format == "json":
        print(json_text(data))
        return 0
    head = [f"{problem.home_name}: {problem.n} partners ({', '.join(problem.names)}), solution "
            f"{problem.solution}",
            f"objective: {OBJECTIVE_TEXT[problem.objective]}",
            f"pressure pi(t) = M_C (pi_0 + gamma t + phi f): pi_0 {number(problem.initial)}, "
            f"gamma {number(problem.growth)} per year, phi {number(problem.failure)} per failure",
            f"discount beta {number(problem.discount)} per year, pressure cost kappa "
            f"{number(problem.pressure_cost)}, learning {number(problem.learning)}",
            "x* = share of that partner's demands met (not comparable across deals)",
            "S* = Home's side payments to its constituencies; start and end in years", "", ""]
    parts = [block("best sequence", best)]
    if given is not None:
        parts.insert(0, block("given sequence", res))
        field = "value" if problem.objective == "welfare" else "side_payments"
        gap = getattr(res, field) - getattr(best, field)
        label = "welfare V" if field == "value" else "side payments"
        parts.append(f"given minus best: {label} {number(gap)}" if abs(gap) > 1e-12 else
                     "the given sequence is as good as the best")
    print("\n".join(head) + "\n\n".join(parts))
    return 0
