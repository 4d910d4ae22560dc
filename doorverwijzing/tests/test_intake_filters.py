"""The contact point's inbox filter: still to do by default, one status, or all."""

import pytest
from django.http import QueryDict

from doorverwijzing.choices import IntakeStatus
from doorverwijzing.intake_filters import IntakeInboxFilterSet
from doorverwijzing.models import IntakeRequest
from doorverwijzing.tests.test_intake import QUESTION
from partners.tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intakes():
    network = NetworkFactory()
    fields = {key: value for key, value in QUESTION.items() if key != "website"}
    return {
        status: IntakeRequest.objects.create(network=network, **fields, status=status)
        for status in (IntakeStatus.NEW, IntakeStatus.IN_PROGRESS, IntakeStatus.CLOSED)
    }


def _shown(query: str) -> set[str]:
    filterset = IntakeInboxFilterSet(QueryDict(query), queryset=IntakeRequest.objects.all())
    return {intake.status for intake in filterset.qs}


def test_without_a_status_the_inbox_shows_what_is_still_to_do(intakes):
    assert _shown("") == {IntakeStatus.NEW, IntakeStatus.IN_PROGRESS}


def test_one_status_or_all(intakes):
    assert _shown("status=closed") == {IntakeStatus.CLOSED}
    assert _shown("status=all") == set(intakes)


def test_a_status_that_does_not_exist_shows_everything_instead_of_failing(intakes):
    assert _shown("status=%00nonsense") == set(intakes)
