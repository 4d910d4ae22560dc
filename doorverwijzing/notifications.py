"""Mails about referrals: only the reference and a link, never personal data."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _

from partners.models import Network
from partners.selectors import network_coordinator_emails, organisation_reader_emails

from .choices import ReminderKind
from .models import Referral


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
        else [referral.referring_worker.email]
        if referral.referring_worker_id
        else []
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject, todo = _reminder_text(referral, kind)
        return _mail(referral, recipients, subject, todo)
