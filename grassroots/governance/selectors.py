"""Reads of compound governance: each compound's current standing against a criteria set
(its latest verified assessment), the figures for an area, the progress over time, the
compounds due for a re-check, and the published disclosures of a compound.

A verified 六有 (target set) assessment counts for `settings.SIX_HAVE_VALID_MONTHS` months
from the day it was assessed: after that the compound is no longer whole until a new one is
verified, and from 30 days before that it is due for a re-check. A 三无 (deficit) assessment
describes what a compound was and does not lapse."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from grassroots.accounts.scopes import paths_q
from grassroots.areas.models import Area
from grassroots.areas.places import Place
from grassroots.cases.models import Case
from grassroots.cases.workflow import Status
from grassroots.governance.models import (
    Assessment,
    AssessmentItem,
    CriteriaSet,
    Criterion,
    Disclosure,
)
from grassroots.people.models import Person


def criteria_set(code: str) -> CriteriaSet:
    """A criteria set by code; the campaign's two sets are made again if they were removed
    (a flushed database, a back-office slip), so the figures never fail for want of them."""
    found = CriteriaSet.objects.filter(code=code).first()
    if found is None:
        from grassroots.governance.criteria import ensure_criteria_sets

        ensure_criteria_sets()
        found = CriteriaSet.objects.get(code=code)
    return found


DUE_WITHIN = dt.timedelta(days=30)


def lapses(cset: CriteriaSet) -> bool:
    """Whether the set's verifications lapse: a target (六有) is re-checked, a deficit (三无)
    describes the past."""
    return cset.meaning == CriteriaSet.Meaning.TARGET


def lapsed_by(cset: CriteriaSet, as_of: dt.date | None = None) -> dt.date | None:
    """Assessments of this day or earlier no longer count on `as_of` (today); None for a set
    whose verifications do not lapse."""
    if not lapses(cset):
        return None
    return (as_of or timezone.localdate()) - relativedelta(months=settings.SIX_HAVE_VALID_MONTHS)


def recheck_by(cset: CriteriaSet, assessment: Assessment | None) -> dt.date | None:
    """The day an assessment stops counting (None if it never does)."""
    if assessment is None or not lapses(cset):
        return None
    return assessment.assessed_on + relativedelta(months=settings.SIX_HAVE_VALID_MONTHS)


def active_criteria(cset: CriteriaSet) -> list[Criterion]:
    return list(cset.items.filter(active=True).order_by("order", "pk"))


def compounds_under(area) -> QuerySet[Area]:
    """The compounds of an area (or of several: `Places`)."""
    return Area.objects.filter(paths_q(area.paths), level=Area.Level.COMPOUND)


def latest(cset: CriteriaSet, compounds, as_of: dt.date | None = None) -> dict[int, Assessment]:
    """Each compound's latest verified assessment against the set (on or before `as_of`)."""
    rows = Assessment.objects.filter(
        criteria_set=cset, compound__in=compounds, verified_at__isnull=False
    )
    if as_of is not None:
        rows = rows.filter(assessed_on__lte=as_of)
    found: dict[int, Assessment] = {}
    rows = rows.select_related("verified_by").prefetch_related("items")
    for a in rows.order_by("compound_id", "assessed_on", "pk"):
        found[a.compound_id] = a
    return found


def standing(
    cset: CriteriaSet,
    criteria: list[Criterion],
    assessment: Assessment | None,
    as_of: dt.date | None = None,
) -> tuple[list[Criterion], list[Criterion], bool]:
    """(holding criteria, not holding criteria, whole) for one assessment on `as_of` (today):
    `whole` means every item is YES and the assessment has not lapsed — 六有 reached, or a
    三无 compound."""
    if assessment is None:
        return [], list(criteria), False
    status = {i.criterion_id: i.status for i in assessment.items.all()}
    yes = [c for c in criteria if status.get(c.pk) == AssessmentItem.Status.YES]
    no = [c for c in criteria if status.get(c.pk) != AssessmentItem.Status.YES]
    lapsed = lapsed_by(cset, as_of)
    return yes, no, not no and (lapsed is None or assessment.assessed_on > lapsed)


def _holds(criterion: Criterion) -> Exists:
    """The compound's latest verified assessment (`latest_id`) says YES to the criterion."""
    return Exists(
        AssessmentItem.objects.filter(
            assessment=OuterRef("latest_id"),
            criterion=criterion,
            status=AssessmentItem.Status.YES,
        )
    )


def compounds_standing(
    cset: CriteriaSet, compounds, missing: Criterion | None = None, state: str = ""
) -> QuerySet[Area]:
    """The compounds by path; only those lacking `missing`, and only the whole ones
    (state="whole"), the others (state="lacking"), or those due for a re-check, lapsed or
    lapsing within 30 days (state="due", the most overdue first) when asked. The rule of
    `standing`, applied in the database, so a list or ledger can be counted and read in
    chunks."""
    criteria = active_criteria(cset)
    latest = Assessment.objects.filter(
        criteria_set=cset, compound=OuterRef("pk"), verified_at__isnull=False
    ).order_by("-assessed_on", "-pk")
    rows = compounds.annotate(
        latest_id=Subquery(latest.values("pk")[:1]),
        latest_on=Subquery(latest.values("assessed_on")[:1]),
    ).order_by("path")
    if missing is not None:
        rows = rows.exclude(_holds(missing)) if missing in criteria else rows.none()
    lapsed = lapsed_by(cset)
    if state == "due":
        due = lapsed_by(cset, timezone.localdate() + DUE_WITHIN)
        return rows.filter(latest_on__lte=due).order_by("latest_on", "path") if due else rows.none()
    if state:
        whole = Q(latest_id__isnull=False)
        if lapsed is not None:
            whole &= Q(latest_on__gt=lapsed)
        for criterion in criteria:
            whole &= Q(_holds(criterion))
        rows = rows.filter(whole) if state == "whole" else rows.exclude(whole)
    return rows


@dataclass
class CompoundRow:
    compound: Area
    assessment: Assessment | None
    yes: list[Criterion]
    no: list[Criterion]
    whole: bool
    recheck_by: dt.date | None = None  # the day the assessment stops counting
    lapsed: bool = False  # it no longer counts
    due: bool = False  # lapsed, or lapsing within 30 days


def standing_rows(
    cset: CriteriaSet, compounds: Sequence[Area], current: dict[int, Assessment] | None = None
) -> list[CompoundRow]:
    """The standing of each compound given, their latest verified assessments (`current`, if
    read already) read at once."""
    criteria = active_criteria(cset)
    current = latest(cset, compounds) if current is None else current
    lapsed, due = lapsed_by(cset), lapsed_by(cset, timezone.localdate() + DUE_WITHIN)
    rows = []
    for c in compounds:
        a = current.get(c.pk)
        on = a.assessed_on if a else None
        yes, no, whole = standing(cset, criteria, a)
        row = CompoundRow(c, a, yes, no, whole, recheck_by=recheck_by(cset, a))
        row.lapsed = bool(on and lapsed and on <= lapsed)
        row.due = bool(on and due and on <= due)
        rows.append(row)
    return rows


def compound_rows(cset: CriteriaSet, compounds, missing: Criterion | None = None, state: str = ""):
    """Each compound's standing; only those lacking `missing`, and only the whole ones
    (state="whole") or the others (state="lacking") when asked."""
    return standing_rows(cset, list(compounds_standing(cset, compounds, missing, state)))


@dataclass
class Summary:
    area: Place
    criteria: list[Criterion]
    compounds: int = 0
    assessed: int = 0
    whole: int = 0
    lapsed: int = 0  # compounds whose latest verified assessment no longer counts
    due: int = 0  # … or stops counting within 30 days: re-checks due
    lacking: dict[int, int] = field(default_factory=dict)  # criterion id → compounds lacking
    children: list["Summary"] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return round(100 * self.whole / self.compounds, 1) if self.compounds else None

    @property
    def short(self) -> int:
        """Compounds not (yet, or no longer) whole: lacking an item, never assessed, lapsed."""
        return self.compounds - self.whole

    def lacking_list(self) -> list[tuple[Criterion, int]]:
        return [(c, self.lacking.get(c.pk, 0)) for c in self.criteria]


def summary(cset: CriteriaSet, area: Place) -> Summary:
    """The area's figures against the set, and the same for each community under it."""
    criteria = active_criteria(cset)
    compounds = list(compounds_under(area))
    current = latest(cset, compounds)
    # By community (the level that keeps the compounds), whatever the area above it.
    children = (
        list(Area.objects.filter(paths_q(area.paths), level=Area.Level.COMMUNITY).order_by("path"))
        if area.depth < Area.depth_of(Area.Level.COMMUNITY)
        else []
    )
    total = Summary(area, criteria)
    parts = {c.path: Summary(c, criteria) for c in children}
    for row in standing_rows(cset, compounds, current):
        part = parts.get(Area.cut(row.compound.path, Area.Level.COMMUNITY))
        for s in filter(None, (total, part)):
            s.compounds += 1
            s.assessed += row.assessment is not None
            s.whole += row.whole
            s.lapsed += row.lapsed
            s.due += row.due
            for c in row.no:
                s.lacking[c.pk] = s.lacking.get(c.pk, 0) + 1
    total.children = list(parts.values())
    return total


def progress(cset: CriteriaSet, area: Area, months: int = 24, today: dt.date | None = None):
    """(month, compounds whole at the month's end, lapsed ones not) from the month of the first
    verified assessment (at most `months` months back) to this month."""
    today = today or timezone.localdate()
    criteria = active_criteria(cset)
    rows = list(
        Assessment.objects.filter(
            paths_q(area.paths, "compound__path"),
            criteria_set=cset,
            verified_at__isnull=False,
        )
        .order_by("assessed_on", "pk")
        .prefetch_related("items")
    )
    if not rows:
        return []
    first = rows[0].assessed_on.replace(day=1)
    month = max(first, _months_back(today, months - 1))
    latest_now: dict[int, Assessment] = {}
    series, i = [], 0
    while month <= today:
        following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        end = min(following - dt.timedelta(days=1), today)
        while i < len(rows) and rows[i].assessed_on <= end:
            latest_now[rows[i].compound_id] = rows[i]
            i += 1
        whole = sum(standing(cset, criteria, a, as_of=end)[2] for a in latest_now.values())
        series.append((month, whole))
        month = following
    return series


def _months_back(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def published_disclosures(compound: Area) -> QuerySet[Disclosure]:
    """What the compound's residents may read: the compound's own disclosures and those of
    its community and the areas above it."""
    paths = [compound.path[: n * Area.steplen] for n in range(1, compound.depth + 1)]
    return (
        Disclosure.objects.filter(status=Disclosure.Status.PUBLISHED, area__path__in=paths)
        .select_related("area")
        .prefetch_related("attachments")
        .order_by("-published_at", "-pk")
    )


def disclosures_kept(paths: list[str]) -> QuerySet[Disclosure]:
    query = Q()
    for path in paths:
        query |= Q(area__path__startswith=path)
    if not paths:
        return Disclosure.objects.none()
    return Disclosure.objects.filter(query).select_related("area").order_by("-created_at", "-pk")


def areas_for_disclosure(paths: list[str]) -> QuerySet[Area]:
    """The communities and compounds under the given area paths, in tree order."""
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    levels = (Area.Level.COMMUNITY, Area.Level.COMPOUND)
    return (
        Area.objects.filter(query, level__in=levels).order_by("path")
        if paths
        else Area.objects.none()
    )


def handled_cases(compound: Area, limit: int = 50):
    """Demands being handled in the compound: those a remediation project can take in."""
    return Case.objects.filter(
        area__path__startswith=compound.path, status=Status.IN_PROGRESS
    ).order_by("-created_at")[:limit]


def residents(compound: Area, limit: int = 300):
    """The compound's residents, to mark who attended a meeting."""
    return Person.objects.filter(home_area__path__startswith=compound.path).order_by("name")[:limit]
