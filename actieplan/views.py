"""Pages of the action plan for the coordinator (writes) and the steering group (reads)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from huisvanhetkind import permissions
from huisvanhetkind.domain_errors import errors_on, messages_on

from . import plan_document, selectors, services
from .choices import BuildStatus, PackKind, evidence_year_of
from .forms import (
    ActionForm,
    ActionResultForm,
    GoalForm,
    PackRequestForm,
    PlanCreateForm,
    PlanForm,
)
from .rendering import READERS, pack_sections, reader_contents

# htmx stops polling when the answer has this status (and still shows it).
HTMX_STOP_POLLING = 286


def _require_manage(user, obj) -> None:
    """Readers of the plan (the stuurgroep) may not change it: 403, not 404."""
    if not permissions.can(user, "plan.manage", obj):
        raise PermissionDenied


DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
@require_GET
def plan_list(request):
    if not permissions.can(request.user, "plan.view"):
        raise PermissionDenied
    networks = selectors.networks_to_plan_for(user=request.user)
    return render(
        request,
        "actieplan/plan_list.html",
        {
            "plans": selectors.plan_list_for_user(user=request.user),
            "form": PlanCreateForm(networks=networks) if networks.exists() else None,
        },
    )


@login_required
@require_POST
def plan_create(request):
    networks = selectors.networks_to_plan_for(user=request.user)
    if not networks.exists():
        raise PermissionDenied
    form = PlanCreateForm(request.POST, networks=networks)
    if form.is_valid():
        with errors_on(form, field="year"):
            plan = services.plan_create(actor=request.user, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The plan was created. Add its goals."))
            return redirect(plan)
    return render(
        request,
        "actieplan/plan_list.html",
        {"plans": selectors.plan_list_for_user(user=request.user), "form": form},
        status=400,
    )


@login_required
@require_GET
def plan_detail(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    packs = selectors.plan_packs(plan=plan)
    goals = selectors.plan_goals(plan=plan)
    return render(
        request,
        "actieplan/plan_detail.html",
        {
            "plan": plan,
            "goals": goals,
            "budget": selectors.plan_budget(goals=goals),
            "may_manage": permissions.can(request.user, "plan.manage", plan),
            "pack_slots": [
                {
                    "kind": kind,
                    "label": label,
                    "evidence_year": evidence_year_of(year=plan.year, kind=kind),
                    **packs[kind],
                }
                for kind, label in PackKind.choices
            ],
        },
    )


@login_required
@require_GET
def plan_download(request, pk: int, extension: str):
    """The plan itself (goals, actions, partners, budget, timing) as PDF or Word."""
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    renderers = {
        "pdf": (plan_document.render_plan_pdf, "application/pdf"),
        "docx": (
            plan_document.render_plan_docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    }
    if extension not in renderers:
        raise Http404
    render_file, content_type = renderers[extension]
    response = HttpResponse(render_file(plan=plan), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{plan_document.plan_file_name(plan, extension)}"'
    )
    return response


@login_required
def plan_edit(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    _require_manage(request.user, plan)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        services.plan_update(
            actor=request.user,
            plan=plan,
            title=form.cleaned_data["title"],
            multi_year_goals=form.cleaned_data["multi_year_goals"],
        )
        messages.success(request, _("The plan was saved."))
        return redirect(plan)
    return render(request, "actieplan/form.html", _form_context(plan, form, _("Change the plan")))


@login_required
@require_POST
def plan_adopt(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    _require_manage(request.user, plan)
    with messages_on(request, done=_("The plan is adopted.")):
        services.plan_adopt(actor=request.user, plan=plan)
    return redirect(plan)


def _form_context(plan, form, title: str, **extra) -> dict:
    return {"plan": plan, "form": form, "title": title, **extra}


@login_required
def goal_create(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    _require_manage(request.user, plan)
    form = GoalForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes = data.pop("themes")
        with errors_on(form):
            services.goal_create(actor=request.user, plan=plan, themes=themes, **data)
        if form.is_valid():
            messages.success(request, _("The goal was added."))
            return redirect(plan)
    return render(request, "actieplan/form.html", _form_context(plan, form, _("Add a goal")))


@login_required
def goal_edit(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    _require_manage(request.user, goal.plan)
    form = GoalForm(request.POST or None, instance=goal, plan=goal.plan)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes = data.pop("themes")
        with errors_on(form):
            services.goal_update(actor=request.user, goal=goal, themes=themes, **data)
        if form.is_valid():
            messages.success(request, _("The goal was saved."))
            return redirect(goal.plan)
    return render(
        request, "actieplan/form.html", _form_context(goal.plan, form, _("Change the goal"))
    )


@login_required
def action_create(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    _require_manage(request.user, goal.plan)
    form = ActionForm(request.POST or None, network_id=goal.plan.network_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners = data.pop("partners")
        data.pop("status")
        with errors_on(form):
            services.action_create(actor=request.user, goal=goal, partners=partners, **data)
        if form.is_valid():
            messages.success(request, _("The action was added."))
            return redirect(goal.plan)
    return render(
        request,
        "actieplan/form.html",
        _form_context(goal.plan, form, _("Add an action"), goal=goal),
    )


@login_required
def action_edit(request, pk: int):
    action = selectors.action_get_for_user(user=request.user, pk=pk)
    plan = action.goal.plan
    _require_manage(request.user, plan)
    form = ActionForm(request.POST or None, instance=action, network_id=plan.network_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners = data.pop("partners")
        with errors_on(form):
            services.action_update(actor=request.user, action=action, partners=partners, **data)
        if form.is_valid():
            messages.success(request, _("The action was saved."))
            return redirect(plan)
    return render(
        request,
        "actieplan/form.html",
        _form_context(plan, form, _("Change the action"), goal=action.goal),
    )


@login_required
def action_result(request, pk: int):
    action = selectors.action_get_for_user(user=request.user, pk=pk)
    plan = action.goal.plan
    _require_manage(request.user, plan)
    initial = {"result": action.result, "result_note": action.result_note}
    form = ActionResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            services.action_record_result(actor=request.user, action=action, **form.cleaned_data)
        if form.is_valid():
            messages.success(
                request,
                _("The result was saved and goes to the signal givers of the linked themes."),
            )
            return redirect(plan)
    return render(
        request,
        "actieplan/form.html",
        _form_context(plan, form, _("Result of the action"), action=action),
    )


# --- The evidence pack -------------------------------------------------------------------


@login_required
@require_POST
def pack_request(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    _require_manage(request.user, plan)
    form = PackRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose which pack to build."))
        return redirect(plan)
    with messages_on(request) as outcome:
        services.evidence_pack_request(
            network=plan.network,
            year=plan.year,
            kind=form.cleaned_data["kind"],
            actor=request.user,
        )
    if not outcome.failed:
        messages.info(
            request, _("The worker is building the pack. This page shows when it is ready.")
        )
    return redirect(reverse("actieplan:plan_detail", kwargs={"pk": plan.pk}) + "#evidence")


@login_required
@require_GET
def pack_status(request, pk: int):
    """The small status block the plan page polls every 2 seconds (htmx)."""
    pack = selectors.pack_get_for_user(user=request.user, pk=pk)
    response = render(request, "actieplan/_pack_status.html", {"pack": pack, "polling": False})
    if not pack.is_active:
        response.status_code = HTMX_STOP_POLLING if request.htmx else 200
    return response


@login_required
@require_GET
def pack_detail(request, pk: int):
    pack = selectors.pack_get_for_user(user=request.user, pk=pk)
    plan = selectors.plans_of_pack(pack=pack)
    reader = request.GET.get("lezer", "")
    if reader not in READERS:
        reader = ""
    context = {
        "pack": pack,
        "plan": plan,
        "contents": reader_contents(reader),
        "readers": [(key, label) for key, (label, _anchors) in READERS.items()],
        "reader": reader,
        "show": [anchor for anchor, _title in reader_contents(reader)] if reader else [],
    }
    if pack.status == BuildStatus.DONE:
        context["sections"] = pack_sections(pack.figures)
    return render(request, "actieplan/pack_detail.html", context)


@login_required
@require_GET
def pack_download(request, pk: int, extension: str):
    pack = selectors.pack_get_for_user(user=request.user, pk=pk)
    file = {"pdf": pack.pdf, "docx": pack.docx}.get(extension)
    if pack.status != BuildStatus.DONE or not file:
        raise Http404
    reader = request.GET.get("lezer", "")
    if reader in READERS:
        # One reader's version, made from the pack's stored figures: the same numbers.
        content = services.pack_document_for_reader(pack, extension=extension, reader=reader)
        response = HttpResponse(content, content_type=DOCUMENT_TYPES[extension])
        name = services.pack_file_name(pack, extension).replace(f".{extension}", "")
        response["Content-Disposition"] = f'attachment; filename="{name}-{reader}.{extension}"'
        return response
    return FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=services.pack_file_name(pack, extension),
    )
