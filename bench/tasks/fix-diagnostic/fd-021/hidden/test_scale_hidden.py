import pytest

from recipes.ingredient import Ingredient
from recipes.scale import convert_recipe, scale, to_metric


def test_to_metric():
    assert to_metric(Ingredient(2, "tbsp", "oil")) == Ingredient(30.0, "ml", "oil")
    assert to_metric(Ingredient(1, "tsp", "salt")) == Ingredient(5.0, "ml", "salt")
    assert to_metric(Ingredient(3, "lb", "flour")) == Ingredient(1.36, "kg", "flour")
    assert to_metric(Ingredient(1, "pinch", "pepper")) == Ingredient(1.0, "pinch", "pepper")


def test_scale():
    out = scale([Ingredient(3, "", "eggs"), Ingredient(100, "g", "sugar")], 4, 6)
    assert out == [Ingredient(5.0, "", "eggs"), Ingredient(150.0, "g", "sugar")]
    with pytest.raises(ValueError):
        scale([], 0, 2)


def test_convert_recipe():
    text = "2 cup milk\n1 oz butter\n2 eggs\n"
    assert convert_recipe(text, 2, 5) == ["1.2 l milk", "70.9 g butter", "5 eggs"]


def test_shopping_list_and_weight():
    from recipes.scale import shopping_list, total_weight_g

    a = [Ingredient(1, "cup", "milk"), Ingredient(200, "g", "flour")]
    b = [Ingredient(0.5, "cup", "milk"), Ingredient(1, "lb", "flour")]
    assert shopping_list([a, b]) == [Ingredient(653.6, "g", "flour"), Ingredient(360.0, "ml", "milk")]
    assert total_weight_g(a + b + [Ingredient(3, "lb", "sugar")]) == 2013.6
