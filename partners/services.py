"""Every write to the network's data that carries a rule."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huisvanhetkind.mail import mail_subject

from .choices import AgreementStatus, Role
from .models import Agreement, Membership

# The coordinator is reminded twice before an agreement expires: early enough
# to renegotiate (60 days), and a last call (14 days).
AGREEMENT_REMINDER_DAYS = (60, 14)


def agreement_reminders_due(*, today: dt.date) -> list[tuple[int, int]]:
    """(agreement id, days before end) for every reminder that should go out today."""
    due = []
    horizon = today + dt.timedelta(days=max(AGREEMENT_REMINDER_DAYS))
    agreements = Agreement.objects.filter(
        status=AgreementStatus.ACTIVE, end__gte=today, end__lte=horizon
    ).values_list("id", "end", "reminded_60_days_at", "reminded_14_days_at")
    for agreement_id, end, reminded_60, reminded_14 in agreements:
        days_left = (end - today).days
        if days_left <= 14:
            if reminded_14 is None:
                due.append((agreement_id, 14))
        elif reminded_60 is None:
            due.append((agreement_id, 60))
    return due


@transaction.atomic
def agreement_send_reminder(*, agreement_id: int, days_before: int) -> bool:
    """Send one reminder once. Returns False when it was already sent (by anyone).

    The claim (a conditional update) and the mail share one transaction: if the
    mail fails, the claim rolls back and a retry sends it.
    """
    if days_before not in AGREEMENT_REMINDER_DAYS:
        raise ValueError(f"No reminder {days_before} days before the end.")
    field = f"reminded_{days_before}_days_at"
    claimed = Agreement.objects.filter(id=agreement_id, **{field: None}).update(
        **{field: timezone.now()}
    )
    if not claimed:
        return False
    agreement = Agreement.objects.select_related("network").get(id=agreement_id)
    recipients = list(
        Membership.objects.filter(network=agreement.network, role=Role.COORDINATOR).values_list(
            "user__email", flat=True
        )
    )
    if recipients:
        send_mail(
            subject=mail_subject(
                _("Agreement ends on %(end)s: %(subject)s")
                % {"end": agreement.end.strftime("%d/%m/%Y"), "subject": agreement.subject}
            ),
            message=_(
                "The agreement '%(subject)s' of %(network)s ends on %(end)s.\n"
                "Do you want to renew it? Look it up here:\n%(url)s"
            )
            % {
                "subject": agreement.subject,
                "network": agreement.network.name,
                "end": agreement.end.strftime("%d/%m/%Y"),
                "url": f"{settings.SITE_URL}/admin/partners/agreement/{agreement.id}/change/",
            },
            from_email=None,
            recipient_list=recipients,
        )
    return True
