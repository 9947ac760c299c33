"""``twolevel issues FILE|--case NAME [--solution S] [--format table|json]``: several issues
(MODEL.md section 5): the package deal of the informal channel against the positional protocol of
the formal table, the joint gain left, issues conceded in each."""
from ..common.errors import TwoLevelError
from ..issues.model import SOLUTIONS, IssuesProblem
from ..issues.solve import solve
from .common import add_format, add_source, json_text, load_source, number, rows, source_label


def add_parser(subparsers):
    p = subparsers.add_parser(
        "issues", help="several issues: package deal against issue-by-issue bargaining",
        description="Solve a multi-issue scenario: the package deal (informal channel) and the "
                    "positional protocol (formal table, issue by issue), the joint gain the "
                    "positional protocol leaves, side payments and the agencies that bind.")
    add_source(p, "multi-issue scenario")
    p.add_argument("--solution", choices=SOLUTIONS, default=None,
                   help="solution concept (default: the scenario's own, else nash)")
    add_format(p)
    p.set_defaults(handler=run)


def run(args) -> int:
    problem = load_source(args)
    if not isinstance(problem, IssuesProblem):
        raise TwoLevelError(source_label(args), "holds no [[issues]] (`twolevel solve` or "
                            "`twolevel sequence` solves it)")
    data = solve(problem, args.solution).to_dict()
    print(json_text(data) if args.format == "json" else table(problem, data))
    return 0


def table(problem, d) -> str:
    pkg, pos = d["package"], d["positional"]

    def yes(flag):
        return "yes" if flag else "no"

    head = [f"{problem.home.name} (home) and {problem.partner.name} (partner): "
            f"{len(problem.issues)} issues, {len(problem.agencies)} agencies, solution "
            f"{d['solution']}", ""]
    issues = rows([["issue", "package", "positional", "agreed at the table"]] + [
        [n, number(pkg["concessions"][n]), number(pos["concessions"][n]),
         yes(pos["issues_agreed"][n])] for n in problem.names])
    summary = rows([
        ["", "package", "positional"],
        ["agreement", yes(pkg["agreement"]), yes(pos["agreement"])],
        [f"{problem.home.name} utility", number(pkg["home_utility"]),
         number(pos["home_utility"])],
        [f"{problem.partner.name} utility", number(pkg["partner_utility"]),
         number(pos["partner_utility"])],
        ["side payment (government)", number(pkg["side_payment"]["government"]),
         number(pos["side_payment"]["government"])],
        ["side payment (internal)", number(pkg["side_payment"]["internal"]),
         number(pos["side_payment"]["internal"])],
        ["agencies binding", str(len(pkg["binding"])), str(len(pos["binding"]))],
        ["issues conceded", str(d["issues_conceded"]["informal"]),
         str(d["issues_conceded"]["formal"])],
    ])
    paid = [[f"  {n}", number(v)] for n, v in pkg["payments"].items() if v]
    tail = ["", "package: payments received", rows(paid)] if paid else []
    return "\n".join(head + [issues, "", summary, "",
                             f"joint gain left by the positional protocol: "
                             f"{number(d['joint_gain_left'])}"] + tail)
