"""三务公开 pages: the disclosures one keeps, drafting, checking and publishing one; for
residents, a compound's public page and the attachments of what is published."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.selectors import ancestors_and_self
from grassroots.governance import forms, permissions, selectors, services
from grassroots.governance.errors import GovernanceRefused
from grassroots.governance.models import Disclosure, DisclosureAttachment
from grassroots.people.models import Person


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
        _disclosure_action(request, disclosure, edit_form)
        if not edit_form.errors:
            return redirect("governance:disclosure", disclosure.pk)
    area = disclosure.area
    context = {
        "d": disclosure,
        "keep": keep,
        "draft": draft,
        "problems": services.scan_disclosure(disclosure) if draft else [],
        "edit_form": edit_form,
        "public_compound": area if area.level == Area.Level.COMPOUND else None,
    }
    return render(request, "governance/disclosure.html", context)


def _disclosure_action(request, disclosure: Disclosure, edit_form) -> None:
    """Carry out the keeper's press (edit, remove an attachment, publish, withdraw) and say how
    it went; a refused publication points at the findings the page lists."""
    action, actor = request.POST.get("action"), request.user
    try:
        if action == "edit" and edit_form.is_valid():
            services.edit_disclosure(actor=actor, disclosure=disclosure, **edit_form.cleaned_data)
            messages.success(request, _("Saved."))
        elif action == "remove":
            attachment = get_object_or_404(
                DisclosureAttachment, pk=request.POST.get("attachment"), disclosure=disclosure
            )
            services.remove_attachment(actor=actor, attachment=attachment)
            messages.success(request, _("The attachment is removed."))
        elif action == "publish":
            services.publish_disclosure(actor=actor, disclosure=disclosure)
            messages.success(request, _("Published: residents can read it now."))
        elif action == "withdraw":
            services.withdraw_disclosure(actor=actor, disclosure=disclosure)
            messages.success(request, _("Withdrawn from the public page."))
    except GovernanceRefused as refused:
        personal = refused.code == "personal_data"
        messages.error(
            request, _("Not published. Fix these first:") if personal else refused.message
        )


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
