"""Words of needs in the visitor's language (aanbod.NeedWord) meet the Dutch catalogue."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanbod.choices import LifeDomain
from aanbod.filters import OfferFilters
from aanbod.models import NeedWord
from aanbod.search.results import offer_search
from aanbod.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_the_words_of_the_test():
    # The starting list (migration 0005) is in the test database; these tests bring their own.
    NeedWord.objects.all().delete()


def need_word(**fields) -> NeedWord:
    word = NeedWord(**fields)
    word.full_clean()
    word.save()
    return word


def slugs(query: str) -> list[str]:
    return [o.slug for o in offer_search(query=query, filters=OfferFilters()).offers]


def test_an_arabic_phrase_finds_the_dutch_offer_with_or_without_vowels_and_article():
    need_word(language="ar", word="تدليك الرضّع", catalogue_terms="Babymassage")
    OfferFactory(slug="babymassage", title="Babymassage")
    OfferFactory(slug="other", title="Peuterspeelpunt")
    assert slugs("تدليك الرضّع") == ["babymassage"]
    assert slugs("تدليك الرضع") == ["babymassage"]
    assert slugs("تدليك رضع") == ["babymassage"]


def test_a_need_word_is_stored_as_search_compares_it():
    word = need_word(language="fr", word="Massage  BÉBÉ*", catalogue_terms="Babymassage,  Baby")
    assert (word.word, word.catalogue_terms) == ("massage bebe*", "babymassage, baby")


def test_a_need_word_needs_a_meaning():
    with pytest.raises(ValidationError):
        need_word(language="en", word="nappies")


def test_a_word_ending_in_a_star_accepts_any_ending_but_not_less():
    need_word(language="uk", word="підгуз*", catalogue_terms="luiers")
    OfferFactory(slug="pamperbank", title="Pamperbank", summary="Gratis luiers")
    assert slugs("підгузки") == ["pamperbank"]
    assert slugs("підгузків") == ["pamperbank"]
    assert slugs("під") == []


def test_a_need_word_for_a_life_domain_finds_the_offers_of_that_domain():
    need_word(language="uk", word="борг*", life_domain=LifeDomain.MONEY)
    OfferFactory(slug="kruidenier", title="Sociale kruidenier", life_domains=["money"])
    OfferFactory(slug="yoga", title="Ouder-peuteryoga", life_domains=["leisure"])
    assert slugs("борги") == ["kruidenier"]


def test_the_domain_word_of_the_document_is_never_found_by_typing():
    OfferFactory(slug="kruidenier", title="Sociale kruidenier", life_domains=["money"])
    assert slugs("domain") == slugs("dom") == slugs("money") == []


def test_need_words_cost_no_extra_query():
    need_word(language="en", word="nappies", catalogue_terms="luiers")
    OfferFactory(slug="pamperbank", title="Pamperbank", summary="Gratis luiers")
    with CaptureQueriesContext(connection) as queries:
        result = offer_search(query="free nappies", filters=OfferFilters())
    assert [o.slug for o in result.offers] == ["pamperbank"]
    # Words, ranking, the page's offers, their places, facets (as without need words).
    assert len(queries) <= 5, [q["sql"][:80] for q in queries]
