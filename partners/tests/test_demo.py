"""The demo network's meetings come through the meeting services, as the coordinator's."""

import pytest

from partners import demo as network_demo
from partners.meetings import decision_log_for_user
from partners.models import Decision, Meeting

pytestmark = pytest.mark.django_db


def test_the_demo_meetings_decisions_are_in_the_decision_log_once():
    network_demo.load()
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(email=network_demo.COORDINATOR)
    texts = [line for meeting in Meeting.objects.all() for line in meeting.decisions.splitlines()]

    assert sorted(decision.text for decision in decision_log_for_user(user=coordinator)) == sorted(
        texts
    )
    assert len(texts) == 6

    network_demo.load()
    assert Meeting.objects.count() == 4 and Decision.objects.count() == 6
