"""Public pages from the cache: for visitors without a session only, never stale after an
offer changes, with the visitor's own CSRF token."""

import re

import pytest
from django.test import Client

from aanbod.choices import OfferStatus
from aanbod.tests.factories import OfferFactory
from huisvanhetkind.page_cache import CSRF_PLACEHOLDER
from partners.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def offer():
    return OfferFactory(slug="babbelhoek", title="Babbelhoek")


def test_a_second_visitor_gets_the_page_without_a_query(
    offer, django_assert_num_queries, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        first = Client().get("/nl/aanbod/?q=babbelhoek")
    with django_assert_num_queries(0):
        second = Client().get("/nl/aanbod/?q=babbelhoek")
    assert second.status_code == 200
    assert "Babbelhoek" in second.content.decode()
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())


@pytest.mark.parametrize(
    "path", ["/nl/", "/nl/aanbod/babbelhoek/", "/nl/agenda/", "/en/aanbod/?q=babbelhoek"]
)
def test_every_public_page_is_kept(offer, path, django_assert_num_queries):
    Client().get(path)
    with django_assert_num_queries(0):
        assert Client().get(path).status_code == 200


def test_each_visitor_gets_a_token_of_their_own_that_works(offer):
    Client().get("/nl/aanbod/?q=babbelhoek")  # stored
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/nl/aanbod/?q=babbelhoek")
    content = page.content.decode()
    assert CSRF_PLACEHOLDER not in content
    token = TOKEN.search(content).group(1)
    added = visitor.post(f"/nl/lijstje/toevoegen/{offer.pk}/", {"csrfmiddlewaretoken": token})
    assert added.status_code == 302
    # Now the visitor has a session (a list): pages are theirs, not the shared ones.
    assert "On my list" in visitor.get("/en/aanbod/babbelhoek/").content.decode()
    assert "On my list" not in Client().get("/en/aanbod/babbelhoek/").content.decode()


def test_a_signed_in_user_never_gets_a_stored_page(offer, django_assert_max_num_queries):
    Client().get("/nl/aanbod/?q=babbelhoek")
    user = Client()
    user.force_login(UserFactory())
    response = user.get("/nl/aanbod/?q=babbelhoek")
    assert response.context is not None  # rendered for this user


def test_a_changed_offer_shows_at_once(offer):
    assert "Babbelhoek" in Client().get("/nl/aanbod/?q=babbelhoek").content.decode()
    offer.title = "Praathoek"
    offer.save()
    assert "Praathoek" in Client().get("/nl/aanbod/babbelhoek/").content.decode()
    offer.status = OfferStatus.ARCHIVED
    offer.save()
    assert Client().get("/nl/aanbod/babbelhoek/").status_code == 404


def test_a_search_without_results_is_counted_every_time():
    from signalen.models import SearchGap

    for _visitor in range(2):
        Client().get("/nl/aanbod/?q=zwemlesvoorbaby")
    assert SearchGap.objects.get().count == 2


def test_htmx_gets_its_part_and_a_browser_the_whole_page(offer):
    part = Client().get("/nl/aanbod/?q=babbelhoek", HTTP_HX_REQUEST="true")
    whole = Client().get("/nl/aanbod/?q=babbelhoek")
    assert b"<html" not in part.content
    assert b"<html" in whole.content


@pytest.mark.parametrize(
    "first, second",
    [
        ({"HTTP_HOST": "localhost"}, {"HTTP_HOST": "127.0.0.1"}),
        ({"secure": False}, {"secure": True}),
    ],
    ids=["host", "scheme"],
)
def test_a_page_stored_for_one_host_or_scheme_is_not_served_on_another(
    offer, first, second, django_assert_max_num_queries
):
    Client().get("/nl/aanbod/babbelhoek/", **first)
    with django_assert_max_num_queries(20) as queries:
        response = Client().get("/nl/aanbod/babbelhoek/", **second)
    assert response.status_code == 200
    assert len(queries) > 0, "served the page stored for the other host or scheme"
