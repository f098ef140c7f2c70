"""Tuples unpacked from an object whose attributes have the unpacked names are read by attribute."""

from __future__ import annotations

from smallcode_ls.agent.unpack_repair import read_by_attributes, unpacked_class

MEMBERS = ["start", "end", "duration"]


def fix(text: str, line: int, members: list[str] = MEMBERS) -> str | None:
    return read_by_attributes(text, line, "Slot", members)


def test_the_class_comes_from_mypy_s_message() -> None:
    assert unpacked_class('"Slot" object is not iterable') == "Slot"
    assert unpacked_class('"Slot" has no attribute "begin"') is None


def test_an_assignment_keeps_the_object_and_reads_each_name() -> None:
    text = "def f(t):\n    start, end = parse_slot(t)  # why\n    return end - start\n"
    assert fix(text, 1) == (
        "def f(t):\n    slot = parse_slot(t)\n    start, end = slot.start, slot.end  # why\n    return end - start\n"
    )


def test_the_object_s_name_is_one_the_function_does_not_use() -> None:
    text = "def f(t, slot):\n    start, end = parse_slot(t)\n    return Slot(start, end), slot\n"
    assert "    the_slot = parse_slot(t)\n    start, end = the_slot.start, the_slot.end\n" in (fix(text, 1) or "")
    camel = "def f(t):\n    start, end = parse(t)\n"
    assert read_by_attributes(camel, 1, "TimeSlot", MEMBERS) == (
        "def f(t):\n    time_slot = parse(t)\n    start, end = time_slot.start, time_slot.end\n"
    )


def test_a_multi_line_value_and_text_before_the_line_in_other_scripts() -> None:
    text = 'def f(t):\n    note = "é—"\n    start, end = parse_slot(\n        t,\n    )\n    return note\n'
    assert fix(text, 3) == (
        'def f(t):\n    note = "é—"\n    slot = parse_slot(\n        t,\n    )\n'
        "    start, end = slot.start, slot.end\n    return note\n"
    )
    wide = 'def f(t):\n    x = "é"; start, end = parse_slot(t)\n'
    assert fix(wide, 1) is None  # not alone on its line


def test_a_for_loop_reads_the_names_at_the_top_of_its_body() -> None:
    text = "def f(xs):\n    for (start, end) in xs:\n        print(start)\n    return 1\n"
    assert fix(text, 1) == (
        "def f(xs):\n    for slot in xs:\n        start, end = slot.start, slot.end\n"
        "        print(start)\n    return 1\n"
    )
    assert fix("for start, end in xs: print(start)\n", 0) is None
    inside = "for start, end in pairs:\n    first, last = parse_slot(x)\n"
    assert fix(inside, 1) is None  # the error is the inner line's, not the loop's


def test_a_comprehension_reads_the_attributes_where_the_names_were_used() -> None:
    text = "opening = [Slot(start, end) for start, end in parse_slot_list(hours) if end > start]\n"
    assert fix(text, 0) == (
        "opening = [Slot(slot.start, slot.end) for slot in parse_slot_list(hours) if slot.end > slot.start]\n"
    )
    spread = "total = {\n    start: end\n    for start, end in slots\n}\n"
    assert fix(spread, 2) == "total = {\n    slot.start: slot.end\n    for slot in slots\n}\n"


def test_nothing_when_a_name_is_no_attribute_or_is_bound_again() -> None:
    assert fix("def f(t):\n    first, last = parse_slot(t)\n", 1) is None
    assert fix("def f(t):\n    start, end = parse_slot(t)\n", 1, members=["start"]) is None
    rebound = "x = [(lambda start: start)(end) for start, end in slots]\n"
    assert fix(rebound, 0) is None
    assert fix("x = [start for start, end in slots for start in end]\n", 0) is None
    assert fix("def f(t):\n    start = parse_slot(t)\n", 1) is None
    assert fix("def broken(:\n", 0) is None
    assert fix("def f(t):\n    start, end = parse_slot(t)\n", 0) is None  # not on that line
