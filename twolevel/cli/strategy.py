"""``twolevel strategy FILE|--case NAME [--expected-utility] [--format table|json]``: create or
claim, round by round, under prospect theory (MODEL.md section 3)."""
from ..common.errors import TwoLevelError
from ..strategy.model import StrategyProblem
from ..strategy.path import solve_path
from .common import add_format, add_source, json_text, load_source, number, rows, source_label


def add_parser(subparsers):
    p = subparsers.add_parser(
        "strategy", help="value creating or value claiming, round by round (prospect theory)",
        description="Play the strategy model: each round a 2x2 create/claim game of CPT values "
                    "against the reference points; deadlocks deepen the losses until the "
                    "sanction deadline.")
    add_source(p, "strategy")
    p.add_argument("--expected-utility", action="store_true",
                   help="value outcomes by expected utility instead of prospect theory")
    add_format(p)
    p.set_defaults(handler=run)


def rounds_table(data) -> str:
    head = ["round", data["home"], data["partner"], "outcome",
            f"{data['home']} loss depth", f"{data['partner']} loss depth", "selection"]
    body = [[str(r["round"]), r["home_strategy"], r["partner_strategy"], r["outcome"],
             number(r["home_loss_depth"]), number(r["partner_loss_depth"]), r["selection"]]
            for r in data["rounds"]]
    return rows([head] + body)


def final_text(data) -> str:
    deal = data["agreement"]
    if deal is None:
        return f"no agreement: sanctions at the deadline after {data['deadlocks']} deadlocks"
    return (f"agreement in round {deal['round']} ({deal['kind']}"
            f"{', weak: reached at the deadline' if deal['weak'] else ''}) after "
            f"{data['deadlocks']} deadlocks; regime: {data['regime']}")


def run(args) -> int:
    problem = load_source(args)
    if not isinstance(problem, StrategyProblem):
        raise TwoLevelError(source_label(args), "is not a strategy problem (it has no "
                            "[strategy] table)")
    if args.expected_utility:
        problem = problem.expected_utility()
    data = solve_path(problem).to_dict((problem.home.name, problem.partner.name))
    data["valuation"] = "expected utility" if args.expected_utility else "prospect theory"
    if args.format == "json":
        print(json_text(data))
    else:
        print("\n".join([f"{problem.home.name} (home) and {problem.partner.name} (partner), "
                         f"{data['valuation']}, deadline round {problem.rounds}", "",
                         rounds_table(data), "", final_text(data)]))
    return 0
