"""Registration on a 360 px phone (issue 16): a parent registers from the offer page, gets
the secret link by mail and cancels; the first on the waiting list is offered the seat and
claims it; an unclaimed offer expires to the next; the partner checks off who came on a
phone, and the counts appear in the evidence pack."""

import datetime as dt
import re

import pytest

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = 360


def _deliver_outbox() -> None:
    """What the worker does: run every queued task once (huisvanhetkind/outbox.py)."""
    from huisvanhetkind.models import OutboxMessage, OutboxStatus
    from huisvanhetkind.outbox import deliver

    while pending := list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING).values_list("id", flat=True)
    ):
        for message_id in pending:
            deliver(message_id=message_id)


def _link_for(address: str) -> str:
    from django.core import mail

    _deliver_outbox()
    bodies = [m.body for m in mail.outbox if address in m.to]
    assert bodies, f"no mail to {address}"
    return re.search(r"https?://\S+/inschrijving/\S+/", bodies[-1]).group(0)


def _fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, page.url


def _register(page, live_server, offer, name: str, email: str) -> str:
    page.goto(f"{live_server.url}/nl/aanbod/{offer.slug}/")
    page.locator("#registration a").first.click()
    page.wait_for_load_state()
    _fits_the_phone(page)
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.locator("form.hvhk-form button[type=submit]").click()
    page.wait_for_load_state()
    _fits_the_phone(page)
    return page.locator("h1").inner_text()


def test_register_cancel_waiting_list_expiry_and_attendance_on_a_phone(
    live_server, demo_network, new_page, settings
):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from aanbod.models import Offer
    from actieplan.choices import PackKind
    from actieplan.evidence import evidence_figures
    from inschrijving import services
    from inschrijving.models import Registration, RegistrationList

    settings.SITE_URL = live_server.url
    offer = Offer.objects.get(slug="babymassage-ter-heide")
    RegistrationList.objects.filter(offer=offer).delete()
    occurrence = offer.occurrences.filter(starts_at__gt=timezone.now()).order_by("starts_at")[0]
    keeper = get_user_model().objects.get(email="redacteur@demo.huisvanhetkind.be")
    registration_list = services.registration_list_open(
        offer=offer, occurrence=occurrence, capacity=1, waiting_list=True, actor=keeper
    )
    parents = {name: new_page(PHONE) for name in ("an", "bo", "cas", "dina")}

    # An takes the only seat; the others are numbers 1, 2 and 3 on the waiting list.
    _register(parents["an"], live_server, offer, "An", "an@example.be")
    assert Registration.objects.get(email="an@example.be").status == "registered"
    for position, name in enumerate(("bo", "cas", "dina"), start=1):
        heading = _register(parents[name], live_server, offer, name.title(), f"{name}@example.be")
        assert str(position) in heading, heading

    # An opens the secret link from the mail and cancels.
    page = parents["an"]
    page.goto(_link_for("an@example.be"))
    _fits_the_phone(page)
    page.locator("form[action$='/annuleren/'] button").click()
    page.wait_for_load_state()
    assert page.locator("[data-status]").first.get_attribute("data-status") == "cancelled"

    # The worker offers the seat to Bo, who claims it from the mail.
    page = parents["bo"]
    page.goto(_link_for("bo@example.be"))
    assert page.locator("[data-status]").first.get_attribute("data-status") == "offered"
    page.locator("button[name=answer][value=yes]").click()
    page.wait_for_load_state()
    assert page.locator("[data-status]").first.get_attribute("data-status") == "registered"

    # Bo cancels after all; Cas is offered the seat but does not answer in time.
    services.registration_cancel(registration=Registration.objects.get(email="bo@example.be"))
    _deliver_outbox()
    assert Registration.objects.get(email="cas@example.be").status == "offered"
    later = timezone.now() + dt.timedelta(hours=settings.REGISTRATION_CLAIM_HOURS + 1)
    assert services.offers_expire(now=later) == 1
    _deliver_outbox()
    page = parents["dina"]
    page.goto(_link_for("dina@example.be"))
    assert page.locator("[data-status]").first.get_attribute("data-status") == "offered"
    page.locator("button[name=answer][value=yes]").click()
    page.wait_for_load_state()

    # The partner checks off on a phone that Dina came.
    partner = new_page(PHONE)
    log_in(partner, live_server, "nl", "redacteur@demo.huisvanhetkind.be")
    partner.goto(f"{live_server.url}/nl/inschrijvingen/{registration_list.pk}/")
    _fits_the_phone(partner)
    dina = Registration.objects.get(email="dina@example.be")
    partner.check(f"#present-{dina.pk}")
    partner.locator("form[action$='/aanwezig/'] button[type=submit]").click()
    partner.wait_for_load_state()
    _fits_the_phone(partner)
    dina.refresh_from_db()
    assert dina.status == "attended"

    network = offer.networks.get(slug="scheldevallei")
    year = timezone.localdate(occurrence.starts_at).year
    figures = evidence_figures(
        network=network, year=year, kind=PackKind.REPORT, today=timezone.localdate()
    )
    assert figures["reach"]["families"]["value"] >= 1
    assert figures["reach"]["age_groups"][0]["children"]["value"] >= 1
