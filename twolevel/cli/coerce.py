"""``twolevel coerce FILE|--case NAME [--format table|json]``: a demand with and without the
threat, or an event record against the material-only rule (MODEL.md section 4)."""
from ..coercion import CoercionProblem, EventRecord, coerce, evaluate
from ..common.errors import TwoLevelError
from .common import add_format, add_source, json_text, load_source, number, rows

CHANNEL_LABELS = {
    "material": "material (lowers the target's no-agreement value)",
    "deference": "deference to the hierarchy (idem, threat or not)",
    "legitimacy": "legitimacy of the demand (idem, threat or not)",
    "backlash": "backlash (raises the target's constituencies' status quo)",
    "trust": "trust premium (extra cost per unit of a results demand)",
}


def add_parser(subparsers):
    p = subparsers.add_parser(
        "coerce", help="a threat and its social context (coercion)",
        description="A demand with and without the threat (a scenario with [coercion]), or an "
                    "event record ([[events]]) against the material-only rule.")
    add_source(p, "coercion scenario")
    add_format(p)
    p.set_defaults(handler=run)


def yes(flag) -> str:
    return "yes" if bool(flag) else "no"


def demand_table(problem: CoercionProblem, out) -> str:
    """One demand for people."""
    neg = problem.negotiation
    d = out.to_dict()
    head = (f"{neg.home.name} (target) and {neg.partner.name} (sender), demand: {d['demand']} "
            f"(the sender's choice at its trust: {d['demand_choice']})")
    table = rows([["", "with the threat", "without"],
                  ["agreement", yes(out.agreement), yes(out.agreement_without_threat)],
                  ["concession", number(out.concession), number(out.concession_without_threat)],
                  ["effectiveness", number(out.effectiveness)]])
    channels = rows([[f"  {CHANNEL_LABELS[k]}", number(v)] for k, v in out.channels.items()])
    lines = [head, "", table, "", "channels", channels]
    if d["counter_offer"] is not None:
        lines += ["", f"counter-offer on an instrument the target controls: "
                      f"{number(out.counter_offer)}"]
    return "\n".join(lines)


def record_table(result) -> str:
    """An event record for people."""
    d = result.to_dict()
    lines = [["event", "year", "kind", "ratio", "observed", "predicted", "material-only",
              "effectiveness"]]
    lines += [[e["name"], str(e["year"]), e["kind"], number(e["dependence"]), e["observed"],
               e["predicted"], e["material_predicted"], number(e["effectiveness"])]
              for e in d["events"]]
    errors = d["errors"]
    return "\n".join([rows(lines), "",
                      f"errors: social model {errors['social']}, material-only "
                      f"{errors['material']} (best cut: concede iff ratio >= "
                      f"{number(d['material_cut'])})"])


def run(args) -> int:
    problem = load_source(args)
    if isinstance(problem, EventRecord):
        result = evaluate(problem)
        text = json_text(result.to_dict()) if args.format == "json" else record_table(result)
    elif isinstance(problem, CoercionProblem):
        out = coerce(problem)
        text = json_text(out.to_dict()) if args.format == "json" else demand_table(problem, out)
    else:
        raise TwoLevelError("coercion", "is required: this is not a coercion scenario "
                            "(no [coercion] table)")
    print(text)
    return 0
