from invoicing.numbering import next_number, parse_number


def test_next_number():
    assert next_number(["INV-2023-0007", "INV-2024-0002"], 2024) == "INV-2024-0003"
    assert next_number([], 2025) == "INV-2025-0001"
    assert parse_number("INV-2024-0012") == (2024, 12)
