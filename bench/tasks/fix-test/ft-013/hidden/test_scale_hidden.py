from kitchen.scale import Ingredient, Recipe, scale, scale_ingredient


def test_counted_round_up():
    assert scale_ingredient(Ingredient("garlic", 2, "clove"), 1.25).quantity == 3
    assert scale_ingredient(Ingredient("egg", 1, "egg"), 0.5).quantity == 1


def test_grams_to_nearest_five():
    assert scale_ingredient(Ingredient("butter", 125, "g"), 1.5).quantity == 190
    assert scale_ingredient(Ingredient("sugar", 90, "g"), 1 / 3).quantity == 30
    assert scale_ingredient(Ingredient("yeast", 7, "g"), 0.25).quantity == 5


def test_spoons_and_cups():
    assert scale_ingredient(Ingredient("salt", 1, "tsp"), 0.3).quantity == 0.25
    assert scale_ingredient(Ingredient("oil", 2, "tbsp"), 0.6).quantity == 1
    assert scale_ingredient(Ingredient("stock", 1.5, "cup"), 1.5).quantity == 2.25


def test_scaling_a_recipe_down():
    soup = Recipe("Soup", 6).add("lentils", 300, "g").add("onion", 2, "pc").add("cumin", 1.5, "tsp")
    small = scale(soup, 2)
    assert [(i.name, i.quantity, i.unit) for i in small.ingredients] == [
        ("lentils", 100, "g"),
        ("onion", 1, "pc"),
        ("cumin", 0.5, "tsp"),
    ]
    assert small.servings == 2


def test_unknown_units_kept_to_two_decimals():
    assert scale_ingredient(Ingredient("saffron", 1, "pinch"), 1 / 3).quantity == 0.33
