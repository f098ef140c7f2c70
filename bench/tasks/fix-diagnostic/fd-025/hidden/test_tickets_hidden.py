import datetime as dt

import pytest

from helpdesk.people import Agent, Team
from helpdesk.tickets import MACROS, Desk, TransitionError, daily_counts, digest, next_ticket_number, reset_numbering

T0 = dt.datetime(2024, 5, 6, 9)


def team():
    return Team([Agent("bo", "Bo", {"network"}), Agent("al", "Al", {"printers"}), Agent("cy", "Cy", on_duty=False)])


def test_numbering_sequence():
    reset_numbering()
    assert next_ticket_number() == "HD-00001"
    assert next_ticket_number() == "HD-00002"
    reset_numbering(41)
    assert next_ticket_number() == "HD-00042"


def test_create_assign_and_life_cycle():
    reset_numbering(9)
    desk = Desk(team())
    a = desk.create("Printer jams", "zoe", T0, tags={"printers"})
    b = desk.create("VPN down", "yan", T0, priority="urgent", tags={"network"})
    assert (a.number, b.number) == ("HD-00010", "HD-00011")
    assert desk.assign(a.number) == "al"
    assert desk.assign(b.number) == "bo"
    assert desk.assign(desk.create("Wifi slow", "xi", T0).number, skill="network") == "bo"
    assert desk.workload() == {"al": 1, "bo": 2}
    desk.move(a.number, "pending", T0)
    desk.comment(a.number, "zoe", "still jammed", T0 + dt.timedelta(hours=1))
    assert desk.get(a.number).status == "open"
    desk.move(a.number, "resolved", T0 + dt.timedelta(hours=30))
    with pytest.raises(TransitionError):
        desk.move(a.number, "pending", T0)
    assert desk.close_resolved(T0 + dt.timedelta(days=9)) == [a.number]
    with pytest.raises(ValueError):
        desk.create("x", "zoe", T0, priority="someday")


def test_reports_and_csv_roundtrip():
    reset_numbering()
    desk = Desk(team())
    a = desk.create("Printer jams", "zoe", T0)
    b = desk.create("VPN down", "yan", T0, priority="urgent")
    desk.assign(a.number, "al")
    desk.assign(b.number, "bo")
    now = T0 + dt.timedelta(hours=5)
    assert desk.breaching(now) == [b.number]
    assert desk.due_soon(now, dt.timedelta(days=3)) == [a.number]
    desk.move(b.number, "resolved", now)
    assert desk.resolution_hours() == {"urgent": 5.0}
    assert desk.sla_rate(now) == 0.0
    text = desk.to_csv()
    again = Desk.from_csv(text)
    assert again.search(status="open")[0].title == "Printer jams"
    assert next_ticket_number() == "HD-00003"


def test_escalate_merge_macros_digest():
    reset_numbering()
    desk = Desk(team())
    a = desk.create("Mail bounces", "zoe", T0, priority="low")
    b = desk.create("Mail broken", "zoe", T0 + dt.timedelta(hours=1))
    desk.comment(b.number, "zoe", "since Monday", T0 + dt.timedelta(hours=1))
    desk.comment(a.number, "al", "looking", T0 + dt.timedelta(hours=2))
    assert desk.escalate(a.number, T0) == "normal"
    assert desk.escalate(a.number, T0) == "high"
    desk.merge(a.number, b.number, T0 + dt.timedelta(hours=3))
    assert [c.text for c in a.comments] == ["since Monday", "looking", "merged HD-00002"]
    assert desk.get(b.number).status == "closed"
    desk.assign(a.number, "al")
    desk.apply_macro(a.number, MACROS["need-info"], "al", T0 + dt.timedelta(hours=4))
    assert a.status == "pending"
    assert a.comments[-1].text == "Hi zoe, could you send more details about HD-00001?"
    desk.apply_macro(a.number, MACROS["fixed"], "al", T0 + dt.timedelta(hours=5))
    assert a.status == "resolved" and "fixed" in a.tags
    assert desk.history_lines(a.number)[0] == "2024-05-06 09:00  created (new)"
    assert daily_counts(desk, T0.date(), 2) == [(T0.date(), 2, 1), (T0.date() + dt.timedelta(days=1), 0, 0)]
    c = desk.create("Screen flickers", "xi", T0, priority="urgent")
    desk.assign(c.number, "bo")
    assert digest(desk, T0 + dt.timedelta(hours=6)) == (
        "Help desk 2024-05-06\nopen: 1, resolved: 1, closed: 1\nPast SLA: HD-00003\nWorkload: bo 1"
    )


def test_hand_over_and_requester_stats():
    reset_numbering()
    desk = Desk(team())
    a = desk.create("A", "zoe", T0)
    b = desk.create("B", "yan", T0 + dt.timedelta(hours=1))
    desk.assign(a.number, "al")
    desk.assign(b.number, "al")
    assert desk.hand_over("al") == {a.number: "bo", b.number: "bo"}
    desk.move(a.number, "resolved", T0)
    desk.comment(a.number, "zoe", "not fixed", T0)
    assert desk.reopened() == [a.number]
    assert desk.by_requester() == {"yan": (1, 1), "zoe": (1, 1)}
    assert desk.created_between(T0, T0 + dt.timedelta(hours=1)) == [a.number]
