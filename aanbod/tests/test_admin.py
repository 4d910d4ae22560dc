import pytest
from django.contrib.messages import get_messages

from aanbod.choices import OfferStatus
from aanbod.models import NeedWord, Synonym
from partners.choices import Role
from partners.tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    network, other_network = NetworkFactory(), NetworkFactory()
    own_org = OrganisationFactory(networks=[network])
    users = {role: UserFactory(is_staff=True) for role in ("coordinator", "editor", "viewer")}
    MembershipFactory(user=users["coordinator"], role=Role.COORDINATOR, network=network)
    MembershipFactory(user=users["editor"], role=Role.PARTNER_EDITOR, organisation=own_org)
    MembershipFactory(user=users["viewer"], role=Role.VIEWER, network=network)
    own = OfferFactory(organisation=own_org, networks=[network], status=OfferStatus.IN_REVIEW)
    far_org = OrganisationFactory(networks=[other_network])
    far = OfferFactory(organisation=far_org, networks=[other_network])
    return users, own, far


def test_partner_editor_sees_only_its_own_offers_in_the_admin(client, world):
    users, own, _far = world
    client.force_login(users["editor"])
    response = client.get("/admin/aanbod/offer/")
    assert [row.pk for row in response.context["cl"].result_list] == [own.pk]


def test_coordinator_cannot_open_another_networks_offer(client, world):
    users, own, far = world
    client.force_login(users["coordinator"])
    assert client.get(f"/admin/aanbod/offer/{own.pk}/change/").status_code == 200
    assert client.get(f"/admin/aanbod/offer/{far.pk}/change/").status_code == 302


def test_viewer_gets_403_on_offers_and_synonyms(client, world):
    users, _own, _far = world
    client.force_login(users["viewer"])
    assert client.get("/admin/aanbod/offer/").status_code == 403
    assert client.get("/admin/aanbod/synonym/").status_code == 403


def test_coordinator_sends_back_with_a_remark_through_the_admin_action(client, world):
    users, own, _far = world
    client.force_login(users["coordinator"])
    data = {"action": "send_back", "_selected_action": [own.pk]}
    form = client.post("/admin/aanbod/offer/", data)
    assert form.status_code == 200 and b'name="remark"' in form.content
    client.post("/admin/aanbod/offer/", {**data, "apply": "1", "remark": "Voeg uren toe."})
    own.refresh_from_db()
    assert own.status == OfferStatus.DRAFT and own.review_remark == "Voeg uren toe."


def test_coordinator_approves_through_the_admin_action(client, world):
    users, own, _far = world
    client.force_login(users["coordinator"])
    client.post("/admin/aanbod/offer/", {"action": "approve", "_selected_action": [own.pk]})
    own.refresh_from_db()
    assert own.status == OfferStatus.PUBLISHED


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_an_admin_action_warns_per_offer_it_cannot_change_and_does_the_rest(client, world):
    users, own, _far = world
    draft = OfferFactory(
        organisation=own.organisation, networks=list(own.networks.all()), status=OfferStatus.DRAFT
    )
    client.force_login(users["coordinator"])
    response = client.post(
        "/admin/aanbod/offer/",
        {"action": "approve", "_selected_action": [own.pk, draft.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    own.refresh_from_db()
    draft.refresh_from_db()
    assert (own.status, draft.status) == (OfferStatus.PUBLISHED, OfferStatus.DRAFT)
    assert sorted(_messages(response)) == [
        ("success", "1 offer published."),
        ("warning", f"{draft}: Only an offer in review can be published."),
    ]


def test_a_partner_editor_approving_in_the_admin_is_told_they_may_not(client, world):
    users, own, _far = world
    client.force_login(users["editor"])
    response = client.post(
        "/admin/aanbod/offer/",
        {"action": "approve", "_selected_action": [own.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    own.refresh_from_db()
    assert own.status == OfferStatus.IN_REVIEW
    assert _messages(response) == [("warning", f"{own}: You may not do this.")]


def test_coordinator_adds_a_synonym_stored_without_accents(client, world):
    users, _own, _far = world
    client.force_login(users["coordinator"])
    response = client.post(
        "/admin/aanbod/synonym/add/", {"term": "Crèche", "expands_to": "Kinderopvang"}
    )
    assert response.status_code == 302
    assert Synonym.objects.filter(term="creche", expands_to="kinderopvang").exists()


def test_coordinator_adds_a_need_word_stored_as_search_compares_it(client, world):
    users, _own, _far = world
    client.force_login(users["coordinator"])
    response = client.post(
        "/admin/aanbod/needword/add/",
        {"language": "ar", "word": "الكِرِش", "catalogue_terms": "Kinderopvang", "life_domain": ""},
    )
    assert response.status_code == 302
    assert NeedWord.objects.filter(
        language="ar", word="كرش", catalogue_terms="kinderopvang"
    ).exists()


def test_partner_editor_gets_403_on_need_words(client, world):
    users, _own, _far = world
    client.force_login(users["editor"])
    assert client.get("/admin/aanbod/needword/").status_code == 403
