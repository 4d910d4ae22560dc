"""Mails about steps on referrals: what happened and what to do, never personal data.

A step becomes a ReferralMailEvent per person who is to hear of it. Who wants a mail
for each event gets one mail REFERRAL_MAIL_COALESCE_MINUTES after the first step, with
every step of that time in it (three clicks in two minutes are one mail, not three).
Who chose the daily digest gets everything once a day (beat: referral-daily-digest).
The mail names the reference and the organisations, never the family.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partners.selectors import organisation_readers

from .choices import EventKind, MailFrequency
from .models import Referral, ReferralMailEvent, ReferralMailPreference

# Steps taken by the receiver are told to the referrer, and the other way round.
TO_RECEIVER = {EventKind.SENT, EventKind.RECORDED, EventKind.CANCELLED, EventKind.FORWARD_REFUSED}
TO_REFERRER = {
    EventKind.ACCEPTED,
    EventKind.DECLINED,
    EventKind.FIRST_CONTACT,
    EventKind.CLOSED,
    EventKind.FORWARD_REQUESTED,
}
# Forwarded: the new receiver hears of it, and the referrer sees the same thread go on.
TO_BOTH = {EventKind.CONSENT_WITHDRAWN, EventKind.FORWARDED}


def referrer_people(referral: Referral) -> list:
    """Who hears what is meant for the referrer: the referring worker while active with an
    address; when they left (or none is named), the referring organisation's social
    workers, who follow the referral up in their place (referral.follow_up), so a declined
    referral, a forwarding that needs the family's consent or a late receiver does not
    wait for nobody. The one rule for step mails and reminders."""
    worker = referral.referring_worker
    if worker is not None and worker.is_active and worker.email:
        return [worker]
    return list(
        organisation_readers(organisation_id=referral.referring_organisation_id).exclude(email="")
    )


def recipients_for(referral: Referral, kind: str) -> list:
    """The users to tell of this step (active, with an address)."""
    receivers = list(
        organisation_readers(organisation_id=referral.receiving_organisation_id).exclude(email="")
    )
    referrer = referrer_people(referral)
    if kind in TO_RECEIVER:
        return receivers
    if kind in TO_REFERRER:
        return referrer
    if kind in TO_BOTH:
        return list({user.pk: user for user in receivers + referrer}.values())
    return []


def frequency_of(user) -> str:
    preference = ReferralMailPreference.objects.filter(user=user).first()
    return preference.frequency if preference else MailFrequency.EACH_EVENT


@transaction.atomic
def referral_event_record(*, referral: Referral, kind: str, now: dt.datetime | None = None) -> int:
    """Keep the step for everyone who is to hear of it; plan one mail per coalescing window.

    Runs as the task referral_notify. With a window of 0 minutes the mails go at once, in
    this transaction: a failed send rolls the steps back and the outbox tries it all again.
    """
    from huisvanhetkind import outbox

    from .tasks import referral_mail_send_task

    now = now or timezone.now()
    window = dt.timedelta(minutes=settings.REFERRAL_MAIL_COALESCE_MINUTES)
    recipients = recipients_for(referral, kind)
    send_now = []
    for user in recipients:
        # An unsent step of the last window means a mail is planned already: it takes this one.
        planned = ReferralMailEvent.objects.filter(
            recipient=user, mailed_at__isnull=True, created_at__gte=now - window
        ).exists()
        ReferralMailEvent.objects.create(
            referral=referral, recipient=user, kind=kind, created_at=now
        )
        if frequency_of(user) != MailFrequency.EACH_EVENT:
            continue
        if not window:
            send_now.append(user.pk)
        elif not planned:
            outbox.enqueue_at(referral_mail_send_task, now + window, user.pk)
    return sum(referral_mail_send(recipient_id=user_id, now=now) for user_id in send_now)


def referral_mail_send(*, recipient_id: int, now: dt.datetime | None = None) -> int:
    """Send one mail with the recipient's unsent steps up to now; 0 when none is left."""
    now = now or timezone.now()
    with transaction.atomic():
        events = list(
            ReferralMailEvent.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(recipient_id=recipient_id, mailed_at__isnull=True, created_at__lte=now)
            .select_related(
                "recipient", "referral__referring_organisation", "referral__receiving_organisation"
            )
            .order_by("created_at", "id")
        )
        if not events:
            return 0
        ReferralMailEvent.objects.filter(id__in=[event.id for event in events]).update(
            mailed_at=now
        )
        subject, body = compose(events)
        # Inside the transaction: a failed send leaves the steps unsent for the retry.
        return send_mail(subject, body, None, [events[0].recipient.email])


def referral_daily_digest(*, now: dt.datetime | None = None) -> int:
    """Send everyone their unsent steps (the digest; and any mail a failure held back)."""
    now = now or timezone.now()
    recipient_ids = (
        ReferralMailEvent.objects.filter(mailed_at__isnull=True, created_at__lte=now)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by()
    )
    return sum(
        referral_mail_send(recipient_id=recipient_id, now=now)
        for recipient_id in list(recipient_ids)
    )


# --- The text ----------------------------------------------------------------------------


def _facts(referral: Referral) -> dict:
    return {
        "ref": referral.public_id,
        "sender": referral.referring_organisation.name,
        "receiver": referral.receiving_organisation.name,
        "accept_days": settings.REFERRAL_ACCEPT_WORKING_DAYS,
        "contact_days": settings.REFERRAL_CONTACT_WORKING_DAYS,
    }


def what_happened(referral: Referral, kind: str) -> str:
    """One line: what happened, said to the person who is told."""
    facts = _facts(referral)
    lines = {
        EventKind.SENT: _("%(ref)s is a new referral from %(sender)s"),
        EventKind.RECORDED: _("%(ref)s from %(sender)s was handed over by phone"),
        EventKind.CANCELLED: _("%(ref)s is cancelled by %(sender)s"),
        EventKind.ACCEPTED: _("%(ref)s is accepted by %(receiver)s"),
        EventKind.DECLINED: _("%(ref)s is declined by %(receiver)s"),
        EventKind.FIRST_CONTACT: _("%(receiver)s recorded the first contact for %(ref)s"),
        EventKind.CLOSED: _("%(ref)s is closed by %(receiver)s"),
        EventKind.CONSENT_WITHDRAWN: _("The family withdrew consent for %(ref)s"),
        EventKind.FORWARD_REQUESTED: _("%(receiver)s proposes to forward %(ref)s"),
        EventKind.FORWARDED: _("%(ref)s is forwarded to %(receiver)s"),
        EventKind.FORWARD_REFUSED: _("The forwarding of %(ref)s was not agreed"),
    }
    return lines.get(kind, _("There is news on %(ref)s")) % facts


def what_to_do(referral: Referral, kind: str) -> str:
    facts = _facts(referral)
    todo = {
        EventKind.SENT: _("Accept or decline it within %(accept_days)d working days."),
        EventKind.RECORDED: _("Accept it in the portal, so the figures are right."),
        EventKind.CANCELLED: _("You need not do anything more."),
        EventKind.ACCEPTED: _(
            "They contact the family within %(contact_days)d working days. "
            "You need not do anything."
        ),
        EventKind.DECLINED: _("Read the reason. Maybe another offer fits the family better."),
        EventKind.FIRST_CONTACT: _("Read the result on the timeline."),
        EventKind.CLOSED: _("Read the outcome on the timeline. You need not do anything."),
        EventKind.CONSENT_WITHDRAWN: _(
            "The personal data is erased. Also erase what you keep about this family elsewhere."
        ),
        EventKind.FORWARD_REQUESTED: _(
            "Ask the family whether they agree, and record their answer on the referral."
        ),
        EventKind.FORWARDED: _("Read the timeline: the referral goes on there, in one thread."),
        EventKind.FORWARD_REFUSED: _("The referral stays with you. Read the reason."),
    }
    return todo.get(kind, _("Open the referral to see what changed.")) % facts


def compose(events: list[ReferralMailEvent]) -> tuple[str, str]:
    """Subject and body of one mail about one or more steps (in the site's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        by_referral: dict[int, list[ReferralMailEvent]] = defaultdict(list)
        for event in events:
            by_referral[event.referral_id].append(event)
        if len(events) == 1:
            subject = what_happened(events[0].referral, events[0].kind)
        elif len(by_referral) == 1:
            subject = _("%(count)d updates on referral %(ref)s") % {
                "count": len(events),
                "ref": events[0].referral.public_id,
            }
        else:
            subject = _("%(count)d updates on %(referrals)d referrals") % {
                "count": len(events),
                "referrals": len(by_referral),
            }
        parts = []
        for referral_events in by_referral.values():
            referral = referral_events[0].referral
            lines = [
                f"- {what_happened(referral, event.kind)}. {what_to_do(referral, event.kind)}"
                for event in referral_events
            ]
            link = settings.SITE_URL + referral.get_absolute_url()
            parts.append(
                "\n".join([*lines, _("Open it (log in first): %(link)s") % {"link": link}])
            )
        inbox = settings.SITE_URL + reverse("doorverwijzing:inbox")
        footer = _(
            "Your inbox: %(inbox)s\n\nThis mail never holds the family's data. "
            "You choose between a mail for each step and one mail a day in your inbox."
        ) % {"inbox": inbox}
        return subject, "\n\n".join([*parts, footer]) + "\n"
