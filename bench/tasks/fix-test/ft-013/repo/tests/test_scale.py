from kitchen.scale import Recipe, card, scale, shopping_list


def pancakes():
    return (
        Recipe("Pancakes", 4)
        .add("flour", 250, "g")
        .add("egg", 3, "egg")
        .add("milk", 500, "ml")
        .add("salt", 0.5, "tsp")
    )


def test_doubling():
    big = scale(pancakes(), 8)
    assert [i.quantity for i in big.ingredients] == [500, 6, 1000, 1]


def test_scale_rounds_like_a_cook():
    six = scale(pancakes(), 6)
    assert [i.quantity for i in six.ingredients] == [375, 5, 750, 0.75]


def test_shopping_list_in_base_units():
    total = shopping_list([pancakes(), Recipe("Tea", 1).add("milk", 0.25, "l")])
    assert total["milk"] == (750, "ml")


def test_card():
    assert card(pancakes()).splitlines()[0] == "Pancakes (serves 4)"
