"""The installed ``twolevel`` console script, for tests that run it as users do."""
import shutil
import sys
from pathlib import Path


def command(name="twolevel"):
    """The installed console script (next to this Python, else on PATH)."""
    script = Path(sys.executable).parent / name
    found = str(script) if script.exists() else shutil.which(name)
    assert found, "the twolevel command is not installed: pip install '.[test]'"
    return found
