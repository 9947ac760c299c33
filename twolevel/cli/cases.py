"""``twolevel cases [--show NAME]``: the built-in cases (name and summary), or one case's file to
start a scenario of one's own from."""
from .. import cases
from .common import rows


def add_parser(subparsers):
    p = subparsers.add_parser("cases", help="list the built-in cases, or print one (--show)",
                              description="List the built-in cases (name and summary); with "
                                          "--show NAME, print that case's scenario file, with "
                                          "its sources and calibration notes, to start from.")
    p.add_argument("--show", metavar="NAME", help="print the scenario file of case NAME")
    p.set_defaults(handler=run)


def run(args) -> int:
    if args.show is not None:
        print(cases.path(args.show).read_text(encoding="utf-8"), end="")
        return 0
    known = cases.names()
    print(rows([[n, cases.summary(n)] for n in known]) if known else "(no built-in cases)")
    return 0
