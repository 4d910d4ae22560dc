"""Mails about a network's public forms, coalesced so that a flood never floods an inbox.

Each mail is claimed first by inserting a NetworkMailClaim row (network, kind, slot);
the unique constraint lets one worker win. Two rules live here: the daily cap on
families' questions and signals (INTAKE_DAILY_CAP_PER_NETWORK, counted in the
database, not in Redis) and the coordinators' mails. No mail holds a family's data.
"""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partners.models import Network
from partners.selectors import network_coordinator_emails

from .models import NetworkMailClaim

MailKind = NetworkMailClaim.Kind


def network_mail_claim(*, network_id: int, kind: str, slot: dt.datetime) -> bool:
    """True for the one caller that claims this mail; False when it is already claimed."""
    with transaction.atomic():
        _claim, created = NetworkMailClaim.objects.get_or_create(
            network_id=network_id, kind=kind, slot=slot
        )
    return created


# Claims are only needed while their slot can still be claimed again (a day at most).
CLAIMS_KEPT_DAYS = 7


def network_mail_claims_purge(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=CLAIMS_KEPT_DAYS)
    deleted, _per_model = NetworkMailClaim.objects.filter(slot__lt=cutoff).delete()
    return deleted


def start_of_day(now: dt.datetime) -> dt.datetime:
    """Local midnight (Europe/Brussels) of `now`: the cap counts per calendar day."""
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(now), dt.time.min))


def daily_cap_reached(
    *, network: Network, kind: str, submitted_today: int, now: dt.datetime | None = None
) -> bool:
    """True when the network has taken its daily number of `kind` (MailKind.INTAKE_CAP or
    SIGNAL_CAP); the first time a day, its coordinators are told.

    Call outside the transaction that would store the new question: a refused question
    rolls nothing back, so the claim (and the coordinators' one mail) stays.
    """
    if submitted_today < settings.INTAKE_DAILY_CAP_PER_NETWORK:
        return False
    now = now or timezone.now()
    if network_mail_claim(network_id=network.id, kind=kind, slot=start_of_day(now)):
        from huisvanhetkind import outbox

        outbox.enqueue(daily_cap_mail_task, network.id, kind)
    return True


def daily_cap_mail(*, network: Network, kind: str) -> int:
    recipients = network_coordinator_emails(network_id=network.id)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        what = _("questions") if kind == MailKind.INTAKE_CAP else _("signals from families")
        subject = _("Daily limit reached on the public site of %(network)s") % {
            "network": network.name
        }
        body = _(
            "Today %(network)s received %(cap)d %(what)s through the website: the most it "
            "takes in one day. Until midnight, families who try are asked to phone you.\n\n"
            "So many in one day can be a flood of fake messages. If it happens again, "
            "tell your administrator.\n"
        ) % {"network": network.name, "cap": settings.INTAKE_DAILY_CAP_PER_NETWORK, "what": what}
    return send_mass_mail([(subject, body, None, [email]) for email in recipients])


def admin_network_link(network: Network) -> str:
    return settings.SITE_URL + reverse("admin:partners_network_change", args=[network.pk])


@shared_task(
    name="doorverwijzing.network_mail.daily_cap_mail",
    autoretry_for=(OSError,),  # SMTPException is an OSError
    retry_backoff=30,
    max_retries=8,
)
def daily_cap_mail_task(network_id: int, kind: str) -> int:
    network = Network.objects.filter(id=network_id).first()
    return daily_cap_mail(network=network, kind=kind) if network else 0
