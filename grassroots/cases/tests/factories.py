"""Cases made by calling the services, as the pages would."""

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.models import Case, Category
from grassroots.units.models import Pairing, Unit


def category(code: str = "drainage", name: str = "排水/下水道", urgent: bool = False) -> Category:
    return Category.objects.get_or_create(code=code, defaults={"name": name, "urgent": urgent})[0]


def user(username: str) -> User:
    return User.objects.get(username=username)


def submitted(compound: str = "骨科小区", *, by: str = "resident", **extra) -> Case:
    """A problem reported by the demo resident about a compound of 城北社区."""
    fields = {
        "kind": Case.Kind.PROBLEM,
        "category": category(),
        "title": "下水道堵塞",
        "description": "巷道下水道堵塞，污水外溢。",
        "area": Area.objects.get(name=compound),
        **extra,
    }
    return services.submit_case(actor=user(by), **fields)


def accepted(compound: str = "骨科小区", *, staff: str = "secretary") -> Case:
    case = submitted(compound)
    return services.triage_case(actor=user(staff), case=case)


def unit(name: str = "县中医医院") -> Unit:
    """A unit of the demo county, 夏县."""
    return Unit.objects.get(name=name, area__name="夏县")


def county_unit(county, name: str = "县中医医院") -> Unit:
    """A unit of another county: every county has its own 县中医医院 (names repeat)."""
    return Unit.objects.get_or_create(
        area=county, name=name, defaults={"code": f"T-{county.pk}-{name}"}
    )[0]


def dispatched(compound: str = "骨科小区", *, staff: str = "secretary", to: str = "县中医医院"):
    case = accepted(compound, staff=staff)
    services.dispatch_case(actor=user(staff), case=case, lead=unit(to))
    case.refresh_from_db()
    return case


def published(compound: str = "骨科小区", *, staff: str = "secretary") -> Case:
    case = accepted(compound, staff=staff)
    return services.publish_case(actor=user(staff), case=case)


def in_progress(compound: str = "骨科小区") -> Case:
    case = dispatched(compound)
    return services.accept_case(actor=user("liaison"), case=case)


def handled(compound: str = "骨科小区") -> Case:
    case = in_progress(compound)
    return services.complete_case(actor=user("liaison"), case=case, note="已疏通")


def revisiting(compound: str = "骨科小区") -> Case:
    case = handled(compound)
    return services.verify_case(actor=user("gridworker"), case=case, ok=True)


def closed(compound: str = "骨科小区", rating: str = "satisfied") -> Case:
    case = revisiting(compound)
    return services.rate_case(actor=user("resident"), case=case, rating=rating)


def pair(unit_name: str, area_name: str) -> Pairing:
    return Pairing.objects.get_or_create(
        unit=unit(unit_name), area=Area.objects.get(name=area_name)
    )[0]
