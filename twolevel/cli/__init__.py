"""The command line (``twolevel COMMAND``): one module per subcommand."""
from .parser import main

__all__ = ["main"]
