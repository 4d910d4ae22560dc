"""'We want a child' in the age filter: a target group, not a range of months."""

import pytest
from django.db.backends.postgresql.psycopg_any import NumericRange

from aanbod.choices import AgeGroup, TargetGroup
from aanbod.filters import OfferFilters
from aanbod.search.results import offer_search

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers():
    OfferFactory(slug="kinderwens", target_groups=[TargetGroup.WISH_FOR_CHILD],
                 age_months=NumericRange(-9, 0))  # fmt: skip
    OfferFactory(slug="vinkje", for_wish_for_child=True, age_months=NumericRange(-9, 0))
    OfferFactory(slug="zwanger", target_groups=[TargetGroup.EXPECTING],
                 age_months=NumericRange(-9, 0))  # fmt: skip
    OfferFactory(slug="iedereen", target_groups=[TargetGroup.PARENTS])


def _slugs(*ages: str) -> set[str]:
    return {offer.slug for offer in offer_search(query="", filters=OfferFilters(ages=ages)).offers}


def test_we_want_a_child_finds_offers_for_that_target_group_or_with_the_box_ticked(offers):
    assert _slugs(AgeGroup.WISH_FOR_CHILD) == {"kinderwens", "vinkje"}


def test_we_want_a_child_and_expecting_together_find_either(offers):
    assert _slugs(AgeGroup.WISH_FOR_CHILD, AgeGroup.EXPECTING) == {
        "kinderwens", "vinkje", "zwanger", "iedereen"
    }  # fmt: skip


def test_the_age_facet_counts_the_wish_for_a_child_first(offers):
    ages = offer_search(query="", filters=OfferFilters()).facets["age"]
    assert ages[0].value == AgeGroup.WISH_FOR_CHILD
    assert ages[0].count == 2
    assert ages[1].value == AgeGroup.EXPECTING


def test_the_search_page_offers_the_choice_and_keeps_its_query_count(
    client, offers, django_assert_max_num_queries
):
    client.get("/nl/aanbod/?age=wish")  # the school calendar and network cached from here on
    with django_assert_max_num_queries(7):
        response = client.get("/nl/aanbod/?age=wish&age=0-3")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="age" value="wish"' in content
    assert "We willen een kind" in content
    # "iedereen" has no age limits, so it is for 0 to 3 years too.
    assert {offer.slug for offer in response.context["result"].offers} == {
        "kinderwens", "vinkje", "iedereen"
    }  # fmt: skip
