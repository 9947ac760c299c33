"""Shared pieces of the subcommands: FILE or --case, --format, tables and JSON text."""
import json

from .. import cases, files


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
    return cases.load(args.case) if args.case is not None else files.load(args.file)


def load_negotiation(args):
    """The Negotiation named by FILE or --case (a sequence is an error)."""
    if args.case is not None:
        return cases.load_negotiation(args.case)
    return files.load_negotiation(args.file)


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
