import datetime as dt
import uuid

import pytest
from django.core import mail
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.test import Client as DjangoClient
from django.utils import timezone, translation

from aanbod.tests.factories import OfferFactory
from huisvanhetkind.models import OutboxMessage
from inschrijving import subscriptions
from inschrijving.models import Subscription, SubscriptionChild, Transition
from partners.tests.factories import MunicipalityFactory, NetworkFactory

pytestmark = pytest.mark.django_db

MONTH = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 6, 0, tzinfo=dt.UTC)


@pytest.fixture
def place():
    municipality = MunicipalityFactory()
    network = NetworkFactory()
    network.municipalities.add(municipality)
    return municipality, network


def _subscriber(municipality, *birth_months, language="nl", confirmed=True) -> Subscription:
    subscription = Subscription.objects.create(
        public_id=uuid.uuid4(),
        email=f"{uuid.uuid4().hex[:8]}@example.be",
        language=language,
        municipality=municipality,
        confirmed_at=NOW if confirmed else None,
    )
    for month in birth_months:
        SubscriptionChild.objects.create(subscription=subscription, birth_month=month)
    return subscription


def _months_before(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def test_subscribing_needs_a_click_on_the_mailed_link(client, place):
    municipality, _network = place
    response = client.post(
        "/nl/op-de-hoogte/",
        {
            "email": "Ouder@Example.be",
            "municipality": municipality.pk,
            "language": "en",
            "child_1": "2025-03",
            "child_2": "03/2023",
        },
    )
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.email == "ouder@example.be" and subscription.confirmed_at is None
    assert subscription.children.count() == 2
    assert OutboxMessage.objects.filter(
        task_name="inschrijving.tasks.subscription_confirm_mail"
    ).exists()
    subscriptions.subscription_confirm_mail(subscription_id=subscription.pk)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/bevestigen/" in line)
    path = link.split("127.0.0.1:8000", 1)[-1] if "127.0.0.1:8000" in link else link
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_a_bad_month_is_a_clear_message(client, place):
    municipality, _network = place
    response = client.post(
        "/nl/op-de-hoogte/",
        {
            "email": "a@example.be",
            "municipality": municipality.pk,
            "language": "nl",
            "child_1": "maart",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["child_1"]
    assert not Subscription.objects.exists()


def test_the_honeypot_stores_nothing(client, place):
    municipality, _network = place
    response = client.post(
        "/nl/op-de-hoogte/",
        {
            "email": "a@example.be",
            "municipality": municipality.pk,
            "language": "nl",
            "child_1": "2025-01",
            "website": "x",
        },
    )
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_the_rate_limit_stops_a_flood_of_subscriptions(client, place, monkeypatch):
    from inschrijving import views_subscriptions

    monkeypatch.setattr(views_subscriptions, "SUBSCRIBE_RATE_LIMIT", 2)
    municipality, _network = place
    data = {"municipality": municipality.pk, "language": "nl", "child_1": "2025-01"}
    statuses = [
        client.post("/nl/op-de-hoogte/", {**data, "email": f"p{n}@example.be"}).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert Subscription.objects.count() == 2


# Offers with age ranges in months; None: every age.
AGE_RANGES = {
    "pregnancy": (-9, 0),
    "babies": (0, 12),
    "toddlers": (12, 36),
    "kleuters": (30, 72),
    "primary": (72, 144),
    "teens": (144, 216),
    "young": (216, 300),
    "everyone": (None, None),
}


@pytest.mark.parametrize("years", range(0, 19))
def test_the_monthly_mail_holds_exactly_the_offers_for_the_childs_age(place, years):
    municipality, network = place
    recent = NOW - dt.timedelta(days=10)
    offers = {
        name: OfferFactory(
            indexed=False,
            networks=[network],
            title=f"NL {name}",
            title_en=f"EN {name}",
            age_months=NumericRange(low, high),
            published_at=recent,
        )
        for name, (low, high) in AGE_RANGES.items()
    }
    # Not in the mail: another network's offer, and an old one without dates to come.
    OfferFactory(indexed=False, networks=[NetworkFactory()], published_at=recent, title="Far")
    OfferFactory(
        indexed=False, networks=[network], published_at=NOW - dt.timedelta(days=400), title="Old"
    )
    age = years * 12 + 5
    subscription = _subscriber(municipality, _months_before(MONTH, age), language="en")
    catalogue = subscriptions.MonthlyCatalogue(month=MONTH, now=NOW)
    [child] = subscriptions.monthly_content(
        subscription=subscription, children=list(subscription.children.all()), catalogue=catalogue
    )
    expected = {
        f"EN {name}"
        for name, (low, high) in AGE_RANGES.items()
        if (low is None or low <= age) and (high is None or age < high)
    }
    assert child.age_months == age
    assert {offer.title for offer in child.offers} == expected
    message = subscriptions.monthly_mail(
        subscription=subscription, children=list(subscription.children.all()), catalogue=catalogue
    )
    assert all(title in message.body for title in expected)
    assert "NL " not in message.body and "Far" not in message.body and "Old" not in message.body
    assert offers


def test_several_children_and_the_transitions_ahead(place):
    municipality, network = place
    Transition.objects.create(
        at_month=30,
        title_nl="Kleuterschool: inschrijven kan",
        title_en="Kindergarten enrolment opens",
        network=network,
    )
    Transition.objects.create(at_month=144, title="Naar het secundair")
    Transition.objects.create(at_month=12, title="Vaccinatie", network=NetworkFactory())
    subscription = _subscriber(
        municipality, _months_before(MONTH, 28), _months_before(MONTH, 143), language="en"
    )
    catalogue = subscriptions.MonthlyCatalogue(month=MONTH, now=NOW)
    toddler, twelve = subscriptions.monthly_content(
        subscription=subscription,
        children=list(subscription.children.order_by("-birth_month")),
        catalogue=catalogue,
    )
    with translation.override("en"):  # as the mail is written: in the subscriber's language
        assert [t.title for t in toddler.transitions] == ["Kindergarten enrolment opens"]
        assert [t.title for t in twelve.transitions] == ["Naar het secundair"]


def test_the_monthly_run_is_idempotent_and_carries_one_click_unsubscribe(place):
    municipality, network = place
    OfferFactory(indexed=False, networks=[network], published_at=NOW - dt.timedelta(days=3))
    for _n in range(3):
        _subscriber(municipality, _months_before(MONTH, 20))
    _subscriber(municipality, _months_before(MONTH, 20), confirmed=False)
    assert subscriptions.subscriptions_monthly_send(month=MONTH, now=NOW, batch_size=2) == 3
    assert subscriptions.subscriptions_monthly_send(month=MONTH, now=NOW, batch_size=2) == 0
    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert "<img" not in message.body
    # The mail app's one-click POST: no CSRF cookie, and the address is gone at once.
    path = url.split("127.0.0.1:8000", 1)[-1]
    response = DjangoClient(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscription.objects.filter(email=message.to[0]).count() == 0
    # Next month: everyone left gets one again.
    next_month = dt.date(2027, 1, 1)
    assert subscriptions.subscriptions_monthly_send(month=next_month, now=NOW) == 2


def test_unconfirmed_subscriptions_are_erased_after_a_week(place, settings):
    municipality, _network = place
    subscription = _subscriber(municipality, MONTH, confirmed=False)
    Subscription.objects.filter(pk=subscription.pk).update(
        created_at=timezone.now() - dt.timedelta(days=settings.SUBSCRIPTION_CONFIRM_DAYS + 1)
    )
    _subscriber(municipality, MONTH, confirmed=False)
    assert subscriptions.subscriptions_purge_unconfirmed() == 1
    assert Subscription.objects.count() == 1


def test_subscriber_counts_per_municipality_and_age_band(place):
    municipality, network = place
    _subscriber(municipality, _months_before(MONTH, 5), _months_before(MONTH, 10))
    _subscriber(municipality, _months_before(MONTH, 50))
    _subscriber(municipality, _months_before(MONTH, 5), confirmed=False)
    counts = subscriptions.subscriber_counts(network=network, today=MONTH)
    assert {(row["band"], row["subscribers"]) for row in counts} == {("0-3", 1), ("3-6", 1)}


def test_calendar_feeds_per_age_band_and_municipality(client, place):
    municipality, _network = place
    response = client.get(f"/nl/op-de-hoogte/agenda/?gemeente={municipality.pk}")
    assert response.status_code == 200
    assert f"age=0-3&amp;municipality={municipality.pk}" in response.content.decode()
    feed = client.get(f"/nl/agenda.ics?age=0-3&municipality={municipality.pk}")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")


def test_a_wrong_token_is_a_404_or_harmless(client):
    assert client.get("/nl/op-de-hoogte/bevestigen/nonsense/").status_code == 404
    assert client.post("/nl/op-de-hoogte/afmelden/nonsense/").status_code == 200
