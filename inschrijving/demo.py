"""Fictional registrations and subscriptions for the demo network.

Needs aanbod.demo first (its dated activities, replaced relative to today on every run).
Every demo offer that needs registration gets online registration: a series for an offer
with several dates, a session otherwise. Babymassage (Kind en Gezin, the demo partner
editor's) has families registered; the theme evening on sleep is full with a waiting list,
and its free place is offered to a family who left only a phone number.
Idempotent: the lists are rebuilt on every run.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from aanbod.choices import AccessType
from aanbod.models import Offer
from partners.models import Network

from . import selectors, services, subscriptions
from .choices import RegistrationStatus as Status
from .models import Registration, RegistrationList, Subscription, Transition

NAMES = [
    "Sara", "Youssef", "Emma", "Noah", "Aylin", "Mila", "Daan", "Olena", "Lucas", "Fatima",
    "Lena", "Ibrahim", "Nina", "Mehmet", "Julie",
]  # fmt: skip
FULL_OFFER = "thema-avond-slapen"
BUSY_OFFER = "babymassage"

TRANSITIONS = [
    # (age in months, Dutch title, English title, Dutch text, link)
    (-2, "Geboortepremie en Groeipakket aanvragen", "Apply for the birth premium and Groeipakket",
     "Vraag het startbedrag aan vanaf de zesde maand van je zwangerschap.",
     "https://www.groeipakket.be"),
    (2, "Eerste vaccinaties bij het consultatiebureau", "First vaccinations",
     "Kind en Gezin nodigt je uit voor de eerste prikjes.", "https://www.kindengezin.be"),
    (12, "1 jaar: vaccinatie op het consultatiebureau", "1 year: vaccination",
     "", "https://www.kindengezin.be"),
    (27, "Inschrijven voor de kleuterschool", "Enrolling for kindergarten",
     "Met 2,5 jaar mag je kind naar de kleuterschool. Inschrijven kan al eerder.",
     "https://meldjeaan.be"),
    (60, "Naar het eerste leerjaar", "Moving to primary school",
     "Het CLB helpt als je twijfelt of je kind klaar is.", ""),
    (138, "De overstap naar het secundair", "The move to secondary school",
     "Aanmelden voor het secundair gebeurt in het voorjaar van het zesde leerjaar.", ""),
]  # fmt: skip


def _keeper(offer):
    """Who opens an offer's demo list: one of the people who keep its registrations."""
    emails = selectors.list_keeper_emails(offer=offer)
    return get_user_model().objects.filter(email__in=emails).order_by("email").first()


def _open_lists() -> list[RegistrationList]:
    now = timezone.now()
    lists = []
    offers = Offer.objects.published().filter(access_type=AccessType.REGISTRATION)
    for offer in offers.prefetch_related("occurrences"):
        upcoming = [o for o in offer.occurrences.all() if o.starts_at > now and not o.cancelled]
        keeper = _keeper(offer)
        if not upcoming or keeper is None:
            continue
        RegistrationList.objects.filter(offer=offer).delete()
        series = len(upcoming) > 1 and offer.slug != FULL_OFFER
        occurrence = None if series else min(upcoming, key=lambda o: o.starts_at)
        lists.append(
            services.registration_list_open(
                offer=offer,
                occurrence=occurrence,
                capacity=4 if offer.slug == FULL_OFFER else 12,
                closes_at=None,
                asks_note=offer.slug == BUSY_OFFER,
                actor=keeper,
            )
        )
    return lists


def _register(registration_list: RegistrationList, rng: random.Random, count: int) -> None:
    band = "0-3" if registration_list.offer.slug in (BUSY_OFFER, FULL_OFFER) else "3-6"
    for n in range(count):
        name = NAMES[n % len(NAMES)]
        by_phone = n % 3 == 2
        services.registration_create(
            registration_list_id=registration_list.pk,
            name=name,
            email="" if by_phone else f"{name.lower()}.{n}@example.be",
            phone=f"0470 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
            if by_phone
            else "",
            children_by_band={band: 1 + (n % 2)},
            note="Allergisch voor noten" if n == 1 and registration_list.asks_note else "",
            language="ar" if name in ("Youssef", "Fatima", "Ibrahim") else "nl",
        )


def _subscribers(network: Network, rng: random.Random) -> None:
    """Parents who subscribed to the monthly mail and clicked the confirmation link."""
    today = timezone.localdate()
    for subscription in Subscription.objects.filter(email__endswith="@abonnee.example.be"):
        subscriptions.subscription_unsubscribe(subscription=subscription)
    municipalities = list(network.municipalities.all())
    for n in range(14):
        ages = [rng.randint(-4, 40)] if n % 3 else [rng.randint(0, 30), rng.randint(36, 150)]
        subscription = subscriptions.subscription_create(
            email=f"ouder{n}@abonnee.example.be",
            language=["nl", "nl", "nl", "fr", "ar", "en", "uk"][n % 7],
            municipality=municipalities[n % len(municipalities)],
            birth_months=[today.replace(day=1) - dt.timedelta(days=30 * months) for months in ages],
        )
        subscriptions.subscription_confirm(subscription=subscription)


def load() -> list:
    rng = random.Random(2013)  # noqa: S311 (the same demo every time)
    network = Network.objects.get(slug="scheldevallei")
    lists = {registration_list.offer.slug: registration_list for registration_list in _open_lists()}
    if BUSY_OFFER in lists:
        _register(lists[BUSY_OFFER], rng, 5)
    if FULL_OFFER in lists:
        _register(lists[FULL_OFFER], rng, 7)  # 4 places: 3 on the waiting list
        # One family already cancelled, so the list shows every state.
        first = Registration.objects.filter(
            registration_list=lists[FULL_OFFER], status=Status.WAITLISTED
        ).first()
        if first is not None:
            services.registration_cancel(registration=first)
        # A registered family cancels: the place goes to the next on the waiting list, a
        # family with only a phone number, so the coordinator (the opvoedingswinkel has no
        # partner editor) is asked to call them and the list says "Bel dit gezin".
        leaving = Registration.objects.filter(
            registration_list=lists[FULL_OFFER], status=Status.REGISTERED
        ).last()
        if leaving is not None:
            services.registration_cancel(registration=leaving)
            services.waitlist_advance(registration_list_id=lists[FULL_OFFER].pk)
    for at_month, title_nl, title_en, text_nl, url in TRANSITIONS:
        Transition.objects.update_or_create(
            network=None,
            at_month=at_month,
            title_nl=title_nl,
            defaults={"title_en": title_en, "text_nl": text_nl, "url": url},
        )
    _subscribers(network, rng)
    return []
