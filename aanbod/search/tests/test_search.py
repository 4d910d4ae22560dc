import datetime as dt

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from aanbod.choices import AccessType, Cost, LifeDomain, OfferStatus
from aanbod.filters import OfferFilters, OfferFilterSet, parse_search
from aanbod.search.index import reindex_offers
from aanbod.search.results import PAGE_SIZE, offer_search
from aanbod.search.vocabulary import vocabulary_rebuild
from aanbod.tests.factories import OfferFactory, RecurringScheduleFactory, SynonymFactory
from partners.models import Deelgemeente
from partners.tests.factories import LocationFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def slugs(query: str = "", **filters) -> list[str]:
    result = offer_search(query=query, filters=OfferFilters(**filters))
    return [offer.slug for offer in result.offers]


def test_dutch_stemming_accents_and_case_meet():
    OfferFactory(slug="creche", title="Crèche De Peuters")
    assert slugs("CRECHE") == ["creche"]
    assert slugs("peuter") == ["creche"]


def test_a_word_finds_the_compounds_it_starts():
    OfferFactory(slug="ondersteuning", title="Opvoedingsondersteuning aan huis")
    OfferFactory(slug="begeleiding", title="Huiswerkbegeleiding in de bib")
    assert slugs("opvoeding") == ["ondersteuning"]
    assert slugs("huiswerk") == ["begeleiding"]


def test_a_word_finds_the_compounds_it_ends():
    OfferFactory(slug="kdv", title="Kinderopvang De Rupsjes")
    assert slugs("opvang") == ["kdv"]


def test_synonyms_work_both_ways():
    SynonymFactory(term="pampers", expands_to="luiers")
    OfferFactory(slug="luiers", title="Gratis luiers")
    OfferFactory(slug="pampers", title="Pampers voor iedereen")
    assert set(slugs("pampers")) == {"luiers", "pampers"}
    assert set(slugs("luier")) == {"luiers", "pampers"}


def test_a_misspelled_word_is_corrected_and_suggested():
    OfferFactory(slug="psp", title="Peuterspeelpunt")
    vocabulary_rebuild()
    result = offer_search(query="peuterspelpunt", filters=OfferFilters())
    assert [o.slug for o in result.offers] == ["psp"]
    assert result.suggestion == "peuterspeelpunt"


def test_no_suggestion_for_a_known_word_or_its_start():
    OfferFactory(slug="psp", title="Opvoedingsspreekuur")
    vocabulary_rebuild()
    assert offer_search(query="opvoeding", filters=OfferFilters()).suggestion is None


def test_only_published_offers_are_found():
    OfferFactory(slug="zichtbaar", title="Speelcafé")
    for status in (OfferStatus.DRAFT, OfferStatus.IN_REVIEW, OfferStatus.ARCHIVED):
        OfferFactory(slug=f"niet-{status}", title="Speelcafé", status=status)
    assert slugs("speelcafe") == ["zichtbaar"]
    assert slugs() == ["zichtbaar"]


def test_age_filters_are_overlap_queries_on_months():
    OfferFactory(slug="zwanger", age_months=NumericRange(-9, 0))
    OfferFactory(slug="peuter", age_months=NumericRange(12, 48))
    OfferFactory(slug="iedereen")
    assert set(slugs(ages=("expecting",))) == {"zwanger", "iedereen"}
    assert set(slugs(age_months=48)) == {"iedereen"}
    assert set(slugs(age_months=47)) == {"peuter", "iedereen"}
    assert set(slugs(ages=("3-6",))) == {"peuter", "iedereen"}


def test_place_filters_follow_the_offers_locations():
    wilgendaal, berkhove = MunicipalityFactory(name="Wilgendaal"), MunicipalityFactory()
    oostmolen = Deelgemeente.objects.create(municipality=wilgendaal, name="Oostmolen",
                                            postcode="9241")  # fmt: skip
    elders = Deelgemeente.objects.create(municipality=berkhove, name="Elders", postcode="9250")
    OfferFactory(slug="hier", locations=[LocationFactory(deelgemeente=oostmolen)])
    OfferFactory(slug="daar", locations=[LocationFactory(deelgemeente=elders)])
    assert slugs(municipalities=(wilgendaal.id,)) == ["hier"]
    assert slugs(deelgemeenten=(elders.id,)) == ["daar"]


def test_domain_access_cost_and_language_filters():
    OfferFactory(slug="a", life_domains=[LifeDomain.MONEY], access_type=AccessType.REFERRAL_ONLY,
                 cost=Cost.FREE, languages=["nl", "ar"])  # fmt: skip
    OfferFactory(slug="b", life_domains=[LifeDomain.LEISURE], cost=Cost.PAID, kansentarief=True)
    assert slugs(life_domains=("money",)) == ["a"]
    assert slugs(access_types=("referral_only",)) == ["a"]
    assert slugs(costs=("free",)) == ["a"]
    assert slugs(costs=("reduced",)) == ["b"]
    assert slugs(languages=("ar",)) == ["a"]


def test_moment_filters_for_weekdays_evenings_and_weekends():
    RecurringScheduleFactory(offer=OfferFactory(slug="avond", indexed=False), weekday=1,
                             starts=dt.time(19, 0), ends=dt.time(21, 0))  # fmt: skip
    RecurringScheduleFactory(offer=OfferFactory(slug="zaterdag", indexed=False), weekday=5)
    reindex_offers()
    assert slugs(moments=("evening",)) == ["avond"]
    assert slugs(moments=("weekend",)) == ["zaterdag"]
    assert slugs(moments=("1",)) == ["avond"]
    assert set(slugs(moments=("1", "weekend"))) == {"avond", "zaterdag"}


def test_facet_counts_leave_out_their_own_group():
    OfferFactory(slug="a", life_domains=[LifeDomain.MONEY], cost=Cost.FREE)
    OfferFactory(slug="b", life_domains=[LifeDomain.MONEY], cost=Cost.PAID)
    OfferFactory(slug="c", life_domains=[LifeDomain.HEALTH], cost=Cost.FREE)
    result = offer_search(query="", filters=OfferFilters(life_domains=("money",)))
    assert result.total == 2
    domains = {facet.value: (facet.count, facet.selected) for facet in result.facets["domain"]}
    assert domains == {"money": (2, True), "health": (1, False)}
    costs = {facet.value: facet.count for facet in result.facets["cost"]}
    assert costs == {"free": 1}


def test_results_are_paged_with_the_total():
    for number in range(PAGE_SIZE + 3):
        OfferFactory(slug=f"o-{number}", title=f"Speelcafé {number}")
    first = offer_search(query="speelcafe", filters=OfferFilters(), page=1)
    second = offer_search(query="speelcafe", filters=OfferFilters(), page=2)
    beyond = offer_search(query="speelcafe", filters=OfferFilters(), page=9)
    assert (len(first.offers), len(second.offers), len(beyond.offers)) == (PAGE_SIZE, 3, 0)
    assert first.total == second.total == beyond.total == PAGE_SIZE + 3
    assert first.has_next and not second.has_next


@pytest.mark.parametrize("size", [5, 60])
def test_search_takes_the_same_few_queries_whatever_the_catalogue(
    size, django_assert_max_num_queries
):
    municipality = MunicipalityFactory()
    deelgemeente = Deelgemeente.objects.create(municipality=municipality, name="X", postcode="1")
    location = LocationFactory(deelgemeente=deelgemeente)
    for number in range(size):
        offer = OfferFactory(slug=f"o-{number}", title=f"Peuterspeelpunt {number}",
                             locations=[location], indexed=False)  # fmt: skip
        RecurringScheduleFactory(offer=offer, weekday=number % 7)
    reindex_offers()
    filters = OfferFilters(
        ages=("0-3",), municipalities=(municipality.id,), moments=("1", "evening")
    )
    with CaptureQueriesContext(connection) as queries:
        result = offer_search(query="peuterspelpunt opvang", filters=filters)
    assert result.total > 0
    # Words, ranking (with the stored next dates), facets; the page's offers and their
    # places load when a card is rendered (aanbod.search.cards).
    assert len(queries) == 3, [q["sql"][:80] for q in queries]
    with django_assert_max_num_queries(2):
        assert len(result.offers) == min(result.total, PAGE_SIZE)
    with django_assert_max_num_queries(5):
        offer_search(query="", filters=OfferFilters())


BAD_QUERY_STRINGS = [
    "q=" + "opvoeding " * 2000,
    "q=%00%01%02",
    "q=' OR 1=1; DROP TABLE aanbod_offer; --",
    "q=opvoeding:* & !kind | (baby",
    "q=%F0%9F%91%B6%F0%9F%8F%BD",
    "q=a&q=b&q=c",
    "age=../../etc&age=0-3&age_months=99999999999999999999&age_months=-40",
    "municipality=-1&municipality=abc&municipality=99999999999999999999999&deelgemeente=0",
    "domain=<script>&access=nope&cost=gratis&language=xx&moment=25&moment=evening",
    "page=-5",
    "page=999999999999",
    "page=abc",
    "unknown=1&utm_source=whatsapp",
    "network=1e9&network=12",
]


@pytest.mark.parametrize("query_string", BAD_QUERY_STRINGS)
def test_bad_input_never_raises(query_string):
    OfferFactory(title="Opvoedingsspreekuur")
    query, filters, page = parse_search(QueryDict(query_string))
    assert len(query) <= 200
    result = offer_search(query=query, filters=filters, page=page)
    assert result.total >= 0


@pytest.mark.parametrize(
    "query_string",
    [*BAD_QUERY_STRINGS, "q=%00zwemles", "q=zwem%01les&open=1&when=today&sort=az&page=3"],
)
def test_parsing_without_a_form_gives_what_the_filter_form_gives(query_string):
    params = QueryDict(query_string)
    form = OfferFilterSet(data=params, queryset=None)
    assert parse_search(params) == form.search_arguments()


def test_bad_values_are_dropped_and_good_ones_kept():
    _query, filters, page = parse_search(
        QueryDict("age=bogus&age=0-3&moment=evening&moment=99&municipality=x&municipality=7&page=0")
    )
    assert filters.ages == ("0-3",)
    assert filters.moments == ("evening",)
    assert filters.municipalities == (7,)
    assert page == 1


def test_a_compound_of_known_parts_is_not_called_a_misspelling():
    OfferFactory(slug="psy", title="Psycholoog voor kinderen")
    vocabulary_rebuild()
    result = offer_search(query="kinderpsycholoog", filters=OfferFilters())
    assert result.suggestion is None
    assert [o.slug for o in result.offers] == ["psy"]


def test_the_nightly_task_reindexes_offers_whose_places_changed():
    from aanbod.tasks import search_reindex_all_task

    municipality = MunicipalityFactory()
    deelgemeente = Deelgemeente.objects.create(municipality=municipality, name="Y", postcode="2")
    offer = OfferFactory(slug="verhuisd")
    offer.locations.set([LocationFactory(deelgemeente=deelgemeente)])
    assert slugs(municipalities=(municipality.id,)) == []
    assert search_reindex_all_task() >= 1
    assert slugs(municipalities=(municipality.id,)) == ["verhuisd"]


def test_a_load_through_the_services_indexes_each_offer_once_at_the_end(cast):
    from aanbod.search.index import reindex_deferred
    from aanbod.services import offer_update

    offer = OfferFactory(slug="later", networks=[cast["network"]])
    with reindex_deferred():
        with CaptureQueriesContext(connection) as queries:
            offer_update(offer=offer, actor=cast["coordinator"], title_nl="Zwemles voor peuters")
            offer_update(offer=offer, actor=cast["coordinator"], keywords="water")
        assert not any("search_document =" in query["sql"] for query in queries)
        assert slugs("zwemles") == []
    assert slugs("zwemles") == ["later"]


def _domain_counts(**filters) -> dict[str, int]:
    result = offer_search(query="", filters=OfferFilters(**filters))
    return {facet.value: facet.count for facet in result.facets["domain"]}


def test_facet_counts_are_counted_once_and_follow_every_change_of_an_offer():
    from aanbod.services import offer_archive
    from partners.tests.factories import UserFactory

    OfferFactory(slug="a", life_domains=[LifeDomain.MONEY])
    gone = OfferFactory(slug="b", life_domains=[LifeDomain.MONEY])
    assert _domain_counts() == {"money": 2}
    with CaptureQueriesContext(connection) as queries:
        assert _domain_counts() == {"money": 2}
    assert not any("WITH matched" in query["sql"] for query in queries.captured_queries)

    OfferFactory(slug="c", life_domains=[LifeDomain.HEALTH])
    assert _domain_counts() == {"money": 2, "health": 1}
    offer_archive(offer=gone, actor=UserFactory(is_superuser=True, is_staff=True))
    assert _domain_counts() == {"money": 1, "health": 1}
    gone.status = OfferStatus.PUBLISHED
    gone.save()
    assert _domain_counts() == {"money": 2, "health": 1}
    gone.delete()
    assert _domain_counts() == {"money": 1, "health": 1}


def test_happening_now_counts_are_never_kept():
    OfferFactory(life_domains=[LifeDomain.MONEY])
    offer_search(query="", filters=OfferFilters(open_now=True))
    with CaptureQueriesContext(connection) as queries:
        offer_search(query="", filters=OfferFilters(open_now=True))
    assert any("WITH matched" in query["sql"] for query in queries.captured_queries)
