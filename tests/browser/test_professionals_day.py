"""The professionals' day, tried as each would on a phone (issue 15).

A social worker logs in at 360 px and is at the oldest waiting referral within two taps;
a partner edits an offer quickly, with the JS on and off.
"""

import pytest

from doorverwijzing.choices import ReferralStatus
from doorverwijzing.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CKG_WORKER = "hulpverlener@demo.huisvanhetkind.be"


@pytest.fixture
def demo_referrals(demo_data):
    demo_data("partners.demo", "aanbod.demo", "doorverwijzing.demo")


def _oldest_waiting(organisation_slug: str) -> Referral:
    return (
        Referral.objects.filter(
            receiving_organisation__slug=organisation_slug, status=ReferralStatus.SENT
        )
        .order_by("sent_at")
        .first()
    )


def test_a_social_worker_reaches_the_oldest_waiting_referral_in_two_taps_on_a_phone(
    live_server, demo_referrals, new_page, assert_accessible
):
    from tests.browser.conftest import log_in

    oldest = _oldest_waiting("ckg-de-wiege")
    assert oldest is not None
    page = new_page(360)
    log_in(page, live_server, "nl", CKG_WORKER)
    # After the login (and its second factor) the worker is in the inbox: no tap needed.
    assert page.url.endswith("/nl/doorverwijzingen/"), page.url
    assert_accessible(page)
    first_row = page.locator("table.hvhk-table-cards tbody tr").first
    row_text = first_row.inner_text().lower()  # the late mark is in capitals
    assert "wacht" in row_text and "werkdagen" in row_text and "te laat" in row_text
    first_row.get_by_role("link", name=oldest.public_id).click()  # tap 1
    assert page.url.endswith(oldest.get_absolute_url())

    # From any other page: the menu entry with its count, then the first row.
    page.goto(f"{live_server.url}/nl/")
    menu = page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Doorverwijzingen"
    )
    assert menu.locator(".hvhk-count").is_visible()
    menu.click()  # tap 1
    page.locator("table.hvhk-table-cards tbody tr").first.get_by_role("link").first.click()  # tap 2
    assert page.url.endswith(oldest.get_absolute_url())
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


EDITOR = "redacteur@demo.huisvanhetkind.be"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_partner_edits_times_marks_full_and_sends_a_new_offer_for_review(
    live_server, demo_network, browser, javascript
):
    import datetime as dt

    from aanbod.choices import Availability, OfferStatus
    from aanbod.models import Offer
    from tests.browser.conftest import log_in

    offer = (
        Offer.objects.filter(
            organisation__slug="kind-en-gezin-scheldevallei",
            status=OfferStatus.PUBLISHED,
            recurring_schedules__isnull=False,
        )
        .order_by("id")
        .first()
    )
    assert offer is not None
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, locale="nl-BE", java_script_enabled=javascript
    )
    try:
        page = context.new_page()
        log_in(page, live_server, "nl", EDITOR)

        # Times: open the offer, change the first weekly time, save with the bar in reach.
        page.goto(f"{live_server.url}/nl/mijn-aanbod/{offer.pk}/bewerken/")
        save = page.locator(".hvhk-sticky-actions").get_by_role("button", name="Bewaren")
        assert save.is_visible()  # the save bar is on screen at the top of the form
        page.locator("#id_weekly-0-starts").fill("08:30")
        save.click()
        page.wait_for_load_state()
        assert page.url.endswith("/nl/mijn-aanbod/"), page.url
        schedule = offer.recurring_schedules.order_by("id").first()
        assert schedule.starts == dt.time(8, 30)

        # Full: one button on the list (htmx with JS, a plain form without).
        page.locator(f"#availability-{offer.pk}-full").click()
        page.wait_for_load_state()
        if javascript:
            page.wait_for_selector(f"#availability-{offer.pk}-full[aria-pressed=true]")
        offer.refresh_from_db()
        assert offer.availability == Availability.FULL

        # A new offer (a copy to start from), saved, then sent for review from its preview.
        row = page.locator(f"#offer-row-{offer.pk}")
        row.locator("summary").click()
        row.get_by_role("button", name="Maak een kopie").click()
        page.wait_for_load_state()
        copy = Offer.objects.exclude(pk=offer.pk).order_by("-id").first()
        assert page.url.endswith(f"/nl/mijn-aanbod/{copy.pk}/bewerken/"), page.url
        page.locator("#id_title").fill("Babymassage op zaterdag")
        page.locator(".hvhk-sticky-actions").get_by_role("button", name="Bewaren").click()
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/nl/mijn-aanbod/{copy.pk}/voorbeeld/")
        page.get_by_role("button", name="Ter nazicht indienen").click()
        page.wait_for_load_state()
        copy.refresh_from_db()
        assert (copy.title_nl, copy.status) == ("Babymassage op zaterdag", OfferStatus.IN_REVIEW)
    finally:
        context.close()
