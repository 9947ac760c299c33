"""The Outcome object as a notebook user meets it: repr, dir, HTML, help, payments by side name;
and the model's refusal of a Partner given Home's bargaining power."""
import numpy as np
import pytest

import twolevel as tl
from twolevel.negotiation.outcome import FIELDS


def korea_chile():
    farmers = tl.Constituency("farmers", gain=0.1, slope=-1.0)
    home = tl.Side("Korea", gain=1.0, cost=1.0, batna=0.3, pressure=0.2, funds_cost=1.2,
                   quota=1.0, constituencies=[farmers])
    return tl.Negotiation(home, tl.Side("Chile", gain=0.0, benefit=1.0, batna=0.3))


def test_payments_by_role_or_by_side_name():
    out = tl.solve(korea_chile())
    assert out.payments("Korea") == out.payments("home") == {"farmers": out.side_payment_home}
    assert out.side_payment_home > 0
    assert out.payments("Chile") == out.payments("partner") == {}
    with pytest.raises(tl.TwoLevelError, match="side: must be 'home', 'partner', 'Korea' or "
                                               "'Chile', got 'Japan'"):
        out.payments("Japan")


def test_repr_dir_and_html_show_the_fields():
    out = tl.solve(korea_chile())
    text = repr(out)
    assert text.startswith("Outcome(Korea and Chile: solution=nash, agreement=True, ")
    assert f"concession={out.concession:.6g}" in text
    assert f"limit_home={out.limit_home:.6g}" in text
    assert set(FIELDS) <= set(dir(out)) and "payments" in dir(out)
    html = out._repr_html_()
    assert html.count("<tr>") == len(out._shown())
    assert FIELDS["concession"].replace("'", "&#x27;") in html
    assert all(name in (tl.Outcome.__doc__ or "") for name in FIELDS)


def test_repr_of_many_scenarios_counts_them():
    n = korea_chile()
    many = tl.Negotiation(n.home.with_(pressure=np.array([0.0, 0.2, 5.0])),
                          n.partner.with_(batna=np.array([[0.3], [2.0]])))
    out = tl.solve(many)
    agreed = int(np.sum(out.agreement))
    assert repr(out) == (f"Outcome(Korea and Chile: scenarios=6 of shape (2, 3), {agreed} with "
                         f"agreement, solution=nash)")
    assert 0 < agreed < 6


def test_a_partner_given_power_is_an_error():
    n = korea_chile()
    with pytest.raises(tl.TwoLevelError, match="partner.power: is Home's bargaining power"):
        tl.Negotiation(n.home, n.partner.with_(power=0.3))
    assert n.home.power == 0.5 and n.partner.power is None


def test_repr_of_a_failed_ex_post_ratification_says_why():
    """Ex post, with little pressure, Korea signs x_N but cannot afford the farmers' loss."""
    n = korea_chile()
    out = tl.solve(tl.Negotiation(n.home.with_(ratification="ex_post", pressure=0.0), n.partner))
    text = repr(out)
    assert text.startswith("Outcome(Korea and Chile: solution=nash, ratification=ex_post / "
                           "committed, agreement=False, reason=ratification, concession=nan, "
                           f"signed={out.signed:.6g}, ")
    assert out.signed > out.limit_home
    committed = repr(tl.solve(n))
    assert "ratification=" not in committed and "signed=" not in committed
