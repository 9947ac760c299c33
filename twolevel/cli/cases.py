"""``twolevel cases``: the built-in cases, name and summary."""
from .. import cases
from .common import rows


def add_parser(subparsers):
    p = subparsers.add_parser("cases", help="list the built-in cases",
                              description="List the built-in cases: name and summary.")
    p.set_defaults(handler=run)


def run(args) -> int:
    known = cases.names()
    text = rows([[n, cases.summary(n)] for n in known]) if known else "(no built-in cases)"
    print(text)
    return 0
