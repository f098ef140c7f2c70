import pytest

from splitbill.ledger import Expense, Group, balances


def test_simple_dinner():
    e = Expense("ana", 3000, ("ana", "ben", "cy"))
    assert balances([e]) == {"ana": 2000, "ben": -1000, "cy": -1000}


def test_leftover_cents_go_to_first_listed():
    e = Expense("cy", 1000, ("ben", "ana", "cy"))
    assert balances([e]) == {"ana": -333, "ben": -334, "cy": 1000 - 333}


def test_payer_not_participant():
    e = Expense("mum", 500, ("kid1", "kid2"))
    result = balances([e])
    assert result == {"kid1": -250, "kid2": -250, "mum": 500}
    assert list(result) == ["kid1", "kid2", "mum"]


def test_sums_to_zero_over_many():
    es = [Expense("a", 1001, ("a", "b", "c")), Expense("b", 299, ("c", "a")), Expense("c", 7, ("a", "b", "c"))]
    assert sum(balances(es).values()) == 0


def test_no_participants():
    with pytest.raises(ValueError):
        balances([Expense("a", 100, ())])


def test_empty():
    assert balances([]) == {}


def test_group_settlement():
    g = Group("trip")
    for p in ["ana", "ben", "cy"]:
        g.join(p)
    g.add_expense("ana", "90.00", description="hotel")
    g.add_expense("ben", "30.00", ["ben", "cy"], "taxi")
    assert g.settlement() == ["cy pays ana 45.00", "ben pays ana 15.00"]
