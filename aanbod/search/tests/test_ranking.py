"""The order of results that fits the question, and the words parents type (issue 13)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aanbod.filters import OfferFilters, parse_search
from aanbod.search.index import reindex_offers
from aanbod.search.results import offer_search
from aanbod.tests.factories import OccurrenceFactory, OfferFactory, RecurringScheduleFactory
from partners.models import Deelgemeente
from partners.opening_hours import BRUSSELS
from partners.tests.factories import LocationFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

# A Wednesday evening.
NOW = dt.datetime(2026, 12, 2, 19, 30, tzinfo=BRUSSELS)


def slugs(query: str = "", now=NOW, **filters) -> list[str]:
    result = offer_search(query=query, filters=OfferFilters(**filters), now=now)
    return [offer.slug for offer in result.offers]


def test_a_tile_without_words_puts_the_soonest_date_first_not_the_alphabet():
    OfferFactory(slug="a-undated", title="Aaa zonder datum")
    RecurringScheduleFactory(offer=OfferFactory(slug="c-friday", title="Ccc"), weekday=4)
    RecurringScheduleFactory(offer=OfferFactory(slug="d-thursday", title="Ddd"), weekday=3)
    OccurrenceFactory(
        offer=OfferFactory(slug="b-tonight", title="Bbb"),
        starts_at=NOW + dt.timedelta(minutes=30),
    )
    # Wednesday 9–11 is over for today: next Wednesday.
    RecurringScheduleFactory(offer=OfferFactory(slug="e-wednesday", title="Eee"), weekday=2)
    # The factory's offers are about meeting other families: the tile of that domain.
    assert slugs(life_domains=("meeting",)) == [
        "b-tonight", "d-thursday", "c-friday", "e-wednesday", "a-undated",
    ]  # fmt: skip


def test_the_bare_list_of_all_support_stays_a_to_z_unless_asked():
    OfferFactory(slug="a-undated", title="Aaa")
    RecurringScheduleFactory(offer=OfferFactory(slug="b-thursday", title="Bbb"), weekday=3)
    assert slugs() == ["a-undated", "b-thursday"]
    assert slugs(sort="soonest") == ["b-thursday", "a-undated"]


def test_a_cancelled_date_and_a_slot_outside_its_week_of_the_month_are_skipped():
    schedule = RecurringScheduleFactory(offer=OfferFactory(slug="thursday"), weekday=3)
    schedule.exceptions.create(date=dt.date(2026, 12, 3), cancelled=True)
    # Thursday the 3rd is cancelled: the 10th. The first Friday is the 4th.
    RecurringScheduleFactory(offer=OfferFactory(slug="first-friday"), weekday=4, week_of_month=1)
    RecurringScheduleFactory(offer=OfferFactory(slug="saturday"), weekday=5)
    assert slugs(sort="soonest") == ["first-friday", "saturday", "thursday"]


def test_undated_offers_follow_by_how_well_their_ages_fit_the_chosen_age():
    OfferFactory(slug="every-age", title="Aaa voor iedereen")
    OfferFactory(slug="teens", title="Zzz tieners", age_months=NumericRange(144, 216))
    OfferFactory(slug="to-eighteen", title="Mmm", age_months=NumericRange(0, 216))
    assert slugs(ages=("12-18",)) == ["teens", "to-eighteen", "every-age"]


def test_for_a_chosen_age_an_every_age_offer_with_a_date_does_not_bury_the_age_s_own():
    # Issue 13: teenagers got "Herdenkingsmoment voor sterrenkindjes" first: an offer
    # without ages is for every age, so it matches 12–18, but it is not for teenagers.
    OccurrenceFactory(
        offer=OfferFactory(slug="sterrenkindjes"), starts_at=NOW + dt.timedelta(days=1)
    )
    OfferFactory(slug="teens", age_months=NumericRange(144, 216))
    assert slugs(ages=("12-18",)) == ["teens", "sterrenkindjes"]


def test_a_to_z_and_relevance_stay_available():
    OccurrenceFactory(offer=OfferFactory(slug="b", title="Bbb speelpunt"), starts_at=NOW)
    OfferFactory(slug="a", title="Aaa speelpunt")
    assert slugs(sort="az") == ["a", "b"]
    assert slugs(sort="soonest") == ["b", "a"]
    assert slugs("speelpunt")[0] in {"a", "b"}


def _place(name: str, postcode: str, lat: str, lon: str):
    municipality = MunicipalityFactory(name=name)
    deelgemeente = Deelgemeente.objects.create(
        municipality=municipality, name=name, postcode=postcode
    )
    location = LocationFactory(
        deelgemeente=deelgemeente, postcode=postcode, latitude=Decimal(lat), longitude=Decimal(lon)
    )
    return municipality, deelgemeente, location


def test_nearest_orders_by_distance_from_the_chosen_place_and_cards_get_the_distance():
    _m, here, here_location = _place("Wilgendaal", "9240", "51.000000", "3.700000")
    _m2, _there, there_location = _place("Berkhove", "9250", "51.100000", "3.700000")
    OfferFactory(slug="far", title="Aaa", locations=[there_location])
    OfferFactory(slug="near", title="Zzz", locations=[here_location, there_location])
    OfferFactory(slug="online", title="Bbb")
    result = offer_search(
        query="", filters=OfferFilters(deelgemeenten=(here.id,), sort="nearest"), now=NOW
    )
    # Only "near" is in Wilgendaal; with the place filter the others drop out.
    assert [o.slug for o in result.offers] == ["near"]
    assert result.offers[0].distance_km == pytest.approx(0.0, abs=0.01)
    assert result.can_sort_nearest and result.sort == "nearest"


def test_nearest_within_a_municipality_measures_from_its_centre():
    municipality, first, first_location = _place("Lindenaken", "9260", "51.000000", "3.700000")
    second = Deelgemeente.objects.create(
        municipality=municipality, name="Kapelhoek", postcode="9262"
    )
    second_location = LocationFactory(
        deelgemeente=second, latitude=Decimal("51.180000"), longitude=Decimal("3.700000")
    )
    centre = LocationFactory(
        deelgemeente=first, latitude=Decimal("51.090000"), longitude=Decimal("3.700000")
    )
    OfferFactory(slug="edge", title="Aaa", locations=[second_location])
    OfferFactory(slug="centre", title="Zzz", locations=[centre])
    OfferFactory(slug="other-edge", title="Mmm", locations=[first_location])
    result = offer_search(
        query="", filters=OfferFilters(municipalities=(municipality.id,), sort="nearest"), now=NOW
    )
    assert result.offers[0].slug == "centre"
    assert result.offers[0].distance_km == pytest.approx(0.0, abs=0.5)
    assert result.offers[1].distance_km == pytest.approx(10.0, abs=0.5)


def test_nearest_without_a_place_falls_back_to_the_usual_order():
    OfferFactory(slug="a", title="Aaa")
    result = offer_search(query="", filters=OfferFilters(sort="nearest"), now=NOW)
    assert result.sort == "az" and not result.can_sort_nearest


def test_a_need_question_finds_what_the_tile_finds_with_the_textual_match_first():
    OfferFactory(slug="schuldhulp", title="Hulp bij schulden", keywords="geldzorgen",
                 life_domains=["money"])  # fmt: skip
    OfferFactory(slug="babytheek", title="Babytheek", life_domains=["money"])
    OfferFactory(slug="yoga", title="Yoga", life_domains=["health"])
    tile = slugs(life_domains=("money",))
    question = slugs("we hebben geldzorgen")
    assert sorted(question) == sorted(tile) == ["babytheek", "schuldhulp"]
    assert question[0] == "schuldhulp"


def test_a_postcode_or_place_name_in_the_query_becomes_the_place_filter():
    _m, here, here_location = _place("Wilgendaal", "9240", "51.000000", "3.700000")
    municipality, _there, there_location = _place("Ter Heide", "9251", "51.1", "3.7")
    OfferFactory(slug="here", title="Babbelhoek", locations=[here_location])
    OfferFactory(slug="there", title="Babbelhoek", locations=[there_location])
    result = offer_search(query="babbelhoek 9240", filters=OfferFilters(), now=NOW)
    assert [o.slug for o in result.offers] == ["here"]
    assert result.filters.deelgemeenten == (here.id,)
    assert result.query == "babbelhoek"
    assert result.offers[0].distance_km == pytest.approx(0.0, abs=0.01)
    by_name = offer_search(query="babbelhoek in ter heide", filters=OfferFilters(), now=NOW)
    assert [o.slug for o in by_name.offers] == ["there"]
    assert by_name.filters.municipalities == (municipality.id,)


def _next_wednesday_evening() -> dt.datetime:
    """A Wednesday 19:30 still ahead of the real clock: the search index keeps only dates
    that are still to come, so a fixed date in the past would find nothing."""
    day = timezone.localdate() + dt.timedelta(days=1)
    day += dt.timedelta(days=(2 - day.weekday()) % 7)
    return dt.datetime.combine(day, dt.time(19, 30), tzinfo=BRUSSELS)


def test_vandaag_keeps_what_still_takes_place_today():
    now = _next_wednesday_evening()
    OccurrenceFactory(offer=OfferFactory(slug="tonight"), starts_at=now + dt.timedelta(hours=1))
    OccurrenceFactory(
        offer=OfferFactory(slug="this-morning"), starts_at=now - dt.timedelta(hours=10)
    )
    OccurrenceFactory(offer=OfferFactory(slug="tomorrow"), starts_at=now + dt.timedelta(hours=16))
    RecurringScheduleFactory(offer=OfferFactory(slug="thursdays"), weekday=3)
    reindex_offers()  # as the services do after a change of times
    assert slugs("vandaag", now=now) == ["tonight"]
    assert slugs("morgen", now=now) == ["thursdays", "tomorrow"]
    assert slugs("", now=now, when="tomorrow") == ["thursdays", "tomorrow"]


@pytest.mark.parametrize("size", [5, 40])
def test_the_new_orders_take_no_query_per_result(size, django_assert_max_num_queries):
    _m, here, location = _place("Wilgendaal", "9240", "51.000000", "3.700000")
    for number in range(size):
        offer = OfferFactory(slug=f"o-{number}", title=f"Speelpunt {number}",
                             locations=[location], indexed=False)  # fmt: skip
        RecurringScheduleFactory(offer=offer, weekday=number % 7)
        OccurrenceFactory(offer=offer, starts_at=timezone.now() + dt.timedelta(days=number))
    reindex_offers()
    for query, filters in [
        ("", OfferFilters(ages=("0-3",))),
        ("", OfferFilters(deelgemeenten=(here.id,), sort="nearest")),
        ("speelpunt 9240 vandaag", OfferFilters(sort="soonest")),
        ("we hebben geldzorgen", OfferFilters(sort="az")),
    ]:
        with CaptureQueriesContext(connection) as queries:
            offer_search(query=query, filters=filters)
        # Words (with places), ranking, the page's offers, their places, facets.
        assert len(queries) <= 5, [q["sql"][:80] for q in queries]


def test_sort_and_when_from_the_address_never_fail():
    from django.http import QueryDict

    _q, filters, _p = parse_search(QueryDict("sort=<x>&when=yesterday"))
    assert (filters.sort, filters.when) == ("", "")
    _q, filters, _p = parse_search(QueryDict("sort=nearest&when=today"))
    assert (filters.sort, filters.when) == ("nearest", "today")


def test_the_sort_choice_is_a_plain_get_select_next_to_the_count(client):
    OfferFactory(slug="a", title="Aaa")
    OfferFactory(slug="b", title="Bbb")
    content = client.get("/nl/aanbod/?sort=az").content.decode()
    assert 'name="sort"' in content and 'form="search-form"' in content
    assert '<option value="az" selected>' in content


def test_a_postcode_typed_leaves_the_search_box_and_ticks_the_place(client):
    _m, here, location = _place("Wilgendaal", "9240", "51.000000", "3.700000")
    offer = OfferFactory(slug="here", title="Babbelhoek", locations=[location])
    OfferFactory(slug="elsewhere", title="Babbelhoek")
    response = client.get("/nl/aanbod/?q=babbelhoek+9240")
    assert [card.id for card in response.context["cards"]] == [offer.id]
    content = response.content.decode()
    assert 'value="babbelhoek"' in content
    assert f'name="deelgemeente" value="{here.id}" checked' in content
    assert "0 km" in content
