"""Next dates stored at re-index time, and result cards kept per language (issue 13/14)."""

import datetime as dt

import pytest
from django.utils import timezone

from aanbod.filters import OfferFilters
from aanbod.models import Offer
from aanbod.schedules import next_occurrences_for_offers
from aanbod.search.index import reindex_offers
from aanbod.search.results import offer_search
from aanbod.tests.factories import OccurrenceFactory, OfferFactory, RecurringScheduleFactory

pytestmark = pytest.mark.django_db


def _catalogue():
    now = timezone.now()
    for weekday in range(7):
        RecurringScheduleFactory(offer=OfferFactory(slug=f"weekly-{weekday}"), weekday=weekday)
    cancelled = RecurringScheduleFactory(offer=OfferFactory(slug="cancelled-next"), weekday=3)
    day = now.date() + dt.timedelta(days=(3 - now.weekday()) % 7 or 7)
    cancelled.exceptions.create(date=day, cancelled=True)
    for hours in (2, 30, 200):
        OccurrenceFactory(
            offer=OfferFactory(slug=f"dated-{hours}"), starts_at=now + dt.timedelta(hours=hours)
        )
    OfferFactory(slug="undated")
    reindex_offers()


def _order(**filters) -> list[str]:
    return [o.slug for o in offer_search(query="", filters=OfferFilters(**filters)).offers]


def test_the_stored_dates_order_results_as_the_schedules_do():
    _catalogue()
    assert Offer.objects.filter(indexed_dates_from__isnull=True).count() == 0
    stored = _order(sort="soonest")
    # Stale rows (no re-index for a day) are dated from their schedules in SQL.
    Offer.objects.update(indexed_dates_from=timezone.now() - dt.timedelta(days=2))
    assert _order(sort="soonest") == stored
    assert stored[-1] == "undated"


def test_cards_show_the_stored_dates_and_expand_stale_offers(django_assert_max_num_queries):
    _catalogue()
    result = offer_search(query="", filters=OfferFilters(sort="soonest"))
    with django_assert_max_num_queries(0):
        from_store = result.next_dates
    expanded = next_occurrences_for_offers(result.offers, after=result.now, limit=2)
    assert {k: [d.starts_at for d in v] for k, v in from_store.items()} == {
        k: [d.starts_at for d in v] for k, v in expanded.items()
    }


def test_a_second_visit_renders_kept_cards_without_loading_offers(
    client, django_assert_max_num_queries
):
    _catalogue()
    first = client.get("/nl/aanbod/?q=aanbod")
    assert first.status_code == 200 and len(first.context["cards"]) > 0
    # Query words, facets and cards come from the cache: the ranking, the session's list.
    with django_assert_max_num_queries(2):
        again = client.get("/nl/aanbod/?q=aanbod")
    assert again.status_code == 200
    assert [card.html for card in again.context["cards"]] == [
        card.html for card in first.context["cards"]
    ]
    offer = Offer.objects.get(slug="dated-2")
    offer.title_nl = "Aanbod anders"
    offer.save()
    reindex_offers(Offer.objects.filter(id=offer.id))
    assert "Aanbod anders" in client.get("/nl/aanbod/?q=aanbod").content.decode()


def test_kept_cards_follow_the_language(client):
    _catalogue()
    dutch = client.get("/nl/aanbod/?domain=meeting").content.decode()
    english = client.get("/en/aanbod/?domain=meeting").content.decode()
    assert "Voor wie" in dutch and "For whom" not in dutch
    assert "For whom" in english
