"""Meetings that cost less: an agenda drafted from what is due, decisions that become actions.

The portal drafts a stuurgroep or werkgroep agenda from the network's own state
(themes on the agenda, agreements and funding ending, actions due, the last meeting's
decisions); the coordinator edits and sends it. In the minutes each decision may become
an owned action with a due date; its owner is reminded once before that date (beat
"decision-action-reminders"). All decisions of a network's groups are one searchable log.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huisvanhetkind import outbox, permissions
from huisvanhetkind.audit import ADDITION, audit_log
from huisvanhetkind.mail import mail_subject

from .exceptions import MeetingError, PermissionDeniedError
from .models import Decision, Group, Meeting, Membership

# The owner of a decided action hears this many days before its due date (and on the
# day itself when the action was decided later than that).
DECISION_REMINDER_DAYS_BEFORE = 3
DECISION_LOG_LIMIT = 200


# --- Reads ---------------------------------------------------------------------------------


def meeting_get_for_user(*, user, pk: int) -> Meeting:
    """A meeting of a group the user may read; 404 otherwise ("not yours" = "not there")."""
    groups = permissions.scope(user, Group, "group.view")
    meeting = (
        Meeting.objects.filter(pk=pk, group__in=groups)
        .select_related("group__network")
        .prefetch_related("decision_rows__owner")
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def decision_get_for_user(*, user, pk: int) -> Decision:
    groups = permissions.scope(user, Group, "group.view")
    decision = (
        Decision.objects.filter(pk=pk, meeting__group__in=groups)
        .select_related("meeting__group")
        .first()
    )
    if decision is None:
        raise Http404
    return decision


def managed_groups(*, user) -> QuerySet[Group]:
    return permissions.scope(user, Group.objects.select_related("network"), "group.manage")


def owner_choices(*, group: Group) -> QuerySet:
    """People with a role in the group's network, directly or through a partner."""
    memberships = Membership.objects.filter(
        Q(network_id=group.network_id) | Q(organisation__networks=group.network_id)
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, id__in=memberships.values("user_id"))
        .order_by("first_name", "last_name", "email")
    )


def decision_log_for_user(*, user, query: str = "") -> list[Decision]:
    """Decisions of every group the user may read, newest meeting first, optionally searched."""
    groups = permissions.scope(user, Group, "group.view")
    decisions = Decision.objects.filter(meeting__group__in=groups).select_related(
        "meeting__group__network", "owner"
    )
    if query:
        decisions = decisions.filter(Q(text__icontains=query) | Q(action__icontains=query))
    return list(decisions.order_by("-meeting__date", "id")[:DECISION_LOG_LIMIT])


def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email


# --- Writes --------------------------------------------------------------------------------


def _require_manage(actor, group: Group) -> None:
    if not permissions.can(actor, "group.manage", group):
        raise MeetingError(_("Only the network's coordinator can do this."))


@transaction.atomic
def meeting_create(*, actor, group: Group, date: dt.date, agenda: str) -> Meeting:
    _require_manage(actor, group)
    meeting = Meeting.objects.create(group=group, date=date, agenda=agenda.strip())
    audit_log(actor=actor, obj=meeting, message="meeting planned", flag=ADDITION)
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, agenda: str, minutes: str) -> Meeting:
    _require_manage(actor, meeting.group)
    meeting.agenda = agenda.strip()
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["agenda", "minutes"])
    audit_log(actor=actor, obj=meeting, message="agenda or minutes changed")
    return meeting


def _people_who_receive():
    return get_user_model().objects.filter(is_active=True).exclude(email="")


def _recipients(group: Group) -> list[str]:
    """The group's people, everyone with a role in its member organisations, the contact
    person of each member organisation (who may have no account: the mail holds the agenda)
    and its coordinators. One address once, whatever its case."""
    members = _people_who_receive().filter(
        Q(hvhk_groups=group)
        | Q(memberships__organisation__hvhk_groups=group)
        | Q(memberships__network_id=group.network_id, memberships__role="coordinator")
    )
    contacts = group.member_organisations.exclude(contact_email="")
    emails = [
        *members.values_list("email", flat=True),
        *contacts.values_list("contact_email", flat=True),
    ]
    by_address = {email.strip().casefold(): email.strip() for email in sorted(emails)}
    return sorted(by_address.values())


def group_organisations_unreached(*, group: Group) -> list[str]:
    """Names of the group's member organisations that no agenda mail reaches: nobody there
    has a role with an e-mail address, and no contact person's e-mail is filled in. The
    meeting page names them before the coordinator sends (the rule of _recipients)."""
    with_someone = Membership.objects.filter(
        organisation=OuterRef("pk"), user__in=_people_who_receive()
    )
    return list(
        group.member_organisations.filter(contact_email="")
        .exclude(Exists(with_someone))
        .order_by("name")
        .values_list("name", flat=True)
    )


@transaction.atomic
def meeting_agenda_send(*, actor, meeting: Meeting) -> Meeting:
    """Send the agenda to the group's members (by the worker, once per press)."""
    from .tasks import meeting_agenda_mail_task

    _require_manage(actor, meeting.group)
    if not meeting.agenda.strip():
        raise MeetingError(_("Write the agenda first: it is empty."))
    if not _recipients(meeting.group):
        raise MeetingError(
            _("Nobody in this group has an e-mail address. Add members to the group first.")
        )
    meeting.agenda_sent_at = timezone.now()
    meeting.save(update_fields=["agenda_sent_at"])
    audit_log(actor=actor, obj=meeting, message="agenda sent")
    outbox.enqueue(meeting_agenda_mail_task, meeting.id, translation.get_language() or "nl")
    return meeting


def meeting_agenda_mail(*, meeting_id: int, language: str = "nl") -> int:
    meeting = Meeting.objects.select_related("group__network").filter(id=meeting_id).first()
    if meeting is None:
        return 0
    recipients = _recipients(meeting.group)
    if not recipients:
        return 0
    with translation.override(language):
        send_mail(
            subject=mail_subject(
                _("Agenda %(group)s on %(date)s")
                % {"group": meeting.group.name, "date": f"{meeting.date:%d/%m/%Y}"}
            ),
            message=meeting.agenda
            + "\n\n"
            + _("The group's page, with earlier decisions: %(url)s")
            % {"url": settings.SITE_URL + meeting.group.get_absolute_url()},
            from_email=None,
            recipient_list=recipients,
        )
    return len(recipients)


@transaction.atomic
def decision_record(
    *,
    actor,
    meeting: Meeting,
    text: str,
    action: str = "",
    owner=None,
    due_date: dt.date | None = None,
) -> Decision:
    """Record a decision; with an owner and a due date it is an action that gets a reminder."""
    _require_manage(actor, meeting.group)
    text = text.strip()
    if not text:
        raise MeetingError(_("Write what was decided."))
    if (owner is None) != (due_date is None):
        raise MeetingError(_("An action needs both a person who does it and a date it is done by."))
    if owner is not None and not owner_choices(group=meeting.group).filter(pk=owner.pk).exists():
        raise MeetingError(_("Choose someone with a role in this network."))
    decision = Decision.objects.create(
        meeting=meeting, text=text, action=action.strip(), owner=owner, due_date=due_date
    )
    # The group page and earlier searches read the meeting's decision lines.
    meeting.decisions = (meeting.decisions.rstrip() + "\n" + text).strip()
    meeting.save(update_fields=["decisions"])
    audit_log(actor=actor, obj=meeting, message="decision recorded")
    if decision.is_action and decision.due_date <= reminder_day_limit(timezone.localdate()):
        from .tasks import decision_action_remind_task

        outbox.enqueue(decision_action_remind_task, decision.id)
    return decision


@transaction.atomic
def decision_action_done(*, actor, decision: Decision) -> Decision:
    group = decision.meeting.group
    if not (actor.pk == decision.owner_id or permissions.can(actor, "group.manage", group)):
        raise PermissionDeniedError(
            _("Only the person who does it or the coordinator can close it.")
        )
    Decision.objects.filter(pk=decision.pk, done_at=None).update(done_at=timezone.now())
    decision.refresh_from_db(fields=["done_at"])
    return decision


def reminder_day_limit(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=DECISION_REMINDER_DAYS_BEFORE)


def decision_reminders_due(*, today: dt.date) -> list[int]:
    """Open actions due within DECISION_REMINDER_DAYS_BEFORE days whose owner heard nothing."""
    return list(
        Decision.objects.open_actions()
        .filter(reminded_at=None, due_date__lte=reminder_day_limit(today))
        .values_list("id", flat=True)
    )


def _orphan_action_remind(decision: Decision) -> bool:
    """The owner left (or has no address): the network's coordinators hear of the action
    instead, so it does not wait for nobody. False when there is no coordinator either."""
    from .selectors import network_coordinator_emails

    recipients = network_coordinator_emails(network_id=decision.meeting.group.network_id)
    if not recipients:
        return False
    owner = decision.owner
    send_mail(
        subject=mail_subject(
            _("Action without an owner: %(action)s — by %(due)s")
            % {"action": decision.action or decision.text, "due": f"{decision.due_date:%d/%m/%Y}"}
        ),
        message=_(
            "In the meeting of %(group)s on %(date)s it was decided:\n%(decision)s\n\n"
            "%(owner)s would take this on: %(action)s\nDone by: %(due)s\n\n"
            "%(owner)s can no longer log in to the portal. Take the action on yourself or "
            "ask someone else. Mark it done on: %(url)s"
        )
        % {
            "group": decision.meeting.group.name,
            "date": f"{decision.meeting.date:%d/%m/%Y}",
            "decision": decision.text,
            "owner": person_name(owner) if owner is not None else "-",
            "action": decision.action or decision.text,
            "due": f"{decision.due_date:%d/%m/%Y}",
            "url": settings.SITE_URL + reverse("dashboards:decision_log"),
        },
        from_email=None,
        recipient_list=recipients,
    )
    return True


@transaction.atomic
def decision_action_remind(*, decision_id: int) -> bool:
    """Mail the owner once: the claim and the mail share a transaction (a failed mail retries)."""
    claimed = Decision.objects.filter(id=decision_id, reminded_at=None, done_at=None).update(
        reminded_at=timezone.now()
    )
    if not claimed:
        return False
    decision = Decision.objects.select_related("owner", "meeting__group").get(id=decision_id)
    owner = decision.owner
    if owner is None or not owner.is_active or not owner.email:
        return _orphan_action_remind(decision)
    send_mail(
        subject=mail_subject(
            _("Reminder: %(action)s — by %(due)s")
            % {"action": decision.action or decision.text, "due": f"{decision.due_date:%d/%m/%Y}"}
        ),
        message=_(
            "In the meeting of %(group)s on %(date)s it was decided:\n%(decision)s\n\n"
            "You take this on: %(action)s\nDone by: %(due)s\n\n"
            "Mark it done on: %(url)s"
        )
        % {
            "group": decision.meeting.group.name,
            "date": f"{decision.meeting.date:%d/%m/%Y}",
            "decision": decision.text,
            "action": decision.action or decision.text,
            "due": f"{decision.due_date:%d/%m/%Y}",
            "url": settings.SITE_URL + reverse("dashboards:decision_log"),
        },
        from_email=None,
        recipient_list=[decision.owner.email],
    )
    return True
