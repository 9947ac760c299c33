"""``twolevel solve FILE|--case NAME [--solution S] [--format table|json]``: one negotiation
(MODEL.md section 1)."""
from ..negotiation.kernel import SOLUTIONS
from ..negotiation.solve import solve
from .common import add_format, add_source, intervals, json_text, load_negotiation, number, rows


def add_parser(subparsers):
    p = subparsers.add_parser("solve", help="solve one negotiation",
                              description="Solve one negotiation from a scenario file or a case.")
    add_source(p)
    p.add_argument("--solution", choices=SOLUTIONS, default=None,
                   help="solution concept (default: the scenario's own, else nash)")
    add_format(p)
    p.set_defaults(handler=run)


SOLUTION_NAMES = {"nash": "Nash", "kalai-smorodinsky": "Kalai-Smorodinsky",
                  "rubinstein": "Rubinstein"}
AGREEMENT = {None: "yes", "zopa": "no (the ZOPA is empty)",
             "ratification": "no (the signed deal failed ratification ex post)"}


def mode(side) -> str:
    """'committed', or 'ex post' with its veto rent."""
    if side.ratification == "committed":
        return "committed"
    return f"ex post, veto rent {number(side.veto_rent)}"


def outcome_table(negotiation, outcome) -> str:
    """The outcome of one negotiation for people: every number labelled with what it is."""
    d = outcome.to_dict()
    home, partner = negotiation.home.name, negotiation.partner.name

    def both(key):
        return [number(d[key]["home"]), number(d[key]["partner"])]

    failed = d["reason"] == "ratification"
    head = [
        f"{home} (home) and {partner} (partner), {SOLUTION_NAMES[d['solution']]} solution",
        f"x = {home}'s concession: the share of {partner}'s demands that {home} meets "
        "(0 = none, 1 = all)",
        "",
        rows([["agreement", AGREEMENT[d["reason"]]],
              ["concession x*", number(d["concession"])],
              *([["signed x0 (not ratified)", number(d["signed"])]] if failed else []),
              ["ZOPA F (x both governments accept, ratified)", intervals(d["zopa"])]]),
        "",
    ]
    sides = rows([
        ["", home, partner],
        ["ratification", mode(negotiation.home), mode(negotiation.partner)],
        ["reservation point of the government", *both("reservation")],
        ["  its limit once ratification costs count", *both("limits")],
        ["win-set (ratified without side payments)", intervals(d["winset"]["home"]),
         intervals(d["winset"]["partner"])],
        ["no-agreement value d = batna - pressure", number(negotiation.home.no_agreement),
         number(negotiation.partner.no_agreement)],
        ["utility at x*, net of funds_cost x side payments", number(d["home_utility"]),
         number(d["partner_utility"])],
        ["side payments (total)", *both("side_payment")],
    ])
    notes = ["", f"limits: {home}'s is the largest concession in F, {partner}'s the smallest."]
    if any(side.ratification == "ex_post" for side in (negotiation.home, negotiation.partner)):
        notes += ["ex post: the table bargains without the ex-post side's constituencies, which",
                  "are paid after signing; a signed x0 outside F is not ratified."]
    pay = [[f"  {name}'s government pays its {c}", number(p)]
           for name, role in ((home, "home"), (partner, "partner"))
           for c, p in d["payments"][role].items() if p]
    tail = ["", "who pays whom", rows(pay)] if pay else []
    return "\n".join(head + [sides] + notes + tail)


def run(args) -> int:
    negotiation = load_negotiation(args)
    outcome = solve(negotiation, args.solution)
    text = json_text(outcome.to_dict()) if args.format == "json" else \
        outcome_table(negotiation, outcome)
    print(text)
    return 0
