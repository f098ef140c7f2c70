import csv
import datetime as dt
import io
import json

from csvreport.data import load_sales
from csvreport.report import Report, merge

DATA = """date,region,product,quantity,unit_price
2024-01-05,north,tea,3,2.50
2024-01-20,south,coffee,2,4.00
2024-02-02,north,coffee,1,4.00
2024-02-14,north,tea,4,2.50
2024-02-28,south,tea,1,2.50
"""


def report():
    return Report("Q1", load_sales(DATA))


def test_to_csv_uses_the_spreadsheet_conventions():
    text = report().to_csv()
    lines = text.splitlines()
    assert lines[0] == "region;product;quantity;revenue;share"
    assert lines[1] == "north;coffee;1;4,00;12,5 %"
    assert lines[2] == "north;tea;7;17,50;54,7 %"
    assert lines[-1] == "TOTAL;;11;32,00;"
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 6


def test_to_csv_without_total():
    text = report().for_region("south").to_csv(with_total=False)
    assert text == "region;product;quantity;revenue;share\nsouth;coffee;2;8,00;76,2 %\nsouth;tea;1;2,50;23,8 %\n"


def test_totals_and_rankings():
    r = report()
    assert r.by_region() == {"north": 2150, "south": 1050}
    assert r.by_month() == {"2024-01": 1550, "2024-02": 1650}
    assert r.top_products(1) == [("tea", 2000)]
    assert r.growth()["2024-02"] == (1650 - 1550) / 1550
    assert r.pivot() == (["2024-01", "2024-02"], [("north", [750, 1400]), ("south", [800, 250])])


def test_other_exports():
    r = report().between(dt.date(2024, 2, 1), dt.date(2024, 2, 28))
    assert json.loads(r.to_json())["total_cents"] == 1650
    assert "| north | tea | 4 | 10,00 | 60,6 % |" in r.to_markdown()
    assert merge([r, r], "twice").total_cents() == 3300


def test_comparisons_and_html():
    r = report()
    jan = r.between(dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    feb = r.between(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert feb.compare(jan) == {"north": (750, 1400, (1400 - 750) / 750), "south": (800, 250, (250 - 800) / 800)}
    assert r.average_basket() == {"north": 717, "south": 525}
    assert r.best_day() == (dt.date(2024, 2, 14), 1000)
    assert r.forecast_next_month() == 1750
    assert "<tr><td>north</td><td>coffee</td><td>1</td><td>4,00</td><td>12,5 %</td></tr>" in r.to_html()
