from orders.transitions import FINAL_STATES, states


def test_final_states_are_states():
    assert FINAL_STATES <= states()
