"""Running the command line inside a test: exit status, stdout and stderr; JSON output."""
import json

from twolevel import cli


def run(capsys, *argv):
    """(exit status, stdout, stderr) of ``twolevel *argv``."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys, *argv):
    """The JSON printed by ``twolevel *argv --format json``, which must succeed quietly."""
    code, out, err = run(capsys, *argv, "--format", "json")
    assert (code, err) == (0, "")
    return json.loads(out)
