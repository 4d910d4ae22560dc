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
]


@pytest.fixture
def demo_network(transactional_db):
    from partners.demo import load

    load()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(
    live_server, demo_network, new_page, assert_accessible, path, lang, width
):
    page = new_page(width)
    response = page.goto(live_server.url + path.format(lang=lang))
    assert response.status == 200
    html = page.locator("html")
    assert html.get_attribute("lang") == lang
    assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
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
