"""User accounts: validation, an in-memory directory, and CSV persistence.

The CSV layout is one account per line:

    username,email,full_name,roles,active,created,password_hash

`roles` is a ';'-separated list; `active` is 'yes' or 'no'; `created` is an
ISO date; `password_hash` may be empty for accounts that log in elsewhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

FIELDS = ("username", "email", "full_name", "roles", "active", "created", "password_hash")
KNOWN_ROLES = frozenset({"admin", "editor", "viewer", "billing", "support"})

_USERNAME = re.compile(r"^[a-z][a-z0-9_.-]{1,31}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
PBKDF2_ROUNDS = 120_000


class UserError(ValueError):
    """A user record that breaks the directory's rules."""


@dataclass(frozen=True)
class User:
    username: str
    email: str
    full_name: str = ""
    roles: frozenset[str] = frozenset()
    active: bool = True
    created: dt.date = field(default_factory=dt.date.today)
    password_hash: str = ""

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles

    @property
    def domain(self) -> str:
        return self.email.rsplit("@", 1)[1].lower()

    def display_name(self) -> str:
        return self.full_name or self.username


def validate(user: User) -> User:
    """Return `user` when it follows the rules, else raise UserError."""
    if not _USERNAME.match(user.username):
        raise UserError(f"bad username {user.username!r}")
    if not _EMAIL.match(user.email):
        raise UserError(f"bad email {user.email!r} for {user.username}")
    unknown = user.roles - KNOWN_ROLES
    if unknown:
        raise UserError(f"unknown roles for {user.username}: {', '.join(sorted(unknown))}")
    return user


# -- passwords ---------------------------------------------------------------


def hash_password(password: str, salt: bytes | None = None) -> str:
    """'pbkdf2$<rounds>$<salt hex>$<digest hex>'."""
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ROUNDS)
    return f"pbkdf2${PBKDF2_ROUNDS}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, rounds, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2":
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt_hex), int(rounds))
    return hmac.compare_digest(digest.hex(), digest_hex)


# -- the directory -------------------------------------------------------------


class UserStore:
    """All accounts, keyed by username; e-mail addresses are unique too (case-insensitively)."""

    def __init__(self, users: Iterable[User] = ()) -> None:
        self._users: dict[str, User] = {}
        for user in users:
            self.add(user)

    def __len__(self) -> int:
        return len(self._users)

    def __iter__(self) -> Iterator[User]:
        return iter(sorted(self._users.values(), key=lambda u: u.username))

    def __contains__(self, username: str) -> bool:
        return username in self._users

    def add(self, user: User) -> User:
        validate(user)
        if user.username in self._users:
            raise UserError(f"username {user.username} is taken")
        if self.by_email(user.email) is not None:
            raise UserError(f"email {user.email} is already used")
        self._users[user.username] = user
        return user

    def get(self, username: str) -> User:
        try:
            return self._users[username]
        except KeyError:
            raise UserError(f"no user {username}") from None

    def by_email(self, email: str) -> User | None:
        wanted = email.lower()
        for user in self._users.values():
            if user.email.lower() == wanted:
                return user
        return None

    def remove(self, username: str) -> User:
        user = self.get(username)
        del self._users[username]
        return user

    def update(self, username: str, **changes) -> User:
        """Replace fields of an account (username cannot change)."""
        if "username" in changes:
            raise UserError("usernames cannot be changed; remove and add instead")
        old = self.get(username)
        new = validate(replace(old, **changes))
        if "email" in changes:
            clash = self.by_email(new.email)
            if clash is not None and clash.username != username:
                raise UserError(f"email {new.email} is already used")
        self._users[username] = new
        return new

    def grant(self, username: str, role: str) -> User:
        user = self.get(username)
        return self.update(username, roles=user.roles | {role})

    def revoke(self, username: str, role: str) -> User:
        user = self.get(username)
        return self.update(username, roles=user.roles - {role})

    def deactivate(self, username: str) -> User:
        return self.update(username, active=False)

    def set_password(self, username: str, password: str) -> User:
        if len(password) < 10:
            raise UserError("passwords need at least 10 characters")
        return self.update(username, password_hash=hash_password(password))

    def authenticate(self, username: str, password: str) -> bool:
        user = self._users.get(username)
        return bool(user and user.active and user.password_hash and check_password(password, user.password_hash))

    def search(self, text: str) -> list[User]:
        """Accounts whose username, e-mail or name contains `text` (any case)."""
        needle = text.lower()
        return [
            u for u in self if needle in u.username or needle in u.email.lower() or needle in u.full_name.lower()
        ]

    def with_role(self, role: str) -> list[User]:
        return [u for u in self if role in u.roles]

    def active_users(self) -> list[User]:
        return [u for u in self if u.active]

    def role_counts(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for user in self:
            counts.update(user.roles)
        return dict(sorted(counts.items()))

    def domains(self) -> dict[str, int]:
        return dict(sorted(Counter(u.domain for u in self).items()))

    def created_between(self, first: dt.date, last: dt.date) -> list[User]:
        return [u for u in self if first <= u.created <= last]


# -- CSV -------------------------------------------------------------------------


def user_from_row(row: dict[str, str]) -> User:
    """One CSV row to a User; raises UserError on bad fields."""
    try:
        created = dt.date.fromisoformat(row.get("created") or dt.date.today().isoformat())
    except ValueError:
        raise UserError(f"bad created date {row.get('created')!r} for {row.get('username')}") from None
    active = (row.get("active") or "yes").strip().lower()
    if active not in ("yes", "no"):
        raise UserError(f"active must be yes or no, not {active!r}")
    return validate(
        User(
            username=(row.get("username") or "").strip(),
            email=(row.get("email") or "").strip(),
            full_name=(row.get("full_name") or "").strip(),
            roles=frozenset(r.strip() for r in (row.get("roles") or "").split(";") if r.strip()),
            active=active == "yes",
            created=created,
            password_hash=(row.get("password_hash") or "").strip(),
        )
    )


def user_to_row(user: User) -> dict[str, str]:
    return {
        "username": user.username,
        "email": user.email,
        "full_name": user.full_name,
        "roles": ";".join(sorted(user.roles)),
        "active": "yes" if user.active else "no",
        "created": user.created.isoformat(),
        "password_hash": user.password_hash,
    }


def load_users(path: str) -> UserStore:
    """Read the CSV file at `path` into a UserStore.

    Raises UserError naming the line of the first bad record.
    """
    store = UserStore()
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [name for name in ("username", "email") if name not in (reader.fieldnames or [])]
        if missing:
            raise UserError(f"missing columns: {', '.join(missing)}")
        for lineno, row in enumerate(reader, start=2):
            try:
                store.add(user_from_row(row))
            except UserError as exc:
                raise UserError(f"line {lineno}: {exc}") from None
    return store


def save_users(store: UserStore, path: str) -> int:
    """Write every account to the CSV file at `path`, sorted by username; returns the count."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for user in store:
            writer.writerow(user_to_row(user))
    return len(store)


def merge(base: UserStore, incoming: Iterable[User]) -> tuple[int, int]:
    """Add new accounts and update existing ones from `incoming`; returns (added, updated)."""
    added = updated = 0
    for user in incoming:
        if user.username in base:
            changes = {k: v for k, v in vars(user).items() if k != "username"}
            if base.get(user.username) != user:
                base.update(user.username, **changes)
                updated += 1
        else:
            base.add(user)
            added += 1
    return added, updated


# -- maintenance -----------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    username: str
    kind: str  # "added", "removed" or "changed"
    fields: tuple[str, ...] = ()


def diff(old: UserStore, new: UserStore) -> list[Change]:
    """What changed between two versions of the directory, by username."""
    changes = []
    names = sorted({u.username for u in old} | {u.username for u in new})
    for name in names:
        if name not in old:
            changes.append(Change(name, "added"))
        elif name not in new:
            changes.append(Change(name, "removed"))
        else:
            before, after = vars(old.get(name)), vars(new.get(name))
            changed = tuple(k for k in FIELDS if before[k] != after[k])
            if changed:
                changes.append(Change(name, "changed", changed))
    return changes


def move_domain(store: UserStore, old_domain: str, new_domain: str) -> list[str]:
    """Switch every address at `old_domain` to `new_domain`; returns the usernames changed."""
    moved = []
    for user in list(store):
        if user.domain == old_domain.lower():
            local = user.email.rsplit("@", 1)[0]
            store.update(user.username, email=f"{local}@{new_domain}")
            moved.append(user.username)
    return moved


def deactivate_dormant(store: UserStore, last_seen: dict[str, dt.date], today: dt.date, days: int = 180) -> list[str]:
    """Deactivate active non-admin accounts not seen for `days` days (never seen counts from creation)."""
    done = []
    for user in list(store):
        if not user.active or user.is_admin:
            continue
        seen = last_seen.get(user.username, user.created)
        if (today - seen).days > days:
            store.deactivate(user.username)
            done.append(user.username)
    return done


def summary(store: UserStore) -> str:
    """One line for dashboards: counts of accounts, active ones and admins."""
    active = len(store.active_users())
    admins = len(store.with_role("admin"))
    return f"{len(store)} accounts, {active} active, {admins} admins"
