"""Every URL of the cockpit: a coordinator of another network gets 404 (or 403 without an id)."""

import pytest
from django.urls import reverse

from dashboards import urls_coord
from partners import meetings
from partners.tests.factories import GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db

# url name -> (kind of id, method, status for a coordinator of another network)
URLS = {
    "cockpit": (None, "get", 200),
    "meeting_new": (None, "get", 200),
    "decision_log": (None, "get", 200),
    "meeting_detail": ("meeting", "get", 404),
    "meeting_send": ("meeting", "post", 404),
    "decision_new": ("meeting", "post", 404),
    "decision_done": ("decision", "post", 404),
}


def test_every_url_has_a_row():
    assert {pattern.name for pattern in urls_coord.urlpatterns} == set(URLS)


@pytest.mark.parametrize("name", sorted(URLS))
def test_a_coordinator_of_another_network_sees_nothing_of_ours(client, cast, name):
    meeting = MeetingFactory(group=GroupFactory(network=cast.network))
    decision = meetings.decision_record(actor=cast.coordinator, meeting=meeting, text="x")
    kind, method, status = URLS[name]
    ids = {"meeting": meeting.pk, "decision": decision.pk}
    url = reverse(f"dashboards:{name}", kwargs={"pk": ids[kind]} if kind else {})
    client.force_login(cast.far_coordinator)
    assert getattr(client, method)(url).status_code == status
    client.logout()
    assert getattr(client, method)(url).status_code == 302  # to the login
