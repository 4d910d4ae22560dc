"""The whole warm referral, in the browser, as two workers of two organisations."""

import time

import pytest
from django.core import mail

from doorverwijzing.models import Referral
from doorverwijzing.tests.factories import social_worker, with_mfa
from huisvanhetkind.testing import Client
from partners.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FAMILY = {"name": "Z. Q.", "phone": "0499 88 77 66", "question": "Zoekt hulp bij babyslaap."}


@pytest.fixture
def workers(demo_data):
    demo_data("partners.demo")
    sociaal_huis = Organisation.objects.get(slug="sociaal-huis-wilgendaal")
    ckg = Organisation.objects.get(slug="ckg-de-wiege")
    caw = Organisation.objects.get(slug="caw-oost-vlaanderen")
    return {
        "referrer": with_mfa(social_worker(sociaal_huis, email="a@sociaalhuis.test")),
        "receiver": with_mfa(social_worker(ckg, email="b@ckg.test")),
        "outsider": with_mfa(social_worker(caw, email="c@caw.test")),
    }


def _logged_in_page(new_page, live_server, user, width):
    client = Client()
    client.force_login(user)
    page = new_page(width)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def _wait_for_mail(count):
    deadline = time.monotonic() + 20
    while len(mail.outbox) < count:
        assert time.monotonic() < deadline, [m.subject for m in mail.outbox]
        time.sleep(0.2)


@pytest.mark.parametrize("width", [360, 1280])
def test_referral_from_consent_to_closed_between_two_organisations(
    live_server, workers, new_page, assert_accessible, celery_worker, width
):
    referrer = _logged_in_page(new_page, live_server, workers["referrer"], width)
    referrer.goto(f"{live_server.url}/nl/doorverwijzingen/nieuw/")
    assert_accessible(referrer)
    referrer.get_by_label("Verwijs door naar").select_option(label="CKG De Wiege")
    referrer.get_by_label("De vraag, in een paar regels").fill(FAMILY["question"])
    referrer.get_by_label("Naam of initialen van het gezin").fill(FAMILY["name"])
    referrer.get_by_label("Telefoon").fill(FAMILY["phone"])
    referrer.get_by_label("Bel het gezin").check()
    referrer.get_by_label("Wie gaf toestemming?").fill("de moeder")
    referrer.get_by_label("Mondeling").check()
    referrer.locator("#id_share_contact_details").check()  # unticked until the family agrees
    referrer.locator("#id_share_question").check()
    referrer.locator("#id_consent_confirmed").check()
    referrer.get_by_role("button", name="Doorverwijzing versturen").click()
    referral = Referral.objects.get()
    assert referrer.url.endswith(referral.get_absolute_url())
    assert_accessible(referrer)

    receiver = _logged_in_page(new_page, live_server, workers["receiver"], width)
    receiver.goto(f"{live_server.url}/nl/doorverwijzingen/")
    assert_accessible(receiver)
    receiver.get_by_role("link", name=referral.public_id).click()
    assert FAMILY["question"] in receiver.content()
    receiver.get_by_role("button", name="Aanvaarden").click()
    receiver.get_by_label("Contact gemaakt").check()
    receiver.get_by_role("button", name="Eerste contact bewaren").click()
    receiver.get_by_label("Het gezin kreeg hulp").check()
    receiver.get_by_role("button", name="Afsluiten").click()
    assert_accessible(receiver)
    timeline = receiver.locator(".hvhk-timeline li").all_inner_texts()
    assert len(timeline) == 4  # sent, accepted, first contact, closed
    referral.refresh_from_db()
    assert referral.status == "closed"

    _wait_for_mail(4)  # receiver told of the referral; referrer of each of 3 steps
    for message in mail.outbox:
        assert referral.public_id in message.subject
        for personal in FAMILY.values():
            assert personal not in message.body and personal not in message.subject
    recipients = {address for message in mail.outbox for address in message.to}
    ckg_workers = {"b@ckg.test", "hulpverlener@demo.huisvanhetkind.be"}  # demo data has one
    assert (
        {"a@sociaalhuis.test", "b@ckg.test"} <= recipients <= ckg_workers | {"a@sociaalhuis.test"}
    )

    outsider = _logged_in_page(new_page, live_server, workers["outsider"], width)
    for suffix in ("", "logboek/", "inzage/", "inzage/?format=json"):
        response = outsider.goto(f"{live_server.url}{referral.get_absolute_url()}{suffix}")
        assert response.status == 404, suffix


@pytest.mark.parametrize("width", [360, 1280])
def test_every_referral_page_has_no_axe_violations(
    live_server, workers, new_page, assert_accessible, width
):
    from doorverwijzing.tests.factories import ReferralFactory
    from partners.models import Network

    worker = workers["referrer"]
    network = Network.objects.get(slug="scheldevallei")
    network.organiser = worker.organisation  # the contact point sees families' questions
    network.save(update_fields=["organiser"])
    referral = ReferralFactory(
        referring_organisation=worker.organisation,
        referring_worker=worker,
        receiving_organisation=workers["receiver"].organisation,
    )
    page = _logged_in_page(new_page, live_server, worker, width)
    for path in (
        "/nl/doorverwijzingen/",
        "/nl/doorverwijzingen/?box=sent",
        "/nl/doorverwijzingen/nieuw/",
        referral.get_absolute_url(),
        f"{referral.get_absolute_url()}logboek/",
        f"{referral.get_absolute_url()}inzage/",
        f"{referral.get_absolute_url()}toestemming-intrekken/",
        "/nl/doorverwijzingen/vragen/",
        "/nl/doorverwijzingen/cijfers/",
        "/nl/stel-je-vraag/bedankt/?netwerk=scheldevallei",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible(page)
