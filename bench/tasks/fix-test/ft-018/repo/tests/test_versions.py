from pkgver.ranges import Constraint
from pkgver.versions import Version, sort_versions


def test_parse_and_str():
    v = Version.parse("v1.4.0-beta.2+build.7")
    assert (v.major, v.minor, v.patch) == (1, 4, 0)
    assert str(v) == "1.4.0-beta.2+build.7"


def test_numeric_ordering_of_release_parts():
    assert Version.parse("1.10.0") > Version.parse("1.9.3")


def test_prerelease_numbers_compare_numerically():
    assert Version.parse("2.0.0-rc.2") < Version.parse("2.0.0-rc.10")
    assert sort_versions(["2.0.0-rc.10", "2.0.0", "2.0.0-rc.9"]) == ["2.0.0-rc.9", "2.0.0-rc.10", "2.0.0"]


def test_caret_constraint():
    c = Constraint("^1.4.0")
    assert c.allows(Version.parse("1.9.9"))
    assert not c.allows(Version.parse("2.0.0"))
