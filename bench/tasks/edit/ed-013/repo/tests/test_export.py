from decimal import Decimal

from reports.export import Column, Report, export_report


def sample():
    report = Report("Sales", [Column("region", "Region"), Column("amount", "Amount", "money")])
    report.add_row(region="North", amount=Decimal("1200.5"))
    report.add_row(region="South", amount=Decimal("99"))
    return report


def test_csv_with_totals():
    text = export_report(sample(), "csv", include_totals=True)
    assert text.splitlines() == ["Region,Amount", 'North,"1,200.50"', "South,99.00", 'Total,"1,299.50"']


def test_text_alignment():
    lines = export_report(sample(), "text").splitlines()
    assert lines[1] == "Region    Amount"
    assert lines[3] == "North   1,200.50"
