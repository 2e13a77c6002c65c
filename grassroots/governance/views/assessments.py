"""Assessment pages: the form that records one for a compound, an assessment with its items
and the verifier's button, and its evidence files (served after the same access check)."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.governance import forms, permissions, selectors, services
from grassroots.governance.criteria import SIX_HAVE
from grassroots.governance.errors import GovernanceRefused
from grassroots.governance.models import Assessment, CriteriaSet, EvidenceFile
from grassroots.governance.services import ItemInput


def assess(request, pk: int):
    compound = permissions.access_kept_compound(request.user, pk)
    cset = get_object_or_404(CriteriaSet, code=request.GET.get("set") or SIX_HAVE)
    criteria = selectors.active_criteria(cset)
    form = forms.AssessmentForm(
        request.POST or None,
        request.FILES or None,
        criteria=criteria,
        initial={"assessed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        assessment = _record(request, form, compound, cset)
        if assessment is not None:
            messages.success(request, _("The assessment is recorded; it counts once verified."))
            return redirect("governance:assessment", assessment.pk)
    context = {"compound": compound, "cset": cset, "form": form}
    return render(request, "governance/assess.html", context)


def _record(request, form: forms.AssessmentForm, compound, cset) -> Assessment | None:
    """Record the valid form's assessment, one item per criterion; a refusal goes on the form."""
    data = form.cleaned_data
    items = {
        c.pk: ItemInput(
            data[f"status_{c.pk}"], data[f"evidence_{c.pk}"], tuple(data[f"files_{c.pk}"])
        )
        for c in form.criteria
    }
    try:
        return services.record_assessment(
            actor=request.user,
            compound=compound,
            criteria_set=cset,
            assessed_on=data["assessed_on"],
            items=items,
            note=data["note"],
        )
    except GovernanceRefused as refused:
        form.add_error(None, refused.message)
        return None


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
