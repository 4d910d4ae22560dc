"""Redis stopped is not the portal down: pages, forms, login and the inbox answer as usual,
and a mail queued meanwhile goes out once Redis is back — exactly once.

A real Redis of the test's own is stopped under the portal (cache and broker), a real
Celery worker process is started against it after its restart.
"""

import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client

from aanbod.tests.factories import OfferFactory
from doorverwijzing.models import IntakeRequest, Referral
from doorverwijzing.services import referral_send
from doorverwijzing.tests.factories import VALID_CONSENT, social_worker
from huisvanhetkind.models import OutboxMessage, OutboxStatus
from partners.tests.factories import OrganisationFactory
from signalen.models import Signal

from .redis_server import RedisServer, use_broker
from .worker_process import WorkerProcess

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PASSWORD = "een-lang-wachtwoord-42"
# A request while Redis is away may cost a connect timeout once, never the broker's retries.
SLOWEST_REQUEST_SECONDS = 2.0


@pytest.fixture
def redis(tmp_path, settings):
    """The portal's cache and broker on a Redis of our own (stopped and started by the test)."""
    from huisvanhetkind.celery import app

    server = RedisServer(tmp_path)
    old_broker = app.conf.broker_url
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": server.url.replace("/0", "/1")},
    }
    use_broker(app, server.url)
    yield server
    use_broker(app, old_broker)
    server.stop()


@pytest.fixture
def network(network):
    """The cast's network, with a contact point for the families' questions."""
    network.organiser = OrganisationFactory(networks=[network], name="Gemeente Wilgendaal")
    network.save(update_fields=["organiser"])
    return network


@pytest.fixture
def world(cast):
    """The shared cast (conftest.py): its social worker refers (with a TOTP secret this test
    logs in with), a social worker of the other partner receives, one of the contact point
    hears of the family's question."""
    contact_point = social_worker(cast.network.organiser)
    referrer = cast.social_worker
    referrer.organisation = cast.organisation
    receiver = social_worker(cast.other_organisation)
    offer = OfferFactory(slug="babbelhoek", title="Babbelhoek")
    secret = generate_totp_secret()
    TOTP.activate(referrer, secret)
    return {
        "network": cast.network,
        "contact_point": contact_point,
        "referrer": referrer,
        "receiver": receiver,
        "offer": offer,
        "secret": secret,
    }


def _timed(call, *args, **kwargs):
    started = time.monotonic()
    response = call(*args, **kwargs)
    elapsed = time.monotonic() - started
    assert elapsed < SLOWEST_REQUEST_SECONDS, f"{args[0]} took {elapsed:.1f}s with Redis down"
    return response


def _log_in(client: Client, user, secret: str) -> None:
    response = _timed(
        client.post, "/nl/account/login/", {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    if "/2fa/authenticate/" in response["Location"]:
        code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
        response = _timed(client.post, response["Location"], {"code": code})
        assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def _messages_about(folder: Path, text: str) -> int:
    return sum(
        part.count(text) > 0
        for path in folder.glob("*.log")
        for part in path.read_text().split("\n-------")
    )


def test_with_redis_stopped_the_portal_answers_and_the_mail_goes_out_once_it_is_back(
    redis, world, settings, tmp_path
):
    from huisvanhetkind.celery import app

    settings.PAGE_CACHE_ENABLED = True
    network = world["network"]
    redis.stop()

    visitor = Client()
    for path in ("/nl/", "/nl/aanbod/?q=babbelhoek", "/nl/aanbod/babbelhoek/", "/nl/agenda/"):
        assert _timed(visitor.get, path).status_code == 200, path

    question_url = f"/nl/stel-je-vraag/?netwerk={network.slug}"
    assert _timed(visitor.get, question_url).status_code == 200
    asked = _timed(
        visitor.post,
        question_url,
        {
            "name": "Samira",
            "phone": "0470 98 76 54",
            "email": "",
            "language": "nl",
            "question": "Mijn zoon van 4 slaapt slecht. Waar kan ik terecht?",
            "best_time": "dinsdag na 16 uur",
            "website": "",
        },
    )
    assert asked.status_code == 302
    intake = IntakeRequest.objects.get()

    signal_url = f"/nl/signaal/?netwerk={network.slug}"
    assert _timed(visitor.get, signal_url).status_code == 200
    told = _timed(
        visitor.post,
        signal_url,
        {"text": "Alle groepen zijn overdag, ik werk.", "barrier": "opening_hours"},
    )
    assert told.status_code == 302
    assert Signal.objects.count() == 1

    worker = Client()
    assert _timed(worker.get, "/nl/account/login/").status_code == 200
    _log_in(worker, world["referrer"], world["secret"])
    assert _timed(worker.get, "/nl/doorverwijzingen/").status_code == 200

    started = time.monotonic()
    referral = referral_send(
        actor=world["referrer"],
        referring_organisation=world["referrer"].organisation,
        receiving_organisation=world["receiver"].organisation,
        consent=VALID_CONSENT,
        question="Gezin zoekt opvoedingsondersteuning voor peuter.",
        family_name="S. D.",
        family_phone="0470 12 34 56",
    )
    assert time.monotonic() - started < SLOWEST_REQUEST_SECONDS
    assert Referral.objects.filter(id=referral.id).exists()  # committed with Redis down
    waiting = OutboxMessage.objects.filter(status=OutboxStatus.PENDING)
    assert set(waiting.values_list("task_name", flat=True)) == {
        "doorverwijzing.intake.intake_notify",
        "doorverwijzing.tasks.referral_notify",
    }

    # Redis comes back (empty, as after a restart without persistence) and a worker starts.
    redis.start()
    use_broker(app, redis.url)
    mailbox = tmp_path / "mail"
    process = WorkerProcess(
        broker_url=redis.url,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mailbox),
        REFERRAL_MAIL_COALESCE_MINUTES="0",  # the mail at once, not in 10 minutes
    )
    try:
        deadline = time.monotonic() + 60
        while OutboxMessage.objects.exclude(status=OutboxStatus.DONE).exists():
            assert time.monotonic() < deadline, list(OutboxMessage.objects.values())
            time.sleep(0.2)
        # Handed over again (a second drain, a redelivery): the claim keeps it once.
        for message_id in OutboxMessage.objects.values_list("id", flat=True):
            app.send_task("huisvanhetkind.outbox.deliver", (message_id,))
        app.send_task("huisvanhetkind.outbox.drain")
        # The worker's start handed both over; now two deliveries again and one drain.
        process.wait_for("succeeded", count=OutboxMessage.objects.count() * 2 + 1)
    finally:
        process.stop()

    assert OutboxMessage.objects.filter(status=OutboxStatus.DONE).count() == 2
    assert _messages_about(mailbox, referral.public_id) == 1
    assert _messages_about(mailbox, f"/nl/doorverwijzingen/vragen/{intake.pk}/") == 1
