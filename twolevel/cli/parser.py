"""The ``twolevel`` command line. Each subcommand is a module of this package exposing
``add_parser(subparsers)``, which adds its subparser and sets ``handler=function(args) -> int``.

Exit status: 0 success, 2 bad input (a TwoLevelError, printed as one line on stderr) or a usage
error. Output is printed only once the whole result is computed.
"""
import argparse
import os
import sys

from .. import __version__
from ..common.errors import TwoLevelError
from . import cases, coerce, docs, sequence, solve, sweep

PROG = "twolevel"
COMMANDS = (solve, cases, sequence, sweep, coerce, docs)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog=PROG, description="Game-theoretic analysis of two-level bargaining.")
    top.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
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
