"""Sequences solve each deal in its ratification mode (the layer of negotiation.ratification)."""
from dataclasses import replace

import numpy as np

from sequence_problems import deal, problem_of
from twolevel import solve
from twolevel.sequencing import evaluate


def test_an_ex_post_home_in_a_sequence_is_each_deal_solved_alone():
    """Home ratifies ex post (shared), veto rent 0.4: every step equals the deal solved alone at
    the step's pressure; at least one deal fails ratification and one pays a rent."""
    partners = [deal("A", 0.5, 1.0, 0.3, -1.0, 0.3, 0.1), deal("B", 0.2, 1.0, 0.2, -3.0, 0.1, 0.1),
                deal("C", 0.0, 0.8, 0.1, -0.5, 0.4, 0.2)]
    problem = problem_of(partners)
    ex_post = replace(problem, home={**problem.home, "ratification": "ex_post", "veto_rent": 0.4})
    reasons = []
    for order in (["A", "B", "C"], ["C", "B", "A"]):
        for step in evaluate(ex_post, order).steps:
            one = solve(ex_post.negotiation(ex_post.index(step.partner), step.pressure))
            assert bool(one.agreement) == step.agreement
            want = [one.concession, one.side_payment_home]
            got = [np.nan if v is None else v for v in (step.concession, step.side_payment)]
            np.testing.assert_allclose(got, want, equal_nan=True)
            assert step.reason == one.reasons
            reasons.append(one.reasons)
    assert "ratification" in reasons and None in reasons
