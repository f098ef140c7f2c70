from pipeline.stages import Cast, Default, Rename


def test_rename_and_cast():
    record = {"Qty": "3", "name": "tea"}
    out = Cast({"qty": int}).process(Rename({"Qty": "qty"}).process(record))
    assert out == {"qty": 3, "name": "tea"}
    assert record == {"Qty": "3", "name": "tea"}


def test_default():
    assert Default({"unit": "pc"}).process({"unit": ""}) == {"unit": "pc"}
