"""Small sequence problems for the tests: deals with one veto farm constituency."""
from twolevel import Constituency, Side
from twolevel.sequencing.problem import Partner, SequenceProblem

NAMES = "ABCDEFGHIJKLMN"


def deal(name, relief, gain, batna, slope, tolerance, partner_batna, cost=None):
    """A deal: Home gain/batna, one veto farm constituency, Partner (gain 0, benefit 1)."""
    home = {"gain": gain, "batna": batna, "quota": 1.0,
            "constituencies": (Constituency("farmers", gain=tolerance, slope=slope),)}
    if cost is not None:
        home["cost"] = cost
    return Partner(name, relief, Side(name, gain=0.0, benefit=1.0, batna=partner_batna), home)


def problem_of(partners, **kw):
    home = {"name": "Home", "cost": 1.0, "power": 0.5, "funds_cost": 1.2}
    return SequenceProblem(home, tuple(partners), **{"initial": 0.3, **kw})
