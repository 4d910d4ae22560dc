"""No wrong door, in the browser at 360 px: a receiver forwards a referral, the referrer
records the family's consent, the better place takes it on the same timeline; and a
referral to an organisation of another network of the same installation."""

import pytest

from doorverwijzing.models import AccessLogEntry, Referral
from doorverwijzing.tests.factories import ReferralFactory, social_worker, with_mfa
from huisvanhetkind.testing import Client
from partners.models import Organisation
from partners.tests.factories import NetworkFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def workers(demo_data):
    demo_data("partners.demo")
    neighbour = NetworkFactory(name="Huis van het Kind Buurgemeente", slug="buurgemeente")
    return {
        "referrer": with_mfa(
            social_worker(Organisation.objects.get(slug="sociaal-huis-wilgendaal"))
        ),
        "receiver": with_mfa(social_worker(Organisation.objects.get(slug="ckg-de-wiege"))),
        "better": with_mfa(social_worker(Organisation.objects.get(slug="caw-oost-vlaanderen"))),
        "far": with_mfa(
            social_worker(OrganisationFactory(name="CAW Buurgemeente", networks=[neighbour]))
        ),
    }


def _page(new_page, live_server, user, lang="nl"):
    client = Client()
    client.force_login(user)
    page = new_page(360)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_a_forwarded_referral_walks_through_with_one_timeline(
    live_server, workers, new_page, assert_accessible, lang
):
    referral = ReferralFactory(
        referring_organisation=workers["referrer"].organisation,
        referring_worker=workers["referrer"],
        receiving_organisation=workers["receiver"].organisation,
    )
    detail = f"{live_server.url}/{lang}/doorverwijzingen/{referral.public_id}/"
    receiver = _page(new_page, live_server, workers["receiver"])
    receiver.goto(detail)
    receiver.locator(f"a[href$='/{referral.public_id}/doorsturen/']").click()
    assert_accessible(receiver)
    receiver.locator("#id_to_organisation").select_option(label="CAW Oost-Vlaanderen")
    receiver.fill("#id_reason", "Hulp bij huisvesting is hun werk.")
    receiver.locator("input[name=basis][value=ask_referrer]").check()
    receiver.locator("form.hvhk-form button[type=submit]").click()
    assert receiver.url.endswith(f"/{referral.public_id}/")

    referrer = _page(new_page, live_server, workers["referrer"])
    referrer.goto(detail)
    assert referrer.locator("#forwarding-waiting").is_visible()
    assert_accessible(referrer)
    referrer.fill("#id_consent_given_by", "de moeder")
    referrer.locator("#id_consent_method_0").check()
    referrer.locator("button[name=answer][value=agree]").click()
    assert referrer.locator(".hvhk-timeline li").count() == 2  # proposed, forwarded

    better = _page(new_page, live_server, workers["better"])
    response = better.goto(detail)
    assert response.status == 200
    assert better.locator(".hvhk-timeline li").count() == 2  # the same thread
    assert_accessible(better)
    # Need-to-know: the previous receiver no longer opens it.
    assert receiver.goto(detail).status == 404
    referral.refresh_from_db()
    assert referral.receiving_organisation == workers["better"].organisation
    actors = set(AccessLogEntry.objects.filter(referral=referral).values_list("actor", flat=True))
    assert {workers["receiver"].pk, workers["referrer"].pk, workers["better"].pk} <= actors


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_a_referral_across_networks_walks_through(
    live_server, workers, new_page, assert_accessible, lang
):
    referrer = _page(new_page, live_server, workers["referrer"])
    referrer.goto(f"{live_server.url}/{lang}/doorverwijzingen/nieuw/")
    referrer.locator("a[href$='/doorverwijzingen/nieuw/ander-netwerk/']").click()
    assert referrer.locator("#across-networks").is_visible()
    assert_accessible(referrer)
    referrer.locator("#id_receiving_organisation").select_option(label="CAW Buurgemeente")
    referrer.fill("#id_question", "Gezin verhuist en zoekt opvoedingssteun.")
    referrer.fill("#id_family_name", "K. L.")
    referrer.fill("#id_family_phone", "0470 00 00 00")
    referrer.locator("input[name=contact_preference][value=phone]").check()
    referrer.fill("#id_consent_given_by", "de moeder")
    referrer.locator("input[name=consent_method][value=verbal]").check()
    referrer.locator("#id_share_contact_details").check()
    referrer.locator("#id_share_question").check()
    referrer.locator("#id_consent_confirmed").check()
    referrer.locator("form.hvhk-form button[type=submit]").click()
    referral = Referral.objects.get()
    assert referrer.url.endswith(referral.get_absolute_url().replace("/nl/", f"/{lang}/"))

    far = _page(new_page, live_server, workers["far"])
    far.goto(f"{live_server.url}/{lang}/doorverwijzingen/{referral.public_id}/")
    assert "Buurgemeente" in far.locator(".hvhk-timeline").inner_text()
    assert_accessible(far)
    outsider = _page(new_page, live_server, workers["receiver"])
    response = outsider.goto(f"{live_server.url}/{lang}/doorverwijzingen/{referral.public_id}/")
    assert response.status == 404
