"""``twolevel docs [PAGE]``: the documentation shipped with the package (the model, the cases, the
file formats, ...): the list of pages, or one page as Markdown."""
from .. import docs
from .common import rows


def add_parser(subparsers):
    p = subparsers.add_parser("docs", help="read the documentation (model, cases, file formats)",
                              description="Without PAGE, list the documentation pages; with "
                                          "PAGE (e.g. MODEL, CASES, files), print it.")
    p.add_argument("page", nargs="?", metavar="PAGE", help="the page to print")
    p.set_defaults(handler=run)


def run(args) -> int:
    if args.page is not None:
        print(docs.read(args.page), end="")
        return 0
    print(rows([[name, _title(name)] for name in docs.names()]))
    return 0


def _title(name) -> str:
    """The page's first heading."""
    for line in docs.read(name).splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return ""
