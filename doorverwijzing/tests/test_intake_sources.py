"""One contact point, many doors: the inbox says which door a family's question came through."""

import pytest

from aanbod.tests.factories import OfferFactory
from doorverwijzing.choices import IntakeSource
from doorverwijzing.intake_sources import intake_source_for
from doorverwijzing.models import IntakeRequest

from .test_intake_form import QUESTION, _url, network  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("bron", "expected"),
    [
        ("", IntakeSource.QUESTION_FORM),
        ("network_page", IntakeSource.NETWORK_PAGE),
        ("search", IntakeSource.SEARCH),
        ("rights_check", IntakeSource.RIGHTS_CHECK),
        ("<script>", IntakeSource.QUESTION_FORM),
    ],
)
def test_the_question_keeps_the_door_it_came_through(client, network, bron, expected):  # noqa: F811
    response = client.post(_url(network, bron=bron), QUESTION)
    assert response.status_code == 302
    assert IntakeRequest.objects.get().source == expected


def test_a_question_about_an_offer_came_from_the_offer():
    offer = OfferFactory.build()
    assert intake_source_for(requested="search", offer=offer) == IntakeSource.OFFER
