import datetime as dt
import io

import pytest

from users import cli
from users.audit import audit_file
from users.store import User, UserError, UserStore, load_users, save_users

CSV = """username,email,full_name,roles,active,created,password_hash
ana,ana@example.com,Ana Bell,admin;editor,yes,2023-01-10,
bo,bo@example.org,,,yes,2020-05-01,
cy,cy@example.com,Cy Dale,viewer,no,2024-02-01,
"""


def test_load_users_reads_a_stream():
    store = load_users(io.StringIO(CSV))
    assert len(store) == 3
    assert store.get("ana").roles == frozenset({"admin", "editor"})
    assert store.get("cy").active is False
    assert store.get("bo").created == dt.date(2020, 5, 1)


def test_load_users_reports_bad_line():
    bad = CSV + "Not A Name,x@example.com,,,yes,2024-01-01,\n"
    with pytest.raises(UserError, match="line 5"):
        load_users(io.StringIO(bad))


def test_save_users_writes_a_stream():
    store = UserStore([User("zed", "zed@example.com", roles=frozenset({"viewer"}), created=dt.date(2024, 1, 2))])
    store.add(User("amy", "amy@example.com", active=False, created=dt.date(2024, 1, 3)))
    out = io.StringIO()
    assert save_users(store, out) == 2
    lines = out.getvalue().splitlines()
    assert lines[0] == "username,email,full_name,roles,active,created,password_hash"
    assert lines[1] == "amy,amy@example.com,,,no,2024-01-03,"
    assert lines[2] == "zed,zed@example.com,,viewer,yes,2024-01-02,"
    assert [u.username for u in load_users(io.StringIO(out.getvalue()))] == ["amy", "zed"]


def test_audit_file_still_takes_a_path(tmp_path):
    path = tmp_path / "users.csv"
    path.write_text(CSV, encoding="utf-8")
    findings = audit_file(str(path), today=dt.date(2024, 6, 1), trusted_domains={"example.com"})
    assert [(f.username, f.problem) for f in findings] == [
        ("ana", "admin without a password"),
        ("bo", "old account without any role"),
    ]


def test_cli_commands(tmp_path, capsys):
    main_file = tmp_path / "users.csv"
    main_file.write_text(CSV, encoding="utf-8")
    incoming = tmp_path / "incoming.csv"
    incoming.write_text(
        "username,email,full_name,roles,active,created,password_hash\n"
        "dee,dee@example.com,Dee,support,yes,2024-03-01,\n"
        "bo,bo@example.org,Bo Ek,viewer,yes,2020-05-01,\n",
        encoding="utf-8",
    )
    assert cli.main(["import", str(main_file), str(incoming)]) == 0
    assert capsys.readouterr().out.strip() == "1 added, 1 updated, 4 users"
    with open(main_file, newline="", encoding="utf-8") as fh:
        store = load_users(fh)
    assert store.get("bo").full_name == "Bo Ek"
    assert cli.main(["list", str(main_file), "--role", "viewer"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == ["bo", "cy"]
    assert cli.main(["audit", str(main_file), "--today", "2024-06-01"]) == 1
    assert capsys.readouterr().out.strip() == "ana: admin without a password"
