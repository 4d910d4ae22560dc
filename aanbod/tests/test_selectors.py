import datetime as dt

import pytest
from django.http import Http404

from aanbod.choices import OfferStatus
from aanbod.schedules import next_occurrences
from aanbod.selectors import offer_get_public
from partners.opening_hours import BRUSSELS

from .factories import OfferFactory, RecurringScheduleFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 30, 8, 0, tzinfo=BRUSSELS)


def test_a_draft_offer_is_not_public():
    OfferFactory(slug="klad", status=OfferStatus.DRAFT)
    with pytest.raises(Http404):
        offer_get_public(slug="klad")


def test_the_offer_page_loads_with_its_next_dates_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    schedule = RecurringScheduleFactory(offer=OfferFactory(slug="psp"))
    # Offer, networks, places, the organisation's office days, weekly times, dated ones.
    with django_assert_max_num_queries(6):
        offer = offer_get_public(slug="psp", now=NOW)
    with django_assert_max_num_queries(1):  # the school holidays, then cached
        dates = next_occurrences(offer, after=NOW, limit=3)
    with django_assert_max_num_queries(0):
        assert next_occurrences(offer, after=NOW, limit=3) == dates
    assert len(dates) == 3 and dates[0].starts_at.weekday() == schedule.weekday
