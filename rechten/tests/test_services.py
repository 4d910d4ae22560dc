import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from aanbod.tests.factories import OfferFactory
from dashboards.selectors import coordinator_start_page
from partners.tests.factories import NetworkFactory
from rechten import services
from rechten.choices import RightStatus
from rechten.exceptions import RightPermissionError, RightStateError
from rechten.models import Right
from rechten.selectors import rights_review_nudge
from rechten.starting_set import STARTING_SET, rights_starting_set_load

from .factories import RightFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 3)


def test_a_draft_goes_through_review_to_published_with_who_and_when(cast):
    right = RightFactory(network=cast.network, status=RightStatus.DRAFT)
    services.right_submit_for_review(right=right, actor=cast.coordinator)
    right = services.right_publish(right=right, actor=cast.coordinator, today=TODAY)
    assert right.status == RightStatus.PUBLISHED
    assert (right.reviewed_by, right.reviewed_on) == (cast.coordinator, TODAY)


def test_a_draft_cannot_be_published_without_review(cast):
    right = RightFactory(network=cast.network, status=RightStatus.DRAFT)
    with pytest.raises(RightStateError):
        services.right_publish(right=right, actor=cast.coordinator)


@pytest.mark.parametrize(
    "person", ["far_coordinator", "owner", "outsider", "viewer", "social_worker", "volunteer"]
)
def test_only_the_networks_coordinator_may_publish_its_right(cast, person):
    right = RightFactory(network=cast.network, status=RightStatus.IN_REVIEW)
    with pytest.raises(RightPermissionError):
        services.right_publish(right=right, actor=cast[person])
    right.refresh_from_db()
    assert right.status == RightStatus.IN_REVIEW


def test_a_condition_the_evaluator_cannot_read_is_refused_on_save_in_the_admin(cast):
    right = RightFactory.build(network=cast.network, condition={"answer": "colour"})
    with pytest.raises(ValidationError):
        right.full_clean()


def test_starting_set_is_published_marked_and_linked_to_the_rechtenverkenning():
    network = NetworkFactory()
    offer = OfferFactory(networks=[network], slug="rechtenverkenning-wilgendaal", indexed=False)
    assert rights_starting_set_load(network=network) == len(STARTING_SET)
    assert rights_starting_set_load(network=network) == 0  # run twice: nothing doubles
    rights = Right.objects.filter(network=network)
    assert {r.status for r in rights} == {RightStatus.PUBLISHED}
    assert all(r.from_starting_set and r.reviewed_on is None for r in rights)
    assert all(list(r.local_offers.all()) == [offer] for r in rights)
    for right in rights:
        right.full_clean()


def test_management_command_refuses_an_unknown_network():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("rights_starting_set", "bestaat-niet")


def test_start_page_nudges_for_rights_never_or_long_ago_reviewed(cast):
    coordinator, network = cast.coordinator, cast.network
    never = RightFactory(network=network, reviewed_on=None)
    old = RightFactory(network=network, reviewed_on=TODAY - dt.timedelta(days=400))
    RightFactory(network=network, reviewed_on=TODAY - dt.timedelta(days=30))
    RightFactory(network=network, status=RightStatus.DRAFT)
    RightFactory(network=cast.far_network, reviewed_on=None)  # another network's
    nudge = rights_review_nudge(user=coordinator, today=TODAY)["rights_not_reviewed"]
    assert nudge == [old, never]  # oldest review first, never reviewed last (NULL)
    assert coordinator_start_page(user=coordinator, today=TODAY)["rights_not_reviewed"] == nudge
    for person in ("volunteer", "viewer", "owner"):
        assert rights_review_nudge(user=cast[person], today=TODAY) == {"rights_not_reviewed": []}


def test_start_page_shows_the_nudge(client, cast, staff_coordinator):
    RightFactory(network=cast.network, name="Schooltoeslag", reviewed_on=None)
    client.force_login(staff_coordinator)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Schooltoeslag" in response.content.decode()
