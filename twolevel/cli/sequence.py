"""``twolevel sequence FILE|--case NAME [--order A,B,...] [--format table|json]``: the best order
of FTA partners (exact dynamic programming, MODEL.md section 2), step by step, and a given order
compared with it."""
from .common import add_format, add_source, json_text, load_source, number, rows, source_label
from ..common.errors import TwoLevelError
from ..sequencing.problem import SequenceProblem
from ..sequencing.solve import evaluate, optimal
from ..strategy.model import StrategyProblem

OBJECTIVE_TEXT = {"utility": "Home's discounted net utility (maximised)",
                  "side_payments": "Home's discounted side payments (minimised)"}


def add_parser(subparsers):
    p = subparsers.add_parser(
        "sequence", help="order FTA partners (best order, or a given one against it)",
        description="Solve a sequence of negotiations: the best order of partners by exact "
                    "dynamic programming, each step's pressure, BATNA and outcome; with --order, "
                    "the given order compared with the best.")
    add_source(p, "sequence")
    p.add_argument("--order", metavar="A,B,...",
                   help="evaluate this order of partners (every partner once, comma-separated)")
    add_format(p)
    p.set_defaults(handler=run)


def parse_order(problem: SequenceProblem, text: str) -> list:
    """Partner indices of ``--order`` text; unknown, repeated or missing partners are errors."""
    known = problem.names
    order = []
    for name in (x.strip() for x in text.split(",")):
        if not name:
            raise TwoLevelError("--order", f"empty partner name in {text!r} (partners: "
                                f"{', '.join(known)})")
        j = problem.index(name, "--order")
        if j in order:
            raise TwoLevelError("--order", f"partner {name!r} appears twice")
        order.append(j)
    missing = [n for j, n in enumerate(known) if j not in order]
    if missing:
        raise TwoLevelError("--order", f"must list every partner once; missing: "
                            f"{', '.join(missing)}")
    return order


def steps_table(steps) -> str:
    head = ["step", "partner", "pressure", "BATNA", "agreement", "concession", "side payment",
            "Home utility"]
    body = [[str(t + 1), s["partner"], number(s["pressure"]), number(s["batna"]),
             "yes" if s["agreement"] else "no", *(number(s[f]) for f in
                                                 ("concession", "side_payment", "home_utility"))]
            for t, s in enumerate(steps)]
    return rows([head] + body)


def totals(steps, value) -> str:
    done = [s for s in steps if s["agreement"]]
    return (f"totals: {len(done)} of {len(steps)} concluded, concession "
            f"{number(sum(s['concession'] for s in done))}, side payments "
            f"{number(sum(s['side_payment'] for s in done))} (undiscounted); "
            f"value {number(value)}")


def block(title, steps, value) -> str:
    return "\n".join([title, steps_table(steps), totals(steps, value)])


def run(args) -> int:
    problem = load_source(args)
    if isinstance(problem, StrategyProblem):
        raise TwoLevelError(source_label(args), "holds a strategy problem, not a sequence "
                            "(`twolevel strategy` plays it)")
    if not isinstance(problem, SequenceProblem):
        raise TwoLevelError(source_label(args), "holds one negotiation, not a sequence "
                            "(`twolevel solve` solves it)")
    given = parse_order(problem, args.order) if args.order is not None else None
    best_value, best_order = optimal(problem)
    orders = [best_order.tolist()] + ([given] if given is not None else [])
    res = evaluate(problem, orders)
    best = res.to_dict(0)
    data = {"objective": problem.objective, "solution": problem.solution,
            "best_order": best["order"], "best_value": float(best_value)}
    if given is None:
        data["steps"] = best["steps"]
    else:
        data.update(res.to_dict(1), best_steps=best["steps"])
    print(json_text(data) if args.format == "json" else table(problem, data, given is not None))
    return 0


def table(problem, data, with_order) -> str:
    home = problem.home.get("name", "Home")
    head = [f"{home}: {problem.n} negotiations ({', '.join(problem.names)}), solution "
            f"{problem.solution}",
            f"objective: {OBJECTIVE_TEXT[problem.objective]}",
            f"pressure: initial {number(problem.initial)}, growth {number(problem.growth)} per "
            f"failure; discount {number(problem.discount)} per step; pressure cost "
            f"{number(problem.pressure_cost)}", ""]
    best_steps = data["best_steps"] if with_order else data["steps"]
    best = block(f"best order: {', '.join(data['best_order'])}", best_steps, data["best_value"])
    if not with_order:
        return "\n".join(head + [best])
    gap = data["value"] - data["best_value"]
    worse = gap < 0 if problem.objective == "utility" else gap > 0
    verdict = (f"the given order is worse than the best by {number(abs(gap))}" if worse and
               abs(gap) > 1e-12 else "the given order is as good as the best")
    given = block(f"given order: {', '.join(data['order'])}", data["steps"], data["value"])
    return "\n".join(head + [given, "", best, "", verdict])
