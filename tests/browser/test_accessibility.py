"""axe-core finds nothing on the public and login pages, in Dutch and Arabic, on phone and desktop.

Adding a page to this check is one line in PAGES.
"""

import pytest

from .conftest import LANGUAGES, WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/{lang}/",
    "/{lang}/account/login/",
    "/{lang}/account/password/reset/",
    "/{lang}/toegankelijkheid/",
    "/{lang}/privacy/",
    "/{lang}/netwerk/scheldevallei/",
    "/{lang}/netwerk/scheldevallei/partners/",
    "/{lang}/locatie/huis-van-het-kind-wilgendaal/",
    "/{lang}/aanbod/",
    "/{lang}/aanbod/?q=opvoeding&age=0-3",
    "/{lang}/aanbod/?q=zzzyyyxxx",
    "/{lang}/aanbod/babybabbel-lindenaken/",
    "/{lang}/agenda/",
    "/{lang}/stel-je-vraag/",
]


@pytest.fixture
def demo_network(transactional_db):
    from aanbod.demo import load as load_offers
    from partners.demo import load as load_network

    load_network()
    load_offers()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages_have_no_axe_violations(
    live_server, demo_network, new_page, assert_accessible, lang, width
):
    # One test per language and width, looping over the pages: the demo data loads once.
    page = new_page(width)
    for path in PAGES:
        response = page.goto(live_server.url + path.format(lang=lang))
        assert response.status == 200, path
        html = page.locator("html")
        assert html.get_attribute("lang") == lang, path
        assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr"), path
        assert_accessible(page)


def test_skip_link_is_the_first_thing_the_keyboard_reaches(live_server, demo_network, new_page):
    page = new_page(360)
    page.goto(live_server.url + "/nl/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_keeps_the_page(live_server, demo_network, new_page):
    page = new_page(1280)
    page.goto(live_server.url + "/nl/privacy/")
    page.get_by_role("link", name="العربيّة").click()
    assert page.url.endswith("/ar/privacy/")
    assert page.locator("html").get_attribute("dir") == "rtl"


# Pages behind the login: checked as the demo social worker (member of a werkgroep).
STAFF_PAGES = [
    "/{lang}/groepen/",
    "/{lang}/groepen/{group}/",
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_pages_have_no_axe_violations(
    live_server, demo_network, new_page, assert_accessible, lang, width
):
    from partners.models import Group

    group = Group.objects.get(name="Werkgroep kwetsbare gezinnen")
    page = new_page(width)
    page.goto(f"{live_server.url}/{lang}/account/login/")
    page.fill("input[name=login]", "maatschappelijkwerker@demo.huisvanhetkind.be")
    page.fill("input[name=password]", "demo-wachtwoord")
    page.locator("form.hvhk-form button[type=submit]").click()
    page.wait_for_load_state()
    for path in STAFF_PAGES:
        response = page.goto(live_server.url + path.format(lang=lang, group=group.pk))
        assert response.status == 200, path
        assert_accessible(page)
