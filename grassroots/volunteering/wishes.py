"""The wish wall (微心愿) and needs questionnaires: both make cases of the one pipeline.

A wish is a case of kind wish from the wall; a community worker checks it (triage) and puts it
on the wall (publish); a unit, team or member claims it through the case services (one claimer
wins), fulfils it (complete) and the resident confirms it (rate). The public wall reads cases
as plain rows and shows no requester, no building or door, and no phone or ID number."""

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.cases import services as cases
from grassroots.cases.models import Assignment, Case, Category
from grassroots.cases.workflow import Status
from grassroots.core.masking import public_text
from grassroots.people.models import Person
from grassroots.volunteering.models import Questionnaire
from grassroots.volunteering.services import VolunteerRefused

# On the wall: waiting for a claimer, being fulfilled, fulfilled.
WAITING = (Status.PUBLISHED,)
UNDER_WAY = (Status.IN_PROGRESS, Status.HANDLED, Status.REVISITING)
CAME_TRUE = (Status.CLOSED,)
WALL_STATUSES = (*WAITING, *UNDER_WAY, *CAME_TRUE)
# Needs "collected through wish walls and questionnaires", as the county counts them.
COLLECTED_CHANNELS = (Case.Channel.WISH_WALL, Case.Channel.QUESTIONNAIRE)


def collected_needs():
    return Case.objects.filter(kind__in=(Case.Kind.WISH, Case.Kind.NEED)).filter(
        channel__in=COLLECTED_CHANNELS
    )


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
        raise VolunteerRefused("invalid", _("Choose the compound the wish is for."), {"area": []})
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
        raise VolunteerRefused("conflict", _("This questionnaire is closed."))
    on_behalf = bool(requester_name)
    area = area if on_behalf else _home_compound(actor)
    if area is None or not area.path.startswith(questionnaire.community.path):
        raise VolunteerRefused(
            "forbidden",
            _("This questionnaire is for residents of %(community)s.")
            % {"community": questionnaire.community.name},
        )
    allowed = questionnaire.option_list()
    picked = [c for c in dict.fromkeys(choices) if c in allowed]
    other = (other or "").strip()
    if not picked and not other:
        raise VolunteerRefused("invalid", _("Tick a need or write one."), {"choices": []})
    template = _("Need from the questionnaire %(title)s: %(need)s")
    texts = [(c, template % {"title": questionnaire.title, "need": c}) for c in picked]
    if other:
        texts.append((other[:30], other[:2000]))
    made = []
    for title, description in texts:
        made.append(
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
        )
    return made


def wall(community: Area | None = None, state: str = "waiting"):
    """The wall's rows: wishes with the compound's name, the taker's name if any, and the text
    with personal details removed. Plain rows (one query a page), never model objects."""
    statuses = {"waiting": WAITING, "under_way": UNDER_WAY, "came_true": CAME_TRUE}.get(
        state, WAITING
    )
    lead = Assignment.objects.filter(case=OuterRef("pk"), role="lead", active=True)
    rows = Case.objects.filter(kind=Case.Kind.WISH, status__in=statuses)
    if community is not None:
        rows = rows.filter(area__path__startswith=community.path)
    rows = rows.annotate(
        unit_name=Subquery(lead.values("unit__name")[:1]),
        team_name=Subquery(lead.values("team__name")[:1]),
        member_taker=Subquery(lead.values("member_id")[:1]),
        area_path=Subquery(Area.objects.filter(pk=OuterRef("area_id")).values("path")[:1]),
    ).order_by("-created_at", "-pk")
    return rows.values(
        "pk",
        "title",
        "description",
        "status",
        "created_at",
        "area_path",
        "unit_name",
        "team_name",
        "member_taker",
    )


def public_rows(rows) -> list[dict]:
    """What the wall may show of each row: compound name, hidden text, who took it."""
    rows = list(rows)
    step = Area.steplen
    prefixes = {
        r["area_path"][:n] for r in rows for n in range(step, len(r["area_path"]) + 1, step)
    }
    compounds = dict(
        Area.objects.filter(path__in=prefixes, level=Area.Level.COMPOUND).values_list(
            "path", "name"
        )
    )

    def compound_of(path: str) -> str:
        return next((name for p, name in compounds.items() if path.startswith(p)), "")

    out = []
    for r in rows:
        taker = (
            r["unit_name"] or r["team_name"] or (_("A party member") if r["member_taker"] else "")
        )
        out.append(
            {
                "pk": r["pk"],
                "title": public_text(r["title"]),
                "text": public_text(r["description"])[:140],
                "compound": compound_of(r["area_path"] or ""),
                "posted": r["created_at"],
                "status": r["status"],
                "taker": taker,
            }
        )
    return out
