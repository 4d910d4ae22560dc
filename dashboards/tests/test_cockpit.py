import datetime as dt

import pytest
from django.utils import timezone

from actieplan.tests.factories import ActionFactory, ActionPlanFactory, GoalFactory
from doorverwijzing.models import IntakeRequest
from doorverwijzing.tests.factories import ReferralFactory
from partners.choices import Role
from partners.tests.factories import (
    AgreementFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    staff,
)
from signalen.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(network):
    network.name = "Huis van het Kind Scheldevallei"
    network.save(update_fields=["name"])
    return network


@pytest.fixture
def coordinator(cast):
    """The cast's coordinator (conftest.py), with the staff account invitations give."""
    return staff(cast.coordinator)


def _busy_week(network, reference="R-STUCK1"):
    today = timezone.localdate()
    sender = OrganisationFactory(networks=[network], name="CAW Oost")
    receiver = OrganisationFactory(networks=[network], name="CKG De Wiege")
    ReferralFactory(
        public_id=reference,
        referring_organisation=sender,
        receiving_organisation=receiver,
        sent_at=timezone.now() - dt.timedelta(days=20),
        question="Geheime vraag van het gezin",
        family_name="Familie Geheim",
    )
    ReferralFactory(referring_organisation=sender, receiving_organisation=receiver)  # fresh
    IntakeRequest.objects.create(network=network, name="An", question="Waar is de pamperbank?")
    AgreementFactory(
        network=network, subject="Convenant pamperbank", end=today + dt.timedelta(days=40)
    )
    AgreementFactory(
        network=network, subject="Verre overeenkomst", end=today + dt.timedelta(days=400)
    )
    ThemeFactory(network=network, title="Geen avondaanbod", status="on_agenda")
    ActionFactory(
        goal=GoalFactory(plan=ActionPlanFactory(network=network, year=today.year - 1)),
        text="Speelcafé zonder resultaat",
    )


def test_the_cockpit_lists_what_is_due_with_references_only(client, cast, network, coordinator):
    _busy_week(network)
    ThemeFactory(network=cast.far_network, title="Thema van een ander netwerk", status="on_agenda")
    client.force_login(coordinator)
    response = client.get("/nl/coordinatie/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "R-STUCK1" in content and "CKG De Wiege" in content
    # Professional secrecy: never the family or the question.
    assert "Geheime vraag" not in content and "Familie Geheim" not in content
    assert "Convenant pamperbank" in content
    assert "Verre overeenkomst" not in content
    assert "Geen avondaanbod" in content
    assert "Thema van een ander netwerk" not in content
    assert "Speelcafé zonder resultaat" in content
    assert "1 question of a family" in content or "1 vraag" in content


def test_the_cockpit_costs_a_fixed_number_of_queries(
    client, network, coordinator, django_assert_max_num_queries
):
    _busy_week(network)
    second = NetworkFactory()
    _busy_week(second, reference="R-STUCK2")
    MembershipFactory(user=coordinator, role=Role.COORDINATOR, network=second)
    client.force_login(coordinator)
    with django_assert_max_num_queries(25):
        response = client.get("/nl/coordinatie/")
    assert response.status_code == 200


def test_an_empty_week_says_why_each_section_is_empty(client, coordinator):
    client.force_login(coordinator)
    content = client.get("/nl/coordinatie/").content.decode()
    assert "No referral waits longer" in content or "wacht langer" in content


@pytest.mark.parametrize("person", ["owner", "social_worker", "viewer", "volunteer"])
def test_only_coordinators_have_a_cockpit(client, cast, person):
    client.force_login(cast[person])
    assert client.get("/nl/coordinatie/").status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/nl/coordinatie/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_the_menu_shows_the_cockpit_to_coordinators_only(client, cast, coordinator):
    client.force_login(coordinator)
    assert 'href="/nl/coordinatie/"' in client.get("/nl/").content.decode()
    client.force_login(cast.social_worker)
    page = client.get("/nl/")
    assert page.status_code == 200
    assert 'href="/nl/coordinatie/"' not in page.content.decode()


def test_a_coordinator_lands_on_the_cockpit_after_login(rf, coordinator):
    from django.contrib.sessions.backends.db import SessionStore

    from huisvanhetkind.accounts import InvitationOnlyAccountAdapter

    request = rf.get("/nl/account/login/")
    request.user = coordinator
    request.session = SessionStore()
    assert (
        InvitationOnlyAccountAdapter(request).get_login_redirect_url(request) == "/nl/coordinatie/"
    )
