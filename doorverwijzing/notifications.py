"""Mails about referrals: only the reference and a link, never personal data."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _

from partners.models import Network
from partners.selectors import network_coordinator_emails, organisation_reader_emails

from .choices import EventKind, ReminderKind
from .models import Referral

# Steps taken by the receiver are told to the referrer, and the other way round.
TO_RECEIVER = {
    EventKind.SENT,
    EventKind.RECORDED,
    EventKind.CANCELLED,
    EventKind.FORWARD_REFUSED,
}
TO_REFERRER = {
    EventKind.ACCEPTED,
    EventKind.DECLINED,
    EventKind.FIRST_CONTACT,
    EventKind.CLOSED,
    EventKind.FORWARD_REQUESTED,
}
# Forwarded: the new receiver hears of it, and the referrer sees the same thread go on.
TO_BOTH = {EventKind.CONSENT_WITHDRAWN, EventKind.FORWARDED}


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


def recipients_for(referral: Referral, kind: str) -> list[str]:
    receivers = _social_worker_emails(referral.receiving_organisation_id)
    referrer = [referral.referring_worker.email] if referral.referring_worker_id else []
    if kind in TO_RECEIVER:
        return receivers
    if kind in TO_REFERRER:
        return referrer
    if kind in TO_BOTH:
        return sorted(set(receivers) | set(referrer))
    return []


def _mail(referral: Referral, recipients: list[str], subject: str, intro: str) -> int:
    if not recipients:
        return 0
    link = settings.SITE_URL + referral.get_absolute_url()
    body = _("%(intro)s\n\nOpen it here (log in first):\n%(link)s\n") % {
        "intro": intro,
        "link": link,
    }
    return send_mass_mail([(subject, body, None, [email]) for email in recipients])


def referral_update_mail(referral: Referral, kind: str) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Update on referral %(ref)s") % {"ref": referral.public_id}
        intro = _("There is an update on referral %(ref)s.") % {"ref": referral.public_id}
        return _mail(referral, recipients_for(referral, kind), subject, intro)


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


def referral_reminder_mail(referral: Referral, kind: str) -> int:
    if kind == ReminderKind.UNOPENED_COORDINATOR:
        return referral_unopened_mail(referral)
    to_receiver = kind in (ReminderKind.ACCEPT_RECEIVER, ReminderKind.CONTACT_RECEIVER)
    recipients = (
        _social_worker_emails(referral.receiving_organisation_id)
        if to_receiver
        else [referral.referring_worker.email]
        if referral.referring_worker_id
        else []
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Reminder: referral %(ref)s is waiting") % {"ref": referral.public_id}
        intro = _("Referral %(ref)s is waiting for a next step.") % {"ref": referral.public_id}
        return _mail(referral, recipients, subject, intro)
