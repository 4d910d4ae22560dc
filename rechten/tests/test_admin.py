"""The coordinator's review actions in the admin: the same services, refusals named per right."""

import pytest
from django.utils.translation import gettext as _

from rechten.choices import RightStatus

from .factories import RightFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/rechten/right/"


def test_publishing_in_the_admin_publishes_the_reviewed_and_names_the_refused_right(
    client, cast, staff_coordinator
):
    reviewed = RightFactory(network=cast.network, status=RightStatus.IN_REVIEW)
    draft = RightFactory(network=cast.network, status=RightStatus.DRAFT, name="Groeipakket")
    client.force_login(staff_coordinator)

    page = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [reviewed.pk, draft.pk]}, follow=True
    )

    assert page.status_code == 200
    assert [str(m) for m in page.context["messages"]] == [
        f"Groeipakket: {_('Only a right waiting for review can be published.')}",
        _("Published: %(count)d.") % {"count": 1},
    ]
    reviewed.refresh_from_db()
    draft.refresh_from_db()
    assert (reviewed.status, reviewed.reviewed_by) == (RightStatus.PUBLISHED, staff_coordinator)
    assert draft.status == RightStatus.DRAFT


def test_the_admin_action_cannot_reach_another_networks_right(client, cast, staff_coordinator):
    elsewhere = RightFactory(network=cast.far_network, status=RightStatus.IN_REVIEW)
    client.force_login(staff_coordinator)

    client.post(CHANGELIST, {"action": "publish", "_selected_action": [elsewhere.pk]})

    elsewhere.refresh_from_db()
    assert elsewhere.status == RightStatus.IN_REVIEW
    # Outside the coordinator's scope the admin says "does not exist" and goes back.
    assert client.get(f"{CHANGELIST}{elsewhere.pk}/change/").status_code == 302
