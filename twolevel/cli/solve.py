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


AGREEMENT = {None: "yes", "zopa": "no (the ZOPA is empty)",
             "ratification": "no (the signed deal failed ratification ex post)"}


def mode(side) -> str:
    """'committed', or 'ex post' with its veto rent."""
    if side.ratification == "committed":
        return "committed"
    return f"ex post, veto rent {number(side.veto_rent)}"


def outcome_table(negotiation, outcome) -> str:
    """The outcome of one negotiation for people."""
    d = outcome.to_dict()
    home, partner = negotiation.home.name, negotiation.partner.name
    head = [
        f"{home} (home) and {partner} (partner), solution: {d['solution']}",
        "",
        rows([["agreement", AGREEMENT[d["reason"]]],
              ["concession x*", number(outcome.concession)],
              *([["signed x0", number(d["signed"])]] if d["reason"] == "ratification" else []),
              ["ZOPA", intervals(d["zopa"])]]),
        "",
    ]

    def both(attr):
        return [number(getattr(outcome, f"{attr}_home")),
                number(getattr(outcome, f"{attr}_partner"))]

    sides = rows([
        ["", home, partner],
        ["ratification", mode(negotiation.home), mode(negotiation.partner)],
        ["utility", number(outcome.home_utility), number(outcome.partner_utility)],
        ["no-agreement value", number(negotiation.home.no_agreement),
         number(negotiation.partner.no_agreement)],
        ["reservation point", *both("reservation")],
        ["limit (end of F)", number(d["limits"]["home"]), number(d["limits"]["partner"])],
        ["win-set", intervals(d["winset"]["home"]), intervals(d["winset"]["partner"])],
        ["side payments (total)", *both("side_payment")],
    ])
    pay = [[name_, c, number(p)]
           for name_, role in ((home, "home"), (partner, "partner"))
           for c, p in outcome.payments(role).items()]
    tail = ["", "side payments by constituency", rows([["  " + r[0], *r[1:]] for r in pay])] \
        if pay else []
    return "\n".join(head + [sides] + tail)


def run(args) -> int:
    negotiation = load_negotiation(args)
    outcome = solve(negotiation, args.solution)
    text = json_text(outcome.to_dict()) if args.format == "json" else \
        outcome_table(negotiation, outcome)
    print(text)
    return 0
