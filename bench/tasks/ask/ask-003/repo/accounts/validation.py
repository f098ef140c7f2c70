"""Checks applied to what people type when they sign up or edit their profile."""

from __future__ import annotations

import re

MIN_USERNAME = 3
MAX_USERNAME = 20
MIN_PASSWORD = 10

_USERNAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)

RESERVED_NAMES = frozenset({"admin", "root", "support", "moderator", "system", "null"})


class ValidationError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def normalize_username(name: str) -> str:
    return name.strip().lower()


def validate_username(name: str) -> str:
    """Return the normalized username, or raise ValidationError."""
    name = normalize_username(name)
    if not MIN_USERNAME <= len(name) <= MAX_USERNAME:
        raise ValidationError("username", f"must be {MIN_USERNAME} to {MAX_USERNAME} characters")
    if not _USERNAME_RE.match(name):
        raise ValidationError("username", "letters, digits and _ only, starting with a letter")
    if "__" in name or name.endswith("_"):
        raise ValidationError("username", "no double or trailing underscores")
    if name in RESERVED_NAMES:
        raise ValidationError("username", "this name is reserved")
    return name


def validate_email(address: str) -> str:
    address = address.strip()
    if not _EMAIL_RE.match(address):
        raise ValidationError("email", "not an e-mail address")
    local, _, domain = address.partition("@")
    return f"{local}@{domain.lower()}"


def password_problems(password: str, username: str = "") -> list[str]:
    """Everything wrong with a password (empty list when it is acceptable)."""
    problems = []
    if len(password) < MIN_PASSWORD:
        problems.append(f"at least {MIN_PASSWORD} characters")
    if password.lower() == password or password.upper() == password:
        problems.append("mix upper and lower case")
    if not any(ch.isdigit() for ch in password):
        problems.append("at least one digit")
    if username and username.lower() in password.lower():
        problems.append("must not contain the username")
    return problems


def validate_password(password: str, username: str = "") -> str:
    problems = password_problems(password, username)
    if problems:
        raise ValidationError("password", "; ".join(problems))
    return password
