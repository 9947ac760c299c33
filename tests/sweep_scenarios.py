"""Scenarios and an independent point-by-point reference for the sweep tests.

The reference sets each swept value in the scenario-file document of the base (walking the dotted
path by hand) and solves that one scenario: no sweep code is involved but ``scenario_dump.dumps``.
"""
import tomllib

import numpy as np

from twolevel import Constituency, Negotiation, Side, solve
from twolevel.files.negotiation import negotiation
from twolevel.negotiation.text import dumps

# Korea-Chile-like: one veto constituency at Home (threshold w = 0.1), exporters at Partner.
BASE = Negotiation(
    Side("Korea", gain=0.8, cost=1.0, batna=0.3, pressure=0.55, funds_cost=1.2, quota=1.0,
         constituencies=(Constituency("farmers", gain=0.1, slope=-1.0),
                         Constituency("industry", gain=-0.05, slope=0.4, weight=2.0))),
    Side("Chile", gain=0.0, benefit=1.0, batna=0.3, funds_cost=1.1,
         constituencies=(Constituency("exporters", gain=-0.1, slope=1.0),)),
)

OUTPUTS = ("agreement", "concession", "side_payment_home", "side_payment_partner",
           "home_utility", "partner_utility")


def set_path(doc, path, value):
    """Set dotted ``path`` (constituencies named by name) in a scenario document."""
    role, _, rest = path.partition(".")
    if rest.startswith("constituencies."):
        name, _, key = rest[len("constituencies."):].rpartition(".")
        [target] = [c for c in doc[role]["constituencies"] if c["name"] == name]
        target[key] = value
    else:
        doc[role][rest] = value


def point(base, values: dict, solution=None):
    """The outputs of ``base`` with ``values`` {path: number or mode} set, one scalar solve."""
    doc = tomllib.loads(dumps(base))
    for path, value in values.items():
        set_path(doc, path, str(value) if isinstance(value, str) else float(value))
    out = solve(negotiation(doc), solution)
    return {name: getattr(out, name) for name in OUTPUTS}


def assert_same(actual, expected, atol=1e-9):
    """Equal agreement masks and outputs equal to ``atol``, NaN exactly where there is none."""
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape
    if expected.dtype == bool:
        np.testing.assert_array_equal(actual, expected)
    else:
        np.testing.assert_allclose(actual, expected, rtol=0, atol=atol, equal_nan=True)
