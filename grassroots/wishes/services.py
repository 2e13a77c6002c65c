"""The writes of the wish wall (微心愿) and the needs questionnaires: both make cases of the one
pipeline.

A wish is a case of kind wish from the wall; a community worker checks it (triage) and puts it
on the wall (publish); a unit, team or member claims it through the case services (one claimer
wins), fulfils it (complete) and the resident confirms it (rate). A questionnaire answer is one
need case per need ticked and one for what the resident wrote."""

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.cases import services as cases
from grassroots.cases.models import Case, Category
from grassroots.core.refusals import Refused
from grassroots.people.models import Person
from grassroots.volunteering.models import Questionnaire


class WishRefused(Refused):
    """A refusal of a wish or a questionnaire answer (the case services raise their own)."""


def _home_compound(user) -> Area | None:
    person = Person.objects.filter(user=user).select_related("home_area").first()
    if person is None:
        return None
    area = person.home_area
    return area if area.level in (Area.Level.COMPOUND, Area.Level.BUILDING) else None


def post_wish(
    *, actor, title: str, description: str, area: Area | None = None, requester_name: str = ""
) -> Case:
    """A resident posts a wish for their home; a grid worker or staff member posts one for a
    resident (named) in their area. It waits for the community's check before the wall."""
    on_behalf = bool(requester_name)
    area = area or (None if on_behalf else _home_compound(actor))
    if area is None:
        raise WishRefused("invalid", _("Choose the compound the wish is for."), {"area": []})
    return cases.submit_case(
        actor=actor,
        kind=Case.Kind.WISH,
        category=Category.objects.get(code="other"),
        title=title,
        description=description,
        area=area,
        channel=Case.Channel.WISH_WALL,
        requester_name=requester_name,
        on_behalf=on_behalf,
    )


def _needs_ticked(
    questionnaire: Questionnaire, choices: list[str], other: str
) -> list[tuple[str, str]]:
    """(title, description) of each need case an answer makes, refused when it names none."""
    allowed = questionnaire.option_list()
    picked = [c for c in dict.fromkeys(choices) if c in allowed]
    other = (other or "").strip()
    if not picked and not other:
        raise WishRefused("invalid", _("Tick a need or write one."), {"choices": []})
    template = _("Need from the questionnaire %(title)s: %(need)s")
    texts = [(c, template % {"title": questionnaire.title, "need": c}) for c in picked]
    if other:
        texts.append((other[:30], other[:2000]))
    return texts


@transaction.atomic
def answer_questionnaire(
    *,
    actor,
    questionnaire: Questionnaire,
    choices: list[str],
    other: str = "",
    area: Area | None = None,
    requester_name: str = "",
) -> list[Case]:
    """A resident's answer: one need case per need ticked and one for what they wrote. A grid
    worker or staff member enters a paper answer for a resident (named) of a compound."""
    if not questionnaire.open:
        raise WishRefused("conflict", _("This questionnaire is closed."))
    on_behalf = bool(requester_name)
    area = area if on_behalf else _home_compound(actor)
    if area is None or not questionnaire.community.holds(area):
        raise WishRefused(
            "forbidden",
            _("This questionnaire is for residents of %(community)s.")
            % {"community": questionnaire.community.name},
        )
    return [
        cases.submit_case(
            actor=actor,
            kind=Case.Kind.NEED,
            category=questionnaire.category,
            title=title,
            description=description,
            area=area,
            channel=Case.Channel.QUESTIONNAIRE,
            requester_name=requester_name,
            on_behalf=on_behalf,
            event_data={"questionnaire": questionnaire.pk},
        )
        for title, description in _needs_ticked(questionnaire, choices, other)
    ]
