"""The short name that heads document numbers: a county's or city's name without its ending."""

import pytest

from grassroots.areas.models import Area

L = Area.Level


@pytest.mark.parametrize(
    ("name", "level", "short"),
    [
        ("夏县", L.COUNTY, "夏"),
        ("盐湖区", L.COUNTY, "盐湖"),
        ("永济市", L.COUNTY, "永济"),
        ("孟村回族自治县", L.COUNTY, "孟村回族"),
        ("运城市", L.CITY, "运城"),
        ("县", L.COUNTY, "县"),  # nothing would be left: the whole name
        ("城北社区", L.COMMUNITY, "城北社区"),  # only divisions lose their ending
    ],
)
def test_short_name_drops_the_division_s_ending(name, level, short):
    assert Area(name=name, level=level).short_name == short
