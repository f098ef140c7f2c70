"""Security audit of a user file: findings an administrator should look at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .store import UserStore, load_users

STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Finding:
    username: str
    problem: str


def audit(store: UserStore, today: dt.date, trusted_domains: set[str] | None = None) -> list[Finding]:
    """Admins without passwords, inactive admins, old accounts never given a role, foreign admins."""
    findings = []
    for user in store:
        if user.is_admin and not user.password_hash:
            findings.append(Finding(user.username, "admin without a password"))
        if user.is_admin and not user.active:
            findings.append(Finding(user.username, "inactive account keeps the admin role"))
        if not user.roles and (today - user.created).days > STALE_AFTER_DAYS:
            findings.append(Finding(user.username, "old account without any role"))
        if trusted_domains is not None and user.is_admin and user.domain not in trusted_domains:
            findings.append(Finding(user.username, f"admin from untrusted domain {user.domain}"))
    return findings


def audit_file(path: str, today: dt.date | None = None, trusted_domains: set[str] | None = None) -> list[Finding]:
    return audit(load_users(path), today or dt.date.today(), trusted_domains)


def format_findings(findings: list[Finding]) -> str:
    if not findings:
        return "No findings."
    return "\n".join(f"{f.username}: {f.problem}" for f in findings)
