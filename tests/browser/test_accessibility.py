"""axe-core finds nothing on the public and login pages, in Dutch and Arabic, on phone and desktop.

Adding a page to this check is one line in PAGES.
"""

import pytest

from .conftest import LANGUAGES, WIDTHS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/{lang}/",
    "/{lang}/account/login/",
    "/{lang}/account/password/reset/",
    "/{lang}/toegankelijkheid/",
    "/{lang}/privacy/",
    "/{lang}/open-data/",
    "/{lang}/netwerk/scheldevallei/",
    "/{lang}/netwerk/scheldevallei/partners/",
    "/{lang}/locatie/huis-van-het-kind-wilgendaal/",
    "/{lang}/aanbod/",
    "/{lang}/aanbod/?q=opvoeding&age=0-3",
    "/{lang}/aanbod/?q=zzzyyyxxx",
    "/{lang}/aanbod/babybabbel-lindenaken/",
    "/{lang}/agenda/",
    "/{lang}/lijstje/",
    "/{lang}/lijstje/delen/",
    "/{lang}/aanbod/flyer/?domain=parenting",
    "/{lang}/stel-je-vraag/",
    "/{lang}/signaal/",
    "/{lang}/wat-kan-helpen/",
    "/{lang}/op-de-hoogte/",
]
# Error pages a parent may land on (an old link): checked with the same rules.
ERROR_PAGES = {"/{lang}/aanbod/bestaat-niet-meer/": 404}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages_have_no_axe_violations(
    live_server, demo_network, new_page, assert_accessible, lang, width
):
    # One test per language and width, looping over the pages: the demo data loads once.
    page = new_page(width)
    for path in [*PAGES, *ERROR_PAGES]:
        response = page.goto(live_server.url + path.format(lang=lang))
        assert response.status == ERROR_PAGES.get(path, 200), path
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
    "/{lang}/wat-kan-helpen/samen/",
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_pages_have_no_axe_violations(
    live_server, demo_network, new_page, assert_accessible, lang, width
):
    from partners.models import Group

    group = Group.objects.get(name="Werkgroep kwetsbare gezinnen")
    page = new_page(width)
    log_in(page, live_server, lang, "maatschappelijkwerker@demo.huisvanhetkind.be")
    for path in STAFF_PAGES:
        response = page.goto(live_server.url + path.format(lang=lang, group=group.pk))
        assert response.status == 200, path
        assert_accessible(page)


# Signal pages, checked as the demo coordinator, with three years of demo signals.
SIGNAL_PAGES = [
    "/{lang}/signalen/nieuw/",
    "/{lang}/signalen/",
    "/{lang}/signalen/overzicht/",
    "/{lang}/signalen/bundelen/",
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_signal_pages_have_no_axe_violations(
    live_server, demo_data, new_page, assert_accessible, lang, width
):
    demo_data("partners.demo", "aanbod.demo", "signalen.demo")
    page = new_page(width)
    log_in(page, live_server, lang, "coordinator@demo.huisvanhetkind.be")
    for path in SIGNAL_PAGES:
        response = page.goto(live_server.url + path.format(lang=lang))
        assert response.status == 200, path
        assert_accessible(page)


# Mijn aanbod: the demo partner editor's own offers, then the coordinator's review page.
MINE_PAGES = [
    "/{lang}/mijn-aanbod/",
    "/{lang}/mijn-aanbod/{offer}/bewerken/",
    "/{lang}/mijn-aanbod/{offer}/voorbeeld/",
    "/{lang}/mijn-aanbod/{offer}/vertalingen/",
    "/{lang}/mijn-aanbod/{offer}/deelname/",
]
# The review list, and its filters with a partner that is not the coordinator's (an error).
REVIEW_PAGES = [
    "/{lang}/mijn-aanbod/nalezen/",
    "/{lang}/mijn-aanbod/nalezen/?partner=elders&kind=new",
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_mine_pages_have_no_axe_violations(
    live_server, demo_network, new_page, assert_accessible, lang, width
):
    from aanbod.choices import OfferStatus
    from aanbod.models import Offer

    offers = Offer.objects.filter(organisation__slug="kind-en-gezin-scheldevallei").order_by("id")
    draft, in_review = offers[0], offers[1]
    # A draft sent back with a remark, and one waiting for review: every state on the pages.
    Offer.objects.filter(pk=draft.pk).update(
        status=OfferStatus.DRAFT, review_remark="Vul de prijs aan."
    )
    Offer.objects.filter(pk=in_review.pk).update(status=OfferStatus.IN_REVIEW)
    page = new_page(width)
    log_in(page, live_server, lang, "redacteur@demo.huisvanhetkind.be")
    for path in MINE_PAGES:
        response = page.goto(live_server.url + path.format(lang=lang, offer=draft.pk))
        assert response.status == 200, path
        assert_accessible(page)
    page = new_page(width)
    log_in(page, live_server, lang, "coordinator@demo.huisvanhetkind.be")
    for path in REVIEW_PAGES:
        response = page.goto(live_server.url + path.format(lang=lang))
        assert response.status == 200, path
        assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_action_plan_pages_have_no_axe_violations(
    live_server, demo_data, new_page, assert_accessible, settings, tmp_path, lang, width
):
    """The coordinator's plan list, this year's plan and a built evidence pack."""
    from django.utils import timezone

    from actieplan.choices import PackKind
    from actieplan.models import ActionPlan
    from actieplan.services import evidence_pack_build, evidence_pack_request
    from dashboards.management.commands.demo_data import DEMO_MODULES

    settings.MEDIA_ROOT = tmp_path
    demo_data(*DEMO_MODULES)
    plan = ActionPlan.objects.get(network__slug="scheldevallei", year=timezone.localdate().year)
    pack = evidence_pack_request(network=plan.network, year=plan.year, kind=PackKind.PLAN)
    pack = evidence_pack_build(pack_id=pack.id)

    page = new_page(width)
    log_in(page, live_server, lang, "coordinator@demo.huisvanhetkind.be")
    for path in (
        "/{lang}/actieplan/",
        f"/{{lang}}/actieplan/{plan.pk}/",
        f"/{{lang}}/actieplan/onderbouwing/{pack.pk}/",
        f"/{{lang}}/actieplan/acties/{plan.goals.first().actions.first().pk}/resultaat/",
    ):
        response = page.goto(live_server.url + path.format(lang=lang))
        assert response.status == 200, path
        assert_accessible(page)
        if width >= 1280:  # on a laptop every table of the pack fits without scrolling
            wide = page.evaluate(
                "[...document.querySelectorAll('.utrecht-table-container')]"
                ".filter(e => e.scrollWidth > e.clientWidth + 1)"
                ".map(e => [e.querySelector('caption')?.innerText, e.scrollWidth, e.clientWidth])"
            )
            assert wide == [], path


# The coordinator's cockpit, a drafted agenda and the decision log, with all demo data.
COCKPIT_PAGES = [
    "/{lang}/coordinatie/",
    "/{lang}/coordinatie/besluiten/",
    "/{lang}/coordinatie/vergaderingen/nieuw/",
]


# Registration (issue 16): a family's pages (the form of the full demo session, a secret
# link's page, the calendar feeds), then the partner's lists on a phone.
REGISTRATION_PAGES = [
    "/{lang}/inschrijven/{registration_list}/",
    "/{lang}/inschrijving/{token}/",
    "/{lang}/op-de-hoogte/agenda/?gemeente={municipality}",
]
REGISTRATION_STAFF_PAGES = [
    "/{lang}/inschrijvingen/",
    "/{lang}/inschrijvingen/{registration_list}/",
    "/{lang}/inschrijvingen/aanbod/{offer}/",
]


def registration_ids() -> dict:
    """The ids the registration pages need, from inschrijving.demo (loaded by the caller)."""
    from inschrijving.demo import FULL_OFFER
    from inschrijving.models import RegistrationList
    from inschrijving.services import registration_link_token

    registration_list = RegistrationList.objects.get(offer__slug=FULL_OFFER)
    registration = registration_list.registrations.filter(status="waitlisted").first()
    return {
        "registration_list": registration_list.pk,
        "token": registration_link_token(registration),
        "municipality": registration_list.offer.networks.first().municipalities.first().pk,
        "offer": registration_list.offer.pk,
    }


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_cockpit_pages_have_no_axe_violations(
    live_server, demo_data, new_page, assert_accessible, settings, tmp_path, lang, width
):
    from dashboards.management.commands.demo_data import DEMO_MODULES
    from partners.models import Group, Meeting

    settings.MEDIA_ROOT = tmp_path
    demo_data(*DEMO_MODULES)
    group = Group.objects.get(kind="steering", network__slug="scheldevallei")
    meeting = Meeting.objects.filter(group=group).first()
    page = new_page(width)
    log_in(page, live_server, lang, "coordinator@demo.huisvanhetkind.be")
    for path in (
        *COCKPIT_PAGES,
        f"/{{lang}}/coordinatie/vergaderingen/nieuw/?group={group.pk}&date=2027-02-01",
        f"/{{lang}}/coordinatie/vergaderingen/{meeting.pk}/",
    ):
        response = page.goto(live_server.url + path.format(lang=lang))
        assert response.status == 200, path
        assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_registration_pages_have_no_axe_violations(
    live_server, demo_data, new_page, assert_accessible, lang, width
):
    demo_data("partners.demo", "aanbod.demo", "inschrijving.demo")
    ids = registration_ids()
    page = new_page(width)
    for path in REGISTRATION_PAGES:
        response = page.goto(live_server.url + path.format(lang=lang, **ids))
        assert response.status == 200, path
        assert_accessible(page)
    page = new_page(width)
    log_in(page, live_server, lang, "coordinator@demo.huisvanhetkind.be")
    for path in REGISTRATION_STAFF_PAGES:
        response = page.goto(live_server.url + path.format(lang=lang, **ids))
        assert response.status == 200, path
        assert_accessible(page)
