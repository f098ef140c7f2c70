"""Sign-up and profile changes."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from .validation import ValidationError, validate_email, validate_password, validate_username


@dataclass
class Account:
    username: str
    email: str
    password_hash: str
    salt: str


def hash_password(password: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), 100_000).hex()


class AccountService:
    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}

    def register(self, username: str, email: str, password: str) -> Account:
        name = validate_username(username)
        if name in self.accounts:
            raise ValidationError("username", "already taken")
        salt = os.urandom(16).hex()
        account = Account(name, validate_email(email), hash_password(validate_password(password, name), salt), salt)
        self.accounts[name] = account
        return account

    def rename(self, old: str, new: str) -> Account:
        account = self.accounts.pop(old)
        try:
            account.username = validate_username(new)
        except ValidationError:
            self.accounts[old] = account
            raise
        self.accounts[account.username] = account
        return account
