"""Pages of compound governance.

For the county and the communities: the 六有 overview of an area (figures, each child area,
which items compounds lack, the progress from 三无 to 六有 month by month), the compounds with
their standing, a compound's page (assessment history, bodies, projects, meetings,
disclosures) and the forms that record them. For residents: the public 三务公开 page of a
compound. Files (evidence, photos, attachments) are served through views that check access."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.places import Places
from grassroots.areas.selectors import ancestors_and_self
from grassroots.core import export_views
from grassroots.governance import forms, ledgers, permissions, selectors, services
from grassroots.governance.criteria import SIX_HAVE, THREE_WITHOUT
from grassroots.governance.models import (
    Assessment,
    CriteriaSet,
    Decision,
    Disclosure,
    DisclosureAttachment,
    EvidenceFile,
    Meeting,
    Project,
    ProjectPhoto,
    ProjectTask,
)
from grassroots.governance.services import GovernanceRefused, ItemInput
from grassroots.people.models import Person


def _top_area(request) -> Area | Places:
    """The area a reader sees first: ?area= if they may, else the top of their scope."""
    return permissions.top_area(request.user, request.GET.get("area"))


def _bars(series, height: int = 120, width: int = 640) -> dict:
    """Bar geometry for a month series drawn as SVG (no script, no inline style)."""
    top = max([v for _m, v in series] + [1])
    step = width / max(len(series), 1)
    bars = []
    for i, (month, value) in enumerate(series):
        h = round(height * value / top, 1)
        bars.append(
            {
                "x": round(i * step + 2, 1),
                "y": round(height - h, 1),
                "w": round(step - 4, 1),
                "h": h,
                "month": month,
                "value": value,
                "label": i % 3 == 0,
            }
        )
    return {"bars": bars, "height": height, "width": width, "top": top}


def overview(request):
    area = _top_area(request)
    six = selectors.criteria_set(SIX_HAVE)
    three = selectors.criteria_set(THREE_WITHOUT)
    summary = selectors.summary(six, area)
    context = {
        "area": area,
        "crumbs": ancestors_and_self(area) if isinstance(area, Area) else [],
        "six": six,
        "summary": summary,
        "three": selectors.summary(three, area),
        "progress": _bars(selectors.progress(six, area)),
        "three_progress": _bars(selectors.progress(three, area)),
        "keep": permissions.can_keep(request.user, area),
    }
    return render(request, "governance/overview.html", context)


def compound_list(request):
    """The compounds with their standing, with the list's filters (?area=, ?missing=, ?state=)."""
    area, six, missing, state = ledgers.compound_filter(request.user, request.GET)
    compounds = selectors.compounds_standing(six, selectors.compounds_under(area), missing, state)
    page = Paginator(compounds, 25).get_page(request.GET.get("page"))
    page.object_list = selectors.standing_rows(six, list(page.object_list))
    qs = f"area={area.pk}&missing={missing.code if missing else ''}&state={state or ''}"
    context = {
        "area": area,
        "page": page,
        "missing": missing,
        "state": state,
        "criteria": selectors.active_criteria(six),
        "qs": qs,
    }
    return render(request, "governance/compounds.html", context)


def compound_ledger(request):
    """The compounds' 六有 standing as an Excel ledger, with the list's filters; audited. A
    large one is written in the background with a progress page."""
    make = ledgers.compound_ledger
    return export_views.answer(request, kind="six_have", params=request.GET.dict(), make=make)


def project_list(request):
    """Remediation projects in the reader's area, newest first."""
    rows = Project.objects.filter(_under(request.user, "compound__path")).select_related("compound")
    status = request.GET.get("status")
    if status in Project.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows.order_by("-starts_on", "-pk"), 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": Project.Status.choices,
        "qs": f"status={status or ''}",
    }
    return render(request, "governance/projects.html", context)


def meeting_list(request):
    """Deliberation meetings in the reader's area, newest first."""
    rows = (
        Meeting.objects.filter(_under(request.user, "compound__path"))
        .select_related("compound")
        .annotate(
            present=Count("attendees", distinct=True), decided=Count("decisions", distinct=True)
        )
    )
    page = Paginator(rows.order_by("-held_at", "-pk"), 20).get_page(request.GET.get("page"))
    return render(request, "governance/meetings.html", {"page": page})


def _under(user, field: str) -> Q:
    paths = permissions.reading_paths(user)
    if not paths:
        raise Http404
    query = Q()
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def compound_page(request, pk: int):
    compound = permissions.access_compound(request.user, pk)
    six = selectors.criteria_set(SIX_HAVE)
    three = selectors.criteria_set(THREE_WITHOUT)
    standing = []
    for cset in (six, three):
        rows = selectors.compound_rows(cset, Area.objects.filter(pk=compound.pk))
        standing.append((cset, rows[0]))
    keep = permissions.can_keep(request.user, compound)
    context = {
        "compound": compound,
        "crumbs": ancestors_and_self(compound),
        "standing": standing,
        "history": compound.assessments.select_related(
            "criteria_set", "recorded_by", "verified_by"
        ).prefetch_related("items")[:20],
        "bodies": compound.bodies.prefetch_related("members__person"),
        "projects": compound.projects.all(),
        "meetings": compound.meetings.prefetch_related("decisions")[:10],
        "disclosures": Disclosure.objects.filter(area=compound).order_by("-created_at")[:10],
        "keep": keep,
    }
    return render(request, "governance/compound.html", context)


def assess(request, pk: int):
    compound = permissions.access_compound(request.user, pk)
    if not permissions.can_keep(request.user, compound):
        raise Http404
    code = request.GET.get("set") or SIX_HAVE
    cset = get_object_or_404(CriteriaSet, code=code)
    criteria = selectors.active_criteria(cset)
    form = forms.AssessmentForm(
        request.POST or None,
        request.FILES or None,
        criteria=criteria,
        initial={"assessed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        items = {
            c.pk: ItemInput(
                data[f"status_{c.pk}"], data[f"evidence_{c.pk}"], tuple(data[f"files_{c.pk}"])
            )
            for c in criteria
        }
        try:
            assessment = services.record_assessment(
                actor=request.user,
                compound=compound,
                criteria_set=cset,
                assessed_on=data["assessed_on"],
                items=items,
                note=data["note"],
            )
        except GovernanceRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The assessment is recorded; it counts once verified."))
            return redirect("governance:assessment", assessment.pk)
    context = {"compound": compound, "cset": cset, "form": form}
    return render(request, "governance/assess.html", context)


def assessment_page(request, pk: int):
    assessment = permissions.access_governed(
        request.user, Assessment, pk, "compound", "criteria_set", "recorded_by", "verified_by"
    )
    if request.method == "POST":
        try:
            services.verify_assessment(actor=request.user, assessment=assessment)
        except GovernanceRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Verified: the assessment now counts."))
        return redirect("governance:assessment", assessment.pk)
    items = assessment.items.select_related("criterion", "verified_by").prefetch_related("files")
    context = {
        "a": assessment,
        "items": items,
        "verify": assessment.verified_at is None
        and permissions.can_verify(request.user, assessment.compound)
        and assessment.recorded_by_id != request.user.pk,
    }
    return render(request, "governance/assessment.html", context)


def evidence_file(request, pk: int):
    item = get_object_or_404(EvidenceFile.objects.select_related("item__assessment"), pk=pk)
    permissions.access_governed(request.user, Assessment, item.item.assessment_id, "compound")
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


# --- Projects ---------------------------------------------------------------------------------


def project_new(request, pk: int):
    compound = permissions.access_compound(request.user, pk)
    if not permissions.can_keep(request.user, compound):
        raise Http404
    candidates = list(selectors.handled_cases(compound))
    form = forms.ProjectForm(request.POST or None, cases=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [c for c in candidates if str(c.pk) in data["cases"]]
        try:
            project = services.create_project(
                actor=request.user,
                compound=compound,
                title=data["title"],
                description=data["description"],
                starts_on=data["starts_on"],
                due_on=data["due_on"],
                tasks=data["tasks"],
                cases=chosen,
            )
        except GovernanceRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The project is set up."))
            return redirect("governance:project", project.pk)
    return render(request, "governance/project_form.html", {"compound": compound, "form": form})


def project_page(request, pk: int):
    project = permissions.access_governed(request.user, Project, pk, "compound")
    keep = permissions.can_keep(request.user, project.compound)
    if request.method == "POST" and keep:
        _project_action(request, project)
        return redirect("governance:project", project.pk)
    tasks = list(project.tasks.all())
    spent = sum((t.spent for t in tasks), start=type(project.budget)(0))
    context = {
        "project": project,
        "tasks": tasks,
        "spent": spent,
        "photos": project.photos.all(),
        "cases": project.cases.select_related("category").order_by("pk"),
        "keep": keep and project.status != Project.Status.DONE,
        "photo_form": forms.PhotoForm(),
    }
    return render(request, "governance/project.html", context)


def _project_action(request, project: Project) -> None:
    action = request.POST.get("action")
    try:
        if action == "task":
            task = get_object_or_404(ProjectTask, pk=request.POST.get("task"), project=project)
            form = forms.TaskForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give the amount spent in yuan."))
                return
            services.update_task(
                actor=request.user,
                task=task,
                spent=form.cleaned_data["spent"],
                done=form.cleaned_data["done"],
            )
            messages.success(request, _("Saved."))
        elif action == "photos":
            form = forms.PhotoForm(request.POST, request.FILES)
            if not form.is_valid():
                messages.error(
                    request, " ".join(e for errors in form.errors.values() for e in errors)
                )
                return
            n = services.add_project_photos(
                actor=request.user,
                project=project,
                stage=form.cleaned_data["stage"],
                photos=form.cleaned_data["photos"],
            )
            messages.success(request, _("%(n)d photo(s) added.") % {"n": n})
        elif action == "complete":
            settled = services.complete_project(
                actor=request.user, project=project, note=request.POST.get("note", "")
            )
            messages.success(
                request,
                _("The project is finished; %(n)d demand(s) go to the residents' rating.")
                % {"n": len(settled)},
            )
    except GovernanceRefused as refused:
        messages.error(request, refused.message)


def project_photo(request, pk: int):
    photo = get_object_or_404(ProjectPhoto, pk=pk)
    permissions.access_governed(request.user, Project, photo.project_id, "compound")
    response = FileResponse(photo.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- Deliberation -----------------------------------------------------------------------------


def meeting_new(request, pk: int):
    compound = permissions.access_compound(request.user, pk)
    if not permissions.can_keep(request.user, compound):
        raise Http404
    people = list(selectors.residents(compound))
    form = forms.MeetingForm(request.POST or None, bodies=compound.bodies.all(), people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [p for p in people if str(p.pk) in data["attendees"]]
        try:
            meeting = services.record_meeting(
                actor=request.user,
                compound=compound,
                title=data["title"],
                held_at=timezone.make_aware(dt.datetime.combine(data["day"], data["time"])),
                agenda=data["agenda"],
                minutes=data["minutes"],
                quorum=data["quorum"],
                attendees=chosen,
                place=data["place"],
                body=data["body"],
            )
        except GovernanceRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meeting_form.html", {"compound": compound, "form": form})


def meeting_page(request, pk: int):
    meeting = permissions.access_governed(request.user, Meeting, pk, "compound", "body")
    keep = permissions.can_keep(request.user, meeting.compound)
    decision_form = forms.DecisionForm(
        request.POST if request.POST.get("action") == "decision" else None
    )
    if request.method == "POST" and keep:
        if request.POST.get("action") == "decision" and decision_form.is_valid():
            try:
                services.record_decision(
                    actor=request.user, meeting=meeting, **decision_form.cleaned_data
                )
            except GovernanceRefused as refused:
                decision_form.add_error(None, refused.message)
            else:
                messages.success(request, _("The decision is recorded."))
                return redirect("governance:meeting", meeting.pk)
        elif request.POST.get("action") == "follow_up":
            _follow_up(request, meeting)
            return redirect("governance:meeting", meeting.pk)
    context = {
        "meeting": meeting,
        "present": meeting.attendees.count(),
        "attendees": meeting.attendees.order_by("name"),
        "decisions": meeting.decisions.prefetch_related("cases"),
        "keep": keep,
        "decision_form": decision_form,
        "follow_up_form": forms.FollowUpForm(),
    }
    return render(request, "governance/meeting.html", context)


def _follow_up(request, meeting: Meeting) -> None:
    decision = get_object_or_404(Decision, pk=request.POST.get("decision"), meeting=meeting)
    form = forms.FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a category and say what is to be done."))
        return
    try:
        case = services.raise_follow_up(
            actor=request.user,
            decision=decision,
            category=form.cleaned_data["category"],
            description=form.cleaned_data["description"],
        )
    except GovernanceRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request, _("Follow-up demand %(ref)s is in the pipeline.") % {"ref": case.reference}
        )


# --- 三务公开 ---------------------------------------------------------------------------------


def _keeping_paths(user) -> list[str]:
    scope = scope_of(user)
    return [""] if scope.is_superuser else scope.area_paths(permissions.KEEPERS)


def disclosure_list(request):
    paths = _keeping_paths(request.user)
    if not paths:
        raise Http404
    rows = selectors.disclosures_kept(paths)
    status = request.GET.get("status")
    if status in Disclosure.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": Disclosure.Status.choices,
        "qs": f"status={status or ''}",
    }
    return render(request, "governance/disclosures.html", context)


def disclosure_new(request):
    paths = _keeping_paths(request.user)
    if not paths:
        raise Http404
    areas = list(selectors.areas_for_disclosure(paths))
    form = forms.DisclosureForm(request.POST or None, request.FILES or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        area = next((a for a in areas if a.pk == data["area"]), None)
        try:
            if area is None:
                raise GovernanceRefused("invalid", _("Choose a community or a compound."))
            disclosure = services.draft_disclosure(
                actor=request.user,
                area=area,
                category=data["category"],
                title=data["title"],
                body=data["body"],
                period=data["period"],
                files=data["files"],
            )
        except GovernanceRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Saved as a draft. Check it, then publish."))
            return redirect("governance:disclosure", disclosure.pk)
    return render(request, "governance/disclosure_form.html", {"form": form})


def disclosure_page(request, pk: int):
    disclosure = permissions.access_governed(request.user, Disclosure, pk, "area")
    keep = permissions.can_keep(request.user, disclosure.area)
    draft = disclosure.status == Disclosure.Status.DRAFT
    edit_form = forms.DisclosureEditForm(
        request.POST if request.POST.get("action") == "edit" else None,
        initial={"title": disclosure.title, "period": disclosure.period, "body": disclosure.body},
    )
    if request.method == "POST" and keep:
        action = request.POST.get("action")
        try:
            if action == "edit" and edit_form.is_valid():
                services.edit_disclosure(
                    actor=request.user, disclosure=disclosure, **edit_form.cleaned_data
                )
                messages.success(request, _("Saved."))
            elif action == "remove":
                attachment = get_object_or_404(
                    DisclosureAttachment, pk=request.POST.get("attachment"), disclosure=disclosure
                )
                services.remove_attachment(actor=request.user, attachment=attachment)
                messages.success(request, _("The attachment is removed."))
            elif action == "publish":
                services.publish_disclosure(actor=request.user, disclosure=disclosure)
                messages.success(request, _("Published: residents can read it now."))
            elif action == "withdraw":
                services.withdraw_disclosure(actor=request.user, disclosure=disclosure)
                messages.success(request, _("Withdrawn from the public page."))
        except GovernanceRefused as refused:
            messages.error(
                request,
                _("Not published. Fix these first:")
                if refused.code == "personal_data"
                else refused.message,
            )
        if not edit_form.errors:
            return redirect("governance:disclosure", disclosure.pk)
    context = {
        "d": disclosure,
        "keep": keep,
        "draft": draft,
        "problems": services.scan_disclosure(disclosure) if draft else [],
        "edit_form": edit_form,
        "public_compound": disclosure.area if disclosure.area.level == "compound" else None,
    }
    return render(request, "governance/disclosure.html", context)


@login_not_required
def attachment_file(request, pk: int):
    """An attachment: public once its disclosure is published, else for those who keep it."""
    item = get_object_or_404(DisclosureAttachment.objects.select_related("disclosure"), pk=pk)
    if item.disclosure.status != Disclosure.Status.PUBLISHED:
        permissions.access_governed(request.user, Disclosure, item.disclosure_id, "area")
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@login_not_required
def public_disclosures(request, pk: int):
    """A compound's 三务公开, public: its own and its community's published disclosures."""
    compound = get_object_or_404(Area, pk=pk, level=Area.Level.COMPOUND)
    rows = selectors.published_disclosures(compound)
    category = request.GET.get("category")
    if category in Disclosure.Category.values:
        rows = rows.filter(category=category)
    page = Paginator(rows, 10).get_page(request.GET.get("page"))
    context = {
        "compound": compound,
        "page": page,
        "category": category,
        "categories": Disclosure.Category.choices,
        "qs": f"category={category or ''}",
    }
    return render(request, "governance/public.html", context)


def my_compound(request):
    """A resident's way to their compound's 三务公开."""
    person = Person.objects.filter(user=request.user).select_related("home_area").first()
    if person is None or person.home_area is None:
        messages.info(request, _("Your home is not on record; ask your community."))
        return redirect("home")
    compound = next(
        (a for a in ancestors_and_self(person.home_area) if a.level == Area.Level.COMPOUND), None
    )
    if compound is None:
        raise Http404
    return redirect("governance:public", compound.pk)
