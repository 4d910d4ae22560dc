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
def demo_referrals(demo_network):
    from doorverwijzing.demo import load

    load()


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
