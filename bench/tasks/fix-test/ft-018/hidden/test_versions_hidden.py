from pkgver.ranges import Constraint
from pkgver.versions import Version, latest, parse_many, sort_versions


def V(text):
    return Version.parse(text)


def test_spec_precedence_chain():
    chain = [
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
    ]
    for low, high in zip(chain, chain[1:]):
        assert V(low) < V(high), (low, high)
    assert sort_versions(list(reversed(chain))) == chain


def test_numeric_identifier_below_text():
    assert V("1.0.0-1") < V("1.0.0-alpha")
    assert V("1.0.0-alpha") > V("1.0.0-99")
    assert V("1.0.0-2") < V("1.0.0-10")


def test_equal_ignoring_build():
    assert V("1.0.0-rc.1+a") == V("1.0.0-rc.1+b")
    assert V("1.0.0-rc.01x") != V("1.0.0-rc.1x")


def test_latest_prerelease():
    versions = parse_many(["3.1.0-dev.9", "3.1.0-dev.12", "3.0.4"])
    assert latest(versions) == V("3.0.4")
    assert str(latest(versions, include_prereleases=True)) == "3.1.0-dev.12"


def test_bump_prerelease_then_compare():
    v = V("0.9.0-rc.9").bump_prerelease()
    assert str(v) == "0.9.0-rc.10"
    assert v > V("0.9.0-rc.9")


def test_constraint_best_with_prereleases():
    c = Constraint(">=2.0.0-rc.2, <2.1.0")
    available = parse_many(["2.0.0-rc.1", "2.0.0-rc.3", "2.0.0-rc.12"])
    assert str(c.best(available)) == "2.0.0-rc.12"
