"""Deliberation pages: the meetings of one's area, recording one for a compound, and a
meeting's page with its decisions, the votes and the follow-up demands they raise."""

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.governance import forms, permissions, selectors, services
from grassroots.governance.errors import GovernanceRefused
from grassroots.governance.models import Decision, Meeting


def meeting_list(request):
    """Deliberation meetings in the reader's area, newest first."""
    rows = (
        Meeting.objects.filter(permissions.reading_q(request.user, "compound__path"))
        .select_related("compound")
        .annotate(
            present=Count("attendees", distinct=True), decided=Count("decisions", distinct=True)
        )
    )
    page = Paginator(rows.order_by("-held_at", "-pk"), 20).get_page(request.GET.get("page"))
    return render(request, "governance/meetings.html", {"page": page})


def meeting_new(request, pk: int):
    compound = permissions.access_kept_compound(request.user, pk)
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
