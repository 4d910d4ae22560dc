"""Agreements and project money that end: one mail to the coordinators three months before.

The cockpit lists them every day; this mail reaches a coordinator who does not open the
portal in time to renew a covenant or to look for new money. `ending_notices_plan`
records one EndingNotice per item and end date (a unique constraint, so a scan that runs
twice plans nothing twice); `ending_notice_send` claims a row and mails in one transaction.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from huisvanhetkind.mail import mail_subject

from .due import ENDING_WITHIN_DAYS
from .models import EndingKind, EndingNotice


def ending_notices_plan(*, today: dt.date) -> None:
    """Record a notice for everything that ends within three months (once each)."""
    from aanbod.choices import OfferStatus
    from aanbod.models import Offer
    from partners.choices import AgreementStatus
    from partners.models import Agreement

    horizon = today + dt.timedelta(days=ENDING_WITHIN_DAYS)
    agreements = Agreement.objects.filter(
        status=AgreementStatus.ACTIVE, end__gte=today, end__lte=horizon
    ).values_list("id", "end")
    offers = (
        Offer.objects.exclude(status=OfferStatus.ARCHIVED)
        .filter(funding_ends__gte=today, funding_ends__lte=horizon)
        .values_list("id", "funding_ends")
    )
    notices = [
        EndingNotice(kind=EndingKind.AGREEMENT, object_id=pk, ends_on=end) for pk, end in agreements
    ] + [EndingNotice(kind=EndingKind.FUNDING, object_id=pk, ends_on=end) for pk, end in offers]
    EndingNotice.objects.bulk_create(notices, ignore_conflicts=True)


def _what_ends(notice: EndingNotice) -> tuple[str, str, set[int]] | None:
    """(subject, what, network ids) of the item, or None when it is gone."""
    from aanbod.models import Offer
    from partners.models import Agreement

    if notice.kind == EndingKind.AGREEMENT:
        agreement = Agreement.objects.filter(pk=notice.object_id).first()
        if agreement is None:
            return None
        return (
            _("Agreement “%(subject)s”") % {"subject": agreement.subject},
            _("Renew it with the partners, or let it end on purpose."),
            {agreement.network_id},
        )
    offer = Offer.objects.filter(pk=notice.object_id).prefetch_related("networks").first()
    if offer is None:
        return None
    return (
        _("Project money of “%(offer)s” (%(source)s)")
        % {"offer": offer.title, "source": offer.funding_source or _("funding")},
        _("Look for new money with the partner, or tell families in time that it stops."),
        {network.id for network in offer.networks.all()},
    )


@transaction.atomic
def ending_notice_send(*, notice_id: int) -> bool:
    from partners.selectors import network_coordinator_emails

    claimed = EndingNotice.objects.filter(pk=notice_id, sent_at=None).update(sent_at=timezone.now())
    if not claimed:
        return False
    notice = EndingNotice.objects.get(pk=notice_id)
    found = _what_ends(notice)
    if found is None:
        return False
    what, advice, network_ids = found
    recipients = sorted(
        {email for pk in network_ids for email in network_coordinator_emails(network_id=pk)}
    )
    if not recipients:
        return False
    send_mail(
        subject=mail_subject(
            _("%(what)s ends on %(end)s") % {"what": what, "end": f"{notice.ends_on:%d/%m/%Y}"}
        ),
        message=_("%(what)s ends on %(end)s, in three months.\n%(advice)s\n\nYour cockpit: %(url)s")
        % {
            "what": what,
            "end": f"{notice.ends_on:%d/%m/%Y}",
            "advice": advice,
            "url": settings.SITE_URL + reverse("dashboards:cockpit"),
        },
        from_email=None,
        recipient_list=recipients,
    )
    return True


def ending_notices_send_due(*, today: dt.date) -> int:
    ending_notices_plan(today=today)
    unsent = EndingNotice.objects.filter(sent_at=None, ends_on__gte=today).values_list(
        "id", flat=True
    )
    return sum(ending_notice_send(notice_id=notice_id) for notice_id in unsent)
