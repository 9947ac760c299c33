"""The ``twolevel`` command line: ``solve`` and ``cases`` here; further subcommands live in
``cli_<name>.py`` modules exposing ``add_parser(subparsers)``, which adds a subparser and sets
``handler=function(args) -> int`` with ``set_defaults``.

Exit status: 0 success, 2 bad input (a TwoLevelError, printed as one line on stderr) or a usage
error. Output is printed only once the whole result is computed.
"""
import argparse
import importlib
import json
import os
import sys

from . import cases, scenario
from .errors import TwoLevelError
from .kernel import SOLUTIONS

PROG = "twolevel"
EXTENSIONS = ("cli_sequence", "cli_sweep")


def add_source(parser, what="scenario"):
    """FILE or --case NAME: exactly one is required."""
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("file", nargs="?", metavar="FILE", help=f"{what} file (TOML)")
    group.add_argument("--case", metavar="NAME", help="a built-in case (see `twolevel cases`)")


def add_format(parser):
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="table for people (default) or json for programs")


def source_label(args) -> str:
    return f"case {args.case}" if args.case is not None else args.file


def load_source(args):
    """The Negotiation or sequence problem named by FILE or --case."""
    return cases.load(args.case) if args.case is not None else scenario.load(args.file)


def load_negotiation(args):
    """The Negotiation named by FILE or --case (a sequence is an error)."""
    if args.case is not None:
        return cases.load_negotiation(args.case)
    return scenario.load_negotiation(args.file)


def json_text(data) -> str:
    """``data`` as JSON; NaN or infinity is a bug upstream (JSON has null for them)."""
    return json.dumps(data, indent=2, allow_nan=False)


def number(x) -> str:
    """A number for tables: 6 significant digits, '-' for NaN or None (JSON null)."""
    x = float("nan") if x is None else float(x)
    return "-" if x != x else f"{x:.6g}"


def intervals(items) -> str:
    """[[lo, hi], ...] as '[lo, hi] and [lo, hi]', 'empty' for none."""
    if not items:
        return "empty"
    return " and ".join(f"[{number(lo)}, {number(hi)}]" for lo, hi in items)


def rows(lines) -> str:
    """Rows of cells as left-aligned columns."""
    widths = [max(len(row[i]) for row in lines if i < len(row))
              for i in range(max(len(row) for row in lines))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
                     for row in lines)


def outcome_table(negotiation, outcome) -> str:
    """The outcome of one negotiation for people."""
    d = outcome.to_dict()
    home, partner = negotiation.home.name, negotiation.partner.name
    agreed = bool(d["agreement"])
    head = [
        f"{home} (home) and {partner} (partner), solution: {d['solution']}",
        "",
        rows([["agreement", "yes" if agreed else "no (the ZOPA is empty)"],
              ["concession x*", number(outcome.concession)],
              ["ZOPA", intervals(d["zopa"])]]),
        "",
    ]

    def both(attr):
        return [number(getattr(outcome, f"{attr}_home")),
                number(getattr(outcome, f"{attr}_partner"))]

    sides = rows([
        ["", home, partner],
        ["utility", number(outcome.home_utility), number(outcome.partner_utility)],
        ["no-agreement value", number(negotiation.home.no_agreement),
         number(negotiation.partner.no_agreement)],
        ["reservation point", *both("reservation")],
        ["win-set", intervals(d["winset"]["home"]), intervals(d["winset"]["partner"])],
        ["side payments (total)", *both("side_payment")],
    ])
    pay = [[name_, c, number(p)]
           for name_, role in ((home, "home"), (partner, "partner"))
           for c, p in outcome.payments(role).items()]
    tail = ["", "side payments by constituency", rows([["  " + r[0], *r[1:]] for r in pay])] \
        if pay else []
    return "\n".join(head + [sides] + tail)


def cmd_solve(args) -> int:
    from .solve import solve
    negotiation = load_negotiation(args)
    outcome = solve(negotiation, args.solution)
    text = json_text(outcome.to_dict()) if args.format == "json" else \
        outcome_table(negotiation, outcome)
    print(text)
    return 0


def cmd_cases(args) -> int:
    known = cases.names()
    text = rows([[n, cases.summary(n)] for n in known]) if known else "(no built-in cases)"
    print(text)
    return 0


def extension(name):
    """The subcommand module ``twolevel.<name>``, or None where it is not there."""
    full = f"{__package__}.{name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name != full:
            raise
        return None


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog=PROG, description="Game-theoretic analysis of two-level bargaining.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    solve = sub.add_parser("solve", help="solve one negotiation",
                           description="Solve one negotiation from a scenario file or a case.")
    add_source(solve)
    solve.add_argument("--solution", choices=SOLUTIONS, default=None,
                       help="solution concept (default: the scenario's own, else nash)")
    add_format(solve)
    solve.set_defaults(handler=cmd_solve)

    listing = sub.add_parser("cases", help="list the built-in cases",
                             description="List the built-in cases: name and summary.")
    listing.set_defaults(handler=cmd_cases)

    for name in EXTENSIONS:
        module = extension(name)
        if module is not None:
            module.add_parser(sub)
    return top


def main(argv=None) -> int:
    """Run the command line on ``argv`` (default: sys.argv[1:]); returns the exit status."""
    try:
        args = parser().parse_args(argv)
        return args.handler(args)
    except SystemExit as exc:  # argparse: usage errors (2) and --help (0)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except TwoLevelError as exc:
        print(f"{PROG}: error: {' '.join(str(exc).splitlines())}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `twolevel cases | head -1`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
