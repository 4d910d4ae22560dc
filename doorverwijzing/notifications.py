"""Mails about referrals and families' questions: only the reference and a link, never
personal data."""

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partners.models import Network
from partners.selectors import network_coordinator_emails, organisation_reader_emails

from .choices import IntakeStatus, ReminderKind
from .mails import referrer_people
from .models import IntakeRequest, NetworkMailClaim, Referral
from .network_mail import MailKind, admin_network_link, network_mail_claim


def _social_worker_emails(organisation_id: int) -> list[str]:
    return organisation_reader_emails(organisation_id=organisation_id)


def _coordinator_emails(referral: Referral) -> list[str]:
    """The coordinators of the network(s) the two organisations share, else the receiver's."""
    receiving = set(
        Network.objects.filter(organisations=referral.receiving_organisation_id).values_list(
            "id", flat=True
        )
    )
    shared = receiving & set(
        Network.objects.filter(organisations=referral.referring_organisation_id).values_list(
            "id", flat=True
        )
    )
    emails: set[str] = set()
    for network_id in sorted(shared or receiving):
        emails.update(network_coordinator_emails(network_id=network_id))
    return sorted(emails)


def _mail(referral: Referral, recipients: list[str], subject: str, intro: str) -> int:
    if not recipients:
        return 0
    link = settings.SITE_URL + referral.get_absolute_url()
    body = _("%(intro)s\n\nOpen it here (log in first):\n%(link)s\n") % {
        "intro": intro,
        "link": link,
    }
    return send_mass_mail([(subject, body, None, [email]) for email in recipients])


def referral_unopened_mail(referral: Referral) -> int:
    """Nobody at the receiver opened the referral: the coordinators can call them.

    Coordinators may not read referrals; the mail names the reference and the two
    organisations, never the family.
    """
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Referral %(ref)s: nobody opened it yet") % {"ref": referral.public_id}
        body = _(
            "%(sender)s sent referral %(ref)s to %(receiver)s %(days)d working days ago, and "
            "nobody at %(receiver)s has opened it yet. Maybe nobody there reads referrals in "
            "the portal any more.\n\nPlease call %(receiver)s (%(phone)s), and check that "
            "someone there has the social worker role.\n"
        ) % {
            "ref": referral.public_id,
            "sender": referral.referring_organisation.name,
            "receiver": referral.receiving_organisation.name,
            "phone": referral.receiving_organisation.phone or "-",
            "days": settings.REFERRAL_UNOPENED_WORKING_DAYS,
        }
    recipients = _coordinator_emails(referral)
    return send_mass_mail([(subject, body, None, [email]) for email in recipients])


def _reminder_text(referral: Referral, kind: str) -> tuple[str, str]:
    """Subject and what to do, per reminder: the reader sees why it waits and on whom."""
    facts = {
        "ref": referral.public_id,
        "receiver": referral.receiving_organisation.name,
        "accept_days": settings.REFERRAL_ACCEPT_WORKING_DAYS,
        "contact_days": settings.REFERRAL_CONTACT_WORKING_DAYS,
        "close_days": settings.REFERRAL_CLOSE_WORKING_DAYS,
    }
    texts = {
        ReminderKind.ACCEPT_RECEIVER: (
            _("%(ref)s waits %(accept_days)d working days to be accepted — open your inbox"),
            _("Accept or decline it, so the family and the referrer know where they stand."),
        ),
        ReminderKind.ACCEPT_REFERRER: (
            _("%(ref)s is not accepted yet by %(receiver)s"),
            _("Maybe call %(receiver)s, or refer the family elsewhere."),
        ),
        ReminderKind.CONTACT_RECEIVER: (
            _("%(ref)s: no first contact after %(contact_days)d working days — open your inbox"),
            _("Contact the family and record the first contact, or record that you tried."),
        ),
        ReminderKind.CONTACT_REFERRER: (
            _("%(ref)s: %(receiver)s has no contact with the family yet"),
            _("Maybe call %(receiver)s, or ask the family whether they were reached."),
        ),
        ReminderKind.CLOSE_RECEIVER: (
            _("%(ref)s: first contact was %(close_days)d working days ago — close it when done"),
            _("Close the referral with its outcome when the help has started or ended."),
        ),
    }
    subject, todo = texts[kind]
    return subject % facts, todo % facts


def referral_reminder_mail(referral: Referral, kind: str) -> int:
    if kind == ReminderKind.UNOPENED_COORDINATOR:
        return referral_unopened_mail(referral)
    to_receiver = kind in (
        ReminderKind.ACCEPT_RECEIVER,
        ReminderKind.CONTACT_RECEIVER,
        ReminderKind.CLOSE_RECEIVER,
    )
    recipients = (
        _social_worker_emails(referral.receiving_organisation_id)
        if to_receiver
        else [person.email for person in referrer_people(referral)]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject, todo = _reminder_text(referral, kind)
        return _mail(referral, recipients, subject, todo)


# --- The contact point hears of new questions ----------------------------------------


def _interval() -> dt.timedelta:
    return dt.timedelta(minutes=settings.INTAKE_MAIL_INTERVAL_MINUTES)


def _slot(now: dt.datetime) -> dt.datetime:
    """The start of the mail interval `now` falls in (intervals counted from the epoch)."""
    seconds = int(_interval().total_seconds())
    return dt.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=dt.UTC)


def intake_notify(*, network: Network, now: dt.datetime | None = None) -> int:
    """Tell the contact point there are new questions: at most one mail per interval.

    A question that arrives after this interval's mail is covered by one more mail when
    the interval ends (the task is queued again for then). When nobody at the contact
    point can read questions, the coordinators hear of it instead. Returns the number
    of mails sent.
    """
    now = now or timezone.now()
    last = (
        NetworkMailClaim.objects.filter(network=network, kind=MailKind.NEW_QUESTIONS)
        .order_by("-slot")
        .first()
    )
    waiting = IntakeRequest.objects.filter(
        network=network, status=IntakeStatus.NEW, erased_at__isnull=True
    )
    unannounced = waiting.filter(created_at__gt=last.claimed_at) if last else waiting
    if not unannounced.exists():
        return 0
    slot = _slot(now)
    if not network_mail_claim(network_id=network.id, kind=MailKind.NEW_QUESTIONS, slot=slot):
        wait = (slot + _interval() - now).total_seconds()
        from .tasks import intake_notify_task  # the task module imports this one

        transaction.on_commit(
            partial(intake_notify_task.apply_async, (network.id,), countdown=max(1, int(wait) + 1))
        )
        return 0
    references = sorted(waiting.values_list("pk", flat=True))
    readers = organisation_reader_emails(organisation_id=network.organiser_id)
    if readers:
        return intake_new_mail(network=network, recipients=readers, references=references)
    return intake_unread_mail(network=network, references=references)


def intake_new_mail(*, network: Network, recipients: list[str], references: list[int]) -> int:
    """Tell the contact point there are questions: a link, never the family's data."""
    with translation.override(settings.LANGUAGE_CODE):
        if len(references) == 1:
            path = reverse("doorverwijzing:intake_detail", kwargs={"pk": references[0]})
        else:
            path = reverse("doorverwijzing:intake_inbox")
        subject = _("New questions for the contact point")
        body = _(
            "Questions from families waiting for the contact point: %(count)d.\n\n"
            "Open them here (log in first):\n%(link)s\n"
        ) % {"count": len(references), "link": settings.SITE_URL + path}
    return send_mass_mail([(subject, body, None, [email]) for email in recipients])


def intake_unread_mail(*, network: Network, references: list[int]) -> int:
    """Nobody can read the questions: the coordinators are told, with numbers only."""
    recipients = network_coordinator_emails(network_id=network.id)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Questions from families that nobody can read")
        body = _(
            "Families asked %(count)d questions through the website of %(network)s "
            "(numbers %(references)s), and nobody can read them: the organiser of the "
            "network has no social worker in the portal. The families were asked to phone "
            "you.\n\nGive the organiser a social worker, or choose another organiser:\n"
            "%(link)s\n"
        ) % {
            "count": len(references),
            "network": network.name,
            "references": ", ".join(str(reference) for reference in references),
            "link": admin_network_link(network),
        }
    return send_mass_mail([(subject, body, None, [email]) for email in recipients])
