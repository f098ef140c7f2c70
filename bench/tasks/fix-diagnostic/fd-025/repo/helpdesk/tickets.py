"""Tickets, their life cycle, assignment, and the numbers the team lead asks for.

Life cycle::

    new -> open -> pending -> open ... -> resolved -> closed
                                  resolved -> open (reopened by the requester)

Ticket numbers look like 'HD-00042' and come from one counter per process
(`next_ticket_number`); `reset_numbering` sets it, e.g. after loading saved
tickets.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import sla
from .people import Team

STATUSES = ("new", "open", "pending", "resolved", "closed")
TRANSITIONS = {
    "new": {"open", "closed"},
    "open": {"pending", "resolved"},
    "pending": {"open", "resolved"},
    "resolved": {"open", "closed"},
    "closed": set(),
}
ACTIVE = {"new", "open", "pending"}

_last_number = 0


def next_ticket_number() -> str:
    """The next number of the process-wide sequence: 'HD-00001', 'HD-00002', ..."""
    _last_number += 1
    return f"HD-{_last_number:05d}"


def reset_numbering(last: int = 0) -> None:
    """Make the next number `last + 1`."""
    global _last_number
    if last < 0:
        raise ValueError("ticket numbers are positive")
    _last_number = last


def number_value(number: str) -> int:
    """'HD-00042' -> 42."""
    prefix, _, digits = number.partition("-")
    if prefix != "HD" or not digits.isdigit():
        raise ValueError(f"bad ticket number {number!r}")
    return int(digits)


class TransitionError(ValueError):
    """A status change the life cycle does not allow."""


@dataclass
class Comment:
    author: str
    at: dt.datetime
    text: str
    internal: bool = False


@dataclass
class Ticket:
    number: str
    title: str
    requester: str
    priority: str
    created: dt.datetime
    status: str = "new"
    assignee: str | None = None
    tags: set[str] = field(default_factory=set)
    comments: list[Comment] = field(default_factory=list)
    resolved_at: dt.datetime | None = None
    history: list[tuple[dt.datetime, str, str]] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    def deadline(self) -> dt.datetime:
        return sla.deadline(self.created, self.priority)

    def breached(self, now: dt.datetime) -> bool:
        return sla.breached(self.created, self.priority, self.resolved_at, now)

    def public_comments(self) -> list[Comment]:
        return [c for c in self.comments if not c.internal]


class Desk:
    """All tickets of the help desk, with the team that works on them."""

    def __init__(self, team: Team | None = None) -> None:
        self.team = team or Team()
        self.tickets: dict[str, Ticket] = {}
        self._rota: dict[str, int] = defaultdict(int)

    # -- creating and finding -------------------------------------------------

    def create(self, title: str, requester: str, now: dt.datetime, priority: str = "normal",
               tags: set[str] | None = None) -> Ticket:
        """A new ticket with the next number; priority is checked against the SLA table."""
        if not title.strip():
            raise ValueError("a ticket needs a title")
        ticket = Ticket(
            number=next_ticket_number(),
            title=title.strip(),
            requester=requester,
            priority=sla.check_priority(priority),
            created=now,
            tags=set(tags or ()),
        )
        ticket.history.append((now, "", "new"))
        self.tickets[ticket.number] = ticket
        return ticket

    def get(self, number: str) -> Ticket:
        try:
            return self.tickets[number]
        except KeyError:
            raise KeyError(f"no ticket {number}") from None

    def search(self, text: str = "", status: str | None = None, tag: str | None = None,
               assignee: str | None = None) -> list[Ticket]:
        """Tickets matching every given criterion, by number. `text` searches titles, any case."""
        text = text.lower()
        found = [
            t
            for t in self.tickets.values()
            if text in t.title.lower()
            and (status is None or t.status == status)
            and (tag is None or tag in t.tags)
            and (assignee is None or t.assignee == assignee)
        ]
        return sorted(found, key=lambda t: number_value(t.number))

    # -- life cycle -----------------------------------------------------------

    def move(self, number: str, status: str, now: dt.datetime) -> Ticket:
        """Change a ticket's status along the life cycle."""
        ticket = self.get(number)
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        if status not in TRANSITIONS[ticket.status]:
            raise TransitionError(f"{number}: cannot go from {ticket.status} to {status}")
        ticket.history.append((now, ticket.status, status))
        ticket.status = status
        if status == "resolved":
            ticket.resolved_at = now
        elif status == "open":
            ticket.resolved_at = None
        return ticket

    def comment(self, number: str, author: str, text: str, now: dt.datetime, internal: bool = False) -> Comment:
        """Add a comment. A public comment by the requester re-opens a pending or resolved ticket."""
        ticket = self.get(number)
        if ticket.status == "closed":
            raise TransitionError(f"{number} is closed")
        note = Comment(author, now, text, internal)
        ticket.comments.append(note)
        if author == ticket.requester and not internal and ticket.status in ("pending", "resolved"):
            self.move(number, "open", now)
        return note

    def close_resolved(self, now: dt.datetime, after_days: int = 7) -> list[str]:
        """Close tickets resolved at least `after_days` ago; returns their numbers."""
        limit = now - dt.timedelta(days=after_days)
        closed = []
        for ticket in self.search(status="resolved"):
            if ticket.resolved_at is not None and ticket.resolved_at <= limit:
                self.move(ticket.number, "closed", now)
                closed.append(ticket.number)
        return closed

    # -- assignment -----------------------------------------------------------

    def assign(self, number: str, login: str | None = None, skill: str | None = None) -> str:
        """Give the ticket to `login`, or to the on-duty agent (with `skill`) who got the fewest so far.

        Ties go to the first login in alphabetical order. A new ticket becomes open.
        """
        ticket = self.get(number)
        if login is None:
            candidates = self.team.on_duty(skill)
            if not candidates:
                raise LookupError(f"nobody on duty{' with ' + skill if skill else ''}")
            login = min(candidates, key=lambda a: (self._rota[a.login], a.login)).login
        else:
            self.team.get(login)
        ticket.assignee = login
        self._rota[login] += 1
        if ticket.status == "new":
            self.move(number, "open", ticket.created)
        return login

    def unassign(self, number: str) -> None:
        """Take the ticket back from its agent (it stays in its status)."""
        ticket = self.get(number)
        if ticket.assignee is not None:
            self._rota[ticket.assignee] = max(0, self._rota[ticket.assignee] - 1)
        ticket.assignee = None

    def hand_over(self, login: str) -> dict[str, str]:
        """An agent goes off duty: their active tickets go to the others on duty.

        Tickets are handed over by number, each with the usual fewest-so-far rule.
        Returns ticket number -> new assignee.
        """
        self.team.get(login).on_duty = False
        moved = {}
        for ticket in self.search(assignee=login):
            if ticket.active:
                self.unassign(ticket.number)
                moved[ticket.number] = self.assign(ticket.number)
        return moved

    def workload(self) -> dict[str, int]:
        """Active tickets per assignee, by login (unassigned ones left out)."""
        counts = Counter(t.assignee for t in self.tickets.values() if t.active and t.assignee)
        return dict(sorted(counts.items()))

    # -- escalation, merging, macros -----------------------------------------

    def escalate(self, number: str, now: dt.datetime) -> str:
        """Raise an active ticket's priority one level (urgent stays urgent); returns the new one."""
        ticket = self.get(number)
        if not ticket.active:
            raise TransitionError(f"{number} is not active")
        index = sla.PRIORITIES.index(ticket.priority)
        new = sla.PRIORITIES[max(0, index - 1)]
        if new != ticket.priority:
            ticket.history.append((now, f"priority:{ticket.priority}", f"priority:{new}"))
            ticket.priority = new
        return new

    def merge(self, keep: str, duplicate: str, now: dt.datetime) -> Ticket:
        """Fold a duplicate ticket into another: comments and tags move over, the duplicate closes.

        The kept ticket gets an internal note naming the duplicate. Comments stay in time order.
        """
        if keep == duplicate:
            raise ValueError("cannot merge a ticket into itself")
        target, other = self.get(keep), self.get(duplicate)
        if not target.active:
            raise TransitionError(f"{keep} is not active")
        target.comments = sorted(target.comments + other.comments, key=lambda c: c.at)
        target.tags |= other.tags
        other.comments = []
        target.comments.append(Comment("system", now, f"merged {duplicate}", internal=True))
        if other.status in ("new", "resolved"):
            self.move(duplicate, "closed", now)
        elif other.status != "closed":
            self.move(duplicate, "resolved", now)
            self.move(duplicate, "closed", now)
        return target

    def apply_macro(self, number: str, macro: "Macro", author: str, now: dt.datetime) -> Ticket:
        """Post the macro's reply, add its tags, and move to its status when it sets one."""
        ticket = self.get(number)
        self.comment(number, author, macro.reply.format(requester=ticket.requester, number=number), now)
        ticket.tags |= macro.tags
        if macro.status and macro.status != ticket.status:
            self.move(number, macro.status, now)
        return ticket

    def history_lines(self, number: str) -> list[str]:
        """'2024-05-06 09:00  new -> open' style lines, oldest first."""
        lines = []
        for at, before, after in self.get(number).history:
            arrow = f"{before} -> {after}" if before else f"created ({after})"
            lines.append(f"{at:%Y-%m-%d %H:%M}  {arrow}")
        return lines

    # -- numbers for the team lead --------------------------------------------

    def breaching(self, now: dt.datetime) -> list[str]:
        """Active tickets past their SLA deadline, most overdue first."""
        late = [t for t in self.tickets.values() if t.active and t.breached(now)]
        return [t.number for t in sorted(late, key=lambda t: (t.deadline(), number_value(t.number)))]

    def due_soon(self, now: dt.datetime, within: dt.timedelta) -> list[str]:
        """Active tickets not yet breached whose deadline comes within `within`."""
        rows = []
        for ticket in self.tickets.values():
            if not ticket.active:
                continue
            left = sla.remaining(ticket.created, ticket.priority, now)
            if dt.timedelta(0) <= left <= within:
                rows.append((left, number_value(ticket.number), ticket.number))
        return [number for _, _, number in sorted(rows)]

    def resolution_hours(self) -> dict[str, float]:
        """Average hours from creation to resolution per priority (resolved or closed tickets only)."""
        hours: dict[str, list[float]] = defaultdict(list)
        for ticket in self.tickets.values():
            if ticket.resolved_at is not None:
                hours[ticket.priority].append((ticket.resolved_at - ticket.created).total_seconds() / 3600)
        return {p: round(sum(v) / len(v), 1) for p in sla.PRIORITIES if (v := hours.get(p))}

    def sla_rate(self, now: dt.datetime) -> float:
        """The share of resolved tickets that met their deadline (1.0 when none are resolved)."""
        done = [t for t in self.tickets.values() if t.resolved_at is not None]
        if not done:
            return 1.0
        return sum(1 for t in done if not t.breached(now)) / len(done)

    def reopened(self) -> list[str]:
        """Tickets that went from resolved back to open at least once, by number."""
        found = [t for t in self.tickets.values() if any(b == "resolved" and a == "open" for _, b, a in t.history)]
        return [t.number for t in sorted(found, key=lambda t: number_value(t.number))]

    def by_requester(self) -> dict[str, tuple[int, int]]:
        """Requester -> (tickets in total, tickets still active), by requester."""
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for ticket in self.tickets.values():
            totals[ticket.requester][0] += 1
            totals[ticket.requester][1] += ticket.active
        return {who: (n, active) for who, (n, active) in sorted(totals.items())}

    def created_between(self, start: dt.datetime, end: dt.datetime) -> list[str]:
        """Tickets created with start <= created < end, by number."""
        found = [t for t in self.tickets.values() if start <= t.created < end]
        return [t.number for t in sorted(found, key=lambda t: number_value(t.number))]

    def status_counts(self) -> dict[str, int]:
        counts = Counter(t.status for t in self.tickets.values())
        return {status: counts[status] for status in STATUSES}

    def tag_cloud(self, top: int = 5) -> list[tuple[str, int]]:
        counts = Counter(tag for t in self.tickets.values() for tag in t.tags)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]

    # -- import / export ------------------------------------------------------

    def to_csv(self) -> str:
        """number,title,requester,priority,status,assignee,created,tags (tags joined by '|')."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["number", "title", "requester", "priority", "status", "assignee", "created", "tags"])
        for t in self.search():
            writer.writerow(
                [t.number, t.title, t.requester, t.priority, t.status, t.assignee or "",
                 t.created.isoformat(), "|".join(sorted(t.tags))]
            )
        return buffer.getvalue()

    @classmethod
    def from_csv(cls, text: str, team: Team | None = None) -> "Desk":
        """Load tickets saved by `to_csv`; numbering continues after the highest number."""
        desk = cls(team)
        highest = 0
        for row in csv.DictReader(io.StringIO(text)):
            ticket = Ticket(
                number=row["number"],
                title=row["title"],
                requester=row["requester"],
                priority=sla.check_priority(row["priority"]),
                created=dt.datetime.fromisoformat(row["created"]),
                status=row["status"],
                assignee=row["assignee"] or None,
                tags={t for t in row["tags"].split("|") if t},
            )
            desk.tickets[ticket.number] = ticket
            highest = max(highest, number_value(ticket.number))
        reset_numbering(highest)
        return desk


@dataclass(frozen=True)
class Macro:
    """A canned reply. `reply` may use {requester} and {number}."""

    name: str
    reply: str
    tags: frozenset[str] = frozenset()
    status: str | None = None


MACROS = {
    "need-info": Macro("need-info", "Hi {requester}, could you send more details about {number}?", status="pending"),
    "fixed": Macro("fixed", "Hi {requester}, this should now be fixed.", frozenset({"fixed"}), "resolved"),
}


def daily_counts(desk: Desk, start: dt.date, days: int = 7) -> list[tuple[dt.date, int, int]]:
    """(day, tickets created, tickets resolved) for `days` days from `start`."""
    created: Counter[dt.date] = Counter(t.created.date() for t in desk.tickets.values())
    resolved: Counter[dt.date] = Counter(
        t.resolved_at.date() for t in desk.tickets.values() if t.resolved_at is not None
    )
    out = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        out.append((day, created[day], resolved[day]))
    return out


def digest(desk: Desk, now: dt.datetime) -> str:
    """The morning e-mail: counts per status, then SLA breaches and the busiest agents."""
    counts = desk.status_counts()
    lines = ["Help desk " + now.strftime("%Y-%m-%d"), ", ".join(f"{s}: {n}" for s, n in counts.items() if n)]
    late = desk.breaching(now)
    if late:
        lines.append("Past SLA: " + ", ".join(late))
    load = sorted(desk.workload().items(), key=lambda item: (-item[1], item[0]))
    if load:
        lines.append("Workload: " + ", ".join(f"{login} {n}" for login, n in load))
    return "\n".join(lines)
