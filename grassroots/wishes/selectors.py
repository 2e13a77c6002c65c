"""What the wish wall reads: wishes as plain rows with personal details removed, and the needs
collected through the wall and questionnaires as the county counts them.

The public wall reads cases as plain rows and shows no requester, no building or door, and no
phone or ID number."""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from grassroots.accounts.scopes import paths_q
from grassroots.areas.models import Area
from grassroots.areas.places import Place
from grassroots.cases.models import Assignment, Case
from grassroots.cases.workflow import Status
from grassroots.core.masking import public_text

# On the wall: waiting for a claimer, being fulfilled, fulfilled.
WAITING = (Status.PUBLISHED,)
UNDER_WAY = (Status.IN_PROGRESS, Status.HANDLED, Status.REVISITING)
CAME_TRUE = (Status.CLOSED,)
WALL_STATUSES = (*WAITING, *UNDER_WAY, *CAME_TRUE)
# Needs "collected through wish walls and questionnaires", as the county counts them.
COLLECTED_CHANNELS = (Case.Channel.WISH_WALL, Case.Channel.QUESTIONNAIRE)


def collected_needs():
    """Wishes and needs that came in through the wall or a questionnaire."""
    return Case.objects.filter(kind__in=(Case.Kind.WISH, Case.Kind.NEED)).filter(
        channel__in=COLLECTED_CHANNELS
    )


def needs_collected_in(area: Place) -> int:
    """How many needs were collected in an area (one area, or several summed)."""
    return collected_needs().filter(paths_q(area.paths, "area__path")).count()


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
    compounds = list(
        Area.objects.filter(path__in=prefixes, level=Area.Level.COMPOUND).only("path", "name")
    )

    def compound_of(path: str) -> str:
        return next((c.name for c in compounds if c.holds(path)), "")

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
