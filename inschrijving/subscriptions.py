"""Offers that grow with the child: subscribe (double opt-in), the monthly mail, unsubscribe.

The monthly run is batched and idempotent: each subscriber is claimed with a conditional
update of `last_mailed_month` in the same transaction that sends the mail, so a rerun (or a
second worker) skips everyone already mailed this month, and a worker killed mid-send
leaves that subscriber for the next run. What fits whom is worked out once per
municipality and language, then filtered per child's age in memory: 100,000 subscribers
cost one UPDATE each, not one catalogue query each (bench/README.md).

No tracking: plain-text mails, no pixels, no counted clicks. Unsubscribing deletes the row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from aanbod.models import Occurrence, Offer
from huisvanhetkind.mail import mail_subject
from partners.models import Network

from .choices import AGE_BAND_MONTHS
from .exceptions import SubscriptionError
from .models import Subscription, SubscriptionChild, Transition

MONTHLY_BATCH = 500
MAX_CHILDREN = 4
# An offer is "new" this long after publishing; "upcoming" with a dated activity this soon.
NEW_FOR_DAYS = 62
UPCOMING_DAYS = 35
# Transitions are told this many months ahead.
TRANSITION_MONTHS_AHEAD = 3
MAX_OFFERS_PER_CHILD = 8


# --- Links --------------------------------------------------------------------------------


def subscription_token(subscription: Subscription, purpose: str) -> str:
    signature = salted_hmac(f"inschrijving.subscription.{purpose}", subscription.public_id.hex)
    return f"{subscription.public_id.hex}-{signature.hexdigest()[:24]}"


def subscription_from_token(token: str, purpose: str) -> Subscription | None:
    public_id, _sep, signature = (token or "").partition("-")
    try:
        parsed = uuid.UUID(hex=public_id)
    except ValueError:
        return None
    subscription = Subscription.objects.filter(public_id=parsed).first()
    if subscription is None:
        return None
    expected = subscription_token(subscription, purpose).partition("-")[2]
    return subscription if constant_time_compare(signature, expected) else None


def _link(subscription: Subscription, name: str, purpose: str) -> str:
    with translation.override(subscription.language):
        path = reverse(
            f"inschrijving:{name}", kwargs={"token": subscription_token(subscription, purpose)}
        )
    return settings.SITE_URL + path


def unsubscribe_link(subscription: Subscription) -> str:
    return _link(subscription, "unsubscribe", "unsubscribe")


# --- Subscribing ---------------------------------------------------------------------------


@transaction.atomic
def subscription_create(
    *, email: str, language: str, municipality, birth_months: list[dt.date]
) -> Subscription:
    """A new (unconfirmed) subscription, or the same address's again; the confirmation
    mail goes out either way (after the commit), so the page says the same to everyone."""
    from huisvanhetkind.outbox import enqueue

    from .tasks import subscription_confirm_mail_task

    if not 1 <= len(birth_months) <= MAX_CHILDREN:
        raise SubscriptionError(_("Give the birth month of at least one child."))
    email = email.strip().lower()
    subscription = Subscription.objects.select_for_update().filter(email=email).first()
    if subscription is None:
        subscription = Subscription.objects.create(
            public_id=uuid.uuid4(), email=email, language=language, municipality=municipality
        )
    elif subscription.confirmed_at is None:
        subscription.language, subscription.municipality = language, municipality
        subscription.save(update_fields=["language", "municipality"])
        subscription.children.all().delete()
    else:
        # Already confirmed: nothing changes without the owner's click; they get a mail.
        enqueue(subscription_confirm_mail_task, subscription.id)
        return subscription
    SubscriptionChild.objects.bulk_create(
        SubscriptionChild(subscription=subscription, birth_month=month.replace(day=1))
        for month in sorted(set(birth_months))
    )
    enqueue(subscription_confirm_mail_task, subscription.id)
    return subscription


def subscription_confirm_mail(*, subscription_id: int) -> bool:
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return False
    with translation.override(subscription.language):
        if subscription.confirmed_at:
            subject = _("You already get our monthly mail")
            body = _(
                "You already get our monthly mail about offers for your child.\n\n"
                "To stop, click here:\n%(unsubscribe)s"
            ) % {"unsubscribe": unsubscribe_link(subscription)}
        else:
            subject = _("Confirm: offers for your child, once a month")
            body = _(
                "Click this link to confirm that you want our monthly mail:\n%(confirm)s\n\n"
                "Did you not ask for this? Then do nothing: we delete your address in "
                "%(days)s days."
            ) % {
                "confirm": _link(subscription, "subscription_confirm", "confirm"),
                "days": settings.SUBSCRIPTION_CONFIRM_DAYS,
            }
        EmailMessage(mail_subject(subject), body, to=[subscription.email]).send()
    return True


def subscription_confirm(*, subscription: Subscription) -> Subscription:
    if subscription.confirmed_at is None:
        Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        subscription.refresh_from_db(fields=["confirmed_at"])
    return subscription


def subscription_unsubscribe(*, subscription: Subscription) -> None:
    """Erase the address at once (and the children's birth months with it)."""
    Subscription.objects.filter(pk=subscription.pk).delete()


def subscriptions_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.SUBSCRIPTION_CONFIRM_DAYS)
    _total, per_model = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return per_model.get(Subscription._meta.label, 0)


# --- What fits a child this month ----------------------------------------------------------


def age_in_months(birth_month: dt.date, month: dt.date) -> int:
    """Whole months from the birth month to `month` (negative: not born yet)."""
    return (month.year - birth_month.year) * 12 + (month.month - birth_month.month)


def _fits(age_months, age: int) -> bool:
    """The offer's age range holds `age` (an open end holds everything on that side)."""
    if age_months is None:
        return True
    if getattr(age_months, "isempty", False):
        return False
    return (age_months.lower is None or age_months.lower <= age) and (
        age_months.upper is None or age < age_months.upper
    )


@dataclass
class OfferLine:
    id: int
    title: str
    url: str
    age_months: object


@dataclass
class MonthlyCatalogue:
    """The month's offers, loaded once per run: every new or upcoming offer in one query,
    then which of them each municipality's networks have (one small query per
    municipality), and their lines per language (no query)."""

    month: dt.date
    now: dt.datetime
    _eligible: dict[int, Offer] | None = None
    _by_municipality: dict[int, list[int]] = field(default_factory=dict)
    _offers: dict[tuple[int, str], list[OfferLine]] = field(default_factory=dict)
    _lines: dict[tuple[int, str], OfferLine] = field(default_factory=dict)
    _transitions: dict[tuple[int, str], list[Transition]] = field(default_factory=dict)

    def _eligible_offers(self) -> dict[int, Offer]:
        """New (published lately) or upcoming (a dated activity soon) published offers."""
        if self._eligible is None:
            upcoming = Occurrence.objects.filter(
                starts_at__gte=self.now,
                starts_at__lt=self.now + dt.timedelta(days=UPCOMING_DAYS),
                cancelled=False,
            ).values("offer_id")
            offers = Offer.objects.published().filter(
                Q(published_at__gte=self.now - dt.timedelta(days=NEW_FOR_DAYS)) | Q(id__in=upcoming)
            )
            fields = ["id", "slug", "age_months", "title"]
            fields += [f"title_{code}" for code, _name in settings.LANGUAGES]
            self._eligible = {offer.id: offer for offer in offers.only(*fields).order_by("title")}
        return self._eligible

    def offers_for(self, municipality_id: int, language: str) -> list[OfferLine]:
        """In and around the municipality: the offers of the networks that cover it."""
        key = (municipality_id, language)
        if key in self._offers:
            return self._offers[key]
        eligible = self._eligible_offers()
        if municipality_id not in self._by_municipality:
            ids = set(
                Offer.networks.through.objects.filter(
                    network__municipalities=municipality_id
                ).values_list("offer_id", flat=True)
            )
            self._by_municipality[municipality_id] = [i for i in eligible if i in ids]
        self._offers[key] = [
            self._line(eligible[offer_id], language)
            for offer_id in self._by_municipality[municipality_id]
        ]
        return self._offers[key]

    def _line(self, offer: Offer, language: str) -> OfferLine:
        key = (offer.id, language)
        if key not in self._lines:
            with translation.override(language):
                self._lines[key] = OfferLine(
                    id=offer.id,
                    title=offer.title,
                    url=settings.SITE_URL + offer.get_absolute_url(),
                    age_months=offer.age_months,
                )
        return self._lines[key]

    def transitions_for(self, municipality_id: int, language: str) -> list[Transition]:
        key = (municipality_id, language)
        if key not in self._transitions:
            networks = Network.objects.filter(municipalities=municipality_id).values("id")
            self._transitions[key] = list(
                Transition.objects.filter(Q(network__isnull=True) | Q(network__in=networks))
            )
        return self._transitions[key]


@dataclass
class ChildContent:
    age_months: int
    offers: list[OfferLine]
    transitions: list[Transition]


def monthly_content(
    *, subscription: Subscription, children: list[SubscriptionChild], catalogue: MonthlyCatalogue
) -> list[ChildContent]:
    """Per child: the offers that fit its age this month, and the transitions ahead."""
    offers = catalogue.offers_for(subscription.municipality_id, subscription.language)
    transitions = catalogue.transitions_for(subscription.municipality_id, subscription.language)
    content = []
    for child in children:
        age = age_in_months(child.birth_month, catalogue.month)
        content.append(
            ChildContent(
                age_months=age,
                offers=[o for o in offers if _fits(o.age_months, age)][:MAX_OFFERS_PER_CHILD],
                transitions=[
                    t for t in transitions if age <= t.at_month < age + TRANSITION_MONTHS_AHEAD
                ],
            )
        )
    return content


def _age_words(age: int) -> str:
    if age < 0:
        return _("your baby on the way")
    if age < 24:
        return _("your child of %(months)s months") % {"months": age}
    return _("your child of %(years)s years") % {"years": age // 12}


def monthly_mail(
    *, subscription: Subscription, children: list[SubscriptionChild], catalogue: MonthlyCatalogue
) -> EmailMessage | None:
    """The month's mail in the subscriber's language, or None when there is nothing to say."""
    content = monthly_content(subscription=subscription, children=children, catalogue=catalogue)
    if not any(child.offers or child.transitions for child in content):
        return None
    unsubscribe = unsubscribe_link(subscription)
    with translation.override(subscription.language):
        parts = [_("Hello,"), _("This month for your family:")]
        for child in content:
            lines = [f"\n— {_age_words(child.age_months)} —"]
            for transition in child.transitions:
                lines.append(
                    f"* {transition.title}" + (f": {transition.text}" if transition.text else "")
                )
                if transition.url:
                    lines.append(f"  {transition.url}")
            for offer in child.offers:
                lines.append(f"- {offer.title}\n  {offer.url}")
            parts.append("\n".join(lines))
        parts.append(
            _("No longer want this mail? Unsubscribe with one click:\n%(link)s")
            % {"link": unsubscribe}
        )
        subject = mail_subject(_("Offers for your child this month"))
    message = EmailMessage(subject, "\n\n".join(parts), to=[subscription.email])
    # RFC 2369 / RFC 8058: mail apps show their own "unsubscribe" button, one click.
    message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def subscriptions_monthly_send(
    *, month: dt.date | None = None, now: dt.datetime | None = None, batch_size: int = MONTHLY_BATCH
) -> int:
    """Mail every confirmed subscriber not yet mailed this month; the number sent."""
    now = now or timezone.now()
    month = (month or timezone.localdate(now)).replace(day=1)
    catalogue = MonthlyCatalogue(month=month, now=now)
    due = Subscription.objects.filter(confirmed_at__isnull=False).filter(
        Q(last_mailed_month__isnull=True) | Q(last_mailed_month__lt=month)
    )
    sent = 0
    last_id = 0
    connection = get_connection()
    connection.open()
    try:
        while True:
            batch = list(due.filter(id__gt=last_id).order_by("id")[:batch_size])
            if not batch:
                break
            last_id = batch[-1].id
            children: dict[int, list[SubscriptionChild]] = {}
            for child in SubscriptionChild.objects.filter(subscription__in=batch).order_by(
                "birth_month"
            ):
                children.setdefault(child.subscription_id, []).append(child)
            for subscription in batch:
                with transaction.atomic():
                    claimed = (
                        Subscription.objects.filter(pk=subscription.pk)
                        .filter(Q(last_mailed_month__isnull=True) | Q(last_mailed_month__lt=month))
                        .update(last_mailed_month=month)
                    )
                    if not claimed:
                        continue  # another run mailed them
                    message = monthly_mail(
                        subscription=subscription,
                        children=children.get(subscription.id, []),
                        catalogue=catalogue,
                    )
                    if message is not None:
                        message.connection = connection
                        message.send()
                        sent += 1
    finally:
        connection.close()
    return sent


# --- Reach ---------------------------------------------------------------------------------


def subscriber_counts(*, network: Network, today: dt.date) -> list[dict]:
    """Confirmed subscribers per municipality of the network and age band of their children
    today: the reach of the monthly mail. Raw counts; the caller hides those under 5."""
    month = today.replace(day=1)
    rows = SubscriptionChild.objects.filter(
        subscription__confirmed_at__isnull=False,
        subscription__municipality__networks=network,
    ).values_list("subscription_id", "subscription__municipality__name", "birth_month")
    seen: set[tuple[str, str, int]] = set()
    for subscription_id, municipality, birth_month in rows.iterator():
        seen.add((municipality, age_band(age_in_months(birth_month, month)), subscription_id))
    totals: dict[tuple[str, str], int] = {}
    for municipality, band, _subscription_id in seen:
        totals[(municipality, band)] = totals.get((municipality, band), 0) + 1
    return [
        {"municipality": municipality, "band": band, "subscribers": number}
        for (municipality, band), number in sorted(totals.items())
    ]


def age_band(age: int) -> str:
    """The age band of an age in months; "expecting" before birth."""
    if age < 0:
        return "expecting"
    for key, (low, high) in AGE_BAND_MONTHS.items():
        if low <= age < high:
            return key
    return "18+"
