"""Remediation project pages: the projects of one's area, setting one up for a compound, a
project's page (tasks, photos, the demands it took in) with the keeper's presses, and its
photos (served after the same access check)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from grassroots.governance import forms, permissions, selectors, services
from grassroots.governance.errors import GovernanceRefused
from grassroots.governance.models import Project, ProjectPhoto, ProjectTask


def project_list(request):
    """Remediation projects in the reader's area, newest first."""
    readable = permissions.reading_q(request.user, "compound__path")
    rows = Project.objects.filter(readable).select_related("compound")
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


def project_new(request, pk: int):
    compound = permissions.access_kept_compound(request.user, pk)
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
    """Carry out the keeper's press (a task, photos, finishing); a refusal becomes a message."""
    act = PROJECT_ACTIONS.get(request.POST.get("action"))
    if act is None:
        return
    try:
        act(request, project)
    except GovernanceRefused as refused:
        messages.error(request, refused.message)


def _update_task(request, project: Project) -> None:
    task = get_object_or_404(ProjectTask, pk=request.POST.get("task"), project=project)
    form = forms.TaskForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the amount spent in yuan."))
        return
    data = form.cleaned_data
    services.update_task(actor=request.user, task=task, spent=data["spent"], done=data["done"])
    messages.success(request, _("Saved."))


def _add_photos(request, project: Project) -> None:
    form = forms.PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return
    data = form.cleaned_data
    n = services.add_project_photos(
        actor=request.user, project=project, stage=data["stage"], photos=data["photos"]
    )
    messages.success(request, _("%(n)d photo(s) added.") % {"n": n})


def _complete(request, project: Project) -> None:
    note = request.POST.get("note", "")
    settled = services.complete_project(actor=request.user, project=project, note=note)
    messages.success(
        request,
        _("The project is finished; %(n)d demand(s) go to the residents' rating.")
        % {"n": len(settled)},
    )


PROJECT_ACTIONS = {"task": _update_task, "photos": _add_photos, "complete": _complete}


def project_photo(request, pk: int):
    photo = get_object_or_404(ProjectPhoto, pk=pk)
    permissions.access_governed(request.user, Project, photo.project_id, "compound")
    response = FileResponse(photo.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response
