import pytest

from metrics.mathutil import exponential_bounds, percentile


def test_percentile_interpolates():
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([5], 99) == 5
    with pytest.raises(ValueError):
        percentile([], 50)


def test_exponential_bounds():
    assert exponential_bounds(1, 2, 4) == [1, 2, 4, 8]
