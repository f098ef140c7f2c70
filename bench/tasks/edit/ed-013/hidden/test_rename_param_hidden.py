import datetime as dt
import json
from decimal import Decimal

import pytest

from reports import cli, scheduler
from reports.export import Column, Report, export_report, export_to_file


def sample():
    report = Report("Sales", [Column("region", "Region"), Column("units", "Units", "int"), Column("amount", "Amount", "money")])
    report.add_row(region="North", units=12, amount=Decimal("1200.5"))
    report.add_row(region="South", units=3, amount=Decimal("99"))
    return report


def test_export_report_takes_output_format():
    text = export_report(sample(), output_format="markdown")
    assert text.splitlines()[2] == "| Region | Units | Amount |"
    assert export_report(sample(), "csv").splitlines()[0] == "Region,Units,Amount"
    assert export_report(sample()).splitlines()[0] == "Region,Units,Amount"
    with pytest.raises(ValueError):
        export_report(sample(), output_format="pdf")


def test_old_keyword_is_rejected(tmp_path):
    with pytest.raises(TypeError):
        export_report(sample(), fmt="csv")
    with pytest.raises(TypeError):
        export_to_file(sample(), str(tmp_path / "unused.csv"), fmt="csv")


def test_export_to_file(tmp_path):
    path = tmp_path / "out.txt"
    assert export_to_file(sample(), str(path), output_format="json", include_totals=True) == "json"
    assert json.loads(path.read_text())["totals"] == {"units": 15, "amount": "1299.5"}
    other = tmp_path / "out.md"
    assert export_to_file(sample(), str(other)) == "markdown"
    assert other.read_text().startswith("## Sales")


def test_cli(tmp_path, capsys):
    source = tmp_path / "report.json"
    export_to_file(sample(), str(source))
    assert cli.main([str(source), "--format", "csv", "--totals", "--sort", "units"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["Region,Units,Amount", "South,3,99.00", 'North,12,"1,200.50"', 'Total,15,"1,299.50"']
    target = tmp_path / "copy.html"
    assert cli.main([str(source), "--format", "html", "-o", str(target)]) == 0
    assert "<caption>Sales</caption>" in target.read_text()


def test_scheduler(tmp_path):
    jobs = [
        scheduler.ExportJob("sales", sample, format_name="markdown", hour=1),
        scheduler.ExportJob("late", sample, format_name="csv", hour=23),
    ]
    now = dt.datetime(2024, 6, 1, 3, 0)
    written = scheduler.run_due(jobs, now, str(tmp_path))
    assert written == [str(tmp_path / "sales-2024-06-01.md")]
    assert "| Total | 15 | 1,299.50 |" in (tmp_path / "sales-2024-06-01.md").read_text()
    assert scheduler.run_due(jobs, now, str(tmp_path)) == []
    assert scheduler.preview(jobs[1]).splitlines()[-1] == 'Total,15,"1,299.50"'
