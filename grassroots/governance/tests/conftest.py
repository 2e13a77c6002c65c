"""Fixtures of the governance tests: the 六有 set and two more compounds in the test county."""

import pytest

from grassroots.areas.models import Area
from grassroots.governance import selectors
from grassroots.governance.criteria import SIX_HAVE, ensure_criteria_sets


@pytest.fixture
def six():
    ensure_criteria_sets()
    return selectors.criteria_set(SIX_HAVE)


@pytest.fixture
def two_compounds(community):
    return [
        Area.objects.add_child(community, instance=Area(name=n, level=Area.Level.COMPOUND))
        for n in ("东园小区", "西园小区")
    ]
