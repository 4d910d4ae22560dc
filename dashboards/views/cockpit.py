"""The coordinator's cockpit and the meetings of the network's groups."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from huisvanhetkind import permissions
from huisvanhetkind.domain_errors import errors_on, messages_on
from partners import meetings

from .. import meeting_agenda
from ..due import due_this_week
from ..forms import AgendaForm, DecisionForm, DecisionSearchForm, MeetingNewForm


def _coordinated(user) -> set[int]:
    """The cockpit is the coordinator's: everyone else is refused with a 403."""
    network_ids = permissions.coordinated_network_ids(user)
    if not network_ids:
        raise PermissionDenied
    return network_ids


@login_required
@require_GET
def cockpit(request):
    network_ids = _coordinated(request.user)
    today = timezone.localdate()
    return render(
        request,
        "dashboards/cockpit.html",
        {
            "due": due_this_week(user=request.user, network_ids=network_ids, today=today),
            "groups": meetings.managed_groups(user=request.user),
            "today": today,
        },
    )


@login_required
def meeting_new(request):
    """Step 1 chooses the group and date; the portal drafts the agenda; step 2 saves it."""
    _coordinated(request.user)
    groups = meetings.managed_groups(user=request.user)
    form = MeetingNewForm(request.POST or request.GET or None, groups=groups)
    agenda_form = None
    if form.is_bound and form.is_valid():
        group, date = form.cleaned_data["group"], form.cleaned_data["date"]
        if request.method == "POST":
            agenda_form = AgendaForm(request.POST)
            if agenda_form.is_valid():
                with errors_on(agenda_form):
                    meeting = meetings.meeting_create(
                        actor=request.user,
                        group=group,
                        date=date,
                        agenda=agenda_form.cleaned_data["agenda"],
                    )
            if agenda_form.is_valid():
                messages.success(
                    request, _("The meeting is planned. Send the agenda when it is ready.")
                )
                return redirect("dashboards:meeting_detail", pk=meeting.pk)
        else:
            draft = meeting_agenda.meeting_agenda_draft(group=group, date=date, user=request.user)
            agenda_form = AgendaForm(initial={"agenda": draft})
    return render(
        request,
        "dashboards/meeting_new.html",
        {"form": form, "agenda_form": agenda_form},
        status=400 if request.method == "POST" else 200,
    )


def _meeting_to_manage(request, pk: int):
    meeting = meetings.meeting_get_for_user(user=request.user, pk=pk)
    if not permissions.can(request.user, "group.manage", meeting.group):
        raise PermissionDenied
    return meeting


def _detail_context(request, meeting, *, agenda_form=None, decision_form=None) -> dict:
    owners = meetings.owner_choices(group=meeting.group)
    return {
        "meeting": meeting,
        "unreached": meetings.group_organisations_unreached(group=meeting.group),
        "agenda_form": agenda_form
        or AgendaForm(initial={"agenda": meeting.agenda, "minutes": meeting.minutes}),
        "decision_form": decision_form or DecisionForm(owners=owners),
        "decisions": meeting.decision_rows.all(),
    }


@login_required
def meeting_detail(request, pk: int):
    meeting = _meeting_to_manage(request, pk)
    agenda_form = AgendaForm(request.POST or None)
    if request.method == "POST" and agenda_form.is_valid():
        meetings.meeting_update(actor=request.user, meeting=meeting, **agenda_form.cleaned_data)
        messages.success(request, _("The agenda and minutes were saved."))
        return redirect("dashboards:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "dashboards/meeting_detail.html",
        _detail_context(
            request, meeting, agenda_form=agenda_form if request.method == "POST" else None
        ),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def meeting_send(request, pk: int):
    meeting = _meeting_to_manage(request, pk)
    with messages_on(request, done=_("The agenda is on its way to the group's members.")):
        meetings.meeting_agenda_send(actor=request.user, meeting=meeting)
    return redirect("dashboards:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def decision_new(request, pk: int):
    meeting = _meeting_to_manage(request, pk)
    form = DecisionForm(request.POST, owners=meetings.owner_choices(group=meeting.group))
    if form.is_valid():
        with errors_on(form):
            decision = meetings.decision_record(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
    if form.is_valid():
        if decision.is_action:
            messages.success(
                request,
                _(
                    "The decision is recorded as an action. "
                    "%(owner)s gets a reminder before %(due)s."
                )
                % {
                    "owner": decision.owner.get_full_name() or decision.owner.email,
                    "due": f"{decision.due_date:%d/%m/%Y}",
                },
            )
        else:
            messages.success(request, _("The decision is recorded."))
        return redirect(
            reverse("dashboards:meeting_detail", kwargs={"pk": meeting.pk}) + "#decisions"
        )
    return render(
        request,
        "dashboards/meeting_detail.html",
        _detail_context(request, meeting, decision_form=form),
        status=400,
    )


@login_required
@require_GET
def decision_log(request):
    form = DecisionSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request,
        "dashboards/decision_log.html",
        {
            "form": form,
            "query": query,
            "decisions": meetings.decision_log_for_user(user=request.user, query=query),
        },
    )


@login_required
@require_POST
def decision_done(request, pk: int):
    decision = meetings.decision_get_for_user(user=request.user, pk=pk)
    # Not the owner nor a coordinator of the group: the service refuses (NotAllowed → 403).
    meetings.decision_action_done(actor=request.user, decision=decision)
    messages.success(request, _("The action is marked as done."))
    return redirect("dashboards:decision_log")
