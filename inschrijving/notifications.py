"""Mails to families who registered: in their language, with their secret link.

Each mail is claimed by inserting its RegistrationMessage row (unique per registration,
kind and key) in the same transaction that sends it: a worker killed mid-send leaves no
row, so the mail goes on the next try; a second try after a sent mail finds the row and
sends nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from huisvanhetkind.mail import mail_subject

from .choices import MessageKind
from .choices import RegistrationStatus as Status
from .models import Registration, RegistrationMessage


def registration_link(registration: Registration) -> str:
    from .services import registration_link_token

    with translation.override(registration.language):
        path = reverse(
            "inschrijving:registration_manage",
            kwargs={"token": registration_link_token(registration)},
        )
    return settings.SITE_URL + path


def _when(registration: Registration, occurrence=None) -> str:
    occurrence = occurrence or registration.registration_list.occurrence
    if occurrence is None:
        return _("all dates of the series")
    return formats.date_format(timezone.localtime(occurrence.starts_at), "l j F Y, H:i")


def _body(registration: Registration, kind: str, occurrence=None) -> tuple[str, str]:
    offer = registration.registration_list.offer
    when = _when(registration, occurrence)
    link = registration_link(registration)
    values = {
        "offer": offer.title,
        "when": when,
        "link": link,
        "name": registration.name,
        "code": registration.reference,
    }
    if kind == MessageKind.SEAT_OFFERED:
        until = formats.date_format(timezone.localtime(registration.offer_expires_at), "l j F, H:i")
        subject = _("A place is free for you: %(offer)s") % values
        text = _(
            "Hello %(name)s,\n\nA place became free for %(offer)s (%(when)s). We keep it for "
            "you until %(until)s. Say yes or no here:\n%(link)s\n\nAfter that time the place "
            "goes to the next family on the waiting list."
        ) % {**values, "until": until}
    elif kind == MessageKind.REMINDER:
        subject = _("Tomorrow: %(offer)s") % values
        text = (
            _(
                "Hello %(name)s,\n\nSee you tomorrow at %(offer)s (%(when)s).\n\nCan you not "
                "come? Cancel here, so another family can take your place:\n%(link)s"
            )
            % values
        )
    elif registration.status == Status.WAITLISTED:
        subject = _("You are on the waiting list: %(offer)s") % values
        text = (
            _(
                "Hello %(name)s,\n\n%(offer)s (%(when)s) is full. You are on the waiting list. "
                "When a place becomes free, we mail you.\n\nSee or cancel your registration "
                "here:\n%(link)s\n\nYour code: %(code)s"
            )
            % values
        )
    else:
        subject = _("You are registered: %(offer)s") % values
        text = (
            _(
                "Hello %(name)s,\n\nYou are registered for %(offer)s (%(when)s).\n\nSee, "
                "change or cancel your registration here:\n%(link)s\n\nYour code: %(code)s\n\n"
                "Keep this mail: with the link you need no account and no password."
            )
            % values
        )
    return mail_subject(subject), text


def registration_mail_send(
    *, registration_id: int, kind: str, key: str = "", occurrence=None
) -> bool:
    """Send one mail once; False when sent before, not needed any more, or erased."""
    registration = (
        Registration.objects.select_related(
            "registration_list__offer", "registration_list__occurrence"
        )
        .filter(pk=registration_id, erased_at__isnull=True)
        .first()
    )
    if registration is None:
        return False
    if kind == MessageKind.KEEPER_CALL:
        return _keeper_call_send(registration, key=key)
    if not registration.email:
        return False
    still_needed = {
        MessageKind.SEAT_OFFERED: registration.status == Status.OFFERED,
        MessageKind.REMINDER: registration.status == Status.REGISTERED,
    }.get(kind, True)
    if not still_needed:
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                RegistrationMessage.objects.create(registration=registration, kind=kind, key=key)
        except IntegrityError:
            return False  # sent already (or being sent by another worker right now)
        with translation.override(registration.language):
            subject, text = _body(registration, kind, occurrence)
        EmailMessage(subject, text, to=[registration.email]).send()
    return True


def _keeper_call_send(registration: Registration, *, key: str) -> bool:
    """Tell the list's keepers to phone a family without e-mail: a place is free for them.

    No name or phone number in the mail (it may be forwarded): the reference, the offer
    and the link to the list, where the keeper sees the number. Claimed as the family's
    mails are, so a retry never mails twice. False when nobody keeps the list.
    """
    from .selectors import list_keeper_emails

    if registration.status != Status.OFFERED:
        return False
    offer = registration.registration_list.offer
    recipients = list_keeper_emails(offer=offer)
    if not recipients:
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                RegistrationMessage.objects.create(
                    registration=registration, kind=MessageKind.KEEPER_CALL, key=key
                )
        except IntegrityError:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            until = formats.date_format(
                timezone.localtime(registration.offer_expires_at), "l j F, H:i"
            )
            values = {
                "offer": offer.title_nl,
                "when": _when(registration),
                "code": registration.reference,
                "until": until,
                "link": settings.SITE_URL
                + reverse(
                    "inschrijving:list_detail", kwargs={"pk": registration.registration_list_id}
                ),
            }
            subject = mail_subject(_("Call a family: a place is free on %(offer)s") % values)
            text = (
                _(
                    "Hello,\n\nA place became free on %(offer)s (%(when)s). The next family on "
                    "the waiting list has no e-mail address: %(code)s. Please call them.\n\n"
                    "We keep the place for them until %(until)s. Then it goes to the next "
                    "family.\n\nYou find their phone number in the list:\n%(link)s"
                )
                % values
            )
        EmailMessage(subject, text, to=recipients).send()
    return True
