"""Certificates are numbered ZY<year><serial> per county of the holder's home; volunteers of two
counties asking at once each get their county's next; old certificates get their county."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.areas.models import Area
from grassroots.cases.tests.test_races import _race
from grassroots.conftest import make_user
from grassroots.people.models import Person
from grassroots.volunteering import services
from grassroots.volunteering.models import Certificate, ServiceRecord, Volunteer

BEFORE_FILL = ("volunteering", "0005_certificate_county")


def _compound(city: Area, name: str, code: str) -> Area:
    add = Area.objects.add_child
    county = add(city, instance=Area(name=name, level=Area.Level.COUNTY, code=code))
    street = add(county, instance=Area(name=f"{name}城关镇", level=Area.Level.STREET))
    community = add(street, instance=Area(name="东关社区", level=Area.Level.COMMUNITY))
    city.refresh_from_db()
    return add(community, instance=Area(name=f"{name}幸福小区", level=Area.Level.COMPOUND))


def _volunteer(username: str, compound: Area) -> Volunteer:
    """A volunteer living in `compound` with two and a half confirmed hours this month."""
    user = make_user(username, Role.VOLUNTEER, area=compound)
    person = Person.objects.create(name=f"志愿者{username}", user=user, home_area=compound)
    ServiceRecord.objects.create(
        person=person,
        hours="2.5",
        served_on=timezone.localdate(),
        status=ServiceRecord.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    return Volunteer.objects.create(person=person)


def _issue(volunteer: Volunteer) -> Certificate:
    today = timezone.localdate()
    return services.issue_certificate(
        actor=volunteer.person.user,
        volunteer=Volunteer.objects.get(pk=volunteer.pk),
        start=today - dt.timedelta(days=30),
        end=today,
    )


@pytest.mark.django_db
def test_each_county_numbers_its_certificates_from_one(city):
    head = f"ZY{timezone.localdate().year}"
    xia = Area.objects.get(name="夏县")
    highest = max(
        (
            int(n[6:])
            for n in Certificate.objects.filter(county=xia).values_list("number", flat=True)
        ),
        default=0,
    )
    here = _issue(_volunteer("v-xia", Area.objects.get(name="火神庙后巷小区")))
    compound = _compound(city, "盐湖区", "140802000000")
    first, second = _issue(_volunteer("v-yh1", compound)), _issue(_volunteer("v-yh2", compound))
    assert (here.county, here.number) == (xia, f"{head}{highest + 1:06d}")
    yanhu = Area.objects.get(path=compound.county_path)
    assert (yanhu.name, first.county, first.number) == ("盐湖区", yanhu, f"{head}000001")
    assert (second.county, second.number) == (yanhu, f"{head}000002")
    assert first.issuer == "盐湖区东关社区党群服务中心"


@pytest.mark.django_db(transaction=True)
def test_certificates_asked_at_once_in_two_counties_number_each_county_from_one(city):
    """Two volunteers of each of two counties ask at once: each county's are 000001 and 000002,
    on SQLite and on PostgreSQL (the unique number sends the loser to the next)."""
    volunteers = []
    for name, code in (("盐湖区", "140802000000"), ("临猗县", "140821000000")):
        compound = _compound(city, name, code)
        volunteers += [_volunteer(f"race-{code}-{i}", compound) for i in range(2)]
    results = _race(_issue, volunteers)
    assert all(isinstance(r, Certificate) for r in results), results
    head = f"ZY{timezone.localdate().year}"
    numbers = sorted(
        Certificate.objects.filter(volunteer__in=volunteers).values_list("county__name", "number")
    )
    assert numbers == [
        ("临猗县", f"{head}000001"),
        ("临猗县", f"{head}000002"),
        ("盐湖区", f"{head}000001"),
        ("盐湖区", f"{head}000002"),
    ]


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_old_certificates_the_county_of_their_holder_s_home(city):
    yanhu = _compound(city, "盐湖区", "140802000000")
    linyi = _compound(city, "临猗县", "140821000000")
    mine, theirs = _issue(_volunteer("old-1", yanhu)), _issue(_volunteer("old-2", linyi))
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE_FILL])
    old = executor.loader.project_state([BEFORE_FILL]).apps
    old.get_model("volunteering", "Certificate").objects.update(county=None)
    executor = MigrationExecutor(connection)
    # Forward to every app's latest, as the tests after this one need (going back to
    # BEFORE_FILL unapplies whatever depends on it in other apps).
    executor.migrate(executor.loader.graph.leaf_nodes())
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.county == Area.objects.get(path=yanhu.county_path)
    assert theirs.county == Area.objects.get(path=linyi.county_path)
    assert mine.county.name == "盐湖区" and theirs.county.name == "临猗县"
