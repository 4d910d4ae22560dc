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


def test_every_demo_group_agenda_reaches_its_member_partners_but_one_page_shows_the_gap(
    demo_network,
):
    """The demo shows both sides of the path 'agenda → member partners': the partners'
    contact persons receive it, and the werkgroep with a volunteers' club without any
    contact names that club on its meeting page."""
    from partners.meetings import _recipients, group_organisations_unreached
    from partners.models import Group

    steering = Group.objects.get(kind="steering")
    assert "an.declercq@demo.huisvanhetkind.be" in _recipients(steering)  # CAW: no account
    assert group_organisations_unreached(group=steering) == []
    meeting_group = Group.objects.get(name="Werkgroep ontmoeting")
    assert group_organisations_unreached(group=meeting_group) == ["Vzw Speelcafé Kapelhoek"]


def test_most_demo_partners_have_a_mailbox_and_a_contact_person(demo_network):
    from partners.models import Organisation

    without_contact = Organisation.objects.filter(contact_email="").order_by("slug")
    assert list(without_contact.values_list("slug", flat=True)) == [
        "sportclub-de-sprinters",
        "vzw-speelcafe-kapelhoek",
    ]
    assert not Organisation.objects.filter(email="").exists()
