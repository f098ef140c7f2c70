import pytest

from users.store import User, UserError, UserStore, load_users, save_users


def test_emails_are_unique_ignoring_case():
    store = UserStore([User("ana", "ana@example.com")])
    with pytest.raises(UserError):
        store.add(User("ana2", "ANA@example.com"))


def test_round_trip(tmp_path):
    store = UserStore([User("ana", "ana@example.com", "Ana B", frozenset({"admin", "editor"}))])
    path = tmp_path / "users.csv"
    assert save_users(store, str(path)) == 1
    again = load_users(str(path))
    assert again.get("ana") == store.get("ana")
