import pytest

from timespan.units import canonical


def test_canonical():
    assert canonical("Hrs") == "h"
    assert canonical("m") == "min"
    with pytest.raises(ValueError):
        canonical("fortnight")
