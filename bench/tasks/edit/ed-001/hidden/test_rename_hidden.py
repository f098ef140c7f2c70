import inventory.cli as cli
import inventory.report as report
import inventory.stock as stock
from inventory.stock import StockBook, StockItem


def make_book():
    book = StockBook()
    book.add(StockItem("B2", "Washers", on_hand=5, reorder_point=10, daily_usage=1.5, lead_time_days=4, pack_size=10))
    book.add(StockItem("A1", "Bolts", on_hand=10, reorder_point=20, daily_usage=2, lead_time_days=5, pack_size=12))
    book.add(StockItem("C3", "Nuts", on_hand=500, reorder_point=50, daily_usage=3))
    return book


def test_new_name_computes_quantity():
    item = StockItem("A1", "Bolts", on_hand=10, reorder_point=20, daily_usage=2, lead_time_days=5, pack_size=12)
    assert stock.reorder_quantity(item) == 60
    assert stock.reorder_quantity(item, cover_days=0) == 0
    assert stock.reorder_quantity(item, 10) == 24


def test_old_name_is_gone():
    assert not hasattr(stock, "calc_reorder_qty")
    assert not hasattr(report, "calc_reorder_qty")


def test_order_plan_and_report_still_work():
    book = make_book()
    assert book.order_plan() == {"A1": 60, "B2": 50}
    assert report.reorder_lines(book) == [("A1", "Bolts", 60), ("B2", "Washers", 50)]
    text = report.render_reorder_report(book, 30)
    assert text.splitlines()[0] == "Reorder report (30 days cover)"
    assert "Washers" in text and "Nuts" not in text


def test_cli_prints_one_quantity(tmp_path, capsys):
    path = tmp_path / "stock.csv"
    path.write_text(
        "sku,name,on_hand,reorder_point,daily_usage,lead_time_days,pack_size\n"
        "A1,Bolts,10,20,2,5,12\n"
        "B2,Washers,5,10,1.5,4,10\n"
    )
    assert cli.main([str(path), "--sku", "B2"]) == 0
    assert capsys.readouterr().out.strip() == "50"
    assert cli.main([str(path), "--cover", "10"]) == 0
    out = capsys.readouterr().out
    assert "A1" in out and "24" in out
