"""Shipping rates by parcel weight, with free shipping above a threshold."""

from __future__ import annotations

FREE_SHIPPING_THRESHOLD_CENTS = 5000

# (maximum weight in grams, price in cents), lightest band first.
WEIGHT_BANDS: list[tuple[int, int]] = [
    (500, 399),
    (2000, 699),
    (10000, 1299),
]
HEAVY_PER_KG_CENTS = 150


def shipping_cost(weight_grams: int, subtotal_cents: int) -> int:
    """Shipping price in cents for a parcel.

    Free when `subtotal_cents` reaches FREE_SHIPPING_THRESHOLD_CENTS or when
    nothing is shipped (weight 0). Parcels above the heaviest band pay the top
    band plus HEAVY_PER_KG_CENTS per started kilogram above it.
    """
    if weight_grams <= 0 or subtotal_cents >= FREE_SHIPPING_THRESHOLD_CENTS:
        return 0
    for max_grams, price in WEIGHT_BANDS:
        if weight_grams <= max_grams:
            return price
    top_grams, top_price = WEIGHT_BANDS[-1]
    extra_kg = -(-(weight_grams - top_grams) // 1000)
    return top_price + extra_kg * HEAVY_PER_KG_CENTS
