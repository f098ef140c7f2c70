import pytest

from users.store import User, UserError, UserStore, load_users, save_users


def test_emails_are_unique_ignoring_case():
    store = UserStore([User("ana", "ana@example.com")])
    with pytest.raises(UserError):
        store.add(User("ana2", "ANA@example.com"))


def test_round_trip(tmp_path):
    store = UserStore([User("ana", "ana@example.com", "Ana B", frozenset({"admin", "editor"}))])
    path = tmp_path / "users.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        assert save_users(store, fh) == 1
    with open(path, newline="", encoding="utf-8") as fh:
        again = load_users(fh)
    assert again.get("ana") == store.get("ana")
