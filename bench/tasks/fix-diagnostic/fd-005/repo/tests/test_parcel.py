from shipping.parcel import Parcel
from shipping.zones import zone_for


def test_billable_weight_uses_volume():
    assert Parcel(1.0, 50, 40, 30).billable_kg == 12.0
    assert Parcel(3.0, 10, 10, 10).billable_kg == 3.0


def test_zones():
    assert zone_for("75011") == 1
    assert zone_for("20000") == 3
    assert zone_for("69001") == 2
