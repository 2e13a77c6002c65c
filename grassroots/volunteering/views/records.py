"""A volunteer's own page (dates, hours, stars, certificates, profile), certificates and their
public check, and the Excel ledgers of hours and of activity dates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core import export_views
from grassroots.core.files import audited_pdf
from grassroots.core.masking import mask_name
from grassroots.volunteering import ledgers, selectors, services
from grassroots.volunteering.certificates import render_certificate_pdf
from grassroots.volunteering.errors import VolunteerRefused
from grassroots.volunteering.forms import CertificateForm, ProfileForm
from grassroots.volunteering.models import Certificate, Enrollment, Volunteer
from grassroots.volunteering.permissions import access_certificate
from grassroots.volunteering.views.common import PAGE_SIZE, show_refused


def _my_records(request, volunteer: Volunteer) -> dict:
    """The volunteer's dates (a page), hours and stars, certificates and calendar link."""
    rows = (
        volunteer.enrollments.exclude(status=Enrollment.Status.CANCELLED)
        .select_related("occurrence__activity")
        .order_by("-occurrence__starts_at")
    )
    today = timezone.localdate()
    return {
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "summary": selectors.volunteer_summary(volunteer),
        "certificates": volunteer.certificates.all()[:20],
        "form": CertificateForm(initial={"start": today.replace(month=1, day=1), "end": today}),
        "feed": request.build_absolute_uri(
            reverse("volunteering:feed_mine", args=[volunteer.calendar_token])
        ),
        "now": timezone.now(),
    }


def mine(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        return render(request, "volunteering/mine.html", {"volunteer": None})
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            services.update_profile(actor=request.user, volunteer=volunteer, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("volunteering:mine")
    profile = ProfileForm(
        initial={"skills": volunteer.skills, "availability": volunteer.availability}
    )
    context = {"volunteer": volunteer, "profile": profile, **_my_records(request, volunteer)}
    return render(request, "volunteering/mine.html", context)


@require_POST
def certificate_new(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        raise Http404
    form = CertificateForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("__all__", []) or [_("Give the period.")]:
            messages.error(request, error)
        return redirect("volunteering:mine")
    try:
        certificate = services.issue_certificate(
            actor=request.user,
            volunteer=volunteer,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
    except VolunteerRefused as refused:
        show_refused(request, refused)
        return redirect("volunteering:mine")
    messages.success(request, _("Certificate %(number)s issued.") % {"number": certificate.number})
    return redirect("volunteering:mine")


def certificate_pdf(request, pk: int):
    certificate = access_certificate(request.user, pk)
    pdf = render_certificate_pdf(certificate, base_url=request.build_absolute_uri("/"))
    name = f"志愿服务证书-{certificate.number}.pdf"
    return audited_pdf(request, certificate, pdf, name, inline=False)


@login_not_required
def verify(request, token: str):
    """Public: whether a certificate is genuine, with the holder's name masked."""
    certificate = Certificate.objects.filter(verify_token=token[:64]).first()
    context: dict[str, object] = {"c": certificate}
    if certificate is not None:
        context["masked"] = mask_name(certificate.holder_name)
    return render(request, "volunteering/verify.html", context, status=200 if certificate else 404)


# --- The hours ledger (台账) ---------------------------------------------------------------------


def hours_ledger(request):
    """Every line of hours served in an area, for a year: an Excel ledger for the county, a
    street or a community (staff of that area only)."""
    params = request.GET.dict()
    make = ledgers.hours_ledger
    return export_views.answer(request, kind="volunteer_hours", params=params, make=make)


def activities_ledger(request):
    """The activity dates of an area in a year — team, place, sign-ups, attendance, residents
    served, hours — as an Excel ledger for the staff of that area."""
    params = request.GET.dict()
    make = ledgers.activities_ledger
    return export_views.answer(request, kind="volunteer_activities", params=params, make=make)
