from recipes.ingredient import parse_ingredient


def test_parse():
    assert str(parse_ingredient("1.5 cup milk")) == "1.5 cup milk"
    assert parse_ingredient("3 large eggs").unit == ""
