"""Every page reflows at 320 CSS px (WCAG 1.4.10): nothing scrolls sideways, in Dutch and Arabic.

axe does not check this. The pages are the ones the axe sweep visits (test_accessibility.py),
plus the staff pages with tables: the referral inbox, a referral, the intake inbox, the
figures. A page that is wider than the screen is reported with its widest elements.
"""

import pytest

from .conftest import LANGUAGES
from .test_accessibility import (
    COCKPIT_PAGES,
    ERROR_PAGES,
    MINE_PAGES,
    PAGES,
    REGISTRATION_PAGES,
    REGISTRATION_STAFF_PAGES,
    REVIEW_PAGES,
    SIGNAL_PAGES,
    STAFF_PAGES,
    registration_ids,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROWEST = 320  # CSS px: WCAG 1.4.10's 320 px wide viewport

REFERRAL_PAGES = [
    "/{lang}/doorverwijzingen/",
    "/{lang}/doorverwijzingen/?box=sent",
    "/{lang}/doorverwijzingen/nieuw/",
    "/{lang}/doorverwijzingen/{referral}/",
    "/{lang}/doorverwijzingen/{referral}/logboek/",
]
CONTACT_POINT_PAGES = ["/{lang}/doorverwijzingen/vragen/"]
COORDINATOR_PAGES = [
    *SIGNAL_PAGES,
    *REVIEW_PAGES,
    "/{lang}/doorverwijzingen/cijfers/",
    "/{lang}/actieplan/",
    "/{lang}/actieplan/{plan}/",
    "/{lang}/actieplan/onderbouwing/{pack}/",
    "/{lang}/actieplan/acties/{action}/resultaat/",
    *COCKPIT_PAGES,
    "/{lang}/coordinatie/vergaderingen/{meeting}/",
]

# The elements wider than the viewport, deepest first, to say what to fix.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1 || box.left < -1) {
      let name = el.tagName.toLowerCase();
      if (el.id) name += '#' + el.id;
      if (typeof el.className === 'string' && el.className)
        name += '.' + el.className.trim().split(/\\s+/).join('.');
      found.push(name + ' [' + Math.round(box.left) + '..' + Math.round(box.right) + ']');
    }
  }
  return found.slice(-6);
}"""


# Boxes that scroll sideways inside the page (a table in a scroll container): the page
# itself reflows, but a phone shows only the first columns (the inbox hid "Status").
SCROLLING_SIDEWAYS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      found.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + el.scrollWidth + ' px');
    }
  }
  return found;
}"""


def _too_wide(page, url: str) -> str | None:
    response = page.goto(url)
    assert response.status < 500, url
    scroll_width, viewport = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width > viewport:
        return f"{url}: {scroll_width} px > {viewport} px; {page.evaluate(OVERFLOWING)}"
    if scrolling := page.evaluate(SCROLLING_SIDEWAYS):
        return f"{url}: scrolls sideways inside: {scrolling}"
    return None


def _log_in(page, live_server, email: str) -> None:
    """A session with a second factor, as the referral flow's browser test makes one
    (the real login form is tested there and in the axe sweep)."""
    from django.contrib.auth import get_user_model

    from huisvanhetkind.testing import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    page.context.add_cookies([{**cookie, "url": live_server.url}])


@pytest.fixture
def demo_everything(demo_data, settings, tmp_path):
    """All demo data, as the action plan's axe test loads it, and the ids the pages need."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from actieplan.choices import PackKind
    from actieplan.models import ActionPlan
    from actieplan.services import evidence_pack_build, evidence_pack_request
    from dashboards.management.commands.demo_data import DEMO_MODULES
    from doorverwijzing.selectors import referral_inbox
    from partners.models import Group, Meeting

    settings.MEDIA_ROOT = tmp_path
    demo_data(*DEMO_MODULES)
    plan = ActionPlan.objects.get(network__slug="scheldevallei", year=timezone.localdate().year)
    pack = evidence_pack_request(network=plan.network, year=plan.year, kind=PackKind.PLAN)
    pack = evidence_pack_build(pack_id=pack.id)
    worker = get_user_model().objects.get(email="maatschappelijkwerker@demo.huisvanhetkind.be")
    return {
        "group": Group.objects.get(name="Werkgroep kwetsbare gezinnen").pk,
        "meeting": Meeting.objects.filter(group__name="Werkgroep kwetsbare gezinnen").first().pk,
        "referral": referral_inbox(user=worker).first().public_id,
        "plan": plan.pk,
        "pack": pack.pk,
        "action": plan.goals.first().actions.first().pk,
        **{f"registration_{key}": value for key, value in registration_ids().items()},
    }


def _registration(paths: list[str]) -> list[str]:
    """The registration pages' placeholders under their prefixed keys (offer is taken)."""
    names = ("registration_list", "token", "municipality", "offer")
    for name in names:
        paths = [path.replace("{" + name + "}", "{registration_" + name + "}") for path in paths]
    return paths


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_reflows_at_320_px(live_server, demo_everything, new_page, lang):
    from aanbod.models import Offer

    ids = {"lang": lang, **demo_everything}
    offer = Offer.objects.filter(organisation__slug="kind-en-gezin-scheldevallei").order_by("id")[0]
    visits = [
        (None, [*PAGES, *ERROR_PAGES]),
        ("maatschappelijkwerker@demo.huisvanhetkind.be", [*STAFF_PAGES, *REFERRAL_PAGES]),
        ("lotte.vandenbroeck@demo.huisvanhetkind.be", CONTACT_POINT_PAGES),
        ("redacteur@demo.huisvanhetkind.be", MINE_PAGES),
        ("coordinator@demo.huisvanhetkind.be", COORDINATOR_PAGES),
        (None, _registration(REGISTRATION_PAGES)),
        ("coordinator@demo.huisvanhetkind.be", _registration(REGISTRATION_STAFF_PAGES)),
    ]
    too_wide = []
    for email, paths in visits:
        page = new_page(NARROWEST)
        if email:
            _log_in(page, live_server, email)
        for path in paths:
            url = live_server.url + path.format(offer=offer.pk, **ids)
            if problem := _too_wide(page, url):
                too_wide.append(problem)
    assert not too_wide, "\n".join(too_wide)
